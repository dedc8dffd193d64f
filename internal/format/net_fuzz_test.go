package format

import (
	"encoding/binary"
	"testing"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
)

// netFuzzSyscalls are the syscalls whose decoders read structs the tracee
// controls: sockaddrs, option values, msghdrs, pollfd arrays, fd_sets,
// ioctl arguments.
var netFuzzSyscalls = []string{
	"socket", "bind", "connect", "accept", "accept4", "getsockname", "getpeername",
	"sendto", "recvfrom", "sendmsg", "recvmsg", "setsockopt", "getsockopt",
	"poll", "ppoll", "select", "pselect6", "epoll_ctl", "epoll_wait", "epoll_pwait",
	"timerfd_settime", "timerfd_gettime", "ioctl",
}

// FuzzNetDecoders feeds the decoders of netFuzzSyscalls arbitrary arguments
// and captures of arbitrary sizes: no panic, and a line of bounded length.
func FuzzNetDecoders(f *testing.F) {
	f.Add(uint8(0), []byte{2, 0, 0, 80, 127, 0, 0, 1}, []byte{16, 0, 0, 0}, int64(0), uint64(1), uint64(0x5401))
	f.Add(uint8(10), []byte{1, 0, 0, 0, 2, 0, 0, 0}, []byte{0, 0, 0, 0, 0, 0, 0, 0, 1}, int64(12), uint64(3), uint64(16))
	f.Add(uint8(22), make([]byte, 40), make([]byte, 3), int64(-14), uint64(0), uint64(0x802c542a))
	f.Fuzz(func(t *testing.T, which uint8, enter, exit []byte, ret int64, a0, a1 uint64) {
		sc := syscalltbl.ByName(netFuzzSyscalls[int(which)%len(netFuzzSyscalls)])
		c := &decoder.Call{Nr: int64(sc.Nr), Entered: true, Exited: true, Ret: ret}
		c.Args = [6]uint64{a0, a1, 0x1000, 4, 0x2000, 0x3000}
		if len(enter) >= 8 {
			c.Args[2] = binary.LittleEndian.Uint64(enter)
		}
		// every capture kind of every argument holds the same bytes: the
		// decoders must cope with any length
		for arg := range uint8(6) {
			for _, k := range []decoder.CapKind{decoder.CapMemIn, decoder.CapArrayIn, decoder.CapMsghdr,
				decoder.CapMsgName, decoder.CapMsgIov, decoder.CapMsgData, decoder.CapMsgControl,
				decoder.CapIoctlIn, decoder.CapSigsetPack, decoder.CapFdsetIn, decoder.CapBufIn} {
				c.Enter = append(c.Enter, decoder.Capture{Arg: arg, Kind: k, Data: enter})
			}
			for _, k := range []decoder.CapKind{decoder.CapMemOut, decoder.CapArrayOut, decoder.CapLenptrOut,
				decoder.CapMsghdr, decoder.CapMsgIov, decoder.CapMsgData, decoder.CapMsgControl,
				decoder.CapIoctlOut, decoder.CapFdsetOut, decoder.CapBufOut} {
				c.Exit = append(c.Exit, decoder.Capture{Arg: arg, Kind: k, Flags: decoder.CapExit, Data: exit})
			}
		}
		f := New(Options{StrSize: 32})
		b, _ := f.FormatArgs(nil, c, false)
		b, _ = f.FormatArgs(b, c, true)
		b = f.AppendReturn(b, c)
		if len(b) > 64<<10 {
			t.Fatalf("%s: %d bytes", sc.Name, len(b))
		}
	})
}
