package format

import (
	"math/bits"
	"net/netip"
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/xlat"
)

// Options of the levels SOL_RAW and SOL_PACKET that strace decodes, and
// their structs.
const (
	icmpFilter        = 1 // ICMP_FILTER
	packetAddMember   = 1 // PACKET_ADD_MEMBERSHIP
	packetDropMember  = 2 // PACKET_DROP_MEMBERSHIP
	packetRxRing      = 5 // PACKET_RX_RING
	packetStatistics  = 6 // PACKET_STATISTICS
	packetTxRing      = 13
	packetMreqSize    = 16  // struct packet_mreq
	tpacketReqSize    = 16  // struct tpacket_req
	tpacketStatsSize  = 12  // struct tpacket_stats
	macAddrMax        = 32  // MAX_ADDR_LEN
	packetMreqAddrLen = 8   // mr_address
	ipMreqSize        = 8   // struct ip_mreq
	ipv6MreqSize      = 20  // struct ipv6_mreq
	groupReqSize      = 136 // struct group_req: an interface, a sockaddr_storage
)

// appendSetsockoptOther prints the value of the SOL_RAW and SOL_PACKET
// options setsockopt takes that strace decodes; false for the others.
func (f *Formatter) appendSetsockoptOther(b []byte, c *decoder.Call, addr uint64, n int, cp *decoder.Capture) ([]byte, bool) {
	level, name, d := uint32(c.Args[1]), uint32(c.Args[2]), cp.Data
	var optName string
	switch level {
	case solIP:
		optName, _ = xlat.ByName("sock_ip_options").Name(uint64(name))
	case solIPv6:
		optName, _ = xlat.ByName("sock_ipv6_options").Name(uint64(name))
	}
	// a struct whose length is at least its size: strace reads the size
	whole := func(size int) bool { return n >= size && len(d) >= size }
	switch {
	case optName == "IP_ADD_MEMBERSHIP" || optName == "IP_DROP_MEMBERSHIP":
		if !whole(ipMreqSize) {
			return appendAddr(b, addr), true
		}
		b = append(b, "{imr_multiaddr=inet_addr("...)
		b = f.appendQuotedAddr(b, netip.AddrFrom4([4]byte(d)))
		b = append(b, "), imr_interface=inet_addr("...)
		b = f.appendQuotedAddr(b, netip.AddrFrom4([4]byte(d[4:])))
		return append(b, ")}"...), true
	case optName == "IPV6_ADD_MEMBERSHIP" || optName == "IPV6_DROP_MEMBERSHIP" ||
		optName == "IPV6_JOIN_ANYCAST" || optName == "IPV6_LEAVE_ANYCAST":
		if !whole(ipv6MreqSize) {
			return appendAddr(b, addr), true
		}
		b = append(b, "{inet_pton(AF_INET6, "...)
		b = f.appendQuotedAddr(b, netip.AddrFrom16([16]byte(d)))
		b = append(b, ", &ipv6mr_multiaddr), ipv6mr_interface="...)
		b = f.appendIfindex(b, int32(le32(d[16:])))
		return append(b, '}'), true
	case optName == "MCAST_JOIN_GROUP" || optName == "MCAST_LEAVE_GROUP":
		if !whole(groupReqSize) {
			return appendAddr(b, addr), true
		}
		b = f.appendIfindex(append(b, "{gr_interface="...), int32(le32(d)))
		b = append(b, ", gr_group="...)
		b = f.appendSockaddr(b, d[8:groupReqSize], addr+8)
		return append(b, '}'), true
	case level == solRaw && name == icmpFilter:
		return f.appendIcmpFilter(b, addr, n, cp), true
	case level == solPacket && (name == packetRxRing || name == packetTxRing):
		if n != tpacketReqSize || cp.Fault() || len(d) < tpacketReqSize {
			return appendAddr(b, addr), true
		}
		return appendU32Fields(b, d, "tp_block_size", "tp_block_nr", "tp_frame_size", "tp_frame_nr"), true
	case level == solPacket && (name == packetAddMember || name == packetDropMember):
		if n != packetMreqSize || cp.Fault() || len(d) < packetMreqSize {
			return appendAddr(b, addr), true
		}
		return f.appendPacketMreq(b, d), true
	}
	return b, false
}

