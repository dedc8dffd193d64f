package format

import "github.com/gotrace/gotrace/internal/quote"

// RTM_*LINK's attributes (strace 6.1's rtnl_link.c).

// linkinfoCtx holds the kinds IFLA_INFO_KIND and IFLA_INFO_SLAVE_KIND
// named, which say how IFLA_INFO_DATA and IFLA_INFO_SLAVE_DATA decode.
type linkinfoCtx struct{ kind, slaveKind string }

// ctxStr is strace's update_ctx_str: the NUL-terminated string of the
// attribute, or "" when it does not fit in sz or has no NUL.
func (d *nl) ctxStr(addr, n uint64, sz int) string {
	if n >= uint64(sz) {
		return ""
	}
	p, ok := d.fetch(addr, n)
	if !ok {
		return ""
	}
	for i, c := range p {
		if c == 0 {
			return string(p[:i])
		}
	}
	return ""
}

// printStr0 is strace's printstr_ex with QUOTE_0_TERMINATED: up to the
// NUL, -s of it.
func (d *nl) printStr0(addr, n uint64) {
	if addr == 0 {
		d.str("NULL")
		return
	}
	max := uint64(d.st.StrLen)
	size := min(max+1, n)
	p, ok := d.fetch(addr, size)
	if !ok {
		d.printAddr(addr)
		return
	}
	shown := p[:min(size, max)]
	for i, c := range shown {
		if c == 0 {
			d.b = quote.Append(d.b, shown[:i], false, d.st.Quote)
			return
		}
	}
	// "..." unless the byte after the -s shown is the NUL
	d.b = quote.Append(d.b, shown, !(size > max && p[max] == 0), d.st.Quote)
}

// hwaddrField prints a MAC address field of n bytes (strace's
// PRINT_FIELD_MAC).
func (d *nl) hwaddrField(name string, p []byte) {
	d.field(name)
	d.hwaddr(p)
}

var (
	brportAttrs = map[uint16]nlaDecoder{}
	inet6Attrs  = map[uint16]nlaDecoder{}
)

