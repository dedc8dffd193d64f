package format

// NETLINK_SOCK_DIAG's messages (strace 6.1's netlink_sock_diag.c,
// netlink_unix_diag.c, netlink_netlink_diag.c, netlink_packet_diag.c,
// netlink_inet_diag.c, netlink_smc_diag.c): a request or an answer by the
// address family of its first byte.

const nlmFRequest = 1

// diagMsgs are the request and answer structs of each family.
var diagMsgs = map[uint8][2]*nlFamilyMsg{}

func init() {
	cookie := func(name string, off int) nlField { return nlField{name: name, off: off, size: 8, kind: fCookie} }
	unixReq := &nlFamilyMsg{family: "sdiag_family", size: 24, fields: []nlField{
		{name: "sdiag_protocol", off: 1, size: 1, kind: fU},
		{name: "udiag_states", off: 4, size: 4, kind: fFlags, table: "tcp_state_flags"},
		{name: "udiag_ino", off: 8, size: 4, kind: fU},
		{name: "udiag_show", off: 12, size: 4, kind: fFlags, table: "unix_diag_show"},
		cookie("udiag_cookie", 16),
	}}
	unixMsg := &nlFamilyMsg{family: "udiag_family", size: 16, fields: []nlField{
		{name: "udiag_type", off: 1, size: 1, kind: fXval, table: "socktypes"},
		{name: "udiag_state", off: 2, size: 1, kind: fXval, table: "tcp_states"},
		{name: "udiag_ino", off: 4, size: 4, kind: fU},
		cookie("udiag_cookie", 8),
	}, attrs: nlAttrTable{names: "unix_diag_attrs", decoders: byName("unix_diag_attrs", map[string]nlaDecoder{
		"UNIX_DIAG_NAME": (*nl).nlaStr,
		"UNIX_DIAG_VFS": nlaStruct(8, []nlField{
			{name: "udiag_vfs_dev", off: 4, size: 4, kind: fDev}, {name: "udiag_vfs_ino", off: 0, size: 4, kind: fU},
		}),
		"UNIX_DIAG_PEER": (*nl).nlaU32,
		"UNIX_DIAG_ICONS": func(d *nl, addr, n uint64, _ any) bool {
			if n/4 == 0 {
				return false
			}
			d.array(addr, n, 4, func(p []byte) { d.u(le(p, 4)) })
			return true
		},
		"UNIX_DIAG_RQLEN":    nlaStruct(8, u32Fields("udiag_rqueue", "udiag_wqueue")),
		"UNIX_DIAG_MEMINFO":  (*nl).nlaMeminfo,
		"UNIX_DIAG_SHUTDOWN": (*nl).nlaU8,
		"UNIX_DIAG_UID":      (*nl).nlaUID,
	})}}
	netlinkReq := &nlFamilyMsg{family: "sdiag_family", size: 20, fields: []nlField{
		{name: "sdiag_protocol", off: 1, size: 1, kind: fNetlinkProto},
		{name: "ndiag_ino", off: 4, size: 4, kind: fU},
		{name: "ndiag_show", off: 8, size: 4, kind: fFlags, table: "netlink_diag_show"},
		cookie("ndiag_cookie", 12),
	}}
	ring := func(names ...string) nlaDecoder { return nlaStruct(4*len(names), u32Fields(names...)) }
	netlinkMsg := &nlFamilyMsg{family: "ndiag_family", size: 28, fields: []nlField{
		{name: "ndiag_type", off: 1, size: 1, kind: fXval, table: "socktypes"},
		{name: "ndiag_protocol", off: 2, size: 1, kind: fXval, table: "netlink_protocols"},
		{name: "ndiag_state", off: 3, size: 1, kind: fXval, table: "netlink_states"},
		{name: "ndiag_portid", off: 4, size: 4, kind: fU},
		{name: "ndiag_dst_portid", off: 8, size: 4, kind: fU},
		{name: "ndiag_dst_group", off: 12, size: 4, kind: fU},
		{name: "ndiag_ino", off: 16, size: 4, kind: fU},
		cookie("ndiag_cookie", 20),
	}, attrs: nlAttrTable{names: "netlink_diag_attrs", decoders: byName("netlink_diag_attrs", map[string]nlaDecoder{
		"NETLINK_DIAG_MEMINFO": (*nl).nlaMeminfo,
		"NETLINK_DIAG_GROUPS": func(d *nl, addr, n uint64, _ any) bool {
			if n/8 == 0 {
				return false
			}
			d.array(addr, n, 8, func(p []byte) { d.fields(p, []nlField{{off: 0, size: 8, kind: f0X}}, true) })
			return true
		},
		"NETLINK_DIAG_RX_RING": ring("ndr_block_size", "ndr_block_nr", "ndr_frame_size", "ndr_frame_nr"),
		"NETLINK_DIAG_TX_RING": ring("ndr_block_size", "ndr_block_nr", "ndr_frame_size", "ndr_frame_nr"),
		"NETLINK_DIAG_FLAGS":   nlaFlagsMin("netlink_socket_flags", 4),
	})}}
	packetReq := &nlFamilyMsg{family: "sdiag_family", size: 20, fields: []nlField{
		{name: "sdiag_protocol", off: 1, size: 1, kind: fX},
		{name: "pdiag_ino", off: 4, size: 4, kind: fU},
		{name: "pdiag_show", off: 8, size: 4, kind: fFlags, table: "packet_diag_show"},
		cookie("pdiag_cookie", 12),
	}}
	packetMsg := &nlFamilyMsg{family: "pdiag_family", size: 16, fields: []nlField{
		{name: "pdiag_type", off: 1, size: 1, kind: fXval, table: "socktypes"},
		{name: "pdiag_num", off: 2, size: 2, kind: fXval, table: "ethernet_protocols"},
		{name: "pdiag_ino", off: 4, size: 4, kind: fU},
		cookie("pdiag_cookie", 8),
	}, attrs: nlAttrTable{names: "packet_diag_attrs", decoders: byName("packet_diag_attrs", map[string]nlaDecoder{
		"PACKET_DIAG_INFO": nlaStruct(24, []nlField{
			{name: "pdi_index", off: 0, size: 4, kind: fIfindex},
			{name: "pdi_version", off: 4, size: 4, kind: fXval, table: "af_packet_versions"},
			{name: "pdi_reserve", off: 8, size: 4, kind: fU},
			{name: "pdi_copy_thresh", off: 12, size: 4, kind: fU},
			{name: "pdi_tstamp", off: 16, size: 4, kind: fU},
			{name: "pdi_flags", off: 20, size: 4, kind: fFlags, table: "packet_diag_info_flags"},
		}),
		"PACKET_DIAG_MCLIST": func(d *nl, addr, n uint64, _ any) bool {
			const size = 44
			if n/size == 0 {
				return false
			}
			d.array(addr, n, size, func(p []byte) {
				d.str("{")
				d.fields(p, []nlField{
					{name: "pdmc_index", off: 0, size: 4, kind: fIfindex},
					{name: "pdmc_count", off: 4, size: 4, kind: fU},
					{name: "pdmc_type", off: 8, size: 2, kind: fU},
					{name: "pdmc_alen", off: 10, size: 2, kind: fU},
				}, true)
				d.str(", pdmc_addr=")
				d.b = quoteHexAll(d.b, p[12:12+min(int(le(p[10:], 2)), 32)])
				d.str("}")
			})
			return true
		},
		"PACKET_DIAG_RX_RING": ring("pdr_block_size", "pdr_block_nr", "pdr_frame_size", "pdr_frame_nr",
			"pdr_retire_tmo", "pdr_sizeof_priv", "pdr_features"),
		"PACKET_DIAG_TX_RING": ring("pdr_block_size", "pdr_block_nr", "pdr_frame_size", "pdr_frame_nr",
			"pdr_retire_tmo", "pdr_sizeof_priv", "pdr_features"),
		"PACKET_DIAG_FANOUT":  (*nl).nlaU32,
		"PACKET_DIAG_UID":     (*nl).nlaUID,
		"PACKET_DIAG_MEMINFO": (*nl).nlaMeminfo,
	})}}
	const afUnix, afNetlink, afPacket = 1, 16, 17
	diagMsgs[afUnix] = [2]*nlFamilyMsg{unixReq, unixMsg}
	diagMsgs[afNetlink] = [2]*nlFamilyMsg{netlinkReq, netlinkMsg}
	diagMsgs[afPacket] = [2]*nlFamilyMsg{packetReq, packetMsg}
}

// sockDiag is strace's decode_netlink_sock_diag.
func (d *nl) sockDiag(h nlmsghdr, addr, n uint64) bool {
	if h.typ == nlmsgDone {
		return false
	}
	p, ok := d.fetch(addr, 1)
	if !ok {
		d.printAddr(addr)
		return true
	}
	family := p[0]
	if m, ok := diagMsgs[family]; ok && n > 1 {
		if h.flags&nlmFRequest != 0 {
			d.familyMsg(m[0], family, addr, n)
		} else {
			d.familyMsg(m[1], family, addr, n)
		}
		return true
	}
	if dec, ok := diagDecoders[family]; ok && n > 1 {
		dec(d, h, family, addr, n)
		return true
	}
	d.familyData(family, addr, n)
	return true
}

// diagDecoders decode the families whose structs need more than
// nlFamilyMsg (inet's and SMC's).
var diagDecoders = map[uint8]func(d *nl, h nlmsghdr, family uint8, addr, n uint64){}
