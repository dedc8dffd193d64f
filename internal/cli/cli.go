// Package cli is gotrace's command line: strace's options, parsed into one
// tracer.Config.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/user"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/gotrace/gotrace/internal/filter"
	"github.com/gotrace/gotrace/internal/printer"
	"github.com/gotrace/gotrace/internal/tracer"
)

// Version is gotrace's version, set at build time with -ldflags -X.
var Version = "0.1.0"

// exitError carries the exit status of the traced command.
type exitError struct{ code int }

func (e *exitError) Error() string { return "exit status " + strconv.Itoa(e.code) }

type options struct {
	follow  int
	exprs   []string
	output  string
	strSize int
	pids    []string
	version bool
	record  string
	ring    int
	times   int
	rel     bool
	durs    bool
	column  int
	quiet   int
	appendO bool
	env     []string
	user    string
	count   bool
	countT  bool
	sortBy  string
	wall    bool
	okOnly  bool
	errOnly bool
	class   classroomOptions
}

// NewRootCommand returns the gotrace command.
func NewRootCommand(stdout, stderr io.Writer) *cobra.Command {
	var o options
	cmd := &cobra.Command{
		Use:   "gotrace [-fqrtT] [-a COLUMN] [-e EXPR]... [-o FILE] [-s STRSIZE] { -p PID | [--] PROG [ARGS] }",
		Short: "trace system calls and signals, with eBPF",
		Long: `gotrace traces the system calls and signals of a command, or of running
processes, and prints them as strace does. It follows the tasks from the
kernel with eBPF instead of stopping them with ptrace.`,
		Example: `  sudo gotrace -f -- ./prog           trace a command and its children
  sudo gotrace -p 1234                 trace a running process (Ctrl-C detaches)
  sudo gotrace -f -e trace=clone,execve -o trace.txt -- make`,
		Args:          cobra.ArbitraryArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.version {
				fmt.Fprintf(stdout, "gotrace -- version %s\n", Version)
				return nil
			}
			cfg, closeOut, err := o.config(args, stderr)
			if err != nil {
				return err
			}
			endClass, err := o.class.apply(&cfg)
			if err != nil {
				closeOut()
				return err
			}
			code, err := tracer.Run(cfg)
			if cerr := endClass(); err == nil {
				err = cerr
			}
			if cerr := closeOut(); err == nil && cerr != nil {
				err = fmt.Errorf("write %s: %w", o.output, cerr)
			}
			if err != nil {
				return err
			}
			if code != 0 {
				return &exitError{code}
			}
			return nil
		},
	}
	cmd.SetOut(stdout)
	cmd.SetErr(stderr)
	cmd.AddCommand(newTreeCommand(stdout))
	cmd.CompletionOptions.DisableDefaultCmd = true
	f := cmd.Flags()
	f.SetInterspersed(false) // options after PROG belong to PROG
	f.CountVarP(&o.follow, "follow-forks", "f", "trace child processes and threads as they are created")
	f.StringArrayVarP(&o.exprs, "expr", "e", nil, "qualifying expression: [trace=][!]SYSCALL[,SYSCALL]... or signal=[!]SIG[,SIG]...; all, none")
	f.StringVarP(&o.output, "output", "o", "", "write the trace to `FILE` instead of stderr")
	f.IntVarP(&o.strSize, "string-limit", "s", 32, "show at most `STRSIZE` bytes of strings and buffers")
	f.StringArrayVarP(&o.pids, "attach", "p", nil, "trace the running process `PID` and its threads (repeatable, or comma-separated)")
	f.BoolVarP(&o.version, "version", "V", false, "print the version and exit")
	f.CountVarP(&o.times, "absolute-timestamps", "t", "prefix lines with the time of day (-tt: with microseconds, -ttt: seconds since the epoch)")
	f.BoolVarP(&o.rel, "relative-timestamps", "r", false, "prefix lines with the time since the previous line")
	f.BoolVarP(&o.durs, "syscall-times", "T", false, "show the time spent in each syscall")
	f.IntVarP(&o.column, "columns", "a", printer.DefaultColumn, "align return values at `COLUMN`")
	f.CountVarP(&o.quiet, "quiet", "q", "no attach/detach messages (-qq: no exit status lines either)")
	f.BoolVarP(&o.count, "summary-only", "c", false, "count time, calls and errors of each syscall in the kernel and print only the table")
	f.BoolVarP(&o.countT, "summary", "C", false, "like -c, and print the trace too")
	f.StringVarP(&o.sortBy, "summary-sort-by", "S", "time", "sort the -c table by `SORTBY`: time, calls, errors, name or nothing")
	f.BoolVarP(&o.wall, "summary-wall-clock", "w", false, "-c times are the time between entry and exit (gotrace always counts so)")
	f.BoolVarP(&o.okOnly, "successful-only", "z", false, "print only syscalls that returned without an error (-e status=successful)")
	f.BoolVarP(&o.errOnly, "failed-only", "Z", false, "print only syscalls that returned an error (-e status=failed)")
	f.BoolVarP(&o.appendO, "output-append-mode", "A", false, "append to the -o file instead of truncating it")
	f.StringArrayVarP(&o.env, "env", "E", nil, "run the command with `VAR=VAL` in its environment, or without VAR (repeatable)")
	f.StringVarP(&o.user, "user", "u", "", "run the command as `USERNAME` (its uid, gid and groups)")
	f.IntVar(&o.ring, "ring-buffer-size", 8<<20, "size in `BYTES` of the kernel's ring buffer (a power of two, at least the page size)")
	addClassroomFlags(f, &o.class)
	f.StringVar(&o.record, "record", "", "also write the kernel's raw records to `FILE` (for bug reports and golden tests)")
	return cmd
}

