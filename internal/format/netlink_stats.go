package format

// RTM_GETSTATS' attributes (strace 6.1's rtnl_stats.c) and the link
// statistics structs rtnl_link.c prints.

// nlaStructSizes returns a decoder of a struct that grew: all of fs when
// the attribute holds sizes' last, else the fields that fit in the size
// among sizes the attribute holds exactly.
func nlaStructSizes(fs []nlField, sizes ...int) nlaDecoder {
	return func(d *nl, addr, n uint64, _ any) bool {
		size := 0
		if n >= uint64(sizes[len(sizes)-1]) {
			size = sizes[len(sizes)-1]
		}
		for _, s := range sizes {
			if n == uint64(s) {
				size = s
			}
		}
		if size == 0 {
			return false
		}
		p, ok := d.fetch(addr, uint64(size))
		if !ok {
			d.printAddr(addr)
			return true
		}
		var in []nlField
		for _, f := range fs {
			if f.off+f.size <= size {
				in = append(in, f)
			}
		}
		d.str("{")
		d.fields(p, in, true)
		d.str("}")
		return true
	}
}

// linkStatsNames are the fields of struct rtnl_link_stats and
// rtnl_link_stats64.
var linkStatsNames = []string{"rx_packets", "tx_packets", "rx_bytes", "tx_bytes", "rx_errors", "tx_errors",
	"rx_dropped", "tx_dropped", "multicast", "collisions", "rx_length_errors", "rx_over_errors",
	"rx_crc_errors", "rx_frame_errors", "rx_fifo_errors", "rx_missed_errors", "tx_aborted_errors",
	"tx_carrier_errors", "tx_fifo_errors", "tx_heartbeat_errors", "tx_window_errors", "rx_compressed",
	"tx_compressed", "rx_nohandler", "rx_otherhost_dropped"}

var (
	nlaLinkStats64 = nlaStructSizes(u64Fields(linkStatsNames...), 23*8, 24*8, 25*8)
	nlaLinkStats   = nlaStructSizes(u32Fields(linkStatsNames[:24]...), 23*4, 24*4)
)

// nlaStructRest returns a decoder of a struct of size bytes followed by
// bytes it prints in hex.
func nlaStructRest(size int, print func(d *nl, p []byte)) nlaDecoder {
	return func(d *nl, addr, n uint64, _ any) bool {
		return d.nlaFixed(addr, n, uint64(size), func(p []byte) {
			d.str("{")
			print(d, p)
			d.str("}")
			if n > uint64(size) {
				d.next()
				d.strHex(addr+uint64(size), n-uint64(size))
			}
		})
	}
}

// mcastDirs prints a __u64[BR_MCAST_DIR_SIZE] field, indexed.
func (d *nl) mcastDirs(name string, p []byte) {
	d.field(name)
	d.str("[")
	for i := range 2 {
		if i > 0 {
			d.next()
		}
		d.str("[")
		d.xvalU("ifstats_xstats_bridge_mcast_indices", uint64(i))
		d.str("]=")
		d.u(le(p[8*i:], 8))
	}
	d.str("]")
}

