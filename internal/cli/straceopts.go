package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
	"golang.org/x/sys/unix"

	"github.com/gotrace/gotrace/internal/filter"
	"github.com/gotrace/gotrace/internal/inject"
	"github.com/gotrace/gotrace/internal/printer"
	"github.com/gotrace/gotrace/internal/syscalltbl"
)

// straceOptions are strace's options that gotrace accepts for
// compatibility, with the checks strace makes of them, in addition to the
// ones it implements in full.
type straceOptions struct {
	help         bool
	followLong   bool        // --follow-forks, as -f
	detachOn     string      // -b execve
	debug        bool        // -d
	daemon       int         // -D count
	daemonLong   string      // --daemonize[=grandchild|pgroup|session]
	optF         bool        // -F (deprecated)
	instrPtr     bool        // -i
	interrupt    string      // -I
	syscallNr    bool        // -n
	overhead     string      // -O
	seccomp      bool        // --seccomp-bpf
	tips         tipsOptions // --tips[=...]
	quietLong    bool        // an -e quiet= or --quiet= was given
	decodeFdLong int         // --decode-fds= and -e decode-fds= given
	yShort       int         // -y count
	timesLong    bool        // --timestamps/--absolute-timestamps was given
	timesShort   int         // -t count
	zflags       int         // -z and -Z given
	sortSet      bool        // -S was given
	decodeComm   bool        // -e decode-pids=comm, -Y
}

// exprValue is -e EXPR, and the long forms of its qualifiers (--trace=SET
// is -e trace=SET): each expression is checked as it is read, so that the
// first mistake on the command line is the one reported, as in strace.
type exprValue struct {
	o    *options
	qual string
}

func (v exprValue) String() string { return "" }
func (v exprValue) Type() string   { return "set" }
func (v exprValue) Set(s string) error {
	expr := s
	if v.qual != "" {
		expr = v.qual + "=" + s
	}
	if err := v.o.checkExpr(expr); err != nil {
		return err
	}
	v.o.exprs = append(v.o.exprs, expr)
	return nil
}

// checkExpr checks one -e expression.
func (o *options) checkExpr(expr string) error {
	qual, list := filter.Qualifier(expr)
	switch qual {
	case "quiet":
		o.strace.quietLong = true
	case "decode-fds":
		o.strace.decodeFdLong++
		level, err := decodeFdsLevel(list)
		o.fds = level
		return err
	case "decode-pids":
		return checkDecodePids(list)
	case "kvm":
		if list != "vcpu" {
			return fmt.Errorf("invalid -e kvm= argument: '%s'", list)
		}
		return nil
	case "secontext":
		return errors.New("SELinux context printing (--secontext option) is not supported by this build of gotrace")
	case "inject", "fault":
		// read again, in order with the others, by takeInject
		var s inject.Spec
		return s.Add(list, qual == "fault")
	}
	_, err := filter.Parse([]string{expr})
	return err
}

// checkDecodePids reads -e decode-pids=SET: pidns, comm.
func checkDecodePids(list string) error {
	_, err := filterNames(list, "decode-pids", "pidns", "comm")
	return err
}

// filterNames reads a [!]all|none|NAME[,NAME]... set of the given names,
// as strace's qualifiers do, and returns which are selected.
func filterNames(list, what string, names ...string) (map[string]bool, error) {
	negate := false
	rest := list
	for strings.HasPrefix(rest, "!") {
		negate, rest = !negate, rest[1:]
	}
	sel := map[string]bool{}
	switch rest {
	case "none":
	case "all":
		for _, n := range names {
			sel[n] = true
		}
	default:
		some := false
		for item := range strings.SplitSeq(rest, ",") {
			if item == "" {
				continue
			}
			if !slices.Contains(names, item) {
				return nil, fmt.Errorf("invalid %s '%s'", what, item)
			}
			sel[item], some = true, true
		}
		if !some {
			return nil, fmt.Errorf("invalid %s '%s'", what, list)
		}
	}
	if negate {
		for _, n := range names {
			sel[n] = !sel[n]
		}
	}
	return sel, nil
}

