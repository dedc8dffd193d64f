package format

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
)

func init() {
	kindPrinters[syscalltbl.EpollEventIn] = appendEpollCtlEvent
	structKinds[syscalltbl.ItimerspecIn] = structKind{(*Formatter).appendItimerspec, nil}
	structKinds[syscalltbl.ItimerspecOut] = structKind{(*Formatter).appendItimerspec, nil}
}

// appendTimeval prints {tv_sec=1, tv_usec=500}.
func appendTimeval(b, d []byte) []byte {
	b = append(b, "{tv_sec="...)
	b = strconv.AppendInt(b, int64(le64(d)), 10)
	b = append(b, ", tv_usec="...)
	b = strconv.AppendUint(b, le64(d[8:]), 10)
	return append(b, '}')
}

// appendItimerspec prints {it_interval={...}, it_value={...}}.
func (f *Formatter) appendItimerspec(b, d []byte) []byte {
	b = append(b, "{it_interval="...)
	b = f.appendTimespec(b, d)
	b = append(b, ", it_value="...)
	b = f.appendTimespec(b, d[timespecSize:])
	return append(b, '}')
}

// appendEpollEvent prints {events=EPOLLIN, data={u32=3, u64=3}}.
func (f *Formatter) appendEpollEvent(b, d []byte) []byte {
	b = append(b, "{events="...)
	b = xlat.ByName("epollevents").AppendFlags(b, uint64(le32(d)), f.opt.Xlat)
	data := le64(d[4:])
	b = append(b, ", data={u32="...)
	b = strconv.AppendUint(b, uint64(uint32(data)), 10)
	b = append(b, ", u64="...)
	b = strconv.AppendUint(b, data, 10)
	return append(b, "}}"...)
}

// appendEpollEvents prints the events epoll_wait returned.
func appendEpollEvents(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	cp := c.Capture(uint8(i), decoder.CapArrayOut)
	if c.Failed() || cp == nil || cp.Fault() {
		return appendAddr(b, c.Args[i])
	}
	return f.appendArray(b, cp, epollEventSize, func(b, d []byte) []byte { return f.appendEpollEvent(b, d) })
}

