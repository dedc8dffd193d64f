package format

// rtnetlink (NETLINK_ROUTE) messages, as strace 6.1's netlink_route.c and
// rtnl_*.c print them.

const (
	rtmBase     = 16
	afBridge    = 7
	rtmGetneigh = 30
)

var (
	ifinfomsg = &nlFamilyMsg{family: "ifi_family", size: 16, fields: []nlField{
		{name: "ifi_type", off: 2, size: 2, kind: fXval, table: "arp_hardware_types"},
		{name: "ifi_index", off: 4, size: 4, kind: fIfindex},
		{name: "ifi_flags", off: 8, size: 4, kind: fFlags, table: "iffflags"},
		{name: "ifi_change", off: 12, size: 4, kind: fX},
	}, attrs: nlAttrTable{names: "rtnl_link_attrs", decoders: ifinfoAttrs}}
	ifaddrmsg = &nlFamilyMsg{family: "ifa_family", size: 8, fields: []nlField{
		{name: "ifa_prefixlen", off: 1, size: 1, kind: fU},
		{name: "ifa_flags", off: 2, size: 1, kind: fFlags, table: "ifaddrflags"},
		{name: "ifa_scope", off: 3, size: 1, kind: fXval, table: "routing_scopes"},
		{name: "ifa_index", off: 4, size: 4, kind: fIfindex},
	}, attrs: nlAttrTable{names: "rtnl_addr_attrs", decoders: ifaddrAttrs}}
	rtmsg = &nlFamilyMsg{family: "rtm_family", size: 12, fields: []nlField{
		{name: "rtm_dst_len", off: 1, size: 1, kind: fU},
		{name: "rtm_src_len", off: 2, size: 1, kind: fU},
		{name: "rtm_tos", off: 3, size: 1, kind: fFlags, table: "ip_type_of_services"},
		{name: "rtm_table", off: 4, size: 1, kind: fXval, table: "routing_table_ids", dflt: "-"},
		{name: "rtm_protocol", off: 5, size: 1, kind: fXval, table: "routing_protocols"},
		{name: "rtm_scope", off: 6, size: 1, kind: fXval, table: "routing_scopes"},
		{name: "rtm_type", off: 7, size: 1, kind: fXval, table: "routing_types"},
		{name: "rtm_flags", off: 8, size: 4, kind: fFlags, table: "routing_flags"},
	}, attrs: nlAttrTable{names: "rtnl_route_attrs", decoders: rtmsgAttrs}}
	ndmsg = &nlFamilyMsg{family: "ndm_family", size: 12, fields: []nlField{
		{name: "ndm_ifindex", off: 4, size: 4, kind: fIfindex},
		{name: "ndm_state", off: 8, size: 2, kind: fFlags, table: "neighbor_cache_entry_states"},
		{name: "ndm_flags", off: 10, size: 1, kind: fFlags, table: "neighbor_cache_entry_flags"},
		{name: "ndm_type", off: 11, size: 1, kind: fXval, table: "routing_types"},
	}, attrs: nlAttrTable{names: "rtnl_neigh_attrs", decoders: ndmsgAttrs}}
	fibRuleHdr = &nlFamilyMsg{family: "family", size: 12, fields: []nlField{
		{name: "dst_len", off: 1, size: 1, kind: fU},
		{name: "src_len", off: 2, size: 1, kind: fU},
		{name: "tos", off: 3, size: 1, kind: fFlags, table: "ip_type_of_services"},
		{name: "table", off: 4, size: 1, kind: fXval, table: "routing_table_ids"},
		{name: "action", off: 7, size: 1, kind: fXval, table: "fib_rule_actions"},
		{name: "flags", off: 8, size: 4, kind: fFlags, table: "fib_rule_flags"},
	}, attrs: nlAttrTable{names: "rtnl_rule_attrs", decoders: fibRuleAttrs}}
	tcmsg = &nlFamilyMsg{family: "tcm_family", size: 20, fields: []nlField{
		{name: "tcm_ifindex", off: 4, size: 4, kind: fIfindex},
		{name: "tcm_handle", off: 8, size: 4, kind: fU},
		{name: "tcm_parent", off: 12, size: 4, kind: fU},
		{name: "tcm_info", off: 16, size: 4, kind: fU},
	}, attrs: nlAttrTable{names: "rtnl_tc_attrs", decoders: tcmsgAttrs}}
	tcamsg = &nlFamilyMsg{family: "tca_family", size: 4, short: true,
		attrs: nlAttrTable{names: "rtnl_tc_action_attrs", decoders: tcamsgAttrs}}
	ndtmsg = &nlFamilyMsg{family: "ndtm_family", size: 4, short: true,
		attrs: nlAttrTable{names: "rtnl_neightbl_attrs", decoders: ndtmsgAttrs}}
	ifaddrlblmsg = &nlFamilyMsg{family: "ifal_family", size: 12, fields: []nlField{
		{name: "ifal_prefixlen", off: 2, size: 1, kind: fU},
		{name: "ifal_flags", off: 3, size: 1, kind: fU},
		{name: "ifal_index", off: 4, size: 4, kind: fIfindex},
		{name: "ifal_seq", off: 8, size: 4, kind: fU},
	}, attrs: nlAttrTable{names: "rtnl_addrlabel_attrs", decoders: ifaddrlblAttrs}}
	dcbmsg = &nlFamilyMsg{family: "dcb_family", size: 4, fields: []nlField{
		{name: "cmd", off: 1, size: 1, kind: fXval, table: "dcb_commands"},
	}, attrs: nlAttrTable{names: "rtnl_dcb_attrs"}}
	netconfmsg = &nlFamilyMsg{family: "ncm_family", size: 1, short: true,
		attrs: nlAttrTable{names: "rtnl_netconf_attrs", decoders: netconfAttrs}}
	brPortMsg = &nlFamilyMsg{family: "family", size: 8, fields: []nlField{
		{name: "ifindex", off: 4, size: 4, kind: fIfindex},
	}, attrs: nlAttrTable{names: "rtnl_mdb_attrs", decoders: mdbAttrs}}
	nsidmsg = &nlFamilyMsg{family: "rtgen_family", size: 1, short: true,
		attrs: nlAttrTable{names: "rtnl_nsid_attrs", decoders: nsidAttrs}}
	ifStatsMsg = &nlFamilyMsg{family: "family", size: 12, fields: []nlField{
		{name: "pad1", off: 1, size: 1, kind: fXNZ},
		{name: "pad2", off: 2, size: 2, kind: fXNZ},
		{name: "ifindex", off: 4, size: 4, kind: fIfindex},
		{name: "filter_mask", off: 8, size: 4, kind: fFlags, table: "ifstats_attr_flags"},
	}, attrs: nlAttrTable{names: "ifstats_attrs", decoders: ifstatsAttrs}}
	nhmsg = &nlFamilyMsg{family: "nh_family", size: 8, fields: []nlField{
		{name: "nh_scope", off: 1, size: 1, kind: fXval, table: "routing_scopes"},
		{name: "nh_protocol", off: 2, size: 1, kind: fXval, table: "routing_protocols"},
		{name: "resvd", off: 3, size: 1, kind: fXNZ},
		{name: "nh_flags", off: 4, size: 4, kind: fFlags, table: "route_nexthop_flags"},
	}, attrs: nlAttrTable{names: "rtnl_nexthop_attrs", decoders: nhmsgAttrs}}
)

