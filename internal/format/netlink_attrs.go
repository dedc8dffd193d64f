package format

import (
	"net/netip"
	"strconv"

	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/xlat"
)

// The attribute decoders of rtnetlink's messages, by attribute type,
// after strace 6.1's rtnl_*.c.

// nlaStruct returns a decoder of an attribute holding a struct of size
// bytes (at least), printed field by field.
func nlaStruct(size int, fs []nlField) nlaDecoder {
	return func(d *nl, addr, n uint64, _ any) bool {
		return d.nlaFixed(addr, n, uint64(size), func(p []byte) {
			d.str("{")
			d.fields(p, fs, true)
			d.str("}")
		})
	}
}

// u32Fields lists fields of 4 bytes each, from offset 0, printed fU.
func u32Fields(names ...string) []nlField {
	fs := make([]nlField, len(names))
	for i, name := range names {
		fs[i] = nlField{name: name, off: 4 * i, size: 4, kind: fU}
	}
	return fs
}

// nlaClockT prints clock ticks as strace's print_clock_t: the number,
// then the seconds (_SC_CLK_TCK is 100 on Linux).
func (d *nl) nlaClockT(addr, n uint64, _ any) bool {
	if n > 8 {
		return false
	}
	return d.nlaNum(addr, n, n, func(v uint64) {
		d.u(v)
		if d.st.Xlat != xlat.Raw && v > 0 {
			d.str(" /* " + strconv.FormatUint(v/100, 10) + "." + strconv.FormatUint(v%100/10, 10) + strconv.FormatUint(v%10, 10) + " s */")
		}
	})
}

// nlaFamilyAddr returns a decoder of an address of the family the
// message's struct (opaque, its bytes) gives in its first byte.
func nlaFamilyAddr(d *nl, addr, n uint64, opaque any) bool {
	p, _ := opaque.([]byte)
	family := 0
	if len(p) > 0 {
		family = int(p[0])
	}
	d.decodeInetAddr(addr, n, family, "")
	return true
}

// decodeInetAddr is strace's decode_inet_addr: an IPv4 or IPv6 address of
// family at addr, or its bytes in hex.
func (d *nl) decodeInetAddr(addr, n uint64, family int, name string) {
	size := uint64(0)
	switch family {
	case 2:
		size = 4
	case 10:
		size = 16
	}
	if size == 0 || n < size {
		if name != "" {
			d.field(name)
		}
		d.strHex(addr, n)
		return
	}
	p, ok := d.fetch(addr, size)
	if !ok {
		if name != "" {
			d.field(name)
		}
		d.printAddr(addr)
		return
	}
	d.inetAddrStyled(family, p, name)
}

// inetAddrStyled is strace's print_inet_addr, with -X's styles.
func (d *nl) inetAddrStyled(family int, p []byte, name string) {
	if family == 2 && name != "" {
		d.field(name)
	}
	if d.st.Xlat != xlat.Abbrev {
		if family == 10 && name != "" {
			d.field(name)
		}
		d.b = quote.Append(d.b, p, false, quote.AllHex)
		if d.st.Xlat == xlat.Raw {
			return
		}
		d.str(" /* ")
	}
	if family == 2 {
		d.str("inet_addr(")
		d.b = quote.Append(d.b, []byte(netip.AddrFrom4([4]byte(p[:4])).String()), false, d.st.Quote)
		d.str(")")
	} else {
		d.str("inet_pton(AF_INET6, ")
		d.b = quote.Append(d.b, []byte(netip.AddrFrom16([16]byte(p[:16])).String()), false, d.st.Quote)
		if name != "" && d.st.Xlat == xlat.Abbrev {
			d.str(", &" + name)
		}
		d.str(")")
	}
	if d.st.Xlat == xlat.Verbose {
		d.str(" */")
	}
}

