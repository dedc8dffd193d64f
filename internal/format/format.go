// Package format writes what strace writes for each argument and return
// value of a call, for every output: the text printer, --json and
// --perfetto each put these pieces in lines of their own.
package format

import (
	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/filter"
	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/stack"
	"github.com/gotrace/gotrace/internal/xlat"
)

// Options are the strace options that change how values look, and
// which calls show: what every output of a trace shares.
type Options struct {
	StrSize int        // -s: bytes of strings and buffers shown
	Quote   quote.Mode // -x, -xx: which bytes of strings print in hex
	Verbose bool       // -v: structs and environments whole, not abbreviated
	Xlat    xlat.Style // -X: names, numbers or both for named constants
	// Fds tells what descriptors refer to (-y, -yy); nil prints numbers
	// only.
	Fds FdDescriber
	// BootOffset is CLOCK_REALTIME less CLOCK_BOOTTIME, in nanoseconds:
	// the wall time of a time the kernel counts from boot (a bpf
	// program's load_time).
	BootOffset int64
	// PidNote, when set, appends what a pid that task tid printed is in
	// gotrace's pid namespace (--pidns-translation).
	PidNote func(b []byte, tid uint32, pid int64) []byte

	// The rest say which calls every output shows, and with what
	// context.

	// ShowSignal says which signals print, in "--- SIG" and "+++ killed
	// by" lines (-e signal=); nil shows all.
	ShowSignal func(sig int) bool
	// ShowStatus says which syscall outcomes print (-e status=, -z, -Z);
	// nil shows all. When set, a syscall's line is held until its outcome
	// is known and printed whole, as strace stages it.
	ShowStatus func(filter.Status) bool
	// ShowCall says which calls print, by their arguments (-P,
	// --trace-fds); it needs ShowStatus set, so that lines wait for
	// their exit.
	ShowCall func(c *decoder.Call) bool
	// Hide says which syscalls the kernel sends only for Fds to follow
	// the descriptor table: they do not print.
	Hide func(nr int) bool
	// Stacks names the frames of -k's stacks; nil without -k.
	Stacks *stack.Symbolizer
	// Histograms says which syscalls' latency histograms follow the -c
	// table (--histogram); nil for none.
	Histograms func(nr int) bool
	// ClockOffset turns the kernel's CLOCK_MONOTONIC timestamps into
	// CLOCK_REALTIME (ns).
	ClockOffset int64
	// Container is the name of the container traced (--container), and
	// CgroupID the cgroup traced (--cgroup, --container).
	Container string
	CgroupID  uint64
}

// Formatter formats the pieces of strace's lines one by one.
type Formatter struct {
	opt Options
}

// New returns a Formatter for opt.
func New(opt Options) *Formatter {
	dispatch.once.Do(makeDispatch)
	return &Formatter{opt: opt}
}

// AppendArg appends argument i of call c (entered and exited) as strace
// prints it.
func (f *Formatter) AppendArg(b []byte, c *decoder.Call, i int) []byte {
	sc := c.Syscall()
	if sc == nil || i >= len(sc.Args) {
		return appendHex(b, c.Args[i])
	}
	return f.appendArg(b, c, i, &sc.Args[i])
}

// AppendArgs appends the whole argument list of call c as strace prints
// it, without the parentheses.
func (f *Formatter) AppendArgs(b []byte, c *decoder.Call) []byte {
	b, deferred := f.FormatArgs(b, c, false)
	if deferred {
		b, _ = f.FormatArgs(b, c, true)
	}
	return b
}

// AppendCall appends the whole strace line of a finished call, without
// prefix, padding or newline: "name(args) = ret", or "= ?" for a call its
// task never returned from.
func (f *Formatter) AppendCall(b []byte, c *decoder.Call) []byte {
	b = append(b, c.Name()...)
	b = append(b, '(')
	if !c.Entered {
		b = append(b, "?"...)
	} else {
		var deferred bool
		b, deferred = f.FormatArgs(b, c, false)
		if deferred && c.Exited {
			b, _ = f.FormatArgs(b, c, true)
		}
	}
	b = append(b, ") "...)
	if !c.Exited {
		return append(b, "= ?"...)
	}
	return f.AppendReturn(b, c)
}
