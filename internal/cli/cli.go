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
	"golang.org/x/sys/unix"

	"github.com/gotrace/gotrace/internal/fdpath"
	"github.com/gotrace/gotrace/internal/filter"
	"github.com/gotrace/gotrace/internal/format"
	"github.com/gotrace/gotrace/internal/printer"
	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/tracer"
	"github.com/gotrace/gotrace/internal/xlat"
)

// Version is gotrace's version, set at build time with -ldflags -X.
var Version = "0.1.0"

// exitError carries the exit status of the traced command.
type exitError struct{ code int }

func (e *exitError) Error() string { return "exit status " + strconv.Itoa(e.code) }

type options struct {
	follow       int
	exprs        []string
	output       string
	strSize      int
	verbose      bool   // -v
	xlatStyle    string // -X
	hex          int    // -x count
	stringsInHex string // --strings-in-hex
	pids         []int
	version      bool
	record       string
	ring         int
	times        int
	tsFormat     int // --timestamps' format so far, -1 before one
	rel          bool
	durs         bool
	column       int
	quiet        int
	appendO      bool
	env          []string
	user         string
	count        bool
	countT       bool
	sortBy       string
	wall         bool
	okOnly       bool
	errOnly      bool
	fds          int
	alwaysPid    bool
	json         bool
	noDrop       bool
	columns      string
	color        string
	stacks       stackOptions
	// separately is --output-separately: -f's tasks each to FILE.PID
	separately bool
	absPrec    printer.Precision
	relPrec    printer.Precision
	durPrec    printer.Precision
	paths      []string
	fdSet      string
	extras     extraOptions
	sel        selectOptions
	analysis   analysisOptions
	strace     straceOptions
	// name is how gotrace was started (argv[0]), which its messages
	// start with, as strace's do
	name string
}

// NewRootCommand returns the gotrace command.
func NewRootCommand(stdout, stderr io.Writer) *cobra.Command {
	return newRootCommand("gotrace", stdout, stderr)
}

