package format

import (
	"encoding/binary"
	"slices"
	"strconv"

	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/xlat"
)

// Netlink protocols (socket(2)'s third argument of an AF_NETLINK socket)
// whose messages strace 6.1 decodes.
const (
	netlinkRoute         = 0
	netlinkSockDiag      = 4
	netlinkXfrm          = 6
	netlinkSelinux       = 7
	netlinkAudit         = 9
	netlinkNetfilter     = 12
	netlinkKobjectUevent = 15
	netlinkGeneric       = 16
	netlinkCrypto        = 21
	nlProtoUnknown       = 1 << 16 // a netlink socket of no known protocol
	nlmsgHdrLen          = 16
	nlaHdrLen            = 4
	nlmsgNoop            = 1
	nlmsgError           = 2
	nlmsgDone            = 3
	nlmsgMinType         = 0x10
	nlmFCapped           = 0x100
	nlaFNested           = 1 << 15
	nlaFNetByteorder     = 1 << 14
	nlaTypeMask          = ^uint16(nlaFNested | nlaFNetByteorder)
	nlmsgerrSize         = 4 + nlmsgHdrLen // struct nlmsgerr
	nlFlagsUnknown       = "NLM_F_???"
)

// nlStyle is how netlink messages print: -X, -x, -s, and whether
// arrays are cut at -s elements (not -v).
type nlStyle struct {
	Xlat   xlat.Style
	Quote  quote.Mode
	StrLen int
	Abbrev bool
	// Fd prints a descriptor found in a message, with what it refers to
	// under -y; nil prints the number.
	Fd func(b []byte, fd int32) []byte
}

// nl prints netlink messages as strace 6.1's decode_netlink does, from the
// bytes the kernel side read of a buffer. strace reads the tracee's memory
// piece by piece and prints the address of a piece it cannot read; here a
// piece is readable when it lies within data, which the kernel side read
// up to an unreadable page.
type nl struct {
	b     []byte
	addr  uint64 // the tracee's address of data[0]
	data  []byte
	st    nlStyle
	proto int
}

// appendNetlinkMsgs appends the netlink messages of a buffer of length n at
// tracee address addr, of which data are the bytes the kernel side could
// read, sent or received on a socket of netlink protocol proto.
func appendNetlinkMsgs(b []byte, st nlStyle, proto int, addr uint64, data []byte, n uint64) []byte {
	d := &nl{b: b, addr: addr, data: data, st: st, proto: proto}
	if proto == netlinkKobjectUevent {
		d.kobjectUevent(addr, n)
	} else {
		d.messages(addr, n)
	}
	return d.b
}

// fetch returns the n bytes at addr, or false when they were not read.
func (d *nl) fetch(addr, n uint64) ([]byte, bool) {
	if addr < d.addr {
		return nil, false
	}
	off := addr - d.addr
	if off > uint64(len(d.data)) || n > uint64(len(d.data))-off {
		return nil, false
	}
	return d.data[off : off+n], true
}

func (d *nl) str(s string)      { d.b = append(d.b, s...) }
func (d *nl) field(name string) { d.b = append(append(d.b, name...), '=') }
func (d *nl) next()             { d.b = append(d.b, ", "...) }
func (d *nl) u(v uint64)        { d.b = strconv.AppendUint(d.b, v, 10) }
func (d *nl) i(v int64)         { d.b = strconv.AppendInt(d.b, v, 10) }
func (d *nl) x(v uint64)        { d.b = appendHexValue(d.b, v) }

// appendHexValue prints v as C's "%#x".
func appendHexValue(b []byte, v uint64) []byte {
	if v == 0 {
		return append(b, '0')
	}
	return strconv.AppendUint(append(b, "0x"...), v, 16)
}

// addr prints an address as strace's printaddr.
func (d *nl) printAddr(addr uint64) {
	if addr == 0 {
		d.str("NULL")
		return
	}
	d.x(addr)
}

// moreAt prints strace's "..." followed by the address it could not read.
func (d *nl) moreAt(addr uint64) {
	d.str("... /* ")
	d.x(addr)
	d.str(" */")
}

// xval prints v by table name (strace's printxval).
func (d *nl) xval(table string, v uint64) {
	d.b = xlat.ByName(table).AppendValue(d.b, v, d.st.Xlat)
}

