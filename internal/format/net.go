package format

import (
	"net"
	"net/netip"
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/quote"
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

// Socket option levels and sizes (libc's values, x86_64).
const (
	solIP               = 0
	solSocket           = 1
	solTCP              = 6
	solUDP              = 17
	solIPv6             = 41
	solNetlink          = 270
	solRaw              = 255
	solPacket           = 263
	soAttachFilter      = 26  // SO_ATTACH_FILTER for setsockopt, SO_GET_FILTER for getsockopt
	lingerSize          = 8   // struct linger
	sockaddrStorageSize = 128 // struct sockaddr_storage: strace reads no more
	sin6MinLen          = 24  // struct sockaddr_in6 up to sin6_scope_id (RFC 2133)
	ucredSize           = 12  // struct ucred
)

// argPrinter prints argument i of c, of a kind that needs more than its
// own value and capture.
type argPrinter func(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte

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
		syscalltbl.TimevalLeft:    appendTimevalLeft,
		syscalltbl.SigsetPack:     appendSigsetPack,
		syscalltbl.EpollEventsOut: appendEpollEvents,
		syscalltbl.MsghdrIn:       appendMsghdrArg,
		syscalltbl.MsghdrOut:      appendMsghdrArg,
		syscalltbl.NodemaskIn:     appendNodemaskArg,
		syscalltbl.NodemaskOut:    appendNodemaskArg,
		syscalltbl.PagesIn:        appendPagesArg,
		syscalltbl.IntsIn:         appendIntsArg,
		syscalltbl.PageStatusOut:  appendPageStatusArg,
		syscalltbl.SembufsIn:      appendSembufs,
		syscalltbl.MsgbufIn:       appendMsgbuf,
		syscalltbl.MsgbufOut:      appendMsgbuf,
		syscalltbl.Dev:            appendDevArg,
		syscalltbl.IovAddrs:       appendIovAddrs,
		syscalltbl.FutexWaiters:   appendFutexWaiters,
		syscalltbl.KexecSegments:  appendKexecSegments,
	}
	specialFormatters["socket"] = formatSocket
	specialFormatters["setsockopt"] = formatSockopt
	specialFormatters["getsockopt"] = formatSockopt
}

// formatSocket prints socket(2): the protocol is named by the domain's table.
func formatSocket(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	if exiting {
		return b, false
	}
	sc := c.Syscall()
	b = f.appendArg(b, c, 0, &sc.Args[0])
	b = append(b, ", "...)
	b = f.appendArg(b, c, 1, &sc.Args[1])
	b = append(b, ", "...)
	proto := uint64(uint32(c.Args[2]))
	switch uint32(c.Args[0]) {
	case afInet, afInet6:
		return xlat.ByName("inet_protocols").AppendValue(b, proto, f.opt.Xlat), false
	case afNetlink:
		return xlat.ByName("netlink_protocols").AppendValue(b, proto, f.opt.Xlat), false
	}
	return strconv.AppendUint(b, proto, 10), false
}

// sockoptTables name the options of a level (strace's
// print_sockopt_fd_level_name); other levels print their options as numbers.
var sockoptTables = map[uint32]string{
	solIP: "sock_ip_options", solSocket: "sock_options", solTCP: "sock_tcp_options",
	solUDP: "sock_udp_options", solIPv6: "sock_ipv6_options", solNetlink: "sock_netlink_options",
	solRaw: "sock_raw_options", solPacket: "sock_packet_options",
}