// takeCLIQualifiers applies the expressions the command line handles
// (decode-fds, decode-pids, kvm) and returns the ones for filter.Parse.
func (o *options) takeCLIQualifiers(exprs []string) ([]string, error) {
	var rest []string
	for _, e := range exprs {
		switch qual, list := filter.Qualifier(e); qual {
		case "decode-fds":
			level, err := decodeFdsLevel(list)
			if err != nil {
				return nil, err
			}
			o.fds = level
		case "decode-pids":
			sel, _ := filterNames(list, "decode-pids", "pidns", "comm")
			o.extras.pidns = sel["pidns"]
			o.strace.decodeComm = sel["comm"]
		case "kvm":
		default:
			rest = append(rest, e)
		}
	}
	return rest, nil
}

// spelledValue is a flag value that needs to know how its option was
// written: -f and --follow-forks are one flag but two options to strace.
type spelledValue interface {
	SetSpelled(spelled, value string) error
}

// followValue is -f (counted) and --follow-forks.
type followValue struct {
	short *int
	long  *bool
}

func (v followValue) String() string { return "" }
func (v followValue) Type() string   { return "count" }
func (v followValue) Set(string) error {
	*v.short++
	return nil
}
func (v followValue) SetSpelled(spelled, _ string) error {
	if spelled == "-f" {
		*v.short++
	} else {
		*v.long = true
	}
	return nil
}

// summaryValue is -c (only the table) and -C (the trace and the table).
type summaryValue struct {
	o    *options
	both bool
}

func (v summaryValue) String() string   { return "false" }
func (v summaryValue) Type() string     { return "bool" }
func (v summaryValue) IsBoolFlag() bool { return true }
func (v summaryValue) Set(string) error {
	if v.both && v.o.count || !v.both && v.o.countT {
		return usagef(true, "-c/--summary-only and -C/--summary are mutually exclusive")
	}
	if v.both {
		v.o.countT = true
	} else {
		v.o.count = true
	}
	return nil
}

// sortValue is -S, checked as it is read.
type sortValue struct{ o *options }

func (v sortValue) String() string { return v.o.sortBy }
func (v sortValue) Type() string   { return "string" }
func (v sortValue) Set(s string) error {
	if _, err := printer.SortKey(s); err != nil {
		return usagef(true, "%v", err)
	}
	v.o.sortBy, v.o.strace.sortSet = s, true
	return nil
}

// statusFlag is -z and -Z: each replaces the status filter, as -e
// status= does, and is counted, since strace warns when several are given.
type statusFlag struct {
	o      *options
	status string
}

func (v statusFlag) String() string   { return "false" }
func (v statusFlag) Type() string     { return "bool" }
func (v statusFlag) IsBoolFlag() bool { return true }
func (v statusFlag) Set(string) error {
	v.o.exprs = append(v.o.exprs, "status="+v.status)
	v.o.strace.zflags++
	return nil
}

// pidsValue is -p PID: a pid or a list separated by commas or spaces,
// checked as it is read.
type pidsValue struct{ pids *[]int }

func (v pidsValue) String() string { return "" }
func (v pidsValue) Type() string   { return "pid" }
func (v pidsValue) Set(s string) error {
	pids, err := parsePids([]string{s})
	if err != nil {
		return err
	}
	*v.pids = append(*v.pids, pids...)
	return nil
}

// quietValue is -q (counted) and --quiet[=SET], which is -e quiet=SET.
type quietValue struct {
	count *int
	o     *options
}

func (v quietValue) String() string { return "" }
func (v quietValue) Type() string   { return "set" }
func (v quietValue) Set(s string) error {
	return exprValue{v.o, "quiet"}.Set(s)
}
func (v quietValue) SetSpelled(spelled, s string) error {
	if spelled == "-q" {
		*v.count++
		return nil
	}
	return v.Set(s)
}

// detachOnValue is -b SYSCALL: only execve, as in strace.
type detachOnValue struct{ to *string }

func (v detachOnValue) String() string { return "" }
func (v detachOnValue) Type() string   { return "string" }
func (v detachOnValue) Set(s string) error {
	if s != "execve" {
		return fmt.Errorf("Syscall '%s' for -b isn't supported", s)
	}
	*v.to = s
	return nil
}

// daemonValue is -D (counted) and --daemonize[=HOW].
type daemonValue struct{ s *straceOptions }