func init() {
	bridgeID := func(d *nl, addr, n uint64, _ any) bool {
		return d.nlaFixed(addr, n, 8, func(p []byte) {
			d.str("{prio=[")
			d.u(uint64(p[0]))
			d.next()
			d.u(uint64(p[1]))
			d.str("], ")
			d.hwaddrField("addr", p[2:8])
			d.str("}")
		})
	}
	u8s := func(names ...string) map[string]nlaDecoder {
		m := map[string]nlaDecoder{}
		for _, name := range names {
			m[name] = (*nl).nlaU8
		}
		return m
	}
	brport := u8s("IFLA_BRPORT_STATE", "IFLA_BRPORT_MODE", "IFLA_BRPORT_GUARD", "IFLA_BRPORT_PROTECT",
		"IFLA_BRPORT_FAST_LEAVE", "IFLA_BRPORT_LEARNING", "IFLA_BRPORT_UNICAST_FLOOD", "IFLA_BRPORT_PROXYARP",
		"IFLA_BRPORT_LEARNING_SYNC", "IFLA_BRPORT_PROXYARP_WIFI", "IFLA_BRPORT_TOPOLOGY_CHANGE_ACK",
		"IFLA_BRPORT_CONFIG_PENDING", "IFLA_BRPORT_MULTICAST_ROUTER", "IFLA_BRPORT_MCAST_FLOOD",
		"IFLA_BRPORT_MCAST_TO_UCAST", "IFLA_BRPORT_VLAN_TUNNEL", "IFLA_BRPORT_BCAST_FLOOD",
		"IFLA_BRPORT_NEIGH_SUPPRESS", "IFLA_BRPORT_ISOLATED", "IFLA_BRPORT_MRP_RING_OPEN",
		"IFLA_BRPORT_MRP_IN_OPEN", "IFLA_BRPORT_LOCKED")
	for name, dec := range map[string]nlaDecoder{
		"IFLA_BRPORT_PRIORITY": (*nl).nlaU16, "IFLA_BRPORT_COST": (*nl).nlaU32,
		"IFLA_BRPORT_ROOT_ID": bridgeID, "IFLA_BRPORT_BRIDGE_ID": bridgeID,
		"IFLA_BRPORT_DESIGNATED_PORT": (*nl).nlaU16, "IFLA_BRPORT_DESIGNATED_COST": (*nl).nlaU16,
		"IFLA_BRPORT_ID": (*nl).nlaU16, "IFLA_BRPORT_NO": (*nl).nlaU16,
		"IFLA_BRPORT_MESSAGE_AGE_TIMER": (*nl).nlaClockT, "IFLA_BRPORT_FORWARD_DELAY_TIMER": (*nl).nlaClockT,
		"IFLA_BRPORT_HOLD_TIMER": (*nl).nlaClockT, "IFLA_BRPORT_GROUP_FWD_MASK": (*nl).nlaX16,
		"IFLA_BRPORT_BACKUP_PORT": (*nl).nlaIfindex, "IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT": (*nl).nlaU32,
		"IFLA_BRPORT_MCAST_EHT_HOSTS_CNT": (*nl).nlaU32,
	} {
		brport[name] = dec
	}
	fill(brportAttrs, byName("rtnl_ifla_brport_attrs", brport))
	fill(inet6Attrs, byName("rtnl_ifla_af_spec_inet6_attrs", map[string]nlaDecoder{
		"IFLA_INET6_FLAGS": nlaFlags("inet6_if_flags", 4),
		"IFLA_INET6_CONF": func(d *nl, addr, n uint64, _ any) bool {
			if n/4 == 0 {
				return false
			}
			d.arrayIdx(addr, n, 4, "inet6_devconf_indices", func(p []byte) { d.i(int64(int32(le(p, 4)))) })
			return true
		},
		"IFLA_INET6_STATS": func(d *nl, addr, n uint64, _ any) bool {
			if n/8 == 0 {
				return false
			}
			d.arrayIdx(addr, n, 8, "snmp_ip_stats", func(p []byte) { d.u(le(p, 8)) })
			return true
		},
		"IFLA_INET6_CACHEINFO": nlaStruct(16, u32Fields("max_reasm_len", "tstamp", "reachable_time", "retrans_time")),
		"IFLA_INET6_ICMP6STATS": func(d *nl, addr, n uint64, _ any) bool {
			if n/8 == 0 {
				return false
			}
			d.arrayIdx(addr, n, 8, "snmp_icmp6_stats", func(p []byte) { d.u(le(p, 8)) })
			return true
		},
		"IFLA_INET6_TOKEN":         (*nl).nlaIn6Addr,
		"IFLA_INET6_ADDR_GEN_MODE": nlaXval("in6_addr_gen_mode", 1),
		"IFLA_INET6_RA_MTU":        (*nl).nlaU32,
	}))
	inetAttrs := byName("rtnl_ifla_af_spec_inet_attrs", map[string]nlaDecoder{
		"IFLA_INET_CONF": func(d *nl, addr, n uint64, _ any) bool {
			if n/4 == 0 {
				return false
			}
			d.arrayIdx(addr, n, 4, "inet_devconf_indices", func(p []byte) { d.i(int64(int32(le(p, 4)))) })
			return true
		},
	})
	mctpAttrs := byName("rtnl_ifla_af_spec_mctp_attrs", map[string]nlaDecoder{"IFLA_MCTP_NET": (*nl).nlaU32})
	const afInet, afInet6, afMctp = 2, 10, 45
	afSpecs := map[uint16]nlAttrTable{
		afInet:  {names: "rtnl_ifla_af_spec_inet_attrs", decoders: inetAttrs},
		afInet6: {names: "rtnl_ifla_af_spec_inet6_attrs", decoders: inet6Attrs},
		afMctp:  {names: "rtnl_ifla_af_spec_mctp_attrs", decoders: mctpAttrs},
	}
	vlanFlags := nlaFlags("nl_bridge_vlan_flags", 2)
	bridgeAfSpec := byName("rtnl_ifla_af_spec_bridge_attrs", map[string]nlaDecoder{
		"IFLA_BRIDGE_FLAGS": nlaFlags("rtnl_ifla_bridge_flags", 2),
		"IFLA_BRIDGE_MODE":  nlaXval("rtnl_ifla_bridge_modes", 2),
		"IFLA_BRIDGE_VLAN_INFO": nlaStructRest(4, func(d *nl, p []byte) {
			d.fields(p, []nlField{
				{name: "flags", off: 0, size: 2, kind: fFlags, table: "nl_bridge_vlan_flags"},
				{name: "vid", off: 2, size: 2, kind: fU},
			}, true)
		}),
		"IFLA_BRIDGE_VLAN_TUNNEL_INFO": nlaNested(nlAttrTable{names: "rtnl_ifla_af_spec_bridge_vlan_tunnel_info_attrs",
			decoders: byName("rtnl_ifla_af_spec_bridge_vlan_tunnel_info_attrs", map[string]nlaDecoder{
				"IFLA_BRIDGE_VLAN_TUNNEL_ID": (*nl).nlaU32, "IFLA_BRIDGE_VLAN_TUNNEL_VID": (*nl).nlaU16,
				"IFLA_BRIDGE_VLAN_TUNNEL_FLAGS": vlanFlags,
			})}),
	})
	afSpec := func(d *nl, addr, n uint64, opaque any) bool {
		if p, _ := opaque.([]byte); len(p) > 0 && p[0] == afBridge {
			d.attrs(addr, n, nlAttrTable{names: "rtnl_ifla_af_spec_bridge_attrs", decoders: bridgeAfSpec, opaque: opaque})
			return true
		}
		d.attrs(addr, n, nlAttrTable{names: "addrfams", byType: func(d *nl, addr, n uint64, typ any) bool {
			if t, ok := afSpecs[typ.(uint16)]; ok {
				d.attrs(addr, n, t)
			} else {
				d.strHex(addr, n)
			}
			return true
		}})
		return true
	}
	protinfo := func(d *nl, addr, n uint64, opaque any) bool {
		p, _ := opaque.([]byte)
		switch {
		case len(p) > 0 && p[0] == afBridge:
			d.attrs(addr, n, nlAttrTable{names: "rtnl_ifla_brport_attrs", decoders: brportAttrs})
		case len(p) > 0 && p[0] == afInet6:
			d.attrs(addr, n, nlAttrTable{names: "rtnl_ifla_af_spec_inet6_attrs", decoders: inet6Attrs})
		default:
			d.strHex(addr, n)
		}
		return true
	}
	port := nlAttrTable{names: "rtnl_ifla_port_attrs", decoders: byName("rtnl_ifla_port_attrs", map[string]nlaDecoder{
		"IFLA_PORT_VF": (*nl).nlaU32, "IFLA_PORT_PROFILE": (*nl).nlaStr,
		"IFLA_PORT_VSI_TYPE": func(d *nl, addr, n uint64, _ any) bool {
			return d.nlaFixed(addr, n, 8, func(p []byte) {
				d.str("{vsi_mgr_id=")
				d.u(uint64(p[0]))
				d.str(", vsi_type_id=")
				d.b = quoteHexAll(d.b, p[1:4])
				d.str(", vsi_type_version=")
				d.u(uint64(p[4]))
				if p[5]|p[6]|p[7] != 0 {
					d.str(", pad=")
					d.b = quoteHexAll(d.b, p[5:8])
				}
				d.str("}")
			})
		},
		"IFLA_PORT_REQUEST": (*nl).nlaU8, "IFLA_PORT_RESPONSE": (*nl).nlaU16,
	})}
	vfInfo := vfInfoAttrs()
	xdp := byName("rtnl_ifla_xdp_attrs", map[string]nlaDecoder{
		"IFLA_XDP_FD": (*nl).nlaFd, "IFLA_XDP_ATTACHED": nlaXval("rtnl_ifla_xdp_attached_mode", 1),
		"IFLA_XDP_FLAGS": nlaFlagsMin("xdp_flags", 4), "IFLA_XDP_PROG_ID": (*nl).nlaU32,
		"IFLA_XDP_DRV_PROG_ID": (*nl).nlaU32, "IFLA_XDP_SKB_PROG_ID": (*nl).nlaU32,
		"IFLA_XDP_HW_PROG_ID": (*nl).nlaU32, "IFLA_XDP_EXPECTED_FD": (*nl).nlaFd,
	})
	altIfname := uint16(byNameValue("rtnl_link_attrs", "IFLA_ALT_IFNAME"))
	fill(ifinfoAttrs, byName("rtnl_link_attrs", map[string]nlaDecoder{
		"IFLA_ADDRESS": (*nl).nlaHwaddr, "IFLA_BROADCAST": (*nl).nlaHwaddr, "IFLA_IFNAME": (*nl).nlaStr,
		"IFLA_MTU": (*nl).nlaU32, "IFLA_LINK": (*nl).nlaU32, "IFLA_QDISC": (*nl).nlaStr,
		"IFLA_STATS": nlaLinkStats, "IFLA_MASTER": (*nl).nlaU32, "IFLA_PROTINFO": protinfo,
		"IFLA_TXQLEN": (*nl).nlaU32,
		"IFLA_MAP": nlaStruct(28, []nlField{
			{name: "mem_start", off: 0, size: 8, kind: fX}, {name: "mem_end", off: 8, size: 8, kind: fX},
			{name: "base_addr", off: 16, size: 8, kind: fX}, {name: "irq", off: 24, size: 2, kind: fU},
			{name: "dma", off: 26, size: 1, kind: fU}, {name: "port", off: 27, size: 1, kind: fU},
		}),
		"IFLA_WEIGHT": (*nl).nlaU32, "IFLA_OPERSTATE": (*nl).nlaU8, "IFLA_LINKMODE": (*nl).nlaU8,
		"IFLA_LINKINFO": linkinfo, "IFLA_NET_NS_PID": (*nl).nlaU32, "IFLA_IFALIAS": (*nl).nlaStr,
		"IFLA_NUM_VF": (*nl).nlaU32,
		"IFLA_VFINFO_LIST": nlaNested(nlAttrTable{names: "rtnl_ifla_vfinfo_list_attrs", decoders: byName("rtnl_ifla_vfinfo_list_attrs",
			map[string]nlaDecoder{"IFLA_VF_INFO": nlaNested(nlAttrTable{names: "rtnl_ifla_vf_info_attrs", decoders: vfInfo})})}),
		"IFLA_STATS64": nlaLinkStats64,
		"IFLA_VF_PORTS": nlaNested(nlAttrTable{names: "rtnl_ifla_vf_port_attrs", decoders: byName("rtnl_ifla_vf_port_attrs",
			map[string]nlaDecoder{"IFLA_VF_PORT": nlaNested(port)})}),
		"IFLA_PORT_SELF": nlaNested(port), "IFLA_AF_SPEC": afSpec, "IFLA_GROUP": (*nl).nlaU32,
		"IFLA_NET_NS_FD": (*nl).nlaFd, "IFLA_EXT_MASK": nlaFlags("rtnl_ifla_ext_filter_flags", 4),
		"IFLA_PROMISCUITY": (*nl).nlaU32, "IFLA_NUM_TX_QUEUES": (*nl).nlaU32, "IFLA_NUM_RX_QUEUES": (*nl).nlaU32,
		"IFLA_CARRIER": (*nl).nlaU8, "IFLA_CARRIER_CHANGES": (*nl).nlaU32, "IFLA_LINK_NETNSID": (*nl).nlaS32,
		"IFLA_PHYS_PORT_NAME": (*nl).nlaStr, "IFLA_PROTO_DOWN": (*nl).nlaU8, "IFLA_GSO_MAX_SEGS": (*nl).nlaU32,
		"IFLA_GSO_MAX_SIZE": (*nl).nlaU32,
		"IFLA_XDP":          nlaNested(nlAttrTable{names: "rtnl_ifla_xdp_attrs", decoders: xdp}),
		"IFLA_EVENT":        nlaXval32("rtnl_ifla_events", ""), "IFLA_NEW_NETNSID": (*nl).nlaS32,
		"IFLA_IF_NETNSID": (*nl).nlaS32, "IFLA_CARRIER_UP_COUNT": (*nl).nlaU32, "IFLA_CARRIER_DOWN_COUNT": (*nl).nlaU32,
		"IFLA_NEW_IFINDEX": (*nl).nlaIfindex, "IFLA_MIN_MTU": (*nl).nlaU32, "IFLA_MAX_MTU": (*nl).nlaU32,
		"IFLA_PROP_LIST": nlaNested(nlAttrTable{names: "rtnl_link_attrs", byType: func(d *nl, addr, n uint64, typ any) bool {
			if typ.(uint16) == altIfname {
				return d.nlaStr(addr, n, nil)
			}
			return false
		}}),
		"IFLA_ALT_IFNAME": (*nl).nlaStr, "IFLA_PERM_ADDRESS": (*nl).nlaHwaddr,
		"IFLA_PROTO_DOWN_REASON": nlaNested(nlAttrTable{names: "rtnl_ifla_proto_down_reason_attrs",
			decoders: byName("rtnl_ifla_proto_down_reason_attrs", map[string]nlaDecoder{
				"IFLA_PROTO_DOWN_REASON_MASK": (*nl).nlaX32, "IFLA_PROTO_DOWN_REASON_VALUE": (*nl).nlaX32})}),
		"IFLA_PARENT_DEV_NAME": (*nl).nlaStr, "IFLA_PARENT_DEV_BUS_NAME": (*nl).nlaStr,
		"IFLA_GRO_MAX_SIZE": (*nl).nlaU32, "IFLA_TSO_MAX_SIZE": (*nl).nlaU32, "IFLA_TSO_MAX_SEGS": (*nl).nlaU32,
		"IFLA_ALLMULTI": (*nl).nlaU32,
	}))
}

