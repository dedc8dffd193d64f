package format

import (
	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/xlat"
)

// quoteHexAll prints p whole in \xNN (strace's print_quoted_string with
// QUOTE_FORCE_HEX, which -s does not cut).
func quoteHexAll(b, p []byte) []byte { return quote.Append(b, p, false, quote.AllHex) }

// More rtnetlink attributes: rules, neighbours, neighbour tables, traffic
// control and multicast database entries (strace 6.1's rtnl_rule.c,
// rtnl_neigh.c, rtnl_neightbl.c, rtnl_tc.c, rtnl_tc_action.c, rtnl_mdb.c),
// keyed by the names of their attribute tables.

// byName returns decoders keyed by the values table gives their names.
func byName(table string, m map[string]nlaDecoder) map[uint16]nlaDecoder {
	t := xlat.ByName(table)
	out := make(map[uint16]nlaDecoder, len(m))
	for name, dec := range m {
		found := false
		for _, v := range t.Values {
			if v.Name == name {
				out[uint16(v.Val)] = dec
				found = true
				break
			}
		}
		if !found {
			panic("netlink attribute " + name + " not in table " + table)
		}
	}
	return out
}

// nlaStructVar is nlaStruct for a struct that grew: all of fs when the
// attribute holds size bytes, the fields before the last when it holds
// exactly minSize.
func nlaStructVar(minSize, size int, fs []nlField) nlaDecoder {
	whole, short := nlaStruct(size, fs), nlaStruct(minSize, fs[:len(fs)-1])
	return func(d *nl, addr, n uint64, opaque any) bool {
		if n >= uint64(size) {
			return whole(d, addr, n, opaque)
		}
		if n == uint64(minSize) {
			return short(d, addr, n, opaque)
		}
		return false
	}
}

// u64Fields lists fields of 8 bytes each, from offset 0, printed fU.
func u64Fields(names ...string) []nlField {
	fs := make([]nlField, len(names))
	for i, name := range names {
		fs[i] = nlField{name: name, off: 8 * i, size: 8, kind: fU}
	}
	return fs
}

var (
	nlaIPProto    = nlaXval("inet_protocols", 0)
	nlaRtClass    = nlaXval32("routing_table_ids", "-")
	tcStatsAttrs  = map[uint16]nlaDecoder{}
	mdbEattrAttrs = map[uint16]nlaDecoder{}
	gnetStatsBase = nlaStruct(12, []nlField{{name: "bytes", off: 0, size: 8, kind: fU}, {name: "packets", off: 8, size: 4, kind: fU}})
)

// nlaTcStats prints TCA_STATS2's and TCA_ACT_STATS' nested statistics.
func nlaTcStats(d *nl, addr, n uint64, opaque any) bool {
	d.attrs(addr, n, nlAttrTable{names: "rtnl_tca_stats_attrs", decoders: tcStatsAttrs, opaque: opaque})
	return true
}

