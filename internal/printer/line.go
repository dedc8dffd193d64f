package printer

import (
	"golang.org/x/sys/unix"

	"github.com/gotrace/gotrace/internal/decoder"
)

// explain writes the --explain note of the call whose line just ended, as a
// line of its own starting with "  # ".
func (p *Printer) explain(c *decoder.Call) {
	if p.opt.Explain == nil || !c.Entered {
		return
	}
	n := append(p.buf[:0], "  # "...)
	if n2 := p.opt.Explain(n, c); len(n2) > len(n) {
		p.buf = n2
		p.write(p.buf)
		p.newline()
	}
}

func (p *Printer) pidNote(b []byte, tid uint32, pid int64) []byte {
	if p.opt.PidNote == nil || pid <= 0 {
		return b
	}
	return p.opt.PidNote(b, tid, pid)
}

// retPidNote translates the pid a call returned, as strace does for
// getpid, gettid, getppid, the fork family and wait4, but not for
// set_tid_address, whose return strace prints plain.
func (p *Printer) retPidNote(b []byte, c *decoder.Call) []byte {
	if c.Nr == unix.SYS_SET_TID_ADDRESS {
		return b
	}
	return p.pidNote(b, c.Tid, c.Ret)
}