// newRootCommand returns the gotrace command, started as name.
func newRootCommand(name string, stdout, stderr io.Writer) *cobra.Command {
	o := &options{strSize: 32, column: printer.DefaultColumn, xlatStyle: "abbrev", sortBy: "time", tsFormat: -1, name: name}
	o.strace.tips.id = tipRandom
	cmd := &cobra.Command{
		Use:   "gotrace [-fqrtT] [-a COLUMN] [-e EXPR]... [-o FILE] [-s STRSIZE] { -p PID | [--] PROG [ARGS] }",
		Short: "trace system calls and signals, with eBPF",
		Long: `gotrace traces the system calls and signals of a command, or of running
processes, and prints them as strace does. It follows the tasks from the
kernel with eBPF instead of stopping them with ptrace.`,
		Example: `  sudo gotrace -f -- ./prog           trace a command and its children
  sudo gotrace -p 1234                 trace a running process (Ctrl-C detaches)
  sudo gotrace -f -e trace=clone,execve -o trace.txt -- make
  sudo gotrace -f --explain -- ./prog  say what each fork, clone and exec did
  sudo gotrace tree -- ./prog          the tree of processes and threads it made`,
		Args:          cobra.ArbitraryArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		// strace's getopt_long, not pflag's: abbreviated long options,
		// optional arguments only after "=", strace's messages
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			args, err := getopt(cmd.Flags(), args)
			if err != nil {
				return err
			}
			if o.strace.help {
				writeHelp(stdout, cmd)
				return nil
			}
			if o.version {
				fmt.Fprintf(stdout, "gotrace -- version %s\n", Version)
				return nil
			}
			cfg, closeOut, err := o.config(args, stderr)
			if err != nil {
				return err
			}
			endExtras, err := o.extras.apply(&cfg)
			if err != nil {
				closeOut()
				return err
			}
			code, err := tracer.Run(cfg)
			var ie *tracer.Interrupted
			if err == nil || errors.As(err, &ie) {
				o.strace.tips.printTip(stderr)
			}
			if cerr := endExtras(); err == nil {
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
	subHelp := cmd.HelpFunc()
	cmd.SetHelpFunc(func(c *cobra.Command, args []string) {
		if c.HasParent() { // gotrace tree -h: cobra's own layout
			subHelp(c, args)
			return
		}
		writeHelp(c.OutOrStdout(), c)
	})
	cmd.AddCommand(newTreeCommand(stdout))
	cmd.CompletionOptions.DisableDefaultCmd = true
	f := cmd.Flags()
	f.SortFlags = false      // -h lists them in groups, in this order
	f.SetInterspersed(false) // options after PROG belong to PROG
	f.VarPF(followValue{&o.follow, &o.strace.followLong}, "follow-forks", "f", "trace child processes and threads as they are created (-ff with -o FILE: each into FILE.PID)").NoOptDefVal = repeated
	f.BoolVar(&o.separately, "output-separately", false, "with -f and -o FILE, write each task's trace to FILE.PID (as -ff)")
	f.VarP(exprValue{o, ""}, "expr", "e", "a qualifying expression `EXPR`: [trace=][!]SYSCALL|%CLASS|/REGEX[,...], signal=[!]SIG[,...], status=successful|failed|unfinished[,...], quiet=, read=, write=, decode-fds=, decode-pids=; all, none")
	f.Var(exprValue{o, "inject"}, "inject", "tamper with the syscalls of `SET`: SET:error=ERRNO|retval=N[:signal=SIG][:syscall=NAME][:delay_enter=T][:delay_exit=T][:poke_enter=@argN=HEX][:poke_exit=@argN=HEX][:when=FIRST[..LAST][+[STEP]]] (-e inject=)")
	f.Var(exprValue{o, "fault"}, "fault", "make the syscalls of `SET` fail: SET[:error=ERRNO][:when=WHEN], ENOSYS by default (-e fault=)")
	f.StringVarP(&o.output, "output", "o", "", "write the trace to `FILE` instead of stderr (|COMMAND or !COMMAND: to COMMAND's input)")
	f.VarP(uintValue{&o.strSize, 1<<30 - 1}, "string-limit", "s", "show at most `STRSIZE` bytes of strings and buffers")
	f.VarP(checkedValue{&o.xlatStyle, oneOf("abbrev", "raw", "verbose")}, "const-print-style", "X", "print named constants as `FORMAT`: abbrev (names), raw (numbers) or verbose (both)")
	f.VarP(exprFlag{o, "abbrev=none"}, "no-abbrev", "v", "print structs and environments whole, not abbreviated")
	f.CountVarP(&o.hex, "hex", "x", "print non-ASCII strings in hex (-xx: all strings)")
	f.VarPF(checkedValue{&o.stringsInHex, oneOf("none", "non-ascii-chars", "non-ascii", "all")}, "strings-in-hex", "", "which strings print in hex, `WHICH`: none, non-ascii-chars, non-ascii or all").NoOptDefVal = "all"
	f.VarP(pidsValue{&o.pids}, "attach", "p", "trace the running process `PID` and its threads (repeatable, or comma-separated)")
	f.BoolVarP(&o.version, "version", "V", false, "print the version and exit")
	o.timeFlags(f)
	f.VarP(uintValue{&o.column, 1<<31 - 1}, "columns", "a", "align return values at `COLUMN`")
	f.VarPF(quietValue{&o.quiet, o}, "quiet", "q", "no attach/detach messages (-qq: no exit status lines either); or silence `SET`: attach, exit, path-resolution, personality, thread-execve").NoOptDefVal = filter.QuietDefaults[1]
	alias(f, "silent", "quiet")
	alias(f, "silence", "quiet")
	f.VarP(summaryValue{o, false}, "summary-only", "c", "count time, calls and errors of each syscall in the kernel and print only the table")
	f.VarP(summaryValue{o, true}, "summary", "C", "like -c, and print the trace too")
	f.VarP(sortValue{o}, "summary-sort-by", "S", "sort the -c table by `SORTBY`: time, calls, errors, name, any -U column, or nothing")
	f.StringVarP(&o.columns, "summary-columns", "U", "", "show `COLUMNS` in the -c table: comma-separated time-percent, total-time, min-time, max-time, avg-time, calls, errors, name, wall-total, wall-min, wall-max, wall-avg, p50, p90, p99, p99.9")
	f.BoolVarP(&o.wall, "summary-wall-clock", "w", false, "-c times are the time between entry and exit (gotrace always counts so)")
	f.VarP(statusFlag{o, "successful"}, "successful-only", "z", "print only syscalls that returned without an error (-e status=successful)")
	f.VarP(statusFlag{o, "failed"}, "failed-only", "Z", "print only syscalls that returned an error (-e status=failed)")
	alias(f, "failing-only", "failed-only")
	f.VarPF(decodeFdsValue{o}, "decode-fds", "y", "print the path of each descriptor (-yy, or a `SET` other than path: also socket endpoints and device numbers)").NoOptDefVal = "path"
	f.StringArrayVarP(&o.paths, "trace-path", "P", nil, "trace only syscalls that use `PATH` or a descriptor of it (repeatable)")
	f.StringVar(&o.fdSet, "trace-fds", "", "trace only syscalls that use a descriptor of `SET` ([!]FD[,FD]..., all, none)")
	f.BoolVarP(&o.appendO, "output-append-mode", "A", false, "append to the -o file instead of truncating it")
	f.StringArrayVarP(&o.env, "env", "E", nil, "run the command with `VAR=VAL` in its environment, or without VAR (repeatable)")
	f.StringVarP(&o.user, "user", "u", "", "run the command as `USERNAME` (its uid, gid and groups)")
	addStackFlags(f, &o.stacks)
	f.StringVar(&o.color, "color", "auto", "colour syscall names, return values and errors: `WHEN` auto (on a terminal), always or never")
	f.BoolVar(&o.noDrop, "no-drop", false, "lose no event: pause a traced task while the ring buffer is half full (ptraces the tasks; see docs/no-drop.md)")
	f.BoolVar(&o.json, "json", false, "write one JSON object per line: syscalls, process events, signals (schema: docs/json.md)")
	f.BoolVar(&o.alwaysPid, "always-show-pid", false, "prefix every line with the pid, even with one task")
	f.IntVar(&o.ring, "ring-buffer-size", 8<<20, "size in `BYTES` of the kernel's ring buffer (a power of two, at least the page size)")
	o.straceFlags(f)
	addExtraFlags(f, &o.extras)
	addSelectFlags(f, &o.sel)
	addAnalysisFlags(f, &o.analysis)
	f.StringVar(&o.record, "record", "", "also write the kernel's raw records to `FILE` (for bug reports and golden tests)")
	return cmd
}

// config validates the options as strace does after reading them, with
// its messages in its order, and opens the output.
func (o *options) config(args []string, stderr io.Writer) (tracer.Config, func() error, error) {
	noClose := func() error { return nil }
	fail := func(err error) (tracer.Config, func() error, error) { return tracer.Config{}, noClose, err }
	warn := func(msg string) { fmt.Fprintf(stderr, "%s: %s\n", o.name, msg) }
	s := &o.strace
	pids := o.pids
	if len(args) == 0 && len(pids) == 0 && !o.sel.chooses() {
		return fail(usagef(true, "must have PROG [ARGS] or -p PID"))
	}
	if s.daemonLong != "" {
		if s.daemon > 0 {
			return fail(usagef(false, "-D and --daemonize cannot be provided simultaneously"))
		}
		s.daemon = 1
	}
	if len(args) == 0 && s.daemon > 0 {
		return fail(usagef(true, "PROG [ARGS] must be specified with -D/--daemonize"))
	}
	if s.daemon > 3 {
		return fail(usagef(true, "Too many -D's (%d), maximum supported -D count is 3", s.daemon))
	}
	if s.timesShort > 0 {
		if s.timesLong {
			return fail(usagef(false, "-t and --absolute-timestamps cannot be provided simultaneously"))
		}
		o.times = min(s.timesShort, printer.EpochMicro)
	}
	if o.stringsInHex != "" && o.hex > 0 {
		return fail(usagef(false, "-x and --strings-in-hex cannot be provided simultaneously"))
	}
	if s.yShort > 0 {
		if s.decodeFdLong > 0 {
			return fail(usagef(false, "-y and --decode-fds cannot be provided simultaneously"))
		}
		o.fds = int(fdpath.Paths)
		if s.yShort > 1 {
			o.fds = int(fdpath.Details)
		}
	}
	if s.seccomp && s.detachOn != "" {
		warn("--seccomp-bpf is not enabled because it is not compatible with -b")
		s.seccomp = false
	}
	follow, separately := s.followLong, o.separately
	if o.follow > 0 {
		switch {
		case s.followLong:
			return fail(usagef(false, "-f and --follow-forks cannot be provided simultaneously"))
		case o.follow >= 2 && o.separately:
			return fail(usagef(false, "-ff and --output-separately cannot be provided simultaneously"))
		}
		follow, separately = true, o.follow >= 2
	}
	if s.seccomp {
		if len(pids) > 0 && (len(args) == 0 || s.debug) {
			warn("--seccomp-bpf is not enabled for processes attached with -p")
		}
		if !follow {
			warn("--seccomp-bpf cannot be used without -f/--follow-forks, disabling")
		}
	}
	if s.optF {
		if follow {
			warn("deprecated option -F ignored")
		} else {
			warn("option -F is deprecated, please use -f/--follow-forks instead")
			follow = true
		}
	}
	// --histogram, --summary-interval and --summary-per-process imply -c
	counting := o.count || o.countT || o.analysis.counts()
	if separately && counting {
		return fail(usagef(true, "(-c/--summary-only or -C/--summary) and -ff/--output-separately are mutually exclusive"))
	}
	if o.wall && !counting {
		return fail(usagef(true, "-w/--summary-wall-clock must be given with (-c/--summary-only or -C/--summary)"))
	}
	if o.columns != "" && !counting {
		return fail(usagef(true, "-U/--summary-columns must be given with (-c/--summary-only or -C/--summary)"))
	}
	if s.sortSet && !counting {
		warn("-S/--summary-sort-by has no effect without (-c/--summary-only or -C/--summary)")
	}
	if o.count && !o.countT {
		for _, w := range []struct {
			on   bool
			what string
		}{
			{s.instrPtr, "-i/--instruction-pointer"},
			{s.syscallNr, "-n/--syscall-number"}, {o.rel, "-r/--relative-timestamps"},
			{o.times != printer.NoTimestamps, "-t/--absolute-timestamps"}, {o.durs, "-T/--syscall-times"},
			{o.fds > 0, "-y/--decode-fds"},
		} {
			if w.on {
				warn(w.what + " has no effect with -c/--summary-only")
			}
		}
	}
	if o.output == "" {
		if separately && !follow {
			warn("--output-separately has no effect without -o/--output")
		}
		if o.appendO {
			warn("-A/--output-append-mode has no effect without -o/--output")
		}
	}
	if s.zflags > 1 {
		warn("Only the last of -z/--successful-only/-Z/--failed-only options will take effect. See status qualifier for more complex filters.")
	}
	if s.quietLong && o.quiet == 0 {
		o.quiet = -1 // what -e quiet= says
	} else if o.quiet > 0 && s.quietLong {
		return fail(usagef(false, "-q and -e quiet/--quiet cannot be provided simultaneously"))
	}
	exprs, err := o.takeCLIQualifiers(o.exprs)
	if err != nil {
		return fail(err)
	}
	exprs, spec, err := takeInject(exprs, len(pids) > 0)
	if err != nil {
		return fail(hint(err, stderr))
	}
	if spec != nil && (len(o.paths) > 0 || o.fdSet != "") {
		return fail(errors.New("-e inject with -P or --trace-fds is not supported: strace tampers only with the calls they select, and gotrace's seccomp filter cannot tell paths or descriptors"))
	}
	if o.output != "" && len(args) > 0 && o.quiet == 0 {
		o.quiet = 1 // as strace: the trace goes to a file, the program keeps its stderr
	}
	if o.quiet > 0 {
		exprs = append(exprs, "quiet="+filter.QuietDefaults[min(o.quiet, 3)])
	}
	sel, err := filter.Parse(exprs)
	if err != nil {
		return fail(hint(err, stderr))
	}
	if err := o.refuseUnsupported(sel); err != nil {
		return fail(err)
	}
	var showStatus func(filter.Status) bool
	if !sel.AllStatuses() {
		showStatus = func(s filter.Status) bool { return sel.Statuses[s] }
	}
	if len(args) == 0 && (o.user != "" || len(o.env) > 0) {
		return fail(errors.New("-u and -E apply to a command gotrace runs, not to -p"))
	}
	page := os.Getpagesize()
	if o.ring < page || o.ring&(o.ring-1) != 0 {
		return fail(fmt.Errorf("invalid --ring-buffer-size: '%d' (a power of two, at least %d)", o.ring, page))
	}
	cred, err := credential(o.user)
	if err != nil {
		return fail(err)
	}
	quote := o.quoteMode()
	style, _ := xlat.ParseStyle(o.xlatStyle)
	sortBy, err := printer.SortKey(o.sortBy)
	if err != nil {
		return fail(err)
	}
	var columns []printer.SummaryColumn
	if o.columns != "" {
		if columns, err = printer.ParseSummaryColumns(o.columns); err != nil {
			return fail(usagef(true, "%v", err))
		}
	}
	cfg := tracer.Config{
		Name:     o.name,
		Command:  args,
		Pids:     pids,
		Follow:   follow,
		Selected: sel.Syscalls,
		RingSize: uint32(o.ring),
		Printer: printer.Options{
			Options: format.Options{
				StrSize:    o.strSize,
				Quote:      quote,
				Verbose:    o.verbose,
				Xlat:       style,
				BootOffset: bootOffset(),
				ShowSignal: sel.Signals.Has,
				ShowStatus: showStatus,
			},
			Column:         o.column,
			Timestamps:     o.times,
			Relative:       o.rel,
			Durations:      o.durs,
			SyscallNumbers: o.strace.syscallNr,
			// -i
			InstructionPointer: o.strace.instrPtr,
			DumpRead:           sel.Read,
			DumpWrite:          sel.Write,
			HideExits:          sel.Quiet.Has(filter.QuietExit),
			HideSuperseded:     sel.Quiet.Has(filter.QuietThreadExecve),

			// --timestamps=...,PRECISION, -r=PRECISION, -T=PRECISION
			AbsPrecision: o.absPrec,
			RelPrecision: o.relPrec,
			DurPrecision: o.durPrec,

			SummaryColumns: columns,
		},
		Quiet: sel.Quiet.Has(filter.QuietAttach),
		// -I1, -I2: strace lets a fatal signal interrupt it, and then
		// detaches from its command too
		DetachOnSignal: oneOf("1", "2", "anywhere", "always", "waiting")(o.strace.interrupt),
		AlwaysShowPid:  o.alwaysPid,
		JSON:           o.json,
		NoDrop:         o.noDrop,
		DetachOnExec:   o.strace.detachOn != "",
		Inject:         spec,
		Env:            commandEnv(os.Environ(), o.env),
		Credential:     cred,
		Summary:        o.countT,
		SummaryOnly:    o.count && !o.countT,
		SortBy:         sortBy,
		Output:         stderr,
		Notices:        stderr,
		// with no -o the trace and the notices share stderr
		NoticesShare: true,
		ReleaseStdio: true,
	}
	if err := o.analysis.apply(&cfg); err != nil {
		return tracer.Config{}, noClose, err
	}
	if err := o.sel.apply(&cfg, len(o.paths) > 0 || o.fdSet != ""); err != nil {
		return tracer.Config{}, noClose, err
	}
	if o.fds > 0 || len(o.paths) > 0 || o.fdSet != "" {
		if err := o.fdsConfig(&cfg, stderr, !sel.Quiet.Has(filter.QuietPathResolve)); err != nil {
			return fail(err)
		}
	}
	var closers []io.Closer
	closeAll := func() error {
		var errs []error
		for _, c := range closers {
			errs = append(errs, c.Close())
		}
		return errors.Join(errs...)
	}
	failClosing := func(err error) (tracer.Config, func() error, error) {
		closeAll()
		return fail(err)
	}
	mode := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if o.appendO {
		mode = os.O_WRONLY | os.O_CREATE | os.O_APPEND
	}
	switch {
	case strings.HasPrefix(o.output, "|") || strings.HasPrefix(o.output, "!"):
		if separately {
			return fail(usagef(true, "piping the output and -ff/--output-separately are mutually exclusive"))
		}
		p, err := startOutputCommand(o.output[1:], o.name)
		if err != nil {
			return fail(err)
		}
		closers = append(closers, p)
		cfg.Output, cfg.OutputIsFile, cfg.NoticesShare = p, true, false
		cfg.Children = append(cfg.Children, p.cmd.Process.Pid)
	case o.output != "" && separately:
		if len(o.output) >= unix.PathMax-12 {
			return fail(fmt.Errorf("%s: %s", o.output, xlat.ErrnoMessage(int(unix.ENAMETOOLONG))))
		}
		// as strace, fail before the command runs if FILE.PID cannot be
		// made: try with gotrace's own pid
		probe := o.output + "." + strconv.Itoa(os.Getpid())
		if f, err := os.OpenFile(probe, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666); err == nil {
			f.Close()
			os.Remove(probe)
		} else if !errors.Is(err, os.ErrExist) {
			return fail(fopenError(probe, err))
		}
		// -ff: FILE.PID for each task, opened at its first event
		cfg.Separate = func(tid uint32) (io.Writer, error) {
			name := o.output + "." + strconv.FormatUint(uint64(tid), 10)
			f, err := os.OpenFile(name, mode, 0o666)
			if err != nil {
				return nil, fopenError(name, err)
			}
			closers = append(closers, f)
			return f, nil
		}
	case o.output != "":
		out, err := os.OpenFile(o.output, mode, 0o666)
		if err != nil {
			return fail(fopenError(o.output, err))
		}
		closers = append(closers, out)
		cfg.Output, cfg.OutputIsFile, cfg.NoticesShare = &reportingFile{File: out, name: o.name, stderr: stderr}, true, false
	}
	if cfg.Printer.Stacks, err = o.stacks.symbolizer(stderr); err != nil {
		return failClosing(err)
	}
	cfg.StackCopy = o.stacks.size
	if cfg.Printer.Stacks != nil && cfg.SummaryOnly {
		warn("-k/--stack-traces has no effect with -c/--summary-only")
		cfg.Printer.Stacks = nil
	}
	if cfg.Printer.Color, err = colorWanted(o.color, cfg.Output); err != nil {
		return failClosing(err)
	}
	if o.record != "" {
		rec, err := os.Create(o.record)
		if err != nil {
			return failClosing(fmt.Errorf("open recording file: %w", err))
		}
		closers = append(closers, rec)
		cfg.Record = rec
	}
	return cfg, closeAll, nil
}

// fopenError is strace's message for an output file it cannot open.
func fopenError(name string, err error) error {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return fmt.Errorf("Can't fopen '%s': %s", name, xlat.ErrnoMessage(int(errno)))
	}
	return fmt.Errorf("Can't fopen '%s': %w", name, err)
}

// quoteMode applies -x, -xx or --strings-in-hex (strace refuses both).
func (o *options) quoteMode() quote.Mode {
	switch o.stringsInHex {
	case "non-ascii-chars":
		return quote.NonASCIICharsHex
	case "non-ascii":
		return quote.NonASCIIHex
	case "all":
		return quote.AllHex
	}
	switch {
	case o.hex >= 2:
		return quote.AllHex
	case o.hex == 1:
		return quote.NonASCIIHex
	}
	return quote.Default
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
		return nil, fmt.Errorf("Cannot find user '%s'", name)
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
		for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' }) {
			pid, err := strconv.Atoi(f)
			if err != nil || pid <= 0 || strconv.Itoa(pid) != f {
				return nil, fmt.Errorf("Invalid process id: '%s'", f)
			}
			pids = append(pids, pid)
		}
	}
	return pids, nil
}

