package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

// kcmp(2)'s types whose indexes strace shows otherwise than in hex.
const (
	kcmpFile     = 0  // KCMP_FILE: two descriptors
	kcmpEpollTfd = 7  // KCMP_EPOLL_TFD: a descriptor and a struct kcmp_epoll_slot
	kcmpSlotSize = 12 // struct kcmp_epoll_slot: efd, tfd, toff
)

func init() {
	specialFormatters["kcmp"] = formatKcmp
	kindPrinters[syscalltbl.FanDirFD] = appendFanDirFd
}

// formatKcmp prints kcmp(2) as strace does: the indexes as the type says
// (descriptors of the two processes, an epoll slot), none for the types
// that compare whole resources, else in hex.
func formatKcmp(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	if exiting {
		return b, false
	}
	sc := c.Syscall()
	for i := 0; i < 3; i++ {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = f.appendArg(b, c, i, &sc.Args[i])
	}
	pid1, pid2 := uint32(c.Args[0]), uint32(c.Args[1])
	idx1, idx2 := c.Args[3], c.Args[4]
	switch typ := uint32(c.Args[2]); typ {
	case kcmpFile:
		b = f.appendPidFd(append(b, ", "...), pid1, int32(idx1))
		b = f.appendPidFd(append(b, ", "...), pid2, int32(idx2))
	case kcmpEpollTfd:
		b = f.appendPidFd(append(b, ", "...), pid1, int32(idx1))
		b = append(b, ", "...)
		cp := c.Capture(4, decoder.CapMemIn)
		if idx2 == 0 || cp == nil || cp.Fault() || len(cp.Data) < kcmpSlotSize {
			return appendAddr(b, idx2), false
		}
		b = f.appendPidFd(append(b, "{efd="...), pid2, int32(le32(cp.Data)))
		b = f.appendPidFd(append(b, ", tfd="...), pid2, int32(le32(cp.Data[4:])))
		b = strconv.AppendUint(append(b, ", toff="...), uint64(le32(cp.Data[8:])), 10)
		b = append(b, '}')
	case 1, 2, 3, 4, 5, 6: // KCMP_VM ... KCMP_SYSVSEM
	default:
		b = appendHex(append(b, ", "...), idx1)
		b = appendHex(append(b, ", "...), idx2)
	}
	return b, false
}

// appendPidFd prints descriptor fd of process pid, with what it refers to
// under -y, as strace's printfd_pid_tracee_ns.
func (f *Formatter) appendPidFd(b []byte, pid uint32, fd int32) []byte {
	b = strconv.AppendInt(b, int64(fd), 10)
	if fd < 0 || int32(pid) <= 0 || f.opt.Fds == nil {
		return b // no such process: nothing to tell
	}
	return f.opt.Fds.AppendFd(b, pid, fd)
}

// appendFanDirFd prints fanotify_mark's dirfd: FAN_NOFD, or a directory
// descriptor.
func appendFanDirFd(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	const fanNofd = -1
	if int32(c.Args[i]) == fanNofd {
		return xlat.AppendNamed(b, "FAN_NOFD", func(b []byte) []byte { return append(b, "-1"...) }, f.opt.Xlat)
	}
	return f.appendArg(b, c, i, &syscalltbl.Arg{Name: a.Name, Type: a.Type, Kind: syscalltbl.DirFD, LenArg: -1})
}
