package printer

import (
	"net"
	"net/netip"
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

// Address families strace decodes field by field (libc's values).
const (
	afUnix    = 1
	afInet    = 2
	afInet6   = 10
	afNetlink = 16
)

const (
	solSocket = 1
	solTCP    = 6
	soLinger  = 13
)

// argPrinter prints argument i of c, of a kind that needs more than its
// own value and capture.
type argPrinter func(p *Printer, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte

var netArgPrinters map[syscalltbl.Kind]argPrinter

func init() {
	netArgPrinters = map[syscalltbl.Kind]argPrinter{
		syscalltbl.SockaddrIn:     appendSockaddrIn,
		syscalltbl.SockaddrOut:    appendSockaddrOut,
		syscalltbl.SockLen:        appendSockLen,
		syscalltbl.SockoptIn:      appendSockoptIn,
		syscalltbl.SockoptOut:     appendSockoptOut,
		syscalltbl.PollFds:        appendPollFds,
		syscalltbl.FdSet:          appendFdSetArg,
		syscalltbl.TimespecLeft:   appendTimespecLeft,
		syscalltbl.EpollEventsOut: appendEpollEvents,
		syscalltbl.MsghdrIn:       appendMsghdrArg,
		syscalltbl.MsghdrOut:      appendMsghdrArg,
	}
	specialFormatters["socket"] = formatSocket
	specialFormatters["setsockopt"] = formatSockopt
	specialFormatters["getsockopt"] = formatSockopt
}

// netPrintedAtExit reports whether an argument of kind k is written by the
// kernel, so that it and those after it print at exit.
func netPrintedAtExit(k syscalltbl.Kind) bool {
	switch k {
	case syscalltbl.SockaddrOut, syscalltbl.SockLen, syscalltbl.SockoptOut, syscalltbl.EpollEventsOut,
		syscalltbl.MsghdrOut:
		return true
	}
	return false
}

// formatSocket prints socket(2): the protocol is named by the domain's table.
func formatSocket(p *Printer, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	if exiting {
		return b, false
	}
	sc := syscalltbl.Lookup(int(c.Nr))
	b = p.appendArg(b, c, 0, &sc.Args[0])
	b = append(b, ", "...)
	b = p.appendArg(b, c, 1, &sc.Args[1])
	b = append(b, ", "...)
	proto := uint64(uint32(c.Args[2]))
	switch uint32(c.Args[0]) {
	case afInet, afInet6:
		return xlat.ByName("inet_protocols").AppendValue(b, proto), false
	case afNetlink:
		return xlat.ByName("netlink_protocols").AppendValue(b, proto), false
	}
	return strconv.AppendUint(b, proto, 10), false
}

// formatSockopt prints setsockopt(2) and getsockopt(2), whose option name
// is named by the level's table.
func formatSockopt(p *Printer, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	sc := syscalltbl.Lookup(int(c.Nr))
	get := sc.Args[3].Kind == syscalltbl.SockoptOut
	if exiting {
		b = p.appendArg(b, c, 3, &sc.Args[3])
		b = append(b, ", "...)
		return p.appendArg(b, c, 4, &sc.Args[4]), false
	}
	b = p.appendArg(b, c, 0, &sc.Args[0])
	b = append(b, ", "...)
	b = p.appendArg(b, c, 1, &sc.Args[1])
	b = append(b, ", "...)
	name := uint64(uint32(c.Args[2]))
	switch uint32(c.Args[1]) {
	case solSocket:
		b = xlat.ByName("sock_options").AppendValue(b, name)
	case solTCP:
		b = xlat.ByName("sock_tcp_options").AppendValue(b, name)
	default:
		b = strconv.AppendUint(b, name, 10)
	}
	b = append(b, ", "...)
	if get {
		return b, true
	}
	b = p.appendArg(b, c, 3, &sc.Args[3])
	b = append(b, ", "...)
	return p.appendArg(b, c, 4, &sc.Args[4]), false
}

// appendSockaddrIn prints a sockaddr the tracee passes, of the length in
// argument a.LenArg.
func appendSockaddrIn(p *Printer, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	addr := c.Args[i]
	cp := c.Capture(uint8(i), decoder.CapArrayIn)
	if addr == 0 || cp == nil || cp.Fault() {
		return appendAddr(b, addr)
	}
	return appendSockaddr(b, cp.Data, addr)
}

// appendSockaddrOut prints a sockaddr the kernel wrote, as long as the
// shorter of the buffer and the address.
func appendSockaddrOut(p *Printer, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	addr := c.Args[i]
	cp := c.Capture(uint8(i), decoder.CapLenptrOut)
	if addr == 0 || isError(c.Ret) || cp == nil || cp.Fault() {
		return appendAddr(b, addr)
	}
	data := cp.Data
	if in := c.Capture(uint8(a.LenArg), decoder.CapMemIn); in != nil && !in.Fault() && len(in.Data) >= 4 {
		if n := int(int32(le32(in.Data))); n >= 0 && n < len(data) {
			data = data[:n]
		}
	}
	return appendSockaddr(b, data, addr)
}

// appendSockaddr prints a struct sockaddr of len(d) bytes as strace does.
func appendSockaddr(b, d []byte, addr uint64) []byte {
	if len(d) < 2 {
		return appendAddr(b, addr)
	}
	family := uint64(uint16(d[0]) | uint16(d[1])<<8)
	b = append(b, "{sa_family="...)
	b = xlat.ByName("addrfams").AppendValue(b, family)
	d = d[2:]
	switch {
	case family == afInet && len(d) >= 14:
		b = append(b, ", sin_port=htons("...)
		b = strconv.AppendUint(b, uint64(d[0])<<8|uint64(d[1]), 10)
		b = append(b, "), sin_addr=inet_addr(\""...)
		b = netip.AddrFrom4([4]byte(d[2:6])).AppendTo(b)
		b = append(b, "\")"...)
	case family == afInet6 && len(d) >= 26:
		b = append(b, ", sin6_port=htons("...)
		b = strconv.AppendUint(b, uint64(d[0])<<8|uint64(d[1]), 10)
		b = append(b, "), sin6_flowinfo=htonl("...)
		b = strconv.AppendUint(b, uint64(d[2])<<24|uint64(d[3])<<16|uint64(d[4])<<8|uint64(d[5]), 10)
		b = append(b, "), inet_pton(AF_INET6, \""...)
		b = netip.AddrFrom16([16]byte(d[6:22])).AppendTo(b)
		b = append(b, "\", &sin6_addr), sin6_scope_id="...)
		b = appendScopeID(b, netip.AddrFrom16([16]byte(d[6:22])), le32(d[22:]))
	case family == afUnix:
		if len(d) == 0 {
			break
		}
		b = append(b, ", sun_path="...)
		if d[0] == 0 {
			// an abstract name: all its bytes count
			b = append(b, '@')
			b = AppendQuoted(b, d[1:], false)
			break
		}
		n := 0
		for n < len(d) && d[n] != 0 {
			n++
		}
		b = AppendQuoted(b, d[:n], false)
	case family == afNetlink && len(d) >= 10:
		b = append(b, ", nl_pid="...)
		b = strconv.AppendUint(b, uint64(le32(d[2:])), 10)
		b = append(b, ", nl_groups="...)
		b = appendHex08(b, le32(d[6:]))
	default:
		b = append(b, ", sa_data="...)
		b = AppendQuoted(b, d, false)
	}
	return append(b, '}')
}

// appendScopeID prints the scope of a link-local IPv6 address by its
// interface name, as strace does when the interface exists here.
func appendScopeID(b []byte, ip netip.Addr, id uint32) []byte {
	if ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() {
		if ifc, err := net.InterfaceByIndex(int(id)); err == nil {
			b = append(b, "if_nametoindex("...)
			b = AppendQuoted(b, []byte(ifc.Name), false)
			return append(b, ')')
		}
	}
	return strconv.AppendUint(b, uint64(id), 10)
}

// appendHex08 prints v in hex on 8 digits, as strace prints nl_groups.
func appendHex08(b []byte, v uint32) []byte {
	const digits = "0123456789abcdef"
	for shift := 28; shift >= 0; shift -= 4 {
		b = append(b, digits[v>>uint(shift)&0xf])
	}
	return b
}

// appendSockLen prints a socklen_t the kernel reads and rewrites: [16], or
// [128 => 16] when it changed.
func appendSockLen(p *Printer, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	addr := c.Args[i]
	in := c.Capture(uint8(i), decoder.CapMemIn)
	if addr == 0 || in == nil || in.Fault() || len(in.Data) < 4 {
		return appendAddr(b, addr)
	}
	before := int32(le32(in.Data))
	b = append(b, '[')
	b = strconv.AppendInt(b, int64(before), 10)
	out := c.Capture(uint8(i), decoder.CapMemOut)
	if !isError(c.Ret) && out != nil && !out.Fault() && len(out.Data) >= 4 {
		if after := int32(le32(out.Data)); after != before {
			b = append(b, " => "...)
			b = strconv.AppendInt(b, int64(after), 10)
		}
	}
	return append(b, ']')
}

// appendSockoptIn prints setsockopt's option value of optlen bytes.
func appendSockoptIn(p *Printer, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	cp := c.Capture(uint8(i), decoder.CapArrayIn)
	if c.Args[i] == 0 || cp == nil || cp.Fault() {
		return appendAddr(b, c.Args[i])
	}
	return appendSockoptValue(b, c, cp.Data, c.Args[i])
}

// appendSockoptOut prints getsockopt's option value, as long as the kernel
// says.
func appendSockoptOut(p *Printer, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	cp := c.Capture(uint8(i), decoder.CapLenptrOut)
	if c.Args[i] == 0 || isError(c.Ret) || cp == nil || cp.Fault() {
		return appendAddr(b, c.Args[i])
	}
	return appendSockoptValue(b, c, cp.Data, c.Args[i])
}

// appendSockoptValue prints an option value: a struct linger, an int, or
// the address for what strace does not decode.
func appendSockoptValue(b []byte, c *decoder.Call, d []byte, addr uint64) []byte {
	if uint32(c.Args[1]) == solSocket && uint32(c.Args[2]) == soLinger && len(d) == 8 {
		b = append(b, "{l_onoff="...)
		b = strconv.AppendInt(b, int64(int32(le32(d))), 10)
		b = append(b, ", l_linger="...)
		b = strconv.AppendInt(b, int64(int32(le32(d[4:]))), 10)
		return append(b, '}')
	}
	if len(d) == 4 {
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(int32(le32(d))), 10)
		return append(b, ']')
	}
	return appendAddr(b, addr)
}