// flags prints v by table name (strace's printflags).
func (d *nl) flags(table string, v uint64) {
	d.b = xlat.ByName(table).AppendFlags(d.b, v, d.st.Xlat)
}

// strHex prints len bytes at addr as strace's printstr_ex with
// QUOTE_FORCE_HEX: every byte in hex, -s of them.
func (d *nl) strHex(addr, n uint64) { d.printStr(addr, n, quote.AllHex, false) }

// strn prints len bytes at addr as strace's printstrn.
func (d *nl) strn(addr, n uint64) { d.printStr(addr, n, d.st.Quote, false) }

// printStr is strace's printstr_ex: -s bytes of the n at addr (the one
// after them read too), or the address when they cannot be read. With
// expectNul (QUOTE_OMIT_TRAILING_0|QUOTE_EXPECT_TRAILING_0, nla strings) a
// NUL ending the bytes shown is left out, and "..." follows when there is
// none.
func (d *nl) printStr(addr, n uint64, mode quote.Mode, expectNul bool) {
	if addr == 0 {
		d.str("NULL")
		return
	}
	max := uint64(d.st.StrLen)
	size := min(max+1, n)
	data, ok := d.fetch(addr, size)
	if !ok {
		d.printAddr(addr)
		return
	}
	if size > max {
		size = max
	}
	data = data[:size]
	if !expectNul {
		d.b = quote.Append(d.b, data, n > max, mode)
		return
	}
	hex := mode == quote.AllHex || mode == quote.NonASCIIHex && nonText(data)
	if !hex && size > 0 && data[size-1] == 0 {
		d.b = quote.Append(d.b, data[:size-1], false, mode)
		return
	}
	d.b = quote.Append(d.b, data, n > 0, mode)
}

// nonText reports whether -x prints data in hex: a byte neither printable
// ASCII nor one of \t \n \v \f \r.
func nonText(data []byte) bool {
	for _, c := range data {
		if c > 0x7e || c < ' ' && (c < 9 || c > 13) {
			return true
		}
	}
	return false
}

// nlmsghdr is struct nlmsghdr.
type nlmsghdr struct {
	len   uint32
	typ   uint16
	flags uint16
	seq   uint32
	pid   uint32
}

func readNlmsghdr(p []byte) nlmsghdr {
	return nlmsghdr{
		len:   binary.LittleEndian.Uint32(p),
		typ:   binary.LittleEndian.Uint16(p[4:]),
		flags: binary.LittleEndian.Uint16(p[6:]),
		seq:   binary.LittleEndian.Uint32(p[8:]),
		pid:   binary.LittleEndian.Uint32(p[12:]),
	}
}

func nlmsgAlign(n uint64) uint64 { return (n + 3) &^ 3 }

// fetchHdr reads the struct nlmsghdr at addr, or prints what strace prints
// in its place.
func (d *nl) fetchHdr(addr, n uint64, inArray bool) (nlmsghdr, bool) {
	if n < nlmsgHdrLen {
		d.strHex(addr, n)
		return nlmsghdr{}, false
	}
	p, ok := d.fetch(addr, nlmsgHdrLen)
	if ok {
		return readNlmsghdr(p), true
	}
	if inArray {
		d.moreAt(addr)
	} else {
		d.printAddr(addr)
	}
	return nlmsghdr{}, false
}

// messages is strace's decode_netlink: the messages of n bytes at addr.
func (d *nl) messages(addr, n uint64) {
	inArray := false
	for elt := 0; ; elt++ {
		h, ok := d.fetchHdr(addr, n, inArray)
		if !ok {
			break
		}
		if d.st.Abbrev && elt == d.st.StrLen {
			d.str("...")
			break
		}
		msgLen := nlmsgAlign(uint64(h.len))
		var nextAddr, nextLen uint64
		if h.len >= nlmsgHdrLen {
			if n >= msgLen {
				nextLen = n - msgLen
			}
			if nextLen != 0 && addr+msgLen > addr {
				nextAddr = addr + msgLen
			}
		}
		if !inArray && nextAddr != 0 {
			d.str("[")
			inArray = true
		}
		d.message(h, addr, n)
		if nextAddr == 0 {
			break
		}
		d.next()
		addr, n = nextAddr, nextLen
	}
	if inArray {
		d.str("]")
	}
}