func init() {
	bridgeVlan := nlaStructRest(40, func(d *nl, p []byte) {
		d.fields(p, []nlField{
			{name: "rx_bytes", off: 0, size: 8, kind: fU}, {name: "rx_packets", off: 8, size: 8, kind: fU},
			{name: "tx_bytes", off: 16, size: 8, kind: fU}, {name: "tx_packets", off: 24, size: 8, kind: fU},
			{name: "vid", off: 32, size: 2, kind: fU},
			{name: "flags", off: 34, size: 2, kind: fFlags, table: "nl_bridge_vlan_flags"},
			{name: "pad2", off: 36, size: 4, kind: fXNZ},
		}, true)
	})
	bridgeMcast := nlaStructRest(240, func(d *nl, p []byte) {
		off := 0
		for i, name := range []string{"igmp_v1queries", "igmp_v2queries", "igmp_v3queries", "igmp_leaves",
			"igmp_v1reports", "igmp_v2reports", "igmp_v3reports", "igmp_parse_errors", "mld_v1queries",
			"mld_v2queries", "mld_leaves", "mld_v1reports", "mld_v2reports", "mld_parse_errors",
			"mcast_bytes", "mcast_packets"} {
			if i > 0 {
				d.next()
			}
			if name == "igmp_parse_errors" || name == "mld_parse_errors" {
				d.field(name)
				d.u(le(p[off:], 8))
				off += 8
				continue
			}
			d.mcastDirs(name, p[off:])
			off += 16
		}
	})
	bridgeStp := nlaStructRest(48, func(d *nl, p []byte) {
		d.fields(p, u64Fields("transition_blk", "transition_fwd", "rx_bpdu", "tx_bpdu", "rx_tcn", "tx_tcn"), true)
	})
	bridge := nlAttrTable{names: "ifstats_xstats_bridge_attrs", decoders: byName("ifstats_xstats_bridge_attrs", map[string]nlaDecoder{
		"BRIDGE_XSTATS_VLAN": bridgeVlan, "BRIDGE_XSTATS_MCAST": bridgeMcast, "BRIDGE_XSTATS_STP": bridgeStp,
	})}
	bond3ad := map[string]nlaDecoder{}
	for _, name := range []string{"LACPDU_RX", "LACPDU_TX", "LACPDU_UNKNOWN_RX", "LACPDU_ILLEGAL_RX", "MARKER_RX",
		"MARKER_TX", "MARKER_RESP_RX", "MARKER_RESP_TX", "MARKER_UNKNOWN_RX"} {
		bond3ad["BOND_3AD_STAT_"+name] = (*nl).nlaU64
	}
	bond := nlAttrTable{names: "ifstats_xstats_bond_attrs", decoders: byName("ifstats_xstats_bond_attrs", map[string]nlaDecoder{
		"BOND_XSTATS_3AD": nlaNested(nlAttrTable{names: "ifstats_xstats_bond_3ad_attrs", decoders: byName("ifstats_xstats_bond_3ad_attrs", bond3ad)}),
	})}
	xstats := nlaNested(nlAttrTable{names: "ifstats_xstats_type_attrs", decoders: byName("ifstats_xstats_type_attrs", map[string]nlaDecoder{
		"LINK_XSTATS_TYPE_BRIDGE": nlaNested(bridge), "LINK_XSTATS_TYPE_BOND": nlaNested(bond),
	})})
	mpls := nlAttrTable{names: "ifstats_af_spec_mpls_attrs", decoders: byName("ifstats_af_spec_mpls_attrs", map[string]nlaDecoder{
		"MPLS_STATS_LINK": nlaStructRest(72, func(d *nl, p []byte) {
			d.fields(p, u64Fields("rx_packets", "tx_packets", "rx_bytes", "tx_bytes", "rx_errors", "tx_errors",
				"rx_dropped", "tx_dropped", "rx_noroute"), true)
		}),
	})}
	const afMpls = 28
	afSpec := func(d *nl, addr, n uint64, _ any) bool {
		d.attrs(addr, n, nlAttrTable{names: "addrfams", byType: func(d *nl, addr, n uint64, typ any) bool {
			if typ.(uint16) == afMpls {
				d.attrs(addr, n, mpls)
			} else {
				d.strHex(addr, n)
			}
			return true
		}})
		return true
	}
	fill(ifstatsAttrs, byName("ifstats_attrs", map[string]nlaDecoder{
		"IFLA_STATS_LINK_64":           nlaLinkStats64,
		"IFLA_STATS_LINK_XSTATS":       xstats,
		"IFLA_STATS_LINK_XSTATS_SLAVE": xstats,
		"IFLA_STATS_LINK_OFFLOAD_XSTATS": nlaNested(nlAttrTable{names: "ifstats_offload_attrs", decoders: byName("ifstats_offload_attrs",
			map[string]nlaDecoder{"IFLA_OFFLOAD_XSTATS_CPU_HIT": nlaLinkStats64})}),
		"IFLA_STATS_AF_SPEC": afSpec,
	}))
}
