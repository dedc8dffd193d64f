package cli

import (
	"errors"
	"fmt"
	"os/user"
	"strconv"

	"github.com/spf13/pflag"

	"github.com/gotrace/gotrace/bpf"
	"github.com/gotrace/gotrace/internal/container"
	"github.com/gotrace/gotrace/internal/tracer"
)

// selectOptions choose tasks in the kernel instead of naming them:
// --descendants, --cgroup, --container, --all with --comm and --uid.
type selectOptions struct {
	descendants bool
	cgroup      string
	container   string
	all         bool
	comms       []string
	uid         string
	context     string
}

func addSelectFlags(f *pflag.FlagSet, o *selectOptions) {
	f.BoolVar(&o.descendants, "descendants", false, "with -p PID: also trace every process and thread descending from PID (with -f, those created later too)")
	f.StringVar(&o.cgroup, "cgroup", "", "trace every task in the cgroup v2 directory `PATH` and below it, including tasks that enter later (absolute, or relative to the cgroup2 mount)")
	f.StringVar(&o.container, "container", "", "trace every task of the container `NAME|ID` (found with podman, docker, nerdctl or crictl), including those exec'd into it later")
	f.BoolVar(&o.all, "all", false, "trace every process on the machine but gotrace (narrow with --comm, --uid, -e, -P)")
	f.StringArrayVar(&o.comms, "comm", nil, "with --all: only processes named `NAME` (as /proc/PID/comm; repeatable)")
	f.StringVar(&o.uid, "uid", "", "with --all: only processes whose effective user is `UID` (a number or a name)")
	f.StringVar(&o.context, "context", "", "start each line with `WHAT`: container (its name, with --container)")
}

// chooses reports whether the options pick the tasks without PROG or -p.
func (o *selectOptions) chooses() bool {
	return o.cgroup != "" || o.container != "" || o.all
}

// apply resolves the selection into cfg. filtering is -P or --trace-fds:
// with --all, the exits and signals of every process on the machine would
// bury the calls asked for, and do not print.
func (o *selectOptions) apply(cfg *tracer.Config, filtering bool) error {
	if !o.chooses() && !o.descendants && len(o.comms) == 0 && o.uid == "" && o.context == "" {
		return nil
	}
	sel := &tracer.Selection{All: o.all, Comms: o.comms, UID: -1, Descendants: o.descendants}
	if o.descendants && len(cfg.Pids) == 0 {
		return errors.New("--descendants needs -p PID, whose subtree it traces")
	}
	if o.cgroup != "" && o.container != "" {
		return errors.New("give either --cgroup or --container, not both")
	}
	if len(o.comms) > bpf.SelectComms {
		return fmt.Errorf("at most %d --comm names", bpf.SelectComms)
	}
	for _, c := range o.comms {
		if len(c) >= bpf.CommLen {
			return fmt.Errorf("--comm %s: the kernel keeps only %d bytes of a task's name", c, bpf.CommLen-1)
		}
	}
	if o.uid != "" {
		uid, err := parseUID(o.uid)
		if err != nil {
			return err
		}
		sel.UID = uid
	}
	if o.cgroup != "" || o.container != "" {
		mount, err := container.HostV2Mount()
		if err != nil {
			return err
		}
		if o.container != "" {
			c, err := container.NewFinder(mount).Find(o.container)
			if err != nil {
				return err
			}
			sel.Container, sel.Cgroup = &c, &c.Cgroup
			cfg.Printer.Container = c.Label()
		} else {
			cg, err := container.OpenCgroup(mount, o.cgroup)
			if err != nil {
				return err
			}
			sel.Cgroup = &cg
		}
	}
	if sel.Cgroup != nil {
		cfg.Printer.CgroupID = sel.Cgroup.ID
	}
	switch o.context {
	case "":
	case "container":
		if sel.Container == nil {
			return errors.New("--context=container needs --container")
		}
		cfg.Printer.LinePrefix = "[" + sel.Container.Label() + "] "
	default:
		return fmt.Errorf("invalid --context argument: '%s' (container)", o.context)
	}
	if o.all && filtering {
		cfg.Printer.HideExits = true
		cfg.Printer.ShowSignal = func(int) bool { return false }
	}
	cfg.Select = sel
	return nil
}

// parseUID reads --uid: a number, or a user's name.
func parseUID(s string) (int, error) {
	if n, err := strconv.ParseUint(s, 10, 32); err == nil {
		return int(n), nil
	}
	u, err := user.Lookup(s)
	if err != nil {
		return 0, fmt.Errorf("--uid: %w", err)
	}
	n, err := strconv.Atoi(u.Uid)
	if err != nil {
		return 0, fmt.Errorf("--uid %s: %w", s, err)
	}
	return n, nil
}