// byNameValue is the value table gives name.
func byNameValue(table, name string) uint64 {
	for k := range byName(table, map[string]nlaDecoder{name: nil}) {
		return uint64(k)
	}
	return 0
}

// nlaFlagsMin prints bits of size bytes named by table, when the
// attribute has at least size bytes (strace's printflags of a number it
// read).
func nlaFlagsMin(table string, size uint64) nlaDecoder {
	return func(d *nl, addr, n uint64, _ any) bool {
		return d.nlaNum(addr, n, size, func(v uint64) { d.flags(table, v) })
	}
}

// linkinfo is IFLA_LINKINFO: IFLA_INFO_KIND names how IFLA_INFO_DATA and
// IFLA_INFO_XSTATS decode, IFLA_INFO_SLAVE_KIND IFLA_INFO_SLAVE_DATA.
func linkinfo(d *nl, addr, n uint64, _ any) bool {
	d.attrs(addr, n, nlAttrTable{names: "rtnl_ifla_info_attrs", decoders: linkinfoAttrs, opaque: &linkinfoCtx{}})
	return true
}

var linkinfoAttrs = map[uint16]nlaDecoder{}

func init() {
	const kindSize = 16 // sizeof(ctx->kind)
	brAttrs := map[string]nlaDecoder{}
	for _, name := range []string{"FORWARD_DELAY", "HELLO_TIME", "MAX_AGE", "AGEING_TIME", "HELLO_TIMER", "TCN_TIMER",
		"TOPOLOGY_CHANGE_TIMER", "GC_TIMER", "MCAST_LAST_MEMBER_INTVL", "MCAST_MEMBERSHIP_INTVL", "MCAST_QUERIER_INTVL",
		"MCAST_QUERY_INTVL", "MCAST_QUERY_RESPONSE_INTVL", "MCAST_STARTUP_QUERY_INTVL"} {
		brAttrs["IFLA_BR_"+name] = (*nl).nlaClockT
	}
	for _, name := range []string{"STP_STATE", "ROOT_PATH_COST", "MCAST_HASH_ELASTICITY", "MCAST_HASH_MAX",
		"MCAST_LAST_MEMBER_CNT", "MCAST_STARTUP_QUERY_CNT"} {
		brAttrs["IFLA_BR_"+name] = (*nl).nlaU32
	}
	for _, name := range []string{"PRIORITY", "ROOT_PORT", "VLAN_DEFAULT_PVID"} {
		brAttrs["IFLA_BR_"+name] = (*nl).nlaU16
	}
	for _, name := range []string{"VLAN_FILTERING", "TOPOLOGY_CHANGE", "TOPOLOGY_CHANGE_DETECTED", "MCAST_ROUTER",
		"MCAST_SNOOPING", "MCAST_QUERY_USE_IFADDR", "MCAST_QUERIER", "NF_CALL_IPTABLES", "NF_CALL_IP6TABLES",
		"NF_CALL_ARPTABLES", "VLAN_STATS_ENABLED", "MCAST_STATS_ENABLED", "MCAST_IGMP_VERSION", "MCAST_MLD_VERSION",
		"VLAN_STATS_PER_PORT"} {
		brAttrs["IFLA_BR_"+name] = (*nl).nlaU8
	}
	brAttrs["IFLA_BR_VLAN_PROTOCOL"] = (*nl).nlaEtherProto
	brAttrs["IFLA_BR_GROUP_FWD_MASK"] = (*nl).nlaX16
	brAttrs["IFLA_BR_ROOT_ID"] = brportAttrs[uint16(byNameValue("rtnl_ifla_brport_attrs", "IFLA_BRPORT_ROOT_ID"))]
	brAttrs["IFLA_BR_BRIDGE_ID"] = brAttrs["IFLA_BR_ROOT_ID"]
	brAttrs["IFLA_BR_GROUP_ADDR"] = (*nl).nlaHwaddr
	brAttrs["IFLA_BR_MULTI_BOOLOPT"] = nlaStruct(8, []nlField{
		{name: "optval", off: 0, size: 4, kind: fFlags, table: "rtnl_ifla_br_boolopt_flags"},
		{name: "optmask", off: 4, size: 4, kind: fFlags, table: "rtnl_ifla_br_boolopt_flags"},
	})
	brAttrs["IFLA_BR_MCAST_QUERIER_STATE"] = nlaNested(nlAttrTable{names: "rtnl_ifla_br_mcast_querier_attrs",
		decoders: byName("rtnl_ifla_br_mcast_querier_attrs", map[string]nlaDecoder{
			"BRIDGE_QUERIER_IP_ADDRESS": (*nl).nlaInAddr, "BRIDGE_QUERIER_IP_PORT": (*nl).nlaIfindex,
			"BRIDGE_QUERIER_IP_OTHER_TIMER": (*nl).nlaClockT, "BRIDGE_QUERIER_IPV6_ADDRESS": (*nl).nlaIn6Addr,
			"BRIDGE_QUERIER_IPV6_PORT": (*nl).nlaIfindex, "BRIDGE_QUERIER_IPV6_OTHER_TIMER": (*nl).nlaClockT,
		})})
	bridgeData := nlAttrTable{names: "rtnl_ifla_info_data_bridge_attrs", decoders: byName("rtnl_ifla_info_data_bridge_attrs", brAttrs)}
	tunData := nlAttrTable{names: "rtnl_ifla_info_data_tun_attrs", decoders: byName("rtnl_ifla_info_data_tun_attrs", map[string]nlaDecoder{
		"IFLA_TUN_OWNER": (*nl).nlaUID, "IFLA_TUN_GROUP": (*nl).nlaUID, "IFLA_TUN_TYPE": nlaXval("tun_device_types", 1),
		"IFLA_TUN_PI": (*nl).nlaU8, "IFLA_TUN_VNET_HDR": (*nl).nlaU8, "IFLA_TUN_PERSIST": (*nl).nlaU8,
		"IFLA_TUN_MULTI_QUEUE": (*nl).nlaU8, "IFLA_TUN_NUM_QUEUES": (*nl).nlaU32,
		"IFLA_TUN_NUM_DISABLED_QUEUES": (*nl).nlaU32,
	})}
	canStats := nlaStruct(24, u32Fields("bus_error", "error_warning", "error_passive", "bus_off", "arbitration_lost", "restarts"))
	fill(linkinfoAttrs, byName("rtnl_ifla_info_attrs", map[string]nlaDecoder{
		"IFLA_INFO_KIND": func(d *nl, addr, n uint64, opaque any) bool {
			opaque.(*linkinfoCtx).kind = d.ctxStr(addr, n, kindSize)
			d.printStr0(addr, n)
			return true
		},
		"IFLA_INFO_DATA": func(d *nl, addr, n uint64, opaque any) bool {
			switch opaque.(*linkinfoCtx).kind {
			case "bridge":
				d.attrs(addr, n, bridgeData)
			case "tun":
				d.attrs(addr, n, tunData)
			default:
				return false
			}
			return true
		},
		"IFLA_INFO_XSTATS": func(d *nl, addr, n uint64, opaque any) bool {
			if opaque.(*linkinfoCtx).kind == "can" {
				return canStats(d, addr, n, nil)
			}
			return false
		},
		"IFLA_INFO_SLAVE_KIND": func(d *nl, addr, n uint64, opaque any) bool {
			opaque.(*linkinfoCtx).slaveKind = d.ctxStr(addr, n, kindSize)
			d.printStr0(addr, n)
			return true
		},
		"IFLA_INFO_SLAVE_DATA": func(d *nl, addr, n uint64, opaque any) bool {
			if opaque.(*linkinfoCtx).slaveKind == "bridge" {
				d.attrs(addr, n, nlAttrTable{names: "rtnl_ifla_brport_attrs", decoders: brportAttrs})
				return true
			}
			return false
		},
	}))
}