// formatSockopt prints setsockopt(2) and getsockopt(2), whose option name
// is named by the level's table.
func formatSockopt(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	sc := c.Syscall()
	get := sc.Args[3].Kind == syscalltbl.SockoptOut
	if exiting {
		b = f.appendArg(b, c, 3, &sc.Args[3])
		b = append(b, ", "...)
		return f.appendArg(b, c, 4, &sc.Args[4]), false
	}
	b = f.appendArg(b, c, 0, &sc.Args[0])
	b = append(b, ", "...)
	b = f.appendArg(b, c, 1, &sc.Args[1])
	b = append(b, ", "...)
	level, name := uint32(c.Args[1]), uint32(c.Args[2])
	switch t := sockoptTables[level]; {
	case level == solSocket && name == soAttachFilter:
		optName := "SO_ATTACH_FILTER"
		if get {
			optName = "SO_GET_FILTER"
		}
		b = xlat.AppendNamed(b, optName, func(b []byte) []byte { return appendHex(b, uint64(name)) }, f.opt.Xlat)
	case t != "":
		b = xlat.ByName(t).AppendValue(b, uint64(name), f.opt.Xlat)
	default:
		b = strconv.AppendUint(b, uint64(name), 10)
	}
	b = append(b, ", "...)
	if get {
		return b, true
	}
	b = f.appendArg(b, c, 3, &sc.Args[3])
	b = append(b, ", "...)
	return strconv.AppendInt(b, int64(int32(c.Args[4])), 10), false
}

// appendSockaddrIn prints a sockaddr the tracee passes, of the length in
// argument a.LenArg.
func appendSockaddrIn(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	addr := c.Args[i]
	cp := c.Capture(uint8(i), decoder.CapArrayIn)
	if addr == 0 || cp == nil || cp.Fault() {
		return appendAddr(b, addr)
	}
	return f.appendSockaddr(b, cp.Data, addr)
}

// appendSockaddrOut prints a sockaddr the kernel wrote, as long as the
// shorter of the buffer and the address.
func appendSockaddrOut(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	addr := c.Args[i]
	cp := c.Capture(uint8(i), decoder.CapLenptrOut)
	if addr == 0 || c.Failed() || cp == nil || cp.Fault() {
		return appendAddr(b, addr)
	}
	data := cp.Data
	if in := c.Capture(uint8(a.LenArg), decoder.CapMemIn); in != nil && !in.Fault() && len(in.Data) >= 4 {
		if n := int(int32(le32(in.Data))); n >= 0 && n < len(data) {
			data = data[:n]
		}
	}
	return f.appendSockaddr(b, data, addr)
}

// appendSockaddr prints a struct sockaddr of len(d) bytes as strace's
// decode_sockaddr does: each family's fields when the length holds them,
// else the raw sa_data.
func (f *Formatter) appendSockaddr(b, d []byte, addr uint64) []byte {
	if len(d) < 2 {
		return appendAddr(b, addr)
	}
	if len(d) > sockaddrStorageSize {
		d = d[:sockaddrStorageSize]
	}
	family := uint64(uint16(d[0]) | uint16(d[1])<<8)
	b = append(b, "{sa_family="...)
	b = xlat.ByName("addrfams").AppendValue(b, family, f.opt.Xlat)
	d = d[2:]
	switch {
	case family == afInet && len(d) >= 14:
		b = append(b, ", sin_port=htons("...)
		b = strconv.AppendUint(b, uint64(d[0])<<8|uint64(d[1]), 10)
		b = append(b, "), sin_addr=inet_addr("...)
		b = f.appendQuotedAddr(b, netip.AddrFrom4([4]byte(d[2:6])))
		b = append(b, ')')
	case len(d) == 0:
	case family == afInet6 && len(d) >= sin6MinLen-2:
		b = append(b, ", sin6_port=htons("...)
		b = strconv.AppendUint(b, uint64(d[0])<<8|uint64(d[1]), 10)
		b = append(b, "), sin6_flowinfo=htonl("...)
		b = strconv.AppendUint(b, uint64(d[2])<<24|uint64(d[3])<<16|uint64(d[4])<<8|uint64(d[5]), 10)
		b = append(b, "), inet_pton(AF_INET6, "...)
		b = f.appendQuotedAddr(b, netip.AddrFrom16([16]byte(d[6:22])))
		b = append(b, ", &sin6_addr)"...)
		if len(d) > sin6MinLen-2 {
			// the scope, when the length goes past sin6_addr
			var scope [4]byte
			copy(scope[:], d[22:])
			b = append(b, ", sin6_scope_id="...)
			b = f.appendScopeID(b, netip.AddrFrom16([16]byte(d[6:22])), le32(scope[:]))
		}
	case family == afUnix:
		b = append(b, ", sun_path="...)
		if d[0] == 0 {
			// an abstract name: all its bytes count
			b = append(b, '@')
			b = quote.Append(b, d[1:], false, f.opt.Quote)
			break
		}
		n := 0
		for n < len(d) && d[n] != 0 {
			n++
		}
		b = quote.Append(b, d[:n], false, f.opt.Quote)
	case family == afNetlink && len(d) >= 10:
		if pad := uint16(d[0]) | uint16(d[1])<<8; pad != 0 {
			b = append(b, ", nl_pad="...)
			b = appendHex(b, uint64(pad))
		}
		b = append(b, ", nl_pid="...)
		b = strconv.AppendUint(b, uint64(le32(d[2:])), 10)
		b = append(b, ", nl_groups="...)
		b = appendHex08(b, le32(d[6:]))
	default:
		b = append(b, ", sa_data="...)
		b = quote.Append(b, d, false, f.opt.Quote)
	}
	return append(b, '}')
}