func (v daemonValue) String() string { return "" }
func (v daemonValue) Type() string   { return "string" }
func (v daemonValue) Set(s string) error {
	if !oneOf("grandchild", "pgroup", "pgrp", "session")(strings.ToLower(s)) {
		return errBadArg
	}
	v.s.daemonLong = s
	return nil
}
func (v daemonValue) SetSpelled(spelled, s string) error {
	if spelled == "-D" {
		v.s.daemon++
		return nil
	}
	return v.Set(s)
}

// checkedValue is an option whose argument check runs as it is read:
// check returns false for strace's "invalid -X argument".
type checkedValue struct {
	to    *string
	check func(string) bool
}

func (v checkedValue) String() string { return "" }
func (v checkedValue) Type() string   { return "string" }
func (v checkedValue) Set(s string) error {
	if !v.check(s) {
		return errBadArg
	}
	*v.to = s
	return nil
}

// uintValue is an option taking a non-negative int up to limit (-s, -a).
type uintValue struct {
	to    *int
	limit int
}

func (v uintValue) String() string { return strconv.Itoa(*v.to) }
func (v uintValue) Type() string   { return "int" }
func (v uintValue) Set(s string) error {
	n, err := strconv.ParseUint(s, 10, 31)
	if err != nil || int(n) > v.limit {
		return errBadArg
	}
	*v.to = int(n)
	return nil
}

func oneOf(names ...string) func(string) bool {
	return func(s string) bool {
		for _, n := range names {
			if s == n {
				return true
			}
		}
		return false
	}
}

// interruptible is -I's check: 1 to 4, or a name.
func interruptible(s string) bool {
	if oneOf("anywhere", "always", "waiting", "never", "never_tstp")(s) {
		return true
	}
	n, err := strconv.Atoi(s)
	return err == nil && n >= 1 && n <= 4 && s == strconv.Itoa(n)
}

// overheadArg is -O's check: a time such as 10, 1.5us, 2ms.
func overheadArg(s string) bool {
	num := strings.TrimRight(s, "smun")
	unit := s[len(num):]
	if !oneOf("", "s", "ms", "us", "ns")(unit) {
		return false
	}
	f, err := strconv.ParseFloat(num, 64)
	return err == nil && f >= 0 && num != "" && num[0] != '+'
}

// straceFlags declares strace's options beyond the ones gotrace documents
// elsewhere: the long forms of -e qualifiers, and the options accepted for
// compatibility. Aliases are hidden from -h.
func (o *options) straceFlags(f *pflag.FlagSet) {
	s := &o.strace
	f.BoolVarP(&s.help, "help", "h", false, "print this help and exit")
	f.VarP(detachOnValue{&s.detachOn}, "detach-on", "b", "detach from each task when it calls `SYSCALL` (execve only; not at the command's own first)")
	f.BoolVarP(&s.debug, "debug", "d", false, "accepted for compatibility: gotrace prints no debug output")
	f.VarPF(daemonValue{s}, "daemonize", "D", "not supported: checked as strace does, then refused (-DD, -DDD, or `HOW`)").NoOptDefVal = "grandchild"
	alias(f, "daemonised", "daemonize")
	alias(f, "daemonized", "daemonize")
	f.BoolVarP(&s.optF, "deprecated-F", "F", false, "deprecated: -f")
	f.MarkHidden("deprecated-F")
	f.BoolVarP(&s.instrPtr, "instruction-pointer", "i", false, "print the instruction pointer at the time of each syscall and signal")
	f.VarP(checkedValue{&s.interrupt, interruptible}, "interruptible", "I", "when a signal detaches: `INTERRUPTIBLE` 1 or 2 (anywhere, waiting): a SIGINT, SIGTERM, SIGHUP or SIGQUIT detaches from a command too, as strace; else (3, 4, never, never_tstp, or no -I) the first goes to the command")
	f.BoolVarP(&s.syscallNr, "syscall-number", "n", false, "print the number of the syscall before each line")
	f.VarP(checkedValue{&s.overhead, overheadArg}, "summary-syscall-overhead", "O", "accepted for compatibility: gotrace's -c times carry no tracing overhead to subtract (`OVERHEAD`)")
	alias(f, "stack-traces", "stack-trace") // strace 6.1's spelling
	f.BoolVar(&s.seccomp, "seccomp-bpf", false, "accepted: gotrace always selects syscalls in the kernel")
	f.VarPF(tipsValue{&s.tips}, "tips", "", "print a tip on exit: `[[id:]ID][,[format:]FORMAT]` with ID a number or random, FORMAT none, compact or full").NoOptDefVal = "," // no tokens: strace's --tips alone
	for _, q := range []struct{ name, usage string }{
		{"trace", "same as -e trace=`SET`"},
		{"abbrev", "same as -e abbrev=`SET`"},
		{"verbose", "same as -e verbose=`SET`"},
		{"raw", "same as -e raw=`SET`"},
		{"signals", "same as -e signal=`SET`"},
		{"status", "same as -e status=`SET`"},
		{"read", "same as -e read=`SET`"},
		{"write", "same as -e write=`SET`"},
		{"kvm", "same as -e kvm=`SET`"},
		{"decode-pids", "same as -e decode-pids=`SET`"},
	} {
		f.Var(exprValue{o, q.name}, q.name, q.usage)
	}
	f.VarP(exprFlag{o, "decode-pids=comm"}, "decode-pids-comm", "Y", "same as --decode-pids=comm")
	f.SetAnnotation("decode-pids-comm", aliasOf, []string{"decode-pids"})
	f.MarkHidden("decode-pids-comm")

	f.VarPF(exprValue{o, "secontext"}, "secontext", "", "print SELinux contexts (not supported: `FORMAT`)").NoOptDefVal = "!full,mismatch"
}

