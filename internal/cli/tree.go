package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gotrace/gotrace/internal/filter"
	"github.com/gotrace/gotrace/internal/format"
	"github.com/gotrace/gotrace/internal/printer"
	"github.com/gotrace/gotrace/internal/proctree"
	"github.com/gotrace/gotrace/internal/tracer"
)

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
				Printer:   printer.Options{Options: format.Options{StrSize: treeStrSize}},
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