// routeMsgs gives the struct of each message type, from RTM_BASE on.
var routeMsgs = map[uint16]*nlFamilyMsg{}

func init() {
	set := func(m *nlFamilyMsg, types ...uint16) {
		for _, t := range types {
			routeMsgs[t] = m
		}
	}
	set(ifinfomsg, 16, 17, 18, 19)
	set(ifaddrmsg, 20, 21, 22, 58, 62) // and RTM_GETMULTICAST, RTM_GETANYCAST
	set(rtmsg, 24, 25, 26)
	set(ndmsg, 28, 29, 30)
	set(fibRuleHdr, 32, 33, 34)
	set(tcmsg, 36, 37, 38, 40, 41, 42, 44, 45, 46, 100, 101, 102)
	set(tcamsg, 48, 49, 50)
	set(ndtmsg, 64, 66, 67)
	set(ifaddrlblmsg, 72, 73, 74)
	set(dcbmsg, 78, 79)
	set(netconfmsg, 80, 81, 82)
	set(brPortMsg, 84, 85, 86)
	set(nsidmsg, 88, 89, 90)
	set(ifStatsMsg, 92, 94)
	set(nhmsg, 104, 105, 106)
}

// route is strace's decode_netlink_route.
func (d *nl) route(h nlmsghdr, addr, n uint64) bool {
	if h.typ == nlmsgDone {
		return false
	}
	p, ok := d.fetch(addr, 1)
	if !ok {
		d.printAddr(addr)
		return true
	}
	family := p[0]
	const rtmNewcachereport = 96
	switch m := routeMsgs[h.typ]; {
	case h.typ == rtmGetneigh && family == afBridge:
		d.familyMsg(ifinfomsg, family, addr, n)
	case h.typ == rtmNewcachereport:
		d.cachereport(family, addr, n)
	case m != nil:
		d.familyMsg(m, family, addr, n)
	default:
		d.familyData(family, addr, n)
	}
	return true
}

// familyData is strace's decode_family: the family, then the rest in hex.
func (d *nl) familyData(family uint8, addr, n uint64) {
	d.str("{")
	d.field("family")
	d.xval("addrfams", uint64(family))
	if n > 1 {
		d.next()
		d.field("data")
		d.strHex(addr+1, n-1)
	}
	d.str("}")
}

// cachereport prints RTM_NEWCACHEREPORT's rtgenmsg, whose family names an
// rtnetlink family, then its attributes.
func (d *nl) cachereport(family uint8, addr, n uint64) {
	d.str("{")
	d.field("rtgen_family")
	d.b = rtnlFamilies().AppendValue(d.b, uint64(family), d.st.Xlat)
	d.str("}")
	if n > 4 {
		d.next()
		const rtnlFamilyIpmr, rtnlFamilyIp6mr = 128, 129
		switch family {
		case rtnlFamilyIpmr:
			d.attrs(addr+4, n-4, nlAttrTable{names: "rtnl_ipmra_creport_attr", decoders: map[uint16]nlaDecoder{
				1: nlaXval("rtnl_ipmra_msg_types", 1), 2: (*nl).nlaU32, 3: (*nl).nlaInAddr, 4: (*nl).nlaInAddr, 6: (*nl).nlaU32}})
		case rtnlFamilyIp6mr:
			d.attrs(addr+4, n-4, nlAttrTable{names: "rtnl_ip6mra_creport_attr", decoders: map[uint16]nlaDecoder{
				1: nlaXval("rtnl_ip6mra_msg_types", 1), 2: (*nl).nlaU32, 3: (*nl).nlaIn6Addr, 4: (*nl).nlaIn6Addr}})
		default:
			d.strHex(addr+4, n-4)
		}
	}
}