// nlaEtherProto prints an ethernet protocol: htons(ETH_P_IP).
func (d *nl) nlaEtherProto(addr, n uint64, _ any) bool {
	if n > 8 || n < 2 {
		return false
	}
	return d.nlaNum(addr, n, 2, func(v uint64) {
		d.str("htons(")
		d.xval("ethernet_protocols", v>>8|(v&0xff)<<8)
		d.str(")")
	})
}

// vfInfoAttrs are the attributes of IFLA_VF_INFO.
func vfInfoAttrs() map[uint16]nlaDecoder {
	vfSetting := nlaStruct(8, u32Fields("vf", "setting"))
	guid := func(d *nl, addr, n uint64, _ any) bool {
		var off int
		switch n {
		case 12:
			off = 4
		case 16:
			off = 8
		default:
			return false
		}
		p, ok := d.fetch(addr, n)
		if !ok {
			d.printAddr(addr)
			return true
		}
		d.str("{")
		d.fields(p, []nlField{{name: "vf", off: 0, size: 4, kind: fU}, {name: "guid", off: off, size: 8, kind: fX}}, true)
		d.str("}")
		return true
	}
	vfStats := map[string]nlaDecoder{}
	for _, name := range []string{"RX_PACKETS", "TX_PACKETS", "RX_BYTES", "TX_BYTES", "BROADCAST", "MULTICAST",
		"RX_DROPPED", "TX_DROPPED"} {
		vfStats["IFLA_VF_STATS_"+name] = (*nl).nlaU64
	}
	return byName("rtnl_ifla_vf_info_attrs", map[string]nlaDecoder{
		"IFLA_VF_MAC": func(d *nl, addr, n uint64, _ any) bool {
			return d.nlaFixed(addr, n, 36, func(p []byte) {
				d.str("{vf=")
				d.u(uint64(u32At(p, 0)))
				d.next()
				d.hwaddrField("mac", p[4:36])
				d.str("}")
			})
		},
		"IFLA_VF_VLAN":     nlaStruct(12, u32Fields("vf", "vlan", "qos")),
		"IFLA_VF_TX_RATE":  nlaStruct(8, u32Fields("vf", "rate")),
		"IFLA_VF_SPOOFCHK": vfSetting,
		"IFLA_VF_LINK_STATE": nlaStruct(8, []nlField{{name: "vf", off: 0, size: 4, kind: fU},
			{name: "link_state", off: 4, size: 4, kind: fXval, table: "rtnl_ifla_vf_link_states"}}),
		"IFLA_VF_RATE":         nlaStruct(12, u32Fields("vf", "min_tx_rate", "max_tx_rate")),
		"IFLA_VF_RSS_QUERY_EN": vfSetting,
		"IFLA_VF_STATS": nlaNested(nlAttrTable{names: "rtnl_ifla_vf_stats_attrs",
			decoders: byName("rtnl_ifla_vf_stats_attrs", vfStats)}),
		"IFLA_VF_TRUST":        vfSetting,
		"IFLA_VF_IB_NODE_GUID": guid,
		"IFLA_VF_IB_PORT_GUID": guid,
		"IFLA_VF_VLAN_LIST": nlaNested(nlAttrTable{names: "rtnl_ifla_vf_vlan_list_attrs",
			decoders: byName("rtnl_ifla_vf_vlan_list_attrs", map[string]nlaDecoder{
				"IFLA_VF_VLAN_INFO": func(d *nl, addr, n uint64, _ any) bool {
					return d.nlaFixed(addr, n, 16, func(p []byte) {
						d.str("{")
						d.fields(p, u32Fields("vf", "vlan", "qos"), true)
						d.str(", vlan_proto=htons(")
						d.xval("ethernet_protocols", uint64(p[12])<<8|uint64(p[13]))
						d.str(")}")
					})
				},
			})}),
		"IFLA_VF_BROADCAST": func(d *nl, addr, n uint64, _ any) bool {
			return d.nlaFixed(addr, n, 32, func(p []byte) {
				d.str("{")
				d.hwaddrField("broadcast", p)
				d.str("}")
			})
		},
	})
}