// appendScopeID prints the scope of a link-local IPv6 address by its
// interface name, as strace does when the interface exists here.
func (f *Formatter) appendScopeID(b []byte, ip netip.Addr, id uint32) []byte {
	if ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() {
		if ifc, err := net.InterfaceByIndex(int(id)); err == nil {
			b = append(b, "if_nametoindex("...)
			b = quote.Append(b, []byte(ifc.Name), false, f.opt.Quote)
			return append(b, ')')
		}
	}
	return strconv.AppendUint(b, uint64(id), 10)
}

// appendHex08 prints v as C's "%#08x", as strace prints nl_groups:
// 00000000, 0x000001.
func appendHex08(b []byte, v uint32) []byte {
	if v == 0 {
		return append(b, "00000000"...)
	}
	b = append(b, "0x"...)
	for n := 6 - len(strconv.FormatUint(uint64(v), 16)); n > 0; n-- {
		b = append(b, '0')
	}
	return strconv.AppendUint(b, uint64(v), 16)
}

// appendSockLen prints a socklen_t the kernel reads and rewrites: [16], or
// [128 => 16] when it changed.
func appendSockLen(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	addr := c.Args[i]
	in := c.Capture(uint8(i), decoder.CapMemIn)
	if addr == 0 || in == nil || in.Fault() || len(in.Data) < 4 {
		return appendAddr(b, addr)
	}
	before := int32(le32(in.Data))
	b = append(b, '[')
	b = strconv.AppendInt(b, int64(before), 10)
	out := c.Capture(uint8(i), decoder.CapMemOut)
	if !c.Failed() && out != nil && !out.Fault() && len(out.Data) >= 4 {
		if after := int32(le32(out.Data)); after != before {
			b = append(b, " => "...)
			b = strconv.AppendInt(b, int64(after), 10)
		}
	}
	return append(b, ']')
}

// intSockopts are the SOL_SOCKET options whose value strace prints as an
// int (its "int-like" options).
var intSockopts = map[string]bool{
	"SO_DEBUG": true, "SO_REUSEADDR": true, "SO_DONTROUTE": true, "SO_BROADCAST": true,
	"SO_SNDBUF": true, "SO_RCVBUF": true, "SO_KEEPALIVE": true, "SO_OOBINLINE": true,
	"SO_NO_CHECK": true, "SO_PRIORITY": true, "SO_BSDCOMPAT": true, "SO_REUSEPORT": true,
	"SO_PASSCRED": true, "SO_RCVLOWAT": true, "SO_SNDLOWAT": true, "SO_DETACH_FILTER": true,
	"SO_TIMESTAMP_OLD": true, "SO_ACCEPTCONN": true, "SO_SNDBUFFORCE": true,
	"SO_RCVBUFFORCE": true, "SO_PASSSEC": true, "SO_TIMESTAMPNS_OLD": true, "SO_MARK": true,
	"SO_TIMESTAMPING_OLD": true, "SO_RXQ_OVFL": true, "SO_WIFI_STATUS": true,
	"SO_PEEK_OFF": true, "SO_NOFCS": true, "SO_LOCK_FILTER": true, "SO_SELECT_ERR_QUEUE": true,
	"SO_BUSY_POLL": true, "SO_INCOMING_CPU": true, "SO_CNX_ADVICE": true,
	"SO_INCOMING_NAPI_ID": true, "SO_ZEROCOPY": true, "SO_TIMESTAMP_NEW": true,
	"SO_TIMESTAMPNS_NEW": true, "SO_TIMESTAMPING_NEW": true, "SO_DETACH_REUSEPORT_BPF": true,
	"SO_PREFER_BUSY_POLL": true, "SO_BUSY_POLL_BUDGET": true, "SO_RESERVE_MEM": true,
	"SO_RCVMARK": true,
}