func init() {
	ports := nlaStruct(4, []nlField{{name: "start", off: 0, size: 2, kind: fU}, {name: "end", off: 2, size: 2, kind: fU}})
	fill(fibRuleAttrs, byName("rtnl_rule_attrs", map[string]nlaDecoder{
		"FRA_DST": nlaFamilyAddr, "FRA_SRC": nlaFamilyAddr, "FRA_IIFNAME": (*nl).nlaStr,
		"FRA_GOTO": (*nl).nlaU32, "FRA_PRIORITY": (*nl).nlaU32, "FRA_FWMARK": (*nl).nlaU32,
		"FRA_FLOW": (*nl).nlaU32, "FRA_TUN_ID": (*nl).nlaBe64, "FRA_SUPPRESS_IFGROUP": (*nl).nlaU32,
		"FRA_SUPPRESS_PREFIXLEN": (*nl).nlaU32, "FRA_TABLE": nlaRtClass, "FRA_FWMASK": (*nl).nlaU32,
		"FRA_OIFNAME": (*nl).nlaStr, "FRA_L3MDEV": (*nl).nlaU8,
		"FRA_UID_RANGE": nlaStruct(8, u32Fields("start", "end")),
		"FRA_PROTOCOL":  nlaXvalMin("routing_protocols", 1), "FRA_IP_PROTO": nlaIPProto,
		"FRA_SPORT_RANGE": ports, "FRA_DPORT_RANGE": ports,
	}))
	fill(ndmsgAttrs, byName("rtnl_neigh_attrs", map[string]nlaDecoder{
		"NDA_DST": nlaFamilyAddr, "NDA_LLADDR": (*nl).nlaHwaddr,
		"NDA_CACHEINFO": nlaStruct(16, u32Fields("ndm_confirmed", "ndm_used", "ndm_updated", "ndm_refcnt")),
		"NDA_PROBES":    (*nl).nlaU32, "NDA_VLAN": (*nl).nlaU16, "NDA_PORT": (*nl).nlaBe16, "NDA_VNI": (*nl).nlaU32,
		"NDA_IFINDEX": (*nl).nlaIfindex, "NDA_MASTER": (*nl).nlaIfindex, "NDA_LINK_NETNSID": (*nl).nlaU32,
		"NDA_SRC_VNI": (*nl).nlaU32, "NDA_PROTOCOL": nlaIPProto, "NDA_NH_ID": (*nl).nlaU32,
		"NDA_FDB_EXT_ATTRS": nlaNested(nlAttrTable{names: "rtnl_neigh_fdb_ext_attrs", decoders: byName("rtnl_neigh_fdb_ext_attrs",
			map[string]nlaDecoder{"NFEA_ACTIVITY_NOTIFY": nlaFlags("fdb_notify_flags", 1)})}),
		"NDA_FLAGS_EXT":      nlaFlags("neighbor_cache_entry_ext_flags", 4),
		"NDA_NDM_STATE_MASK": nlaFlags("neighbor_cache_entry_states", 2),
		"NDA_NDM_FLAGS_MASK": nlaFlags("neighbor_cache_entry_flags", 1),
	}))
	ndtParms := byName("rtnl_neightbl_parms_attrs", map[string]nlaDecoder{
		"NDTPA_IFINDEX": (*nl).nlaIfindex, "NDTPA_REFCNT": (*nl).nlaU32, "NDTPA_REACHABLE_TIME": (*nl).nlaU64,
		"NDTPA_BASE_REACHABLE_TIME": (*nl).nlaU64, "NDTPA_RETRANS_TIME": (*nl).nlaU64, "NDTPA_GC_STALETIME": (*nl).nlaU64,
		"NDTPA_DELAY_PROBE_TIME": (*nl).nlaU64, "NDTPA_QUEUE_LEN": (*nl).nlaU32, "NDTPA_APP_PROBES": (*nl).nlaU32,
		"NDTPA_UCAST_PROBES": (*nl).nlaU32, "NDTPA_MCAST_PROBES": (*nl).nlaU32, "NDTPA_ANYCAST_DELAY": (*nl).nlaU64,
		"NDTPA_PROXY_DELAY": (*nl).nlaU64, "NDTPA_PROXY_QLEN": (*nl).nlaU32, "NDTPA_LOCKTIME": (*nl).nlaU64,
		"NDTPA_QUEUE_LENBYTES": (*nl).nlaU32, "NDTPA_MCAST_REPROBES": (*nl).nlaU32,
	})
	fill(ndtmsgAttrs, byName("rtnl_neightbl_attrs", map[string]nlaDecoder{
		"NDTA_NAME": (*nl).nlaStr, "NDTA_THRESH1": (*nl).nlaU32, "NDTA_THRESH2": (*nl).nlaU32, "NDTA_THRESH3": (*nl).nlaU32,
		"NDTA_CONFIG": nlaStruct(32, []nlField{
			{name: "ndtc_key_len", off: 0, size: 2, kind: fU}, {name: "ndtc_entry_size", off: 2, size: 2, kind: fU},
			{name: "ndtc_entries", off: 4, size: 4, kind: fU}, {name: "ndtc_last_flush", off: 8, size: 4, kind: fU},
			{name: "ndtc_last_rand", off: 12, size: 4, kind: fU}, {name: "ndtc_hash_rnd", off: 16, size: 4, kind: fU},
			{name: "ndtc_hash_mask", off: 20, size: 4, kind: f0X}, {name: "ndtc_hash_chain_gc", off: 24, size: 4, kind: fU},
			{name: "ndtc_proxy_qlen", off: 28, size: 4, kind: fU},
		}),
		"NDTA_PARMS": nlaNested(nlAttrTable{names: "rtnl_neightbl_parms_attrs", decoders: ndtParms}),
		"NDTA_STATS": nlaStructVar(80, 88, u64Fields("ndts_allocs", "ndts_destroys", "ndts_hash_grows", "ndts_res_failed",
			"ndts_lookups", "ndts_hits", "ndts_rcv_probes_mcast", "ndts_rcv_probes_ucast", "ndts_periodic_gc_runs",
			"ndts_forced_gc_runs", "ndts_table_fulls")),
		"NDTA_GC_INTERVAL": (*nl).nlaU64,
	}))
	fill(ifaddrlblAttrs, byName("rtnl_addrlabel_attrs", map[string]nlaDecoder{
		"IFAL_ADDRESS": nlaFamilyAddr, "IFAL_LABEL": (*nl).nlaU32,
	}))
	fill(netconfAttrs, byName("rtnl_netconf_attrs", map[string]nlaDecoder{
		"NETCONFA_IFINDEX": (*nl).nlaIfindex, "NETCONFA_FORWARDING": (*nl).nlaS32, "NETCONFA_RP_FILTER": (*nl).nlaS32,
		"NETCONFA_MC_FORWARDING": (*nl).nlaS32, "NETCONFA_PROXY_NEIGH": (*nl).nlaS32,
		"NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN": (*nl).nlaS32, "NETCONFA_INPUT": (*nl).nlaS32,
		"NETCONFA_BC_FORWARDING": (*nl).nlaS32,
	}))
	fill(nsidAttrs, byName("rtnl_nsid_attrs", map[string]nlaDecoder{
		"NETNSA_NSID": (*nl).nlaS32, "NETNSA_PID": (*nl).nlaU32, "NETNSA_FD": (*nl).nlaFd,
		"NETNSA_TARGET_NSID": (*nl).nlaS32, "NETNSA_CURRENT_NSID": (*nl).nlaS32,
	}))
	fill(tcStatsAttrs, byName("rtnl_tca_stats_attrs", map[string]nlaDecoder{
		"TCA_STATS_BASIC":      gnetStatsBase,
		"TCA_STATS_RATE_EST":   nlaStruct(8, u32Fields("bps", "pps")),
		"TCA_STATS_QUEUE":      nlaStruct(20, u32Fields("qlen", "backlog", "drops", "requeues", "overlimits")),
		"TCA_STATS_RATE_EST64": nlaStruct(16, u64Fields("bps", "pps")),
		"TCA_STATS_BASIC_HW":   gnetStatsBase,
		"TCA_STATS_PKT64":      (*nl).nlaU64,
	}))
	fill(tcmsgAttrs, byName("rtnl_tc_attrs", map[string]nlaDecoder{
		"TCA_KIND": (*nl).nlaStr,
		"TCA_STATS": nlaStruct(36, []nlField{
			{name: "bytes", off: 0, size: 8, kind: fU}, {name: "packets", off: 8, size: 4, kind: fU},
			{name: "drops", off: 12, size: 4, kind: fU}, {name: "overlimits", off: 16, size: 4, kind: fU},
			{name: "bps", off: 20, size: 4, kind: fU}, {name: "pps", off: 24, size: 4, kind: fU},
			{name: "qlen", off: 28, size: 4, kind: fU}, {name: "backlog", off: 32, size: 4, kind: fU},
		}),
		"TCA_RATE":   nlaStruct(2, []nlField{{name: "interval", off: 0, size: 1, kind: fD}, {name: "ewma_log", off: 1, size: 1, kind: fU}}),
		"TCA_FCNT":   (*nl).nlaU32,
		"TCA_STATS2": nlaTcStats,
		"TCA_STAB": nlaNested(nlAttrTable{names: "rtnl_tca_stab_attrs", decoders: byName("rtnl_tca_stab_attrs", map[string]nlaDecoder{
			"TCA_STAB_BASE": nlaStruct(24, []nlField{
				{name: "cell_log", off: 0, size: 1, kind: fU}, {name: "size_log", off: 1, size: 1, kind: fU},
				{name: "cell_align", off: 2, size: 2, kind: fD}, {name: "overhead", off: 4, size: 4, kind: fD},
				{name: "linklayer", off: 8, size: 4, kind: fU}, {name: "mpu", off: 12, size: 4, kind: fU},
				{name: "mtu", off: 16, size: 4, kind: fU}, {name: "tsize", off: 20, size: 4, kind: fU},
			}),
			"TCA_STAB_DATA": (*nl).u16Array,
		})}),
		"TCA_CHAIN": (*nl).nlaU32, "TCA_HW_OFFLOAD": (*nl).nlaU8, "TCA_INGRESS_BLOCK": (*nl).nlaU32,
		"TCA_EGRESS_BLOCK": (*nl).nlaU32, "TCA_DUMP_FLAGS": (*nl).nlaU32,
	}))
	fill(tcamsgAttrs, byName("rtnl_tc_action_attrs", map[string]nlaDecoder{
		"TCA_ACT_KIND": (*nl).nlaStr, "TCA_ACT_INDEX": (*nl).nlaU32, "TCA_ACT_STATS": nlaTcStats,
		"TCA_ACT_FLAGS": nlaFlags("rtnl_tca_act_flags", 4), "TCA_ACT_HW_STATS": nlaFlags("rtnl_tca_act_hw_stats", 4),
		"TCA_ACT_USED_HW_STATS": nlaFlags("rtnl_tca_act_hw_stats", 4), "TCA_ACT_IN_HW_COUNT": (*nl).nlaU32,
	}))
	routerPattr := byName("rtnl_mdba_router_pattr_attrs", map[string]nlaDecoder{
		"MDBA_ROUTER_PATTR_TIMER": (*nl).nlaClockT, "MDBA_ROUTER_PATTR_TYPE": nlaXval("multicast_router_types", 1),
		"MDBA_ROUTER_PATTR_INET_TIMER": (*nl).nlaClockT, "MDBA_ROUTER_PATTR_INET6_TIMER": (*nl).nlaClockT,
	})
	fill(mdbEattrAttrs, byName("rtnl_mdba_mdb_eattr_attrs", map[string]nlaDecoder{"MDBA_MDB_EATTR_TIMER": (*nl).nlaClockT}))
	entry := byName("rtnl_mdba_mdb_entry_attrs", map[string]nlaDecoder{"MDBA_MDB_ENTRY_INFO": (*nl).mdbEntryInfo})
	fill(mdbAttrs, byName("rtnl_mdb_attrs", map[string]nlaDecoder{
		"MDBA_MDB": nlaNested(nlAttrTable{names: "rtnl_mdba_mdb_attrs", decoders: byName("rtnl_mdba_mdb_attrs", map[string]nlaDecoder{
			"MDBA_MDB_ENTRY": nlaNested(nlAttrTable{names: "rtnl_mdba_mdb_entry_attrs", decoders: entry}),
		})}),
		"MDBA_ROUTER": nlaNested(nlAttrTable{names: "rtnl_mdba_router_attrs", decoders: byName("rtnl_mdba_router_attrs", map[string]nlaDecoder{
			"MDBA_ROUTER_PORT": func(d *nl, addr, n uint64, _ any) bool {
				if n < 4 {
					return false
				}
				if p, ok := d.fetch(addr, 4); ok {
					d.ifindex(u32At(p, 0))
				} else {
					d.printAddr(addr)
				}
				if n > 4 {
					d.next()
					d.attrs(addr+4, n-4, nlAttrTable{names: "rtnl_mdba_router_pattr_attrs", decoders: routerPattr})
				}
				return true
			},
		})}),
	}))
}

