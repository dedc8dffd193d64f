package format

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
	// AppendSocket is AppendFd for a descriptor the kernel side saw
	// was the socket of inode at the call.
	AppendSocket(b []byte, tid uint32, fd int32, inode uint64) []byte
	// AppendPidfdFd appends "<...>" for descriptor fd of the process
	// that pidfd of tid refers to (pidfd_getfd's target).
	AppendPidfdFd(b []byte, tid uint32, pidfd, fd int32) []byte
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
func (f *Formatter) appendFd(b []byte, tid uint32, fd int32) []byte {
	b = strconv.AppendInt(b, int64(fd), 10)
	if fd < 0 {
		return b
	}
	return f.appendFdInfo(b, tid, fd)
}

func (f *Formatter) appendFdInfo(b []byte, tid uint32, fd int32) []byte {
	if f.opt.Fds == nil {
		return b
	}
	return f.opt.Fds.AppendFd(b, tid, fd)
}