var (
	rtaMetricsAttrs = map[uint16]nlaDecoder{15: (*nl).nlaStr} // RTAX_CC_ALGO; the others u32
	rtaCacheinfo    = nlaStruct(32, []nlField{
		{name: "rta_clntref", off: 0, size: 4, kind: fU}, {name: "rta_lastuse", off: 4, size: 4, kind: fU},
		{name: "rta_expires", off: 8, size: 4, kind: fU}, {name: "rta_error", off: 12, size: 4, kind: fU},
		{name: "rta_used", off: 16, size: 4, kind: fU}, {name: "rta_id", off: 20, size: 4, kind: fX},
		{name: "rta_ts", off: 24, size: 4, kind: fU}, {name: "rta_tsage", off: 28, size: 4, kind: fU},
	})
	rtaMfcStats = nlaStruct(24, []nlField{
		{name: "mfcs_packets", off: 0, size: 8, kind: fU}, {name: "mfcs_bytes", off: 8, size: 8, kind: fU},
		{name: "mfcs_wrong_if", off: 16, size: 8, kind: fU},
	})
)

// The attribute decoders of each message, filled in by init (they refer
// to each other).
var (
	ifinfoAttrs    = map[uint16]nlaDecoder{}
	ifaddrAttrs    = map[uint16]nlaDecoder{}
	rtmsgAttrs     = map[uint16]nlaDecoder{}
	ndmsgAttrs     = map[uint16]nlaDecoder{}
	fibRuleAttrs   = map[uint16]nlaDecoder{}
	tcmsgAttrs     = map[uint16]nlaDecoder{}
	tcamsgAttrs    = map[uint16]nlaDecoder{}
	ndtmsgAttrs    = map[uint16]nlaDecoder{}
	ifaddrlblAttrs = map[uint16]nlaDecoder{}
	netconfAttrs   = map[uint16]nlaDecoder{}
	mdbAttrs       = map[uint16]nlaDecoder{}
	nsidAttrs      = map[uint16]nlaDecoder{}
	ifstatsAttrs   = map[uint16]nlaDecoder{}
	nhmsgAttrs     = map[uint16]nlaDecoder{}
	cryptoAttrs    = map[uint16]nlaDecoder{}
)

// fill adds decoders to m.
func fill(m, decoders map[uint16]nlaDecoder) {
	for k, v := range decoders {
		m[k] = v
	}
}

func init() {
	for i := uint16(1); i <= 14; i++ {
		rtaMetricsAttrs[i] = (*nl).nlaU32
	}
	fill(ifaddrAttrs, map[uint16]nlaDecoder{
		1: nlaFamilyAddr, 2: nlaFamilyAddr, 3: (*nl).nlaStr, 4: nlaFamilyAddr, 5: nlaFamilyAddr,
		6: nlaStruct(16, u32Fields("ifa_prefered", "ifa_valid", "cstamp", "tstamp")),
		7: nlaFamilyAddr, 8: nlaFlags("ifaddrflags", 4), 9: (*nl).nlaU32, 10: (*nl).nlaS32,
	})
	fill(rtmsgAttrs, map[uint16]nlaDecoder{
		1: nlaFamilyAddr, 2: nlaFamilyAddr, 3: (*nl).nlaIfindex, 4: (*nl).nlaIfindex,
		5: nlaFamilyAddr, 6: (*nl).nlaU32, 7: nlaFamilyAddr,
		8:  nlaNested(nlAttrTable{names: "rtnl_rta_metrics_attrs", decoders: rtaMetricsAttrs}),
		9:  (*nl).rtaMultipath,
		10: (*nl).nlaU32, 11: (*nl).nlaU32, 12: rtaCacheinfo, 14: (*nl).nlaU32,
		15: nlaXval32("routing_table_ids", "-"), 16: (*nl).nlaU32, 17: rtaMfcStats, 18: (*nl).rtvia,
		19: nlaFamilyAddr, 20: (*nl).nlaU8, 21: nlaXvalMin("lwtunnel_encap_types", 2),
		23: (*nl).nlaU64, 25: (*nl).nlaU32, 26: (*nl).nlaU8, 27: (*nl).nlaU8, 28: (*nl).nlaU16, 29: (*nl).nlaU16,
	})
	fill(nhmsgAttrs, map[uint16]nlaDecoder{
		1: (*nl).nlaU32, 2: (*nl).nhGroup, 3: nlaXval("rtnl_nexthop_grp_types", 2), 4: (*nl).nlaU32,
		5: (*nl).nlaIfindex, 6: nlaFamilyAddr, 7: nlaXvalMin("lwtunnel_encap_types", 2), 9: (*nl).nlaU32,
		10: (*nl).nlaIfindex, 11: (*nl).nlaU32,
		12: nlaNested(nlAttrTable{names: "rtnl_nha_res_group_attrs", decoders: map[uint16]nlaDecoder{
			1: (*nl).nlaU16, 2: (*nl).nlaClockT, 3: (*nl).nlaClockT, 4: (*nl).nlaClockT}}),
		13: nlaNested(nlAttrTable{names: "rtnl_nha_res_bucket_attrs", decoders: map[uint16]nlaDecoder{
			1: (*nl).nlaU16, 2: (*nl).nlaClockT, 3: (*nl).nlaU32}}),
	})
}