// u16Array prints an array of 16-bit numbers (TCA_STAB_DATA).
func (d *nl) u16Array(addr, n uint64, _ any) bool {
	if n/2 == 0 {
		return false
	}
	d.array(addr, n, 2, func(p []byte) { d.u(le(p, 2)) })
	return true
}

// nlaHwaddr prints a hardware address of no known type: its bytes as
// aa:bb:cc (strace's decode_nla_hwaddr_nofamily).
func (d *nl) nlaHwaddr(addr, n uint64, _ any) bool {
	const maxAddrLen = 32
	if n > maxAddrLen {
		return false
	}
	p, ok := d.fetch(addr, n)
	if !ok {
		d.printAddr(addr)
		return true
	}
	d.hwaddr(p)
	return true
}

// hwaddr is strace's print_hwaddr.
func (d *nl) hwaddr(p []byte) {
	if d.st.Xlat != xlat.Abbrev {
		d.b = quoteHexAll(d.b, p)
		if d.st.Xlat == xlat.Raw {
			return
		}
		d.str(" /* ")
	}
	for i, c := range p {
		if i > 0 {
			d.str(":")
		}
		d.b = append(d.b, hexDigit[c>>4], hexDigit[c&15])
	}
	if d.st.Xlat == xlat.Verbose {
		d.str(" */")
	}
}

