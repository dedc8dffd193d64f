package tracer

import (
	"github.com/gotrace/gotrace/bpf"
	"github.com/gotrace/gotrace/internal/syscalltbl"
)

// Sizes of what the socket and multiplexing arguments hold (x86_64).
const (
	pollfdSize     = 8  // struct pollfd
	epollEventSize = 12 // struct epoll_event, packed on x86_64
	timespecSize   = 16 // struct __kernel_timespec
	arrayByRet     = 0xff
	msghdrSize     = 56 // struct user_msghdr
)

// netArgPlan is what the kernel side reads for an argument of the kinds of
// syscalltbl/netkinds.go: capture kinds at enter and exit, the argument
// giving a length, and a size; ok tells whether a is of those kinds.
func netArgPlan(a *syscalltbl.Arg) (enter, exit, lenArg uint8, size uint16, ok bool) {
	switch a.Kind {
	case syscalltbl.SockaddrIn, syscalltbl.SockoptIn:
		return bpf.CapArrayIn, 0, uint8(a.LenArg), 1, true
	case syscalltbl.SockaddrOut, syscalltbl.SockoptOut:
		return 0, bpf.CapLenptrOut, uint8(a.LenArg), 0, true
	case syscalltbl.SockLen:
		return bpf.CapMemIn, bpf.CapMemOut, 0, intSize, true
	case syscalltbl.PollFds:
		return bpf.CapArrayIn, bpf.CapArrayOut, uint8(a.LenArg), pollfdSize, true
	case syscalltbl.FdSet:
		// the kernel side sizes it by nfds
		return bpf.CapFdsetIn, bpf.CapFdsetOut, 0, 0, true
	case syscalltbl.TimespecLeft, syscalltbl.TimevalLeft:
		return bpf.CapMemIn, bpf.CapMemOut, 0, timespecSize, true
	case syscalltbl.SigsetPack:
		return bpf.CapSigsetPack, 0, 0, 0, true
	case syscalltbl.MsghdrIn:
		return bpf.CapMsghdr, 0, 0, 0, true
	case syscalltbl.MsghdrOut:
		// msg_namelen as passed shows when the call fails
		return bpf.CapMemIn, bpf.CapMsghdr, 0, msghdrSize, true
	case syscalltbl.IoctlArg:
		// the kernel side sizes it by the request
		return bpf.CapIoctlIn, bpf.CapIoctlOut, 0, 0, true
	case syscalltbl.EpollEventsOut:
		return 0, bpf.CapArrayOut, arrayByRet, epollEventSize, true
	}
	return 0, 0, 0, 0, false
}