// appendArray prints the elements of a captured array, no more than -s of
// them, as strace's print_array does.
func (f *Formatter) appendArray(b []byte, cp *decoder.Capture, size int, elem func(b, d []byte) []byte) []byte {
	b = append(b, '[')
	d := cp.Data
	for n := 0; len(d) >= size; n++ {
		if n > 0 {
			b = append(b, ", "...)
		}
		if n == f.opt.StrSize {
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
func appendPollFds(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	cp := c.Capture(uint8(i), decoder.CapArrayIn)
	return f.appendMemArray(b, c.Args[i], cp, uint64(uint32(c.Args[a.LenArg])), pollfdSize, func(b, d []byte) []byte {
		fd := int32(le32(d))
		b = append(b, "{fd="...)
		b = strconv.AppendInt(b, int64(fd), 10)
		if fd >= 0 {
			b = append(b, ", events="...)
			b = xlat.ByName("pollflags").AppendFlags(b, uint64(uint16(d[4])|uint16(d[5])<<8), f.opt.Xlat)
		}
		return append(b, '}')
	})
}

// appendPollRevents prints the pollfds with events, after poll's return,
// as strace's decode_poll_exiting: nothing when none has any.
func (f *Formatter) appendPollRevents(b []byte, cp *decoder.Capture) []byte {
	n, start := 0, len(b)
	for d := cp.Data; len(d) >= pollfdSize; d = d[pollfdSize:] {
		revents := uint64(uint16(d[6]) | uint16(d[7])<<8)
		if revents == 0 {
			continue
		}
		if len(b) == start {
			b = append(b, '[')
		} else {
			b = append(b, ", "...)
		}
		if n == f.opt.StrSize {
			b = append(b, "..."...)
			break
		}
		n++
		b = append(b, "{fd="...)
		b = strconv.AppendInt(b, int64(int32(le32(d))), 10)
		b = append(b, ", revents="...)
		b = xlat.ByName("pollflags").AppendFlags(b, revents, f.opt.Xlat)
		b = append(b, '}')
	}
	if len(b) > start {
		b = append(b, ']')
	}
	return b
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

// selectNfds is the number of descriptors select looks at, as strace
// bounds it.
func selectNfds(c *decoder.Call) int {
	return min(max(int(int32(c.Args[0])), 0), 1024*1024)
}

// appendFdSetArg prints a set of select as the tracee passes it.
func appendFdSetArg(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	cp := c.Capture(uint8(i), decoder.CapFdsetIn)
	nfds := selectNfds(c)
	if c.Args[i] == 0 || nfds == 0 || cp == nil || cp.Fault() {
		return appendAddr(b, c.Args[i])
	}
	return appendFdSet(b, cp.Data, nfds)
}

// appendTimespecLeft prints the timeout of ppoll and pselect6 as passed.
func appendTimespecLeft(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	return appendStruct(b, c.Args[i], c.Capture(uint8(i), decoder.CapMemIn), timespecSize, f.appendTimespec)
}

// appendTimevalLeft prints the timeout of select as passed.
func appendTimevalLeft(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	return appendStruct(b, c.Args[i], c.Capture(uint8(i), decoder.CapMemIn), timevalSize, appendTimeval)
}

// appendSigsetPack prints pselect6's {sigmask=[...], sigsetsize=8}.
func appendSigsetPack(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	cp := c.Capture(uint8(i), decoder.CapSigsetPack)
	if c.Args[i] == 0 || cp == nil || cp.Fault() || len(cp.Data) < 16 {
		return appendAddr(b, c.Args[i])
	}
	ptr, size := le64(cp.Data), le64(cp.Data[8:])
	b = append(b, "{sigmask="...)
	if ptr != 0 && size == sigsetSize && len(cp.Data) >= 16+sigsetSize {
		b = f.appendSigset(b, le64(cp.Data[16:]))
	} else {
		b = appendAddr(b, ptr)
	}
	b = append(b, ", sigsetsize="...)
	b = strconv.AppendUint(b, size, 10)
	return append(b, '}')
}

// appendReturnDetail appends what strace shows after a successful return
// of the multiplexing syscalls: the ready descriptors, the time left.
func (f *Formatter) appendReturnDetail(b []byte, c *decoder.Call, sc *syscalltbl.Syscall) []byte {
	switch sc.Name {
	case "poll", "ppoll", "select", "pselect6":
	default:
		return b
	}
	if c.Ret == 0 {
		return append(b, " (Timeout)"...)
	}
	mark := len(b)
	b = append(b, " ("...)
	start := len(b)
	switch sc.Name {
	case "poll", "ppoll":
		if cp := c.Capture(0, decoder.CapArrayOut); c.Args[0] != 0 && uint32(c.Args[1]) != 0 && cp != nil && !cp.Fault() {
			b = f.appendPollRevents(b, cp)
		}
	default:
		b = appendReadySets(b, c)
	}
	for i := range sc.Args {
		k := sc.Args[i].Kind
		if (k != syscalltbl.TimespecLeft && k != syscalltbl.TimevalLeft) || c.Args[i] == 0 {
			continue
		}
		if len(b) > start {
			b = append(b, ", "...)
		}
		b = append(b, "left "...)
		cp := c.Capture(uint8(i), decoder.CapMemOut)
		if k == syscalltbl.TimespecLeft {
			b = appendStruct(b, c.Args[i], cp, timespecSize, f.appendTimespec)
		} else {
			b = appendStruct(b, c.Args[i], cp, timevalSize, appendTimeval)
		}
	}
	if len(b) == start && (sc.Name == "poll" || sc.Name == "ppoll") {
		// strace's decode_select prints its string even when empty: "= 1 ()"
		return b[:mark]
	}
	return append(b, ')')
}

// appendReadySets prints the descriptors select returned ready, "in [3],
// out [4]", as strace's decode_select does, down to its closing a set
// with "]" once anything is printed, even a set with no descriptor.
func appendReadySets(b []byte, c *decoder.Call) []byte {
	nfds := selectNfds(c)
	ready := c.Ret
	start := len(b)
	sep := ""
	for i, name := range [...]string{"in", "out", "except"} {
		if ready <= 0 {
			break
		}
		cp := c.Capture(uint8(i+1), decoder.CapFdsetOut)
		if c.Args[i+1] == 0 || cp == nil || cp.Fault() {
			continue
		}
		first := true
		for fd := 0; fd < nfds && fd/8 < len(cp.Data) && ready > 0; fd++ {
			if cp.Data[fd/8]&(1<<(fd%8)) == 0 {
				continue
			}
			if first {
				b = append(b, sep...)
				b = append(b, name...)
				b = append(b, " ["...)
				first, sep = false, ", "
			} else {
				b = append(b, ' ')
			}
			b = strconv.AppendInt(b, int64(fd), 10)
			ready--
		}
		if len(b) > start {
			b = append(b, ']')
		}
	}
	return b
}

// appendEpollCtlEvent prints epoll_ctl's event: its address for
// EPOLL_CTL_DEL, which takes none, else the struct epoll_event.
func appendEpollCtlEvent(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	const epollCtlDel = 2
	if uint32(c.Args[1]) == epollCtlDel {
		return appendAddr(b, c.Args[i])
	}
	return appendStruct(b, c.Args[i], c.Capture(uint8(i), decoder.CapMemIn), int(a.Kind.Info().Size), f.appendEpollEvent)
}