// refuseUnsupported refuses, after strace's own checks of them, the options
// gotrace reads but cannot carry out, with one line saying why; and takes
// -v, which is -e abbrev=none, as the other -e abbrev= sets come in order.
func (o *options) refuseUnsupported(sel filter.Selection) error {
	s := &o.strace
	for _, u := range []struct {
		on        bool
		what, why string
	}{
		{s.decodeComm, "-Y/--decode-pids=comm", "gotrace prints after the calls and cannot tell which command a pid ran at the time of each"},
		{s.daemon > 0, "-D/--daemonize", "the command runs as gotrace's child; gotrace does not run as a detached grandchild"},
		{sel.Abbrev != nil && !allOrNone(sel.Abbrev, true) && !allOrNone(sel.Abbrev, false), "-e abbrev= of some syscalls",
			"gotrace abbreviates all syscalls (abbrev=all, the default) or none (abbrev=none, -v)"},
		{sel.Verbose != nil && !allOrNone(sel.Verbose, true), "-e verbose= other than all",
			"gotrace always decodes the structs it knows"},
		{sel.Raw != nil && !allOrNone(sel.Raw, false), "-e raw= other than none",
			"gotrace always decodes arguments (-X raw prints named constants as numbers)"},
	} {
		if u.on {
			return fmt.Errorf("%s is not supported: %s", u.what, u.why)
		}
	}
	o.verbose = sel.Abbrev != nil && allOrNone(sel.Abbrev, false)
	return nil
}

// allOrNone reports whether set selects every syscall gotrace knows (all)
// or none of them (!all).
func allOrNone(set *filter.Set, all bool) bool {
	for _, sc := range syscalltbl.All() {
		if set.Has(sc.Nr) != all {
			return false
		}
	}
	return true
}

// exprFlag is an option without argument that stands for an expression.
type exprFlag struct {
	o    *options
	expr string
}

func (v exprFlag) String() string   { return "false" }
func (v exprFlag) Type() string     { return "bool" }
func (v exprFlag) IsBoolFlag() bool { return true }
func (v exprFlag) Set(string) error { return exprValue{v.o, ""}.Set(v.expr) }

// hint adds the name nearest to a mistyped syscall or class, on a terminal
// only: strace's own message stays as strace prints it for scripts.
func hint(err error, stderr io.Writer) error {
	ne, ok := err.(*filter.NameError)
	if !ok || ne.Near == "" {
		return err
	}
	f, isFile := stderr.(*os.File)
	if !isFile {
		return err
	}
	if _, terr := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS); terr != nil {
		return err
	}
	return fmt.Errorf("%w (did you mean '%s'?)", err, ne.Near)
}
