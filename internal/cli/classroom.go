package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/explain"
	"github.com/gotrace/gotrace/internal/filter"
	"github.com/gotrace/gotrace/internal/perfetto"
	"github.com/gotrace/gotrace/internal/pidns"
	"github.com/gotrace/gotrace/internal/printer"
	"github.com/gotrace/gotrace/internal/proctree"
	"github.com/gotrace/gotrace/internal/tracer"
)

// classroomOptions are the options that show how tasks are made: --explain
// and --perfetto on the trace.
type classroomOptions struct {
	explain  bool
	perfetto string
	pidns    bool
}

func addClassroomFlags(f *pflag.FlagSet, o *classroomOptions) {
	f.BoolVar(&o.explain, "explain", false, "after each process, thread, namespace and exec related syscall, say in plain language what it did")
	f.BoolVar(&o.pidns, "pidns-translation", false, "print the pids of tracees in child pid namespaces as gotrace's namespace sees them too")
	f.StringVar(&o.perfetto, "perfetto", "", "also write the trace as a timeline to `FILE` (Chrome trace-event JSON, for ui.perfetto.dev)")
}

// apply hooks the options into cfg; the returned function ends the
// timeline and closes its file.
func (o *classroomOptions) apply(cfg *tracer.Config) (func() error, error) {
	if o.explain {
		cfg.Printer.Explain = explain.Append
	}
	if o.pidns {
		m := pidns.New()
		for _, ev := range attachedPidNS(cfg.Pids) {
			m.Handle(&ev)
		}
		cfg.Printer.PidNote = m.AppendNote
		cfg.Observers = append(cfg.Observers, m)
	}
	if o.perfetto == "" {
		return func() error { return nil }, nil
	}
	f, err := os.Create(o.perfetto)
	if err != nil {
		return nil, fmt.Errorf("open perfetto file: %w", err)
	}
	pw := perfetto.New(f, cfg.Printer)
	cfg.Observers = append(cfg.Observers, pw)
	return func() error {
		err := pw.Close()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("write %s: %w", o.perfetto, err)
		}
		return nil
	}, nil
}

