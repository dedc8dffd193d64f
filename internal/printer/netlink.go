package printer

import (
	"encoding/binary"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/format"
)

// appendNetlink prints the buffer argument arg (n bytes at addr) of a call
// on a netlink socket as strace decodes netlink messages; false when the
// call's descriptor is no netlink socket (the kernel side names the socket
// of a SockFD argument in a CapSock capture).
func (p *Printer) appendNetlink(b []byte, c *decoder.Call, arg uint8, addr, n uint64, kind decoder.CapKind) ([]byte, bool) {
	const afNetlink = 16
	sock := c.Capture(0, decoder.CapSock)
	if sock == nil || len(sock.Data) < 6 || binary.LittleEndian.Uint16(sock.Data) != afNetlink {
		return b, false
	}
	var data []byte
	if cp := c.Capture(arg, kind); cp != nil {
		data = cp.Data
	}
	st := format.NetlinkStyle{Xlat: p.opt.Xlat, Quote: p.opt.Quote, StrLen: p.opt.StrSize, Abbrev: !p.opt.Verbose}
	return format.AppendNetlink(b, st, int(binary.LittleEndian.Uint16(sock.Data[4:])), addr, data, n), true
}