// message is strace's decode_nlmsghdr_with_payload.
func (d *nl) message(h nlmsghdr, addr, n uint64) {
	msgLen := min(uint64(h.len), n)
	if msgLen > nlmsgHdrLen {
		d.str("[")
	}
	d.header(h)
	if msgLen > nlmsgHdrLen {
		d.next()
		d.payload(h, addr+nlmsgHdrLen, msgLen-nlmsgHdrLen)
		d.str("]")
	}
}

func (d *nl) header(h nlmsghdr) {
	d.str("{")
	d.field("nlmsg_len")
	d.u(uint64(h.len))
	d.next()
	d.field("nlmsg_type")
	d.msgType(h.typ)
	d.next()
	d.field("nlmsg_flags")
	d.msgFlags(h.flags, h.typ)
	d.next()
	d.field("nlmsg_seq")
	d.u(uint64(h.seq))
	d.next()
	d.field("nlmsg_pid")
	d.u(uint64(h.pid))
	d.str("}")
}

// nlTypeTables name the message types of each protocol.
var nlTypeTables = map[int]string{
	netlinkAudit: "nl_audit_types", netlinkCrypto: "nl_crypto_types",
	netlinkRoute: "nl_route_types", netlinkSelinux: "nl_selinux_types",
	netlinkSockDiag: "nl_sock_diag_types", netlinkXfrm: "nl_xfrm_types",
}

func (d *nl) msgType(typ uint16) {
	if typ < nlmsgMinType {
		d.xval("netlink_types", uint64(typ))
		return
	}
	switch d.proto {
	case netlinkNetfilter:
		d.netfilterType(typ)
		return
	case netlinkGeneric:
		d.genericType(typ)
		return
	}
	if t, ok := nlTypeTables[d.proto]; ok {
		d.xval(t, uint64(typ))
		return
	}
	d.xval("netlink_types", uint64(typ))
}

// nfSubsysTypes name the message types of each netfilter subsystem
// (NFNL_SUBSYS_*), by index.
var nfSubsysTypes = []string{
	1: "nf_ctnetlink_msg_types", 2: "nf_ctnetlink_exp_msg_types", 3: "nf_queue_msg_types",
	4: "nf_ulog_msg_types", 5: "nf_osf_msg_types", 6: "nf_ipset_msg_types",
	7: "nf_acct_msg_types", 8: "nf_cttimeout_msg_types", 9: "nf_cthelper_msg_types",
	10: "nf_nftables_msg_types", 11: "nf_nft_compat_msg_types", 12: "nf_hook_msg_types",
}

// netfilterType prints a netfilter message type: the reserved control
// messages by name, the others as SUBSYS<<8|TYPE.
func (d *nl) netfilterType(typ uint16) {
	if name, ok := xlat.ByName("nl_netfilter_msg_types").Name(uint64(typ)); ok {
		d.b = xlat.AppendNamed(d.b, name, func(b []byte) []byte { return appendHexValue(b, uint64(typ)) }, d.st.Xlat)
		return
	}
	subsys, msg := uint64(typ>>8), uint64(typ&0xff)
	d.xval("nl_netfilter_subsys_ids", subsys)
	d.str("<<8|")
	if int(subsys) < len(nfSubsysTypes) && nfSubsysTypes[subsys] != "" {
		d.xval(nfSubsysTypes[subsys], msg)
		return
	}
	d.x(msg)
}

// Flag tables of the message kinds: what NLM_F_* bits from 0x100 on mean.
const (
	nlNewFlags    = "netlink_new_flags"
	nlGetFlags    = "netlink_get_flags"
	nlDeleteFlags = "netlink_delete_flags"
)

func (d *nl) msgFlags(flags, typ uint16) {
	table := ""
	if typ < nlmsgMinType {
		if typ == nlmsgError {
			table = "netlink_ack_flags"
		}
	} else {
		table = d.flagsTable(typ)
	}
	d.b = nlFlagTable(table).AppendFlags(d.b, uint64(flags), d.st.Xlat)
}

// nlFlagTable is netlink_flags followed by kind's table, as strace's
// printflags_ex prints them. It is made for each message, not kept:
// nothing in the output path changes after start.
func nlFlagTable(kind string) *xlat.Table {
	base := xlat.ByName("netlink_flags")
	t := &xlat.Table{Values: base.Values, Unknown: nlFlagsUnknown}
	if kind != "" {
		t.Values = slices.Concat(base.Values, xlat.ByName(kind).Values)
	}
	return t
}