// config validates the options and opens the output.
func (o *options) config(args []string, stderr io.Writer) (tracer.Config, func() error, error) {
	noClose := func() error { return nil }
	if o.follow > 1 {
		return tracer.Config{}, noClose, errors.New("-ff (one output file per process) is not available yet; use -f")
	}
	if o.strSize < 0 {
		return tracer.Config{}, noClose, fmt.Errorf("invalid -s argument: '%d'", o.strSize)
	}
	page := os.Getpagesize()
	if o.ring < page || o.ring&(o.ring-1) != 0 {
		return tracer.Config{}, noClose, fmt.Errorf("invalid --ring-buffer-size: '%d' (a power of two, at least %d)", o.ring, page)
	}
	if o.column < 0 {
		return tracer.Config{}, noClose, fmt.Errorf("invalid -a argument: '%d'", o.column)
	}
	if o.times > printer.EpochMicro {
		o.times = printer.EpochMicro
	}
	pids, err := parsePids(o.pids)
	if err != nil {
		return tracer.Config{}, noClose, err
	}
	if len(args) == 0 && len(pids) == 0 {
		return tracer.Config{}, noClose, errors.New("must have PROG [ARGS] or -p PID (see gotrace -h)")
	}
	if len(args) > 0 && len(pids) > 0 {
		return tracer.Config{}, noClose, errors.New("give either PROG [ARGS] or -p PID, not both")
	}
	exprs := o.exprs
	switch {
	case o.okOnly && o.errOnly:
		exprs = append(exprs, "status=successful,failed")
	case o.okOnly:
		exprs = append(exprs, "status=successful")
	case o.errOnly:
		exprs = append(exprs, "status=failed")
	}
	sel, err := filter.Parse(exprs)
	if err != nil {
		return tracer.Config{}, noClose, err
	}
	var showStatus func(filter.Status) bool
	if !sel.AllStatuses() {
		showStatus = func(s filter.Status) bool { return sel.Statuses[s] }
	}
	if len(pids) > 0 && (o.user != "" || len(o.env) > 0) {
		return tracer.Config{}, noClose, errors.New("-u and -E apply to a command gotrace runs, not to -p")
	}
	cred, err := credential(o.user)
	if err != nil {
		return tracer.Config{}, noClose, err
	}
	sortBy, err := printer.SortKey(o.sortBy)
	if err != nil {
		return tracer.Config{}, noClose, err
	}
	cfg := tracer.Config{
		Command:  args,
		Pids:     pids,
		Follow:   o.follow > 0,
		Selected: sel.Syscalls,
		RingSize: uint32(o.ring),
		Printer: printer.Options{
			StrSize:    o.strSize,
			Column:     o.column,
			Timestamps: o.times,
			Relative:   o.rel,
			Durations:  o.durs,
			HideExits:  o.quiet >= 2,
			ShowSignal: sel.Signals.Has,
			ShowStatus: showStatus,
		},
		Quiet:       o.quiet > 0,
		Env:         commandEnv(os.Environ(), o.env),
		Credential:  cred,
		Summary:     o.countT,
		SummaryOnly: o.count && !o.countT,
		SortBy:      sortBy,
		Output:      stderr,
		Notices:     stderr,
		// with no -o the trace and the notices share stderr
		NoticesShare: true,
	}
	var files []*os.File
	closeAll := func() error {
		var errs []error
		for _, f := range files {
			errs = append(errs, f.Close())
		}
		return errors.Join(errs...)
	}
	if o.output != "" {
		mode := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
		if o.appendO {
			mode = os.O_WRONLY | os.O_CREATE | os.O_APPEND
		}
		out, err := os.OpenFile(o.output, mode, 0o666)
		if err != nil {
			return tracer.Config{}, noClose, fmt.Errorf("open output file: %w", err)
		}
		files = append(files, out)
		cfg.Output, cfg.OutputIsFile, cfg.NoticesShare = out, true, false
	}
	if o.record != "" {
		rec, err := os.Create(o.record)
		if err != nil {
			closeAll()
			return tracer.Config{}, noClose, fmt.Errorf("open recording file: %w", err)
		}
		files = append(files, rec)
		cfg.Record = rec
	}
	return cfg, closeAll, nil
}

