package format

import (
	"golang.org/x/sys/unix"

	"github.com/gotrace/gotrace/internal/decoder"
)

func (f *Formatter) pidNote(b []byte, tid uint32, pid int64) []byte {
	if f.opt.PidNote == nil || pid <= 0 {
		return b
	}
	return f.opt.PidNote(b, tid, pid)
}

// retPidNote translates the pid a call returned, as strace does for
// getpid, gettid, getppid, the fork family and wait4, but not for
// set_tid_address, whose return strace prints plain.
func (f *Formatter) retPidNote(b []byte, c *decoder.Call) []byte {
	if c.Nr == unix.SYS_SET_TID_ADDRESS {
		return b
	}
	return f.pidNote(b, c.Tid, c.Ret)
}