// Main runs gotrace, started as name (argv[0]), with args and returns its
// exit status. Its messages start with name, as strace's do.
func Main(name string, args []string, stdout, stderr io.Writer) int {
	cmd := newRootCommand(name, stdout, stderr)
	if len(args) > 0 && args[0] != "tree" && args[0] != "-h" && args[0] != "--help" {
		// "tree" is the subcommand only as the first word: cobra would
		// take it anywhere, as in "gotrace -f tree" tracing tree(1)
		cmd.ResetCommands()
	}
	cmd.SetArgs(args)
	err := cmd.Execute()
	var ee *exitError
	var ue *usageError
	var fe *filter.UsageError
	var ie *tracer.Interrupted
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ie):
		// die by the signal that detached, as strace does
		dieBy(ie.Sig)
		return 128 + int(ie.Sig)
	case errors.As(err, &ee):
		return ee.code
	case errors.Is(err, syscall.EPIPE):
		// the reader of the trace went away: end quietly, as a
		// process killed by SIGPIPE would
		return 128 + int(syscall.SIGPIPE)
	case errors.As(err, &ue) && ue.help, errors.As(err, &fe):
		fmt.Fprintf(stderr, "%s: %v\nTry '%s -h' for more information.\n", name, err, name)
		return 1
	default:
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return 1
	}
}

// bootOffset is CLOCK_REALTIME less CLOCK_BOOTTIME now, in nanoseconds, as
// strace takes it once to show a time the kernel counts from boot.
func bootOffset() int64 {
	var boot, real unix.Timespec
	if unix.ClockGettime(unix.CLOCK_BOOTTIME, &boot) != nil || unix.ClockGettime(unix.CLOCK_REALTIME, &real) != nil {
		return 0
	}
	return real.Nano() - boot.Nano()
}