// appendGetsockoptOther is appendSetsockoptOther for getsockopt, rlen
// being the length the kernel returned.
func (f *Formatter) appendGetsockoptOther(b []byte, c *decoder.Call, addr uint64, rlen int, cp *decoder.Capture) ([]byte, bool) {
	level, name := uint32(c.Args[1]), uint32(c.Args[2])
	switch {
	case level == solRaw && name == icmpFilter:
		return f.appendIcmpFilter(b, addr, rlen, cp), true
	case level == solPacket && name == packetStatistics:
		return appendFieldsLen(b, addr, cp.Data, min(rlen, tpacketStatsSize), []string{"tp_packets", "tp_drops", "tp_freeze_q_cnt"}, func(b []byte, _ int, v uint32) []byte {
			return strconv.AppendUint(b, uint64(v), 10)
		}), true
	}
	return b, false
}

// appendU32Fields prints a struct of unsigned 32-bit fields.
func appendU32Fields(b, d []byte, names ...string) []byte {
	b = append(b, '{')
	for i, name := range names {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(append(b, name...), '=')
		b = strconv.AppendUint(b, uint64(le32(d[4*i:])), 10)
	}
	return append(b, '}')
}

// appendIcmpFilter prints ICMP_FILTER's bit set of ICMP types as strace's
// print_icmp_filter: the bits of the n bytes given (the rest set), or of
// those not set after "~" when more than half are.
func (f *Formatter) appendIcmpFilter(b []byte, addr uint64, n int, cp *decoder.Capture) []byte {
	if n <= 0 {
		return appendAddr(b, addr)
	}
	n = min(n, 4)
	if cp.Fault() && !cp.Part() || len(cp.Data) < n {
		return appendAddr(b, addr)
	}
	data := ^uint32(0)
	for i := 0; i < n; i++ {
		data = data&^(0xff<<(8*i)) | uint32(cp.Data[i])<<(8*i)
	}
	if bits.OnesCount32(data) > 16 {
		data = ^data
		b = append(b, '~')
	}
	b = append(b, '[')
	for i, first := 0, true; i < 32; i++ {
		if data&(1<<i) == 0 {
			continue
		}
		if !first {
			b = append(b, ' ')
		}
		first = false
		b = xlat.ByName("icmp_filter_flags").AppendValue(b, uint64(i), f.opt.Xlat)
	}
	return append(b, ']')
}

// appendPacketMreq prints a struct packet_mreq.
func (f *Formatter) appendPacketMreq(b, d []byte) []byte {
	b = f.appendIfindex(append(b, "{mr_ifindex="...), int32(le32(d)))
	b = append(b, ", mr_type="...)
	b = xlat.ByName("packet_mreq_type").AppendValue(b, uint64(uint16(le32(d[4:]))), f.opt.Xlat)
	alen := int(uint16(le32(d[4:]) >> 16))
	b = strconv.AppendUint(append(b, ", mr_alen="...), uint64(alen), 10)
	b = append(b, ", mr_address="...)
	b = appendMac(b, d[8:8+min(alen, packetMreqAddrLen)], f.opt.Xlat)
	return append(b, '}')
}

// appendMac prints a hardware address as strace's print_mac_addr:
// ff:ff:..., in -X raw its bytes quoted in hex, in -X verbose both.
func appendMac(b, addr []byte, s xlat.Style) []byte {
	if s != xlat.Abbrev || len(addr) > macAddrMax {
		b = quote.Append(b, addr, false, quote.AllHex)
	}
	if s == xlat.Raw || len(addr) > macAddrMax {
		return b
	}
	if s == xlat.Verbose {
		b = append(b, " /* "...)
	}
	for i, c := range addr {
		if i > 0 {
			b = append(b, ':')
		}
		b = append(b, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
	}
	if s == xlat.Verbose {
		b = append(b, " */"...)
	}
	return b
}

// appendIfindex prints an interface index as strace's print_ifindex:
// if_nametoindex("lo") for an interface of this machine, else the number.
func (f *Formatter) appendIfindex(b []byte, i int32) []byte {
	number := func(b []byte) []byte { return strconv.AppendInt(b, int64(i), 10) }
	name := ""
	if i > 0 {
		name = ifName(uint32(i))
	}
	if name == "" {
		return number(b)
	}
	named := string(quote.Append([]byte("if_nametoindex("), []byte(name), false, f.opt.Quote)) + ")"
	return xlat.AppendNamed(b, named, number, f.opt.Xlat)
}