const hexDigit = "0123456789abcdef"

// mdbEntryInfo prints MDBA_MDB_ENTRY_INFO's struct br_mdb_entry, then its
// attributes.
func (d *nl) mdbEntryInfo(addr, n uint64, _ any) bool {
	const size = 28
	return d.nlaFixed(addr, n, size, func(p []byte) {
		d.str("{")
		d.fields(p, []nlField{
			{name: "ifindex", off: 0, size: 4, kind: fIfindex},
			{name: "state", off: 4, size: 1, kind: fXval, table: "mdb_states"},
			{name: "flags", off: 5, size: 1, kind: fFlags, table: "mdb_flags"},
			{name: "vid", off: 6, size: 2, kind: fU},
		}, true)
		proto := int(p[24])<<8 | int(p[25])
		d.next()
		d.str("addr={")
		switch proto {
		case 2, 10:
			d.inetAddrStyled(proto, p[8:24], "u")
		default:
			d.field("u")
			d.b = quoteHexAll(d.b, p[8:24])
		}
		d.next()
		d.str("proto=htons(")
		d.xval("addrfams", uint64(proto))
		d.str(")}}")
		if n > size {
			d.next()
			d.attrs(addr+size, n-size, nlAttrTable{names: "rtnl_mdba_mdb_eattr_attrs", decoders: mdbEattrAttrs})
		}
	})
}