// socketOption returns the name of a SOL_SOCKET option, or "".
func socketOption(c *decoder.Call) string {
	if uint32(c.Args[1]) != solSocket {
		return ""
	}
	name, _ := xlat.ByName("sock_options").Name(uint64(uint32(c.Args[2])))
	return name
}

// appendSockoptIn prints setsockopt's option value of optlen bytes, as
// strace's print_setsockopt.
func (f *Formatter) appendSockoptInValue(b []byte, c *decoder.Call, cp *decoder.Capture) []byte {
	addr, n := c.Args[3], int(int32(c.Args[4]))
	if opt := socketOption(c); uint32(c.Args[1]) == solSocket &&
		(uint32(c.Args[2]) == soAttachFilter || opt == "SO_ATTACH_REUSEPORT_CBPF") {
		if addr == 0 || n != sockFprogSize {
			return appendAddr(b, addr)
		}
		return f.appendFprog(b, c, 3, sockFilterK)
	}
	// a value longer than its buffer comes as the bytes up to a page's
	// end (Part): strace reads only the struct or int it knows of it
	if addr == 0 || cp == nil || cp.Fault() && !cp.Part() {
		return appendAddr(b, addr)
	}
	d := cp.Data
	if out, ok := f.appendSetsockoptOther(b, c, addr, n, cp); ok {
		return out
	}
	switch opt := socketOption(c); {
	case opt == "SO_LINGER":
		if n < lingerSize || len(d) < lingerSize {
			return appendAddr(b, addr)
		}
		return appendLinger(b, d)
	case opt == "SO_TXREHASH":
		if n < 4 || len(d) < 4 {
			return appendAddr(b, addr)
		}
		return f.appendTxrehash(b, d)
	case intSockopts[opt], uint32(c.Args[1]) == solNetlink:
		if n < 4 || len(d) < 4 {
			return appendAddr(b, addr)
		}
		return appendIntRef(b, d)
	case cp.Fault(), n < 0:
		return appendAddr(b, addr)
	case n == 4 && len(d) == 4:
		return appendIntRef(b, d)
	}
	return f.appendCounted(b, d, n, f.opt.Quote)
}

// appendCounted prints n bytes of which d holds the first, cut at -s, as
// strace's printstrn.
func (f *Formatter) appendCounted(b, d []byte, n int, mode quote.Mode) []byte {
	more := n > len(d)
	if len(d) > f.opt.StrSize {
		d, more = d[:f.opt.StrSize], true
	}
	return quote.Append(b, d, more, mode)
}

func appendSockoptIn(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	return f.appendSockoptInValue(b, c, c.Capture(uint8(i), decoder.CapArrayIn))
}

