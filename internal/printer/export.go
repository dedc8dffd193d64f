package printer

import (
	"github.com/gotrace/gotrace/internal/decoder"
)

// Formatter formats the pieces of strace's lines one by one, for other
// outputs (--json): what the Printer writes, without the line around it.
type Formatter struct{ p *Printer }

// NewFormatter returns a Formatter with the options that change how
// values look (-s, -y ...).
func NewFormatter(opt Options) *Formatter { return &Formatter{p: New(nil, opt)} }

// AppendArg appends argument i of call c (entered and exited) as strace
// prints it.
func (f *Formatter) AppendArg(b []byte, c *decoder.Call, i int) []byte {
	sc := c.Syscall()
	if sc == nil || i >= len(sc.Args) {
		return appendHex(b, c.Args[i])
	}
	return f.p.appendArg(b, c, i, &sc.Args[i])
}

// AppendArgs appends the whole argument list of call c as strace prints
// it, without the parentheses.
func (f *Formatter) AppendArgs(b []byte, c *decoder.Call) []byte {
	b, deferred := f.p.formatArgs(b, c, false)
	if deferred {
		b, _ = f.p.formatArgs(b, c, true)
	}
	return b
}

// AppendReturn appends "= RET" as strace prints it.
func (f *Formatter) AppendReturn(b []byte, c *decoder.Call) []byte {
	return f.p.appendReturn(b, c)
}

// AppendSiginfo appends a signal's siginfo as strace prints it: {si_signo=...}.
func (f *Formatter) AppendSiginfo(b []byte, si *[decoder.SiginfoSize]byte) []byte {
	return f.p.appendSiginfo(b, si)
}

// AppendCloneFlags appends clone(2) flags as strace prints them.
func (f *Formatter) AppendCloneFlags(b []byte, v uint64) []byte { return f.p.appendCloneFlags(b, v) }

// AppendCall appends the whole strace line of a finished call, without
// prefix, padding or newline: "name(args) = ret", or "= ?" for a call its
// task never returned from.
func (f *Formatter) AppendCall(b []byte, c *decoder.Call) []byte {
	p := f.p
	b = append(b, c.Name()...)
	b = append(b, '(')
	if !c.Entered {
		b = append(b, "?"...)
	} else {
		var deferred bool
		b, deferred = p.formatArgs(b, c, false)
		if deferred && c.Exited {
			b, _ = p.formatArgs(b, c, true)
		}
	}
	b = append(b, ") "...)
	if !c.Exited {
		return append(b, "= ?"...)
	}
	return p.appendReturn(b, c)
}
