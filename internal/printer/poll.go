package printer

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

// Sizes of the structs of the multiplexing syscalls (x86_64).
const (
	pollfdSize     = 8  // struct pollfd
	epollEventSize = 12 // struct epoll_event, packed
	timevalSize    = 16 // struct timeval
	itimerspecSize = 32 // struct __kernel_itimerspec
)

func init() {
	structKinds[syscalltbl.TimevalIn] = structKind{timevalSize, false, appendTimeval}
	structKinds[syscalltbl.EpollEventIn] = structKind{epollEventSize, false, appendEpollEvent}
	structKinds[syscalltbl.ItimerspecIn] = structKind{itimerspecSize, false, appendItimerspec}
	structKinds[syscalltbl.ItimerspecOut] = structKind{itimerspecSize, true, appendItimerspec}
}

// appendTimeval prints {tv_sec=1, tv_usec=500}.
func appendTimeval(b, d []byte) []byte {
	b = append(b, "{tv_sec="...)
	b = strconv.AppendInt(b, int64(le64(d)), 10)
	b = append(b, ", tv_usec="...)
	b = strconv.AppendInt(b, int64(le64(d[8:])), 10)
	return append(b, '}')
}

// appendItimerspec prints {it_interval={...}, it_value={...}}.
func appendItimerspec(b, d []byte) []byte {
	b = append(b, "{it_interval="...)
	b = appendTimespec(b, d)
	b = append(b, ", it_value="...)
	b = appendTimespec(b, d[timespecSize:])
	return append(b, '}')
}

// appendEpollEvent prints {events=EPOLLIN, data={u32=3, u64=3}}.
func appendEpollEvent(b, d []byte) []byte {
	b = append(b, "{events="...)
	b = xlat.ByName("epollevents").AppendFlags(b, uint64(le32(d)))
	data := le64(d[4:])
	b = append(b, ", data={u32="...)
	b = strconv.AppendUint(b, uint64(uint32(data)), 10)
	b = append(b, ", u64="...)
	b = strconv.AppendUint(b, data, 10)
	return append(b, "}}"...)
}

// appendEpollEvents prints the events epoll_wait returned.
func appendEpollEvents(p *Printer, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	cp := c.Capture(uint8(i), decoder.CapArrayOut)
	if isError(c.Ret) || cp == nil || cp.Fault() {
		return appendAddr(b, c.Args[i])
	}
	return p.appendArray(b, cp, epollEventSize, func(b, d []byte) []byte { return appendEpollEvent(b, d) })
}

// appendArray prints the elements of a captured array, no more than -s of
// them, as strace's print_array does.
func (p *Printer) appendArray(b []byte, cp *decoder.Capture, size int, elem func(b, d []byte) []byte) []byte {
	b = append(b, '[')
	d := cp.Data
	for n := 0; len(d) >= size; n++ {
		if n > 0 {
			b = append(b, ", "...)
		}
		if n == p.opt.StrSize {
			b = append(b, "..."...)
			break
		}
		b = elem(b, d[:size])
		d = d[size:]
	}
	if cp.More() && len(d) < size {
		b = append(b, ", ..."...)
	}
	return append(b, ']')
}

// appendPollFds prints the pollfd array as the tracee passes it.
func appendPollFds(p *Printer, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	cp := c.Capture(uint8(i), decoder.CapArrayIn)
	if c.Args[i] == 0 || cp == nil || cp.Fault() {
		return appendAddr(b, c.Args[i])
	}
	return p.appendArray(b, cp, pollfdSize, func(b, d []byte) []byte {
		b = append(b, "{fd="...)
		b = strconv.AppendInt(b, int64(int32(le32(d))), 10)
		b = append(b, ", events="...)
		b = xlat.ByName("pollflags").AppendFlags(b, uint64(uint16(d[4])|uint16(d[5])<<8))
		return append(b, '}')
	})
}

// appendPollRevents prints the pollfds with events, after poll's return.
func appendPollRevents(b []byte, cp *decoder.Capture) []byte {
	b = append(b, '[')
	first := true
	for d := cp.Data; len(d) >= pollfdSize; d = d[pollfdSize:] {
		revents := uint64(uint16(d[6]) | uint16(d[7])<<8)
		if revents == 0 {
			continue
		}
		if !first {
			b = append(b, ", "...)
		}
		first = false
		b = append(b, "{fd="...)
		b = strconv.AppendInt(b, int64(int32(le32(d))), 10)
		b = append(b, ", revents="...)
		b = xlat.ByName("pollflags").AppendFlags(b, revents)
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendFdSet prints the descriptors below nfds of an fd_set: [3 4].
func appendFdSet(b, d []byte, nfds int) []byte {
	b = append(b, '[')
	first := true
	for fd := 0; fd < nfds && fd/8 < len(d); fd++ {
		if d[fd/8]&(1<<(fd%8)) == 0 {
			continue
		}
		if !first {
			b = append(b, ' ')
		}
		first = false
		b = strconv.AppendInt(b, int64(fd), 10)
	}
	return append(b, ']')
}

// appendFdSetArg prints a set of select as the tracee passes it.
func appendFdSetArg(p *Printer, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	cp := c.Capture(uint8(i), decoder.CapMemIn)
	if c.Args[i] == 0 || cp == nil || cp.Fault() {
		return appendAddr(b, c.Args[i])
	}
	return appendFdSet(b, cp.Data, int(int32(c.Args[0])))
}

// appendTimespecLeft prints the timeout of ppoll and pselect6 as passed.
func appendTimespecLeft(p *Printer, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	return appendStruct(b, c.Args[i], c.Capture(uint8(i), decoder.CapMemIn), timespecSize, appendTimespec)
}

// appendReturnDetail appends what strace shows after a successful return
// of the multiplexing syscalls: the ready descriptors, the time left.
func appendReturnDetail(b []byte, c *decoder.Call, sc *syscalltbl.Syscall) []byte {
	switch sc.Name {
	case "poll", "ppoll", "select", "pselect6":
	default:
		return b
	}
	if c.Ret == 0 {
		return append(b, " (Timeout)"...)
	}
	b = append(b, " ("...)
	sep := ""
	switch sc.Name {
	case "poll", "ppoll":
		if cp := c.Capture(0, decoder.CapArrayOut); cp != nil && !cp.Fault() {
			b = appendPollRevents(b, cp)
			sep = ", "
		}
	default:
		for i, name := range [...]string{"in", "out", "except"} {
			cp := c.Capture(uint8(i+1), decoder.CapMemOut)
			if c.Args[i+1] == 0 || cp == nil || cp.Fault() {
				continue
			}
			b = append(b, sep...)
			b = append(b, name...)
			b = append(b, ' ')
			b = appendFdSet(b, cp.Data, int(int32(c.Args[0])))
			sep = ", "
		}
	}
	for i := range sc.Args {
		if sc.Args[i].Kind != syscalltbl.TimespecLeft {
			continue
		}
		if cp := c.Capture(uint8(i), decoder.CapMemOut); c.Args[i] != 0 && cp != nil && !cp.Fault() && len(cp.Data) >= timespecSize {
			b = append(b, sep...)
			b = append(b, "left "...)
			b = appendTimespec(b, cp.Data)
		}
	}
	return append(b, ')')
}
