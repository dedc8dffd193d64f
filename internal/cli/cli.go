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
	pids         []string
	version      bool
	record       string
	ring         int
	times        int
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
  sudo gotrace -f -e trace=clone,execve -o trace.txt -- make
  sudo gotrace -f --explain -- ./prog  say what each fork, clone and exec did
  sudo gotrace tree -- ./prog          the tree of processes and threads it made`,
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
			endExtras, err := o.extras.apply(&cfg)
			if err != nil {
				closeOut()
				return err
			}
			code, err := tracer.Run(cfg)
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
	f.CountVarP(&o.follow, "follow-forks", "f", "trace child processes and threads as they are created (-ff with -o FILE: each into FILE.PID)")
	f.BoolVar(&o.separately, "output-separately", false, "with -f and -o FILE, write each task's trace to FILE.PID (as -ff)")
	f.StringArrayVarP(&o.exprs, "expr", "e", nil, "a qualifying expression `EXPR`: [trace=][!]SYSCALL|%CLASS|/REGEX[,...], signal=[!]SIG[,...], status=successful|failed|unfinished[,...]; all, none")
	f.Var(prefixed{&o.exprs, "inject="}, "inject", "tamper with the syscalls of `SET`: SET:error=ERRNO|retval=N[:signal=SIG][:syscall=NAME][:delay_enter=T][:delay_exit=T][:poke_enter=@argN=HEX][:poke_exit=@argN=HEX][:when=FIRST[..LAST][+[STEP]]] (-e inject=)")
	f.Var(prefixed{&o.exprs, "fault="}, "fault", "make the syscalls of `SET` fail: SET[:error=ERRNO][:when=WHEN], ENOSYS by default (-e fault=)")
	f.StringVarP(&o.output, "output", "o", "", "write the trace to `FILE` instead of stderr")
	f.IntVarP(&o.strSize, "string-limit", "s", 32, "show at most `STRSIZE` bytes of strings and buffers")
	f.StringVarP(&o.xlatStyle, "const-print-style", "X", "abbrev", "print named constants as `FORMAT`: abbrev (names), raw (numbers) or verbose (both)")
	f.BoolVarP(&o.verbose, "no-abbrev", "v", false, "print structs and environments whole, not abbreviated")
	f.CountVarP(&o.hex, "hex", "x", "print non-ASCII strings in hex (-xx: all strings)")
	f.StringVar(&o.stringsInHex, "strings-in-hex", "", "which strings print in hex, `WHICH`: none, non-ascii-chars, non-ascii or all")
	f.StringArrayVarP(&o.pids, "attach", "p", nil, "trace the running process `PID` and its threads (repeatable, or comma-separated)")
	f.BoolVarP(&o.version, "version", "V", false, "print the version and exit")
	o.timeFlags(f)
	f.IntVarP(&o.column, "columns", "a", printer.DefaultColumn, "align return values at `COLUMN`")
	f.CountVarP(&o.quiet, "quiet", "q", "no attach/detach messages (-qq: no exit status lines either)")
	f.BoolVarP(&o.count, "summary-only", "c", false, "count time, calls and errors of each syscall in the kernel and print only the table")
	f.BoolVarP(&o.countT, "summary", "C", false, "like -c, and print the trace too")
	f.StringVarP(&o.sortBy, "summary-sort-by", "S", "time", "sort the -c table by `SORTBY`: time, calls, errors, name, any -U column, or nothing")
	f.StringVarP(&o.columns, "summary-columns", "U", "", "show `COLUMNS` in the -c table: comma-separated time-percent, total-time, min-time, max-time, avg-time, calls, errors, name, wall-total, wall-min, wall-max, wall-avg, p50, p90, p99, p99.9")
	f.BoolVarP(&o.wall, "summary-wall-clock", "w", false, "-c times are the time between entry and exit (gotrace always counts so)")
	f.BoolVarP(&o.okOnly, "successful-only", "z", false, "print only syscalls that returned without an error (-e status=successful)")
	f.BoolVarP(&o.errOnly, "failed-only", "Z", false, "print only syscalls that returned an error (-e status=failed)")
	f.VarPF(decodeFdsValue{&o.fds}, "decode-fds", "y", "print the path of each descriptor (-yy, or a `SET` other than path: also socket endpoints and device numbers)").NoOptDefVal = repeated
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
	addExtraFlags(f, &o.extras)
	addSelectFlags(f, &o.sel)
	addAnalysisFlags(f, &o.analysis)
	f.StringVar(&o.record, "record", "", "also write the kernel's raw records to `FILE` (for bug reports and golden tests)")
	return cmd
}

// config validates the options and opens the output.
func (o *options) config(args []string, stderr io.Writer) (tracer.Config, func() error, error) {
	noClose := func() error { return nil }
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
	if len(args) == 0 && len(pids) == 0 && !o.sel.chooses() {
		return tracer.Config{}, noClose, errors.New("must have PROG [ARGS] or -p PID (see gotrace -h)")
	}
	if len(args) > 0 && len(pids) > 0 {
		return tracer.Config{}, noClose, errors.New("give either PROG [ARGS] or -p PID, not both")
	}
	exprs, err := o.takeDecodeFds(o.exprs)
	if err != nil {
		return tracer.Config{}, noClose, err
	}
	exprs, spec, err := takeInject(exprs, len(pids) > 0)
	if err != nil {
		return tracer.Config{}, noClose, err
	}
	if spec != nil && (len(o.paths) > 0 || o.fdSet != "") {
		return tracer.Config{}, noClose, errors.New("-e inject with -P or --trace-fds is not supported: strace tampers only with the calls they select, and gotrace's seccomp filter cannot tell paths or descriptors")
	}
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
	quote, err := o.quoteMode()
	if err != nil {
		return tracer.Config{}, noClose, err
	}
	style, ok := xlat.ParseStyle(o.xlatStyle)
	if !ok {
		return tracer.Config{}, noClose, fmt.Errorf("invalid -X argument: '%s' (abbrev, raw or verbose)", o.xlatStyle)
	}
	sortBy, err := printer.SortKey(o.sortBy)
	if err != nil {
		return tracer.Config{}, noClose, err
	}
	var columns []printer.SummaryColumn
	if o.columns != "" {
		if columns, err = printer.ParseSummaryColumns(o.columns); err != nil {
			return tracer.Config{}, noClose, err
		}
	}
	cfg := tracer.Config{
		Command:  args,
		Pids:     pids,
		Follow:   o.follow > 0,
		Selected: sel.Syscalls,
		RingSize: uint32(o.ring),
		Printer: printer.Options{
			StrSize:    o.strSize,
			Quote:      quote,
			Verbose:    o.verbose,
			Xlat:       style,
			Column:     o.column,
			Timestamps: o.times,
			Relative:   o.rel,
			Durations:  o.durs,
			HideExits:  o.quiet >= 2,
			ShowSignal: sel.Signals.Has,
			ShowStatus: showStatus,

			// --timestamps=...,PRECISION, -r=PRECISION, -T=PRECISION
			AbsPrecision: o.absPrec,
			RelPrecision: o.relPrec,
			DurPrecision: o.durPrec,

			SummaryColumns: columns,
		},
		Quiet:         o.quiet > 0,
		AlwaysShowPid: o.alwaysPid,
		JSON:          o.json,
		NoDrop:        o.noDrop,
		Inject:        spec,
		Env:           commandEnv(os.Environ(), o.env),
		Credential:    cred,
		Summary:       o.countT,
		SummaryOnly:   o.count && !o.countT,
		SortBy:        sortBy,
		Output:        stderr,
		Notices:       stderr,
		// with no -o the trace and the notices share stderr
		NoticesShare: true,
	}
	if err := o.analysis.apply(&cfg); err != nil {
		return tracer.Config{}, noClose, err
	}
	if err := o.sel.apply(&cfg, len(o.paths) > 0 || o.fdSet != ""); err != nil {
		return tracer.Config{}, noClose, err
	}
	if o.fds > 0 || len(o.paths) > 0 || o.fdSet != "" {
		if err := o.fdsConfig(&cfg, stderr); err != nil {
			return tracer.Config{}, noClose, err
		}
	}
	var files []*os.File
	closeAll := func() error {
		var errs []error
		for _, f := range files {
			errs = append(errs, f.Close())
		}
		return errors.Join(errs...)
	}
	mode := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if o.appendO {
		mode = os.O_WRONLY | os.O_CREATE | os.O_APPEND
	}
	if o.output != "" && (o.follow > 1 || o.follow > 0 && o.separately) {
		// -ff: FILE.PID for each task, opened at its first event
		cfg.Separate = func(tid uint32) (io.Writer, error) {
			name := o.output + "." + strconv.FormatUint(uint64(tid), 10)
			f, err := os.OpenFile(name, mode, 0o666)
			if err != nil {
				return nil, fmt.Errorf("open output file: %w", err)
			}
			files = append(files, f)
			return f, nil
		}
	} else if o.output != "" {
		out, err := os.OpenFile(o.output, mode, 0o666)
		if err != nil {
			return tracer.Config{}, noClose, fmt.Errorf("open output file: %w", err)
		}
		files = append(files, out)
		cfg.Output, cfg.OutputIsFile, cfg.NoticesShare = out, true, false
	}
	if cfg.Printer.Stacks, err = o.stacks.symbolizer(stderr); err != nil {
		closeAll()
		return tracer.Config{}, noClose, err
	}
	cfg.StackCopy = o.stacks.size
	if cfg.Printer.Stacks != nil && cfg.SummaryOnly {
		fmt.Fprintln(stderr, "gotrace: -k/--stack-traces has no effect with -c/--summary-only")
		cfg.Printer.Stacks = nil
	}
	if cfg.Printer.Color, err = colorWanted(o.color, cfg.Output); err != nil {
		closeAll()
		return tracer.Config{}, noClose, err
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

// quoteMode applies -x, -xx and --strings-in-hex (the last given wins in
// strace; here --strings-in-hex, when given, overrides -x).
func (o *options) quoteMode() (quote.Mode, error) {
	switch o.stringsInHex {
	case "":
	case "none":
		return quote.Default, nil
	case "non-ascii-chars":
		return quote.NonASCIICharsHex, nil
	case "non-ascii":
		return quote.NonASCIIHex, nil
	case "all":
		return quote.AllHex, nil
	default:
		return 0, fmt.Errorf("invalid --strings-in-hex argument: '%s'", o.stringsInHex)
	}
	switch {
	case o.hex >= 2:
		return quote.AllHex, nil
	case o.hex == 1:
		return quote.NonASCIIHex, nil
	}
	return quote.Default, nil
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