// appendSockoptOut prints getsockopt's option value, as long as the kernel
// says, as strace's print_getsockopt.
func appendSockoptOut(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	addr := c.Args[i]
	cp := c.Capture(uint8(i), decoder.CapLenptrOut)
	in := c.Capture(uint8(a.LenArg), decoder.CapMemIn)
	out := c.Capture(uint8(a.LenArg), decoder.CapMemOut)
	if c.Failed() || cp == nil || in == nil || out == nil || in.Fault() || out.Fault() || len(in.Data) < 4 || len(out.Data) < 4 {
		return appendAddr(b, addr)
	}
	ulen, rlen := int32(le32(in.Data)), int32(le32(out.Data))
	if ulen <= 0 || rlen <= 0 || addr == 0 || cp.Fault() {
		return appendAddr(b, addr)
	}
	d := cp.Data
	if uint32(c.Args[1]) == solSocket && uint32(c.Args[2]) == soAttachFilter {
		// SO_GET_FILTER's length counts instructions, an unsigned
		// short in the kernel
		if uint32(uint16(rlen)) != uint32(rlen) {
			return appendAddr(b, addr)
		}
		return f.appendBPFProgram(b, addr, int(rlen), cp, sockFilterK)
	}
	if out, ok := f.appendGetsockoptOther(b, c, addr, int(rlen), cp); ok {
		return out
	}
	switch opt := socketOption(c); {
	case opt == "SO_LINGER":
		return appendFieldsLen(b, addr, d, min(int(rlen), lingerSize), []string{"l_onoff", "l_linger"}, func(b []byte, _ int, v uint32) []byte {
			return strconv.AppendInt(b, int64(int32(v)), 10)
		})
	case opt == "SO_PEERCRED":
		return appendFieldsLen(b, addr, d, min(int(rlen), ucredSize), []string{"pid", "uid", "gid"}, func(b []byte, i int, v uint32) []byte {
			if i == 0 {
				return f.pidNote(strconv.AppendInt(b, int64(int32(v)), 10), c.Tid, int64(int32(v)))
			}
			return appendID(b, v)
		})
	case opt == "SO_TXREHASH" && rlen >= 4 && len(d) >= 4:
		return f.appendTxrehash(b, d)
	case opt == "SO_TXREHASH":
		return f.appendCounted(b, d, int(rlen), quote.AllHex)
	case opt == "SO_ERROR" && rlen >= 4 && len(d) >= 4:
		e := le32(d)
		b = append(b, '[')
		if name, ok := xlat.ErrnoName(int(e)); ok && e != 0 {
			b = append(b, name...)
		} else {
			b = strconv.AppendUint(b, uint64(e), 10)
		}
		return append(b, ']')
	case opt == "SO_ERROR", intSockopts[opt]:
		if rlen >= 4 && len(d) >= 4 {
			return appendIntRef(b, d)
		}
		return f.appendCounted(b, d, int(rlen), quote.AllHex)
	case uint32(c.Args[1]) == solNetlink, rlen == 4:
		if len(d) < 4 {
			return appendAddr(b, addr)
		}
		return appendIntRef(b, d)
	case cp.Part():
		// the buffer ends before the length the kernel says
		return appendAddr(b, addr)
	}
	return f.appendCounted(b, d, int(rlen), f.opt.Quote)
}

// appendLinger prints {l_onoff=1, l_linger=0}.
// appendTxrehash prints SO_TXREHASH's int: [SOCK_TXREHASH_ENABLED].
func (f *Formatter) appendTxrehash(b, d []byte) []byte {
	b = append(b, '[')
	b = xlat.ByName("sockopt_txrehash_vals").AppendValueDec(b, int64(int32(le32(d))), f.opt.Xlat)
	return append(b, ']')
}

// appendFieldsLen prints a struct of 4-byte fields named names of which the
// kernel wrote n bytes, d holding them, as strace's MAYBE_PRINT_FIELD_LEN:
// the fields n covers whole with print (given their index), then one it
// covers in part as its bytes in hex, none beyond.
func appendFieldsLen(b []byte, addr uint64, d []byte, n int, names []string, print func(b []byte, i int, v uint32) []byte) []byte {
	if len(d) < n {
		return appendAddr(b, addr)
	}
	b = append(b, '{')
	for i, name := range names {
		start := 4 * i
		if n <= start {
			break
		}
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(append(b, name...), '=')
		if n < start+4 {
			b = quote.Append(b, d[start:n], false, quote.AllHex)
			break
		}
		b = print(b, i, le32(d[start:]))
	}
	return append(b, '}')
}

func appendLinger(b, d []byte) []byte {
	b = append(b, "{l_onoff="...)
	b = strconv.AppendInt(b, int64(int32(le32(d))), 10)
	b = append(b, ", l_linger="...)
	b = strconv.AppendInt(b, int64(int32(le32(d[4:]))), 10)
	return append(b, '}')
}

// appendQuotedAddr prints an IP address as the quoted string strace prints
// (in hex under -xx, as every string).
func (f *Formatter) appendQuotedAddr(b []byte, a netip.Addr) []byte {
	var text [64]byte
	return quote.Append(b, a.AppendTo(text[:0]), false, f.opt.Quote)
}
