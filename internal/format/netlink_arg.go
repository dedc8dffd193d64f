package format

import (
	"encoding/binary"

	"github.com/gotrace/gotrace/internal/decoder"
)

// appendNetlink prints the buffer argument arg (n bytes at addr) of a call
// on a netlink socket as strace decodes netlink messages; false when the
// call's descriptor is no netlink socket (the kernel side names the socket
// of a SockFD argument in a CapSock capture).
func (f *Formatter) appendNetlink(b []byte, c *decoder.Call, arg uint8, addr, n uint64, kind decoder.CapKind) ([]byte, bool) {
	proto := netlinkProtoOf(c)
	if proto < 0 {
		return b, false
	}
	var data []byte
	if cp := c.Capture(arg, kind); cp != nil {
		data = cp.Data
	}
	st := f.nlStyle(c)
	return appendNetlinkMsgs(b, st, proto, addr, data, n), true
}

// netlinkProtoOf is the netlink protocol of c's socket (its first
// argument), which the kernel side names in a CapSock capture, or -1 when
// it is no netlink socket.
func netlinkProtoOf(c *decoder.Call) int {
	sock := c.Capture(0, decoder.CapSock)
	if sock == nil || len(sock.Data) < 6 || binary.LittleEndian.Uint16(sock.Data) != afNetlink {
		return -1
	}
	return int(binary.LittleEndian.Uint16(sock.Data[4:]))
}

// nlStyle is how c's netlink messages print.
func (f *Formatter) nlStyle(c *decoder.Call) nlStyle {
	return nlStyle{Xlat: f.opt.Xlat, Quote: f.opt.Quote, StrLen: f.opt.StrSize, Abbrev: !f.opt.Verbose,
		Fd: func(b []byte, fd int32) []byte { return f.appendFd(b, c.Tid, fd) }}
}
