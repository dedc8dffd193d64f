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
	const afNetlink = 16
	sock := c.Capture(0, decoder.CapSock)
	if sock == nil || len(sock.Data) < 6 || binary.LittleEndian.Uint16(sock.Data) != afNetlink {
		return b, false
	}
	var data []byte
	if cp := c.Capture(arg, kind); cp != nil {
		data = cp.Data
	}
	st := nlStyle{Xlat: f.opt.Xlat, Quote: f.opt.Quote, StrLen: f.opt.StrSize, Abbrev: !f.opt.Verbose}
	return appendNetlinkMsgs(b, st, int(binary.LittleEndian.Uint16(sock.Data[4:])), addr, data, n), true
}