// commandEnv applies -E: VAR=VAL sets VAR, VAR alone removes it.
func commandEnv(environ, changes []string) []string {
	if len(changes) == 0 {
		return nil // the command inherits gotrace's environment
	}
	env := slices.Clone(environ)
	for _, c := range changes {
		name, _, _ := strings.Cut(c, "=")
		env = slices.DeleteFunc(env, func(kv string) bool { return strings.HasPrefix(kv, name+"=") })
		if strings.Contains(c, "=") {
			env = append(env, c)
		}
	}
	return env
}

// credential applies -u: the user's uid, primary gid and groups, so that
// "sudo gotrace -u alice -- prog" does not run prog as root.
func credential(name string) (*syscall.Credential, error) {
	if name == "" {
		return nil, nil
	}
	u, err := user.Lookup(name)
	if err != nil {
		return nil, fmt.Errorf("-u: %w", err)
	}
	uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
	gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err := errors.Join(err1, err2); err != nil {
		return nil, fmt.Errorf("-u %s: %w", name, err)
	}
	cred := &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	groups, err := u.GroupIds()
	if err != nil {
		return nil, fmt.Errorf("-u %s: groups: %w", name, err)
	}
	for _, g := range groups {
		id, err := strconv.ParseUint(g, 10, 32)
		if err != nil {
			return nil, fmt.Errorf("-u %s: group %q: %w", name, g, err)
		}
		cred.Groups = append(cred.Groups, uint32(id))
	}
	return cred, nil
}

// parsePids reads -p values: each a pid or a list separated by commas or
// spaces, as strace accepts.
func parsePids(values []string) ([]int, error) {
	var pids []int
	for _, v := range values {
		for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
			pid, err := strconv.Atoi(f)
			if err != nil || pid <= 0 {
				return nil, fmt.Errorf("invalid process id: '%s'", f)
			}
			pids = append(pids, pid)
		}
	}
	return pids, nil
}

// Main runs gotrace with args and returns its exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	cmd := NewRootCommand(stdout, stderr)
	if len(args) > 0 && args[0] != "tree" && args[0] != "-h" && args[0] != "--help" {
		// "tree" is the subcommand only as the first word: cobra would
		// take it anywhere, as in "gotrace -f tree" tracing tree(1)
		cmd.ResetCommands()
	}
	cmd.SetArgs(args)
	err := cmd.Execute()
	var ee *exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.code
	case errors.Is(err, syscall.EPIPE):
		// the reader of the trace went away: end quietly, as a
		// process killed by SIGPIPE would
		return 128 + int(syscall.SIGPIPE)
	default:
		fmt.Fprintf(stderr, "gotrace: %v\n", err)
		return 1
	}
}