func (d *nl) flagsTable(typ uint16) string {
	switch d.proto {
	case netlinkRoute:
		const rtmDelaction = 49
		if typ == rtmDelaction {
			return nlGetFlags
		}
		return [4]string{nlNewFlags, nlDeleteFlags, nlGetFlags, ""}[typ&3]
	case netlinkSockDiag:
		return nlGetFlags
	case netlinkCrypto:
		return cryptoFlags(typ)
	case netlinkXfrm:
		return xfrmFlags(typ)
	case netlinkNetfilter:
		return netfilterFlags(typ)
	}
	return ""
}

// payload is strace's decode_payload.
func (d *nl) payload(h nlmsghdr, addr, n uint64) {
	if h.typ == nlmsgError {
		d.nlmsgerr(addr, n, h.flags&nlmFCapped != 0)
		return
	}
	if h.typ >= nlmsgMinType || h.typ == nlmsgDone {
		if dec := nlPayloadDecoders[d.proto]; dec != nil && dec(d, h, addr, n) {
			return
		}
	}
	if h.typ == nlmsgDone && n == 4 {
		if p, ok := d.fetch(addr, 4); ok {
			d.i(int64(int32(binary.LittleEndian.Uint32(p))))
		} else {
			d.printAddr(addr)
		}
		return
	}
	d.strHex(addr, n)
}

// nlPayloadDecoders decode the payload of a protocol's messages; false
// leaves it to be printed in hex.
var nlPayloadDecoders map[int]func(d *nl, h nlmsghdr, addr, n uint64) bool

func init() {
	nlPayloadDecoders = map[int]func(d *nl, h nlmsghdr, addr, n uint64) bool{
		netlinkRoute:     (*nl).route,
		netlinkSockDiag:  (*nl).sockDiag,
		netlinkNetfilter: (*nl).netfilter,
		netlinkSelinux:   (*nl).selinux,
		netlinkCrypto:    (*nl).crypto,
	}
}

// nlmsgerr is strace's decode_nlmsgerr: the error, the message it answers
// (whole unless capped), then the extended ack's attributes.
func (d *nl) nlmsgerr(addr, n uint64, capped bool) {
	if n < nlmsgerrSize {
		d.strHex(addr, n)
		return
	}
	p, ok := d.fetch(addr, nlmsgerrSize)
	if !ok {
		d.printAddr(addr)
		return
	}
	errno := int32(binary.LittleEndian.Uint32(p))
	msg := readNlmsghdr(p[4:])
	addr += 4
	n -= 4
	msgLen := max(uint64(nlmsgHdrLen), uint64(msg.len))
	payload := n
	if capped {
		payload = min(payload, nlmsgHdrLen)
	} else {
		payload = min(payload, msgLen)
	}
	if n > payload {
		d.str("[")
	}
	d.str("{")
	d.field("error")
	d.err(int64(errno))
	d.next()
	d.field("msg")
	d.message(msg, addr, payload)
	d.str("}")
	if n > payload {
		d.next()
		d.attrs(addr+payload, n-payload, nlAttrTable{names: "nlmsgerr_attrs", decoders: nlmsgerrAttrs})
		d.str("]")
	}
}

// err prints an error number as strace's print_err(err, true): -ENOENT.
func (d *nl) err(e int64) {
	name, ok := xlat.ErrnoName(int(-e))
	if !ok || d.st.Xlat != xlat.Abbrev {
		d.i(e)
	}
	if !ok || d.st.Xlat == xlat.Raw {
		return
	}
	if d.st.Xlat == xlat.Abbrev {
		d.str("-" + name)
		return
	}
	d.str(" /* -" + name + " */")
}

var nlmsgerrAttrs = map[uint16]nlaDecoder{
	1: (*nl).nlaStr, // NLMSGERR_ATTR_MSG
	2: (*nl).nlaU32, // NLMSGERR_ATTR_OFFS
	3: (*nl).nlaCookie,
}

// nlaCookie prints NLMSGERR_ATTR_COOKIE's bytes as an array of numbers.
func (d *nl) nlaCookie(addr, n uint64, _ any) bool {
	d.array(addr, n, 1, func(p []byte) { d.u(uint64(p[0])) })
	return true
}
