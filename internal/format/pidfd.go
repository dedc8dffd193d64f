package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
)

func init() { specialFormatters["pidfd_getfd"] = formatPidfdGetfd }

// formatPidfdGetfd prints pidfd_getfd's arguments as strace: the pidfd,
// the descriptor of the process it refers to with what that is under -y
// (read from that process's /proc), the flags in hex.
func formatPidfdGetfd(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	if exiting {
		return b, false
	}
	pidfd, target := int32(c.Args[0]), int32(c.Args[1])
	b = f.appendFd(b, c.Tid, pidfd)
	b = strconv.AppendInt(append(b, ", "...), int64(target), 10)
	if f.opt.Fds != nil && pidfd >= 0 {
		b = f.opt.Fds.AppendPidfdFd(b, c.Tid, pidfd, target)
	}
	return appendHex(append(b, ", "...), uint64(uint32(c.Args[2]))), false
}
