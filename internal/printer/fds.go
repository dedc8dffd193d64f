package printer

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
)

// FdDescriber tells what a traced task's descriptor refers to, for -y.
type FdDescriber interface {
	// AppendFd appends "<what fd refers to>", or nothing when unknown;
	// fd -100 (AT_FDCWD) is the working directory.
	AppendFd(b []byte, tid uint32, fd int32) []byte
	// AppendFdBefore is AppendFd for a descriptor the call being
	// printed replaced: what it referred to before the call.
	AppendFdBefore(b []byte, tid uint32, fd int32) []byte
	// Returned notes the descriptor a call created, before its line.
	Returned(c *decoder.Call)
	// Released notes the descriptor a call closed, after its line.
	Released(c *decoder.Call)
	// Forget drops what is known of the descriptors of tid (it exited).
	Forget(tid uint32)
	// Cloned notes task child of parent, a thread of process childTgid.
	Cloned(parent, child, childTgid uint32)
}

// appendFd prints a descriptor, with what it refers to under -y.
func (p *Printer) appendFd(b []byte, tid uint32, fd int32) []byte {
	b = strconv.AppendInt(b, int64(fd), 10)
	if fd < 0 {
		return b
	}
	return p.appendFdInfo(b, tid, fd)
}

func (p *Printer) appendFdInfo(b []byte, tid uint32, fd int32) []byte {
	if p.opt.Fds == nil {
		return b
	}
	return p.opt.Fds.AppendFd(b, tid, fd)
}

// fdsReturned and fdsReleased keep -y's descriptor table up to date
// around the exit line of c.
func (p *Printer) fdsReturned(c *decoder.Call) {
	if p.opt.Fds != nil {
		p.opt.Fds.Returned(c)
	}
}

func (p *Printer) fdsReleased(c *decoder.Call) {
	if p.opt.Fds != nil {
		p.opt.Fds.Released(c)
	}
}

func (p *Printer) hidden(nr int64) bool {
	return p.opt.Hide != nil && p.opt.Hide(int(nr))
}

func (p *Printer) showCall(c *decoder.Call) bool {
	return p.opt.ShowCall == nil || p.opt.ShowCall(c)
}