// newTreeCommand is "gotrace tree": trace a command or processes and their
// children, quietly, and print the tree of tasks when they are gone.
func newTreeCommand(stdout io.Writer) *cobra.Command {
	var output string
	var pids []string
	var sel selectOptions
	cmd := &cobra.Command{
		Use:   "tree [-o FILE] { -p PID | --container NAME | --cgroup PATH | [--] PROG [ARGS] }",
		Short: "print the tree of the processes and threads a command creates",
		Long: `gotrace tree runs a command (or attaches to processes) and follows every
process and thread they create. When they are all gone, or on Ctrl-C, it
prints their tree: how each task was created (fork, vfork, clone, clone3 and
its flags), whether it is a process or a thread, the namespaces it created or
joined, its execs, and how it ended. With one -p PID, the processes that
descend from PID are traced and shown too; with --container or --cgroup,
every task in it, under a line naming it.`,
		Example: `  sudo gotrace tree -- ./prog
  sudo gotrace tree -o tree.txt -p 1234
  sudo gotrace tree --container web`,
		Args:          cobra.ArbitraryArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			ids, err := parsePids(pids)
			if err != nil {
				return err
			}
			if len(args) == 0 && len(ids) == 0 && !sel.chooses() {
				return errors.New("must have PROG [ARGS] or -p PID (see gotrace tree -h)")
			}
			if len(args) > 0 && len(ids) > 0 {
				return errors.New("give either PROG [ARGS] or -p PID, not both")
			}
			// one process: its subtree, as it is and as it grows
			sel.descendants = len(ids) == 1
			var cfg tracer.Config
			cfg.Pids = ids
			if err := sel.apply(&cfg, false); err != nil {
				return err
			}
			out, style := stdout, proctree.StyleFor(os.Getenv)
			if output != "" {
				f, err := os.Create(output)
				if err != nil {
					return fmt.Errorf("open output file: %w", err)
				}
				defer f.Close()
				out = f
			}
			b := proctree.New()
			// what runs once the trace has begun: the tasks the kernel
			// side selected and who made whom
			var running func() []int
			switch {
			case cfg.Select != nil && cfg.Select.Cgroup != nil:
				b.Group = cfg.Select.Describe()
				running = func() []int { return cgroupProcs(cfg.Select.Cgroup.Dir) }
			case sel.descendants:
				running = func() []int { return subtree(ids[0]) }
			}
			attached := func() {
				if running != nil {
					addRunning(b, running())
				}
				// the tree comes at the end: say that it has begun
				if b.Group != "" {
					fmt.Fprintf(cmd.ErrOrStderr(), "gotrace: Tracing %s\n", b.Group)
				}
				for _, pid := range ids {
					fmt.Fprintf(cmd.ErrOrStderr(), "gotrace: Process %d attached\n", pid)
				}
			}
			// the names of the tasks attached to, before they may end
			comms := map[uint32]string{}
			for _, pid := range ids {
				tasks, _ := os.ReadDir("/proc/" + strconv.Itoa(pid) + "/task")
				for _, task := range tasks {
					if tid, err := strconv.ParseUint(task.Name(), 10, 32); err == nil {
						comms[uint32(tid)] = procComm(uint32(tid))
					}
				}
			}
			b.Comm = func(tid uint32) string {
				if c, ok := comms[tid]; ok {
					return c
				}
				return procComm(tid)
			}
			for _, ev := range attachedPidNS(ids) {
				b.Handle(&ev)
			}
			// only what the tree is made of: fork, exec and exit records
			// come whatever the selection
			sel, err := filter.Parse([]string{"trace=" + treeSyscalls})
			if err != nil {
				return err
			}
			code, err := tracer.Run(tracer.Config{
				Command:  args,
				Pids:     ids,
				Follow:   true,
				Selected: sel.Syscalls,
				RingSize: 8 << 20,
				// whole argv strings for the execs
				Printer:   printer.Options{StrSize: treeStrSize},
				Output:    io.Discard,
				Notices:   io.Discard,
				Quiet:     true,
				Observers: []tracer.Observer{b},
				Select:    cfg.Select,
				Attached:  attached,
			})
			// Ctrl-C: the tree so far, then die by the signal
			var interrupted *tracer.Interrupted
			if errors.As(err, &interrupted) {
				err = nil
			}
			if err != nil {
				return err
			}
			if err := b.Write(out, style); err != nil {
				return fmt.Errorf("write tree: %w", err)
			}
			if interrupted != nil {
				return interrupted
			}
			if code != 0 {
				return &exitError{code}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.SetInterspersed(false)
	f.StringVarP(&output, "output", "o", "", "write the tree to `FILE` instead of stdout")
	f.StringArrayVarP(&pids, "attach", "p", nil, "attach to the process with the process ID `PID`, its threads and (given once) its descendants")
	f.StringVar(&sel.container, "container", "", "trace every task of the container `NAME|ID` (podman, docker, nerdctl, crictl)")
	f.StringVar(&sel.cgroup, "cgroup", "", "trace every task of the cgroup v2 directory `PATH`")
	return cmd
}

// treeSyscalls are the calls whose arguments the tree shows.
const treeSyscalls = "fork,vfork,clone,clone3,execve,execveat,unshare,setns"

// treeStrSize is how much of each exec argument the tree shows.
const treeStrSize = 256

// procComm is a running task's name, for tasks traced from the start.
func procComm(tid uint32) string {
	comm, err := os.ReadFile("/proc/" + strconv.FormatUint(uint64(tid), 10) + "/comm")
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(string(comm), "\n")
}

// attachedPidNS describes, as the kernel side does for new tasks, the
// threads of the -p processes that live in a child pid namespace: their
// ids there (the last of /proc/TID/status NSpid) and the namespace's inode.
func attachedPidNS(pids []int) []decoder.Event {
	var evs []decoder.Event
	for _, pid := range pids {
		dir := "/proc/" + strconv.Itoa(pid) + "/task/"
		tasks, _ := os.ReadDir(dir)
		for _, task := range tasks {
			tid, err := strconv.ParseUint(task.Name(), 10, 32)
			if err != nil {
				continue
			}
			status, err := os.ReadFile(dir + task.Name() + "/status")
			if err != nil {
				continue
			}
			tgid, nstid, nstgid, level := nsIDs(string(status))
			link, err := os.Readlink(dir + task.Name() + "/ns/pid")
			if err != nil || level == 0 {
				continue
			}
			inum, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimPrefix(link, "pid:["), "]"), 10, 32)
			if err != nil {
				continue
			}
			evs = append(evs, decoder.Event{Type: decoder.PidNS, Tid: uint32(tid), Tgid: tgid,
				NsTid: nstid, NsTgid: nstgid, NsInum: uint32(inum), NsLevel: level})
		}
	}
	return evs
}

// nsIDs reads Tgid, and the innermost NSpid and NStgid, from a status file;
// level is how many namespaces below the host's the task is.
func nsIDs(status string) (tgid, nstid, nstgid, level uint32) {
	last := func(fields []string) uint32 {
		v, _ := strconv.ParseUint(fields[len(fields)-1], 10, 32)
		return uint32(v)
	}
	for _, line := range strings.Split(status, "\n") {
		name, value, _ := strings.Cut(line, ":")
		f := strings.Fields(value)
		if len(f) == 0 {
			continue
		}
		switch name {
		case "Tgid":
			tgid = last(f)
		case "NSpid":
			nstid, level = last(f), uint32(len(f)-1)
		case "NStgid":
			nstgid = last(f)
		}
	}
	return tgid, nstid, nstgid, level
}
