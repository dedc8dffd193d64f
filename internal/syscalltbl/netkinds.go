package syscalltbl

// Kinds of the network and I/O multiplexing arguments, numbered apart from
// the others so that both lists can grow independently.
const (
	SockaddrIn     Kind = 64 + iota // struct sockaddr * read at enter; length in argument LenArg
	SockaddrOut                     // struct sockaddr * filled by the kernel; length at *argument LenArg at exit
	SockLen                         // socklen_t * read at enter and exit: [128 => 16]
	SockoptIn                       // setsockopt's option value; length in argument LenArg
	SockoptOut                      // getsockopt's option value; length at *argument LenArg at exit
	PollFds                         // struct pollfd[argument LenArg], read at enter and exit
	FdSet                           // fd_set * read at enter and exit (select)
	EpollEventIn                    // const struct epoll_event *
	EpollEventsOut                  // struct epoll_event[return value] filled by the kernel
	ItimerspecIn                    // const struct itimerspec *
	ItimerspecOut                   // struct itimerspec * filled by the kernel at exit
	TimespecLeft                    // struct __kernel_timespec * read at enter, and at exit for the time left
	MsghdrIn                        // struct msghdr * the kernel reads (sendmsg)
	MsghdrOut                       // struct msghdr * the kernel fills in (recvmsg)
	IoctlArg                        // ioctl's argument: what it means depends on the request
	TimevalLeft                     // struct timeval * read at enter, and at exit for the time left (select)
	SigsetPack                      // pselect6's const struct {sigset_t *ss; size_t ss_len} *
)

// TakesLen reports whether arguments of kind k name their length argument.
func TakesLen(k Kind) bool {
	switch k {
	case BufIn, Clone3Args, IovIn, IovOut, CPUSetIn, OpenHow, SockaddrIn, SockaddrOut, SockoptIn, SockoptOut, PollFds:
		return true
	}
	return false
}
