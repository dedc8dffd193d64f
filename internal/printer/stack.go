package printer

import "github.com/gotrace/gotrace/internal/decoder"

// StackSymbolizer names the frames of -k's stacks.
type StackSymbolizer interface {
	// AppendFrame appends the line of return address ip in process
	// tgid; false when ip is no code address (the unwinding went astray).
	AppendFrame(b []byte, tgid uint32, ip uint64) ([]byte, bool)
	// Forget drops what is known of tgid's mappings (exec, exit).
	Forget(tgid uint32)
}

// stack prints the frames of the syscall whose line was just printed,
// strace's way, one " > " line each.
func (p *Printer) stack(ev *decoder.Event) {
	if p.opt.Stacks == nil || ev.Tid != p.stackTid {
		return // its syscall did not print
	}
	p.stackTid = 0
	b := p.buf[:0]
	for _, ip := range ev.Frames {
		var ok bool
		if b, ok = p.opt.Stacks.AppendFrame(b, ev.Tgid, ip); !ok {
			break
		}
	}
	p.buf = b
	p.w.Write(b)
}

// stackFollow forgets the mappings of a process that exec'd or exited.
func (p *Printer) stackFollow(ev *decoder.Event) {
	if p.opt.Stacks == nil {
		return
	}
	switch {
	case ev.Type == decoder.Exec, ev.Type == decoder.TaskExit && ev.Tid == ev.Tgid:
		p.opt.Stacks.Forget(ev.Tgid)
	}
}