// nlaXval32 prints a 32-bit number named by table, with dflt as
// nlField's (strace's decode_nla_rt_class).
func nlaXval32(table, dflt string) nlaDecoder {
	return func(d *nl, addr, n uint64, _ any) bool {
		return d.nlaNum(addr, n, 4, func(v uint64) { d.xvalD(table, dflt, v) })
	}
}

// nlaXvalMin prints a number of size bytes named by table, when the
// attribute has at least size bytes.
func nlaXvalMin(table string, size uint64) nlaDecoder {
	return func(d *nl, addr, n uint64, _ any) bool {
		return d.nlaNum(addr, n, size, func(v uint64) { d.xval(table, v) })
	}
}

// rtvia prints struct rtvia: a family, then an address of it.
func (d *nl) rtvia(addr, n uint64, _ any) bool {
	return d.nlaFixed(addr, n, 2, func(p []byte) {
		family := int(le(p, 2))
		d.str("{")
		d.field("rtvia_family")
		d.xval("addrfams", uint64(family))
		if n > 2 {
			d.next()
			d.decodeInetAddr(addr+2, n-2, family, "rtvia_addr")
		}
		d.str("}")
	})
}

// rtaMultipath prints RTA_MULTIPATH's struct rtnexthop entries, each with
// its attributes.
func (d *nl) rtaMultipath(addr, n uint64, opaque any) bool {
	const size = 8
	if n < size {
		return false
	}
	isArray := false
	cur, left := addr, n
	for {
		p, ok := d.fetch(cur, size)
		if !ok {
			d.printAddr(cur)
			break
		}
		nhLen := uint64(le(p, 2))
		l := min(left, nhLen)
		if cur == addr && nhLen < n {
			d.str("[")
			isArray = true
		}
		if cur > addr {
			d.next()
		}
		if l > size {
			d.str("[")
		}
		d.str("{")
		d.fields(p, []nlField{
			{name: "rtnh_len", off: 0, size: 2, kind: fU},
			{name: "rtnh_flags", off: 2, size: 1, kind: fFlags, table: "route_nexthop_flags"},
			{name: "rtnh_hops", off: 3, size: 1, kind: fU},
			{name: "rtnh_ifindex", off: 4, size: 4, kind: fIfindex},
		}, true)
		d.str("}")
		if l > size {
			d.next()
			d.attrs(cur+size, l-size, nlAttrTable{names: "rtnl_route_attrs", decoders: rtmsgAttrs, opaque: opaque})
			d.str("]")
		}
		step := (l + 3) &^ 3
		if step >= left || step == 0 {
			break // strace loops forever on a zero length
		}
		cur += step
		left -= step
	}
	if isArray {
		d.str("]")
	}
	return true
}

// nhGroup prints NHA_GROUP's struct nexthop_grp array.
func (d *nl) nhGroup(addr, n uint64, _ any) bool {
	if n/8 == 0 {
		return false
	}
	d.array(addr, n, 8, func(p []byte) {
		d.str("{")
		d.fields(p, []nlField{
			{name: "id", off: 0, size: 4, kind: fU},
			{name: "weight", off: 4, size: 1, kind: fU},
			{name: "resvd1", off: 5, size: 1, kind: fXNZ},
			{name: "resvd2", off: 6, size: 2, kind: fXNZ},
		}, true)
		d.str("}")
	})
	return true
}
