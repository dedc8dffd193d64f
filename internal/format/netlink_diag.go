package format

import (
	"slices"
	"strconv"

	"github.com/gotrace/gotrace/internal/xlat"
)

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
		"PACKET_DIAG_FILTER": func(d *nl, addr, n uint64, _ any) bool {
			// the socket's classic BPF program, as strace's
			// decode_packet_diag_filter: its address unless -v
			nmemb := n / sockFilterSz
			if nmemb == 0 || nmemb > 0xffff {
				return false
			}
			if d.st.Abbrev {
				d.printAddr(addr)
				return true
			}
			d.arrayOpt(addr, nmemb, sockFilterSz, false, "", func(p []byte) {
				d.b = appendBPFInsn(d.b, p, sockFilterK, d.st.Xlat)
			})
			return true
		},
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

func init() {
	const afInet, afInet6, afSmc = 2, 10, 43
	bcOp := []nlField{
		{name: "code", off: 0, size: 1, kind: fXval, table: "inet_diag_bytecodes"},
		{name: "yes", off: 1, size: 1, kind: fU},
		{name: "no", off: 2, size: 2, kind: fU},
	}
	reqAttrs := nlAttrTable{names: "inet_diag_req_attrs", decoders: byName("inet_diag_req_attrs", map[string]nlaDecoder{
		"INET_DIAG_REQ_BYTECODE": func(d *nl, addr, n uint64, _ any) bool {
			return d.nlaFixed(addr, n, 4, func(p []byte) {
				d.str("{")
				d.fields(p, bcOp, true)
				d.str("}")
				if n > 4 {
					d.next()
					d.bytecodeData(addr+4, n-4, p[0], bcOp)
				}
			})
		},
		"INET_DIAG_REQ_PROTOCOL": nlaIPProto,
	})}
	reqV2 := &nlFamilyMsg{family: "sdiag_family", size: 56, fields: []nlField{
		{name: "sdiag_protocol", off: 1, size: 1, kind: fXval, table: "inet_protocols"},
		{name: "idiag_ext", off: 2, size: 1, kind: fFlags, table: "inet_diag_extended_flags"},
		{name: "idiag_states", off: 4, size: 4, kind: fFlags, table: "tcp_state_flags"},
		{name: "id", off: 8, size: 1, kind: fSockid},
	}, attrs: reqAttrs}
	reqCompat := &nlFamilyMsg{family: "idiag_family", size: 60, fields: []nlField{
		{name: "idiag_src_len", off: 1, size: 1, kind: fU},
		{name: "idiag_dst_len", off: 2, size: 1, kind: fU},
		{name: "idiag_ext", off: 3, size: 1, kind: fFlags, table: "inet_diag_extended_flags"},
		{name: "id", off: 4, size: 1, kind: fSockid},
		{name: "idiag_states", off: 52, size: 4, kind: fFlags, table: "tcp_state_flags"},
		{name: "idiag_dbs", off: 56, size: 4, kind: fU},
	}, attrs: reqAttrs}
	inetMsg := &nlFamilyMsg{family: "idiag_family", size: 72, fields: []nlField{
		{name: "idiag_state", off: 1, size: 1, kind: fXval, table: "tcp_states"},
		{name: "idiag_timer", off: 2, size: 1, kind: fU},
		{name: "idiag_retrans", off: 3, size: 1, kind: fU},
		{name: "id", off: 4, size: 1, kind: fSockid},
		{name: "idiag_expires", off: 52, size: 4, kind: fU},
		{name: "idiag_rqueue", off: 56, size: 4, kind: fU},
		{name: "idiag_wqueue", off: 60, size: 4, kind: fU},
		{name: "idiag_uid", off: 64, size: 4, kind: fU},
		{name: "idiag_inode", off: 68, size: 4, kind: fU},
	}, attrs: nlAttrTable{names: "inet_diag_attrs", decoders: inetDiagAttrs()}}
	const tcpdiagGetsock, dccpdiagGetsock = 18, 19
	inet := func(d *nl, h nlmsghdr, family uint8, addr, n uint64) {
		switch {
		case h.flags&nlmFRequest == 0:
			d.familyMsg(inetMsg, family, addr, n)
		case h.typ == tcpdiagGetsock || h.typ == dccpdiagGetsock:
			d.familyMsg(reqCompat, family, addr, n)
		default:
			d.familyMsg(reqV2, family, addr, n)
		}
	}
	diagDecoders[afInet] = inet
	diagDecoders[afInet6] = inet
	smcReq := &nlFamilyMsg{family: "diag_family", size: 52, fields: []nlField{
		{name: "diag_ext", off: 3, size: 1, kind: fFlags, table: "smc_diag_extended_flags"},
		{name: "id", off: 4, size: 1, kind: fSockid, af: afInet},
	}}
	smcMsg := &nlFamilyMsg{family: "diag_family", size: 64, fields: []nlField{
		{name: "diag_state", off: 1, size: 1, kind: fXval, table: "smc_states"},
		{name: "diag_fallback", off: 2, size: 1, kind: fXval, table: "smc_diag_mode"},
		{name: "diag_shutdown", off: 3, size: 1, kind: fU},
		{name: "id", off: 4, size: 1, kind: fSockid, af: afInet},
		{name: "diag_uid", off: 52, size: 4, kind: fU},
		{name: "diag_inode", off: 56, size: 8, kind: fU},
	}, attrs: nlAttrTable{names: "smc_diag_attrs", decoders: smcDiagAttrs()}}
	diagMsgs[afSmc] = [2]*nlFamilyMsg{smcReq, smcMsg}
}

// bytecodeData is strace's decode_bytecode_data: what follows an
// INET_DIAG_REQ_BYTECODE operation, by its code.
func (d *nl) bytecodeData(addr, n uint64, code byte, bcOp []nlField) {
	const sCond, dCond, devCond, sGe, sLe, dGe, dLe, markCond = 7, 8, 9, 2, 3, 4, 5, 10
	switch code {
	case sCond, dCond:
		const size = 8
		if n < size {
			d.strHex(addr, n)
			return
		}
		p, ok := d.fetch(addr, size)
		if !ok {
			d.printAddr(addr)
			return
		}
		d.str("{")
		d.fields(p, []nlField{
			{name: "family", off: 0, size: 1, kind: fXval, table: "addrfams"},
			{name: "prefix_len", off: 1, size: 1, kind: fU},
			{name: "port", off: 4, size: 4, kind: fU},
		}, true)
		if n > size {
			d.next()
			d.decodeInetAddr(addr+size, n-size, int(p[0]), "addr")
		}
		d.str("}")
	case devCond:
		if n < 4 {
			d.strHex(addr, n)
			return
		}
		if p, ok := d.fetch(addr, 4); ok {
			d.ifindex(u32At(p, 0))
		} else {
			d.printAddr(addr)
		}
	case sGe, sLe, dGe, dLe:
		d.structOrHex(addr, n, 4, bcOp)
	case markCond:
		d.structOrHex(addr, n, 8, u32Fields("mark", "mask"))
	default:
		d.strHex(addr, n)
	}
}

// structOrHex prints a struct of size bytes, or the bytes in hex when
// there are fewer.
func (d *nl) structOrHex(addr, n uint64, size int, fs []nlField) {
	if n < uint64(size) {
		d.strHex(addr, n)
		return
	}
	p, ok := d.fetch(addr, uint64(size))
	if !ok {
		d.printAddr(addr)
		return
	}
	d.str("{")
	d.fields(p, fs, true)
	d.str("}")
}

// inetDiagAttrs are the attributes of struct inet_diag_msg.
func inetDiagAttrs() map[uint16]nlaDecoder {
	tls := byName("inet_diag_ulp_info_tls_attrs", map[string]nlaDecoder{
		"TLS_INFO_VERSION": nlaXval("tls_info_versions", 2), "TLS_INFO_CIPHER": nlaXval("tls_info_ciphers", 2),
		"TLS_INFO_TXCONF": nlaXval("tls_info_configs", 2), "TLS_INFO_RXCONF": nlaXval("tls_info_configs", 2),
	})
	mptcp := byName("inet_diag_ulp_info_mptcp_attrs", map[string]nlaDecoder{
		"MPTCP_SUBFLOW_ATTR_TOKEN_REM": (*nl).nlaX32, "MPTCP_SUBFLOW_ATTR_TOKEN_LOC": (*nl).nlaX32,
		"MPTCP_SUBFLOW_ATTR_RELWRITE_SEQ": (*nl).nlaU32, "MPTCP_SUBFLOW_ATTR_MAP_SEQ": (*nl).nlaU64,
		"MPTCP_SUBFLOW_ATTR_MAP_SFSEQ": (*nl).nlaU32, "MPTCP_SUBFLOW_ATTR_SSN_OFFSET": (*nl).nlaU32,
		"MPTCP_SUBFLOW_ATTR_MAP_DATALEN": (*nl).nlaU16, "MPTCP_SUBFLOW_ATTR_FLAGS": nlaFlags("mptcp_subflow_flags", 4),
		"MPTCP_SUBFLOW_ATTR_ID_REM": (*nl).nlaU8, "MPTCP_SUBFLOW_ATTR_ID_LOC": (*nl).nlaU8,
	})
	return byName("inet_diag_attrs", map[string]nlaDecoder{
		"INET_DIAG_MEMINFO":   nlaStruct(16, u32Fields("idiag_rmem", "idiag_wmem", "idiag_fmem", "idiag_tmem")),
		"INET_DIAG_VEGASINFO": nlaStruct(16, u32Fields("tcpv_enabled", "tcpv_rttcnt", "tcpv_rtt", "tcpv_minrtt")),
		"INET_DIAG_CONG":      (*nl).nlaStr,
		"INET_DIAG_TOS":       (*nl).nlaU8,
		"INET_DIAG_TCLASS":    (*nl).nlaU8,
		"INET_DIAG_SKMEMINFO": (*nl).nlaMeminfo,
		"INET_DIAG_SHUTDOWN":  nlaFlagsNoted("inet_diag_shutdown_flags", 1),
		"INET_DIAG_DCTCPINFO": nlaStruct(16, []nlField{
			{name: "dctcp_enabled", off: 0, size: 2, kind: fU}, {name: "dctcp_ce_state", off: 2, size: 2, kind: fU},
			{name: "dctcp_alpha", off: 4, size: 4, kind: fU}, {name: "dctcp_ab_ecn", off: 8, size: 4, kind: fU},
			{name: "dctcp_ab_tot", off: 12, size: 4, kind: fU},
		}),
		"INET_DIAG_PROTOCOL": nlaIPProto,
		"INET_DIAG_SKV6ONLY": (*nl).nlaU8,
		"INET_DIAG_MARK":     (*nl).nlaU32,
		"INET_DIAG_BBRINFO": nlaStruct(20, []nlField{
			{name: "bbr_bw_lo", off: 0, size: 4, kind: fX}, {name: "bbr_bw_hi", off: 4, size: 4, kind: fX},
			{name: "bbr_min_rtt", off: 8, size: 4, kind: fU}, {name: "bbr_pacing_gain", off: 12, size: 4, kind: fU},
			{name: "bbr_cwnd_gain", off: 16, size: 4, kind: fU},
		}),
		"INET_DIAG_CLASS_ID": (*nl).nlaU32,
		"INET_DIAG_ULP_INFO": nlaNested(nlAttrTable{names: "inet_diag_ulp_info_attrs", decoders: byName("inet_diag_ulp_info_attrs", map[string]nlaDecoder{
			"INET_ULP_INFO_NAME":  (*nl).nlaStr,
			"INET_ULP_INFO_TLS":   nlaNested(nlAttrTable{names: "inet_diag_ulp_info_tls_attrs", decoders: tls}),
			"INET_ULP_INFO_MPTCP": nlaNested(nlAttrTable{names: "inet_diag_ulp_info_mptcp_attrs", decoders: mptcp}),
		})}),
		"INET_DIAG_CGROUP_ID": (*nl).nlaU64,
		"INET_DIAG_SK_BPF_STORAGES": nlaNested(nlAttrTable{names: "inet_diag_bpf_storages_attrs", decoders: byName("inet_diag_bpf_storages_attrs", map[string]nlaDecoder{
			"SK_DIAG_BPF_STORAGE": nlaNested(nlAttrTable{names: "inet_diag_bpf_storage_attrs", decoders: byName("inet_diag_bpf_storage_attrs", map[string]nlaDecoder{
				"SK_DIAG_BPF_STORAGE_MAP_ID": (*nl).nlaU32,
				"SK_DIAG_BPF_STORAGE_MAP_VALUE": func(d *nl, addr, n uint64, _ any) bool {
					switch n {
					case 1, 2, 4, 8:
						return d.nlaNum(addr, n, n, d.x)
					}
					return false
				},
			})}),
		})}),
		"INET_DIAG_SOCKOPT": (*nl).inetSockopt,
		"INET_DIAG_LOCALS":  (*nl).nlaSockaddrs,
		"INET_DIAG_PEERS":   (*nl).nlaSockaddrs,
		"INET_DIAG_MD5SIG": func(d *nl, addr, n uint64, _ any) bool {
			const size = 100
			if n/size == 0 {
				return false
			}
			d.array(addr, n, size, func(p []byte) {
				d.str("{")
				d.fields(p, []nlField{
					{name: "tcpm_family", off: 0, size: 1, kind: fXval, table: "addrfams"},
					{name: "tcpm_prefixlen", off: 1, size: 1, kind: fU},
					{name: "tcpm_keylen", off: 2, size: 2, kind: fU},
				}, true)
				d.next()
				d.inetAddrField(int(p[0]), p[4:20], "tcpm_addr")
				d.str(", tcpm_key=")
				d.b = quoteHexAll(d.b, p[20:20+min(80, int(le(p[2:], 2)))])
				d.str("}")
			})
			return true
		},
	})
}

// nlaSockaddrs prints an array of struct sockaddr_storage.
func (d *nl) nlaSockaddrs(addr, n uint64, _ any) bool {
	const size = 128
	if n/size == 0 {
		return false
	}
	f := &Formatter{opt: Options{Xlat: d.st.Xlat, Quote: d.st.Quote, StrSize: d.st.StrLen}}
	d.array(addr, n, size, func(p []byte) { d.b = f.appendSockaddr(d.b, p, 0) })
	return true
}

// nlaFlagsNoted prints bits named by table always with their number
// (strace's XLAT_STYLE_VERBOSE but under -X raw), for names no uapi
// header gives.
func nlaFlagsNoted(table string, size uint64) nlaDecoder {
	return func(d *nl, addr, n uint64, _ any) bool {
		if n > 8 || n < size {
			return false
		}
		return d.nlaNum(addr, n, size, func(v uint64) {
			if v == 0 {
				d.str("0")
				return
			}
			d.b = tableWith(table, "").AppendFlagsNoted(d.b, v, d.st.Xlat)
		})
	}
}

// smcDiagAttrs are the attributes of struct smc_diag_msg.
func smcDiagAttrs() map[uint16]nlaDecoder {
	return byName("smc_diag_attrs", map[string]nlaDecoder{
		"SMC_DIAG_SHUTDOWN": nlaFlags("sock_shutdown_flags", 1),
		"SMC_DIAG_CONNINFO": func(d *nl, addr, n uint64, _ any) bool {
			const size = 76
			return d.nlaFixed(addr, n, size, func(p []byte) {
				cursor := func(name string, off int) {
					d.next()
					d.field(name)
					d.str("{")
					d.fields(p[off:], []nlField{
						{name: "reserved", off: 0, size: 2, kind: fU}, {name: "wrap", off: 2, size: 2, kind: fU},
						{name: "count", off: 4, size: 4, kind: fU},
					}, true)
					d.str("}")
				}
				d.str("{")
				d.fields(p, u32Fields("token", "sndbuf_size", "rmbe_size", "peer_rmbe_size"), true)
				cursor("rx_prod", 16)
				cursor("rx_cons", 24)
				cursor("tx_prod", 32)
				cursor("tx_cons", 40)
				d.fields(p, []nlField{
					{name: "rx_prod_flags", off: 48, size: 1, kind: f0X}, {name: "rx_conn_state_flags", off: 49, size: 1, kind: f0X},
					{name: "tx_prod_flags", off: 50, size: 1, kind: f0X}, {name: "tx_conn_state_flags", off: 51, size: 1, kind: f0X},
				}, false)
				cursor("tx_prep", 52)
				cursor("tx_sent", 60)
				cursor("tx_fin", 68)
				d.str("}")
			})
		},
		"SMC_DIAG_LGRINFO": func(d *nl, addr, n uint64, _ any) bool {
			const size = 147
			return d.nlaFixed(addr, n, size, func(p []byte) {
				d.str("{lnk=[{link_id=")
				d.u(uint64(p[0]))
				d.str(", ibname=")
				d.cstring(p[1:65])
				d.str(", ibport=")
				d.u(uint64(p[65]))
				d.str(", gid=")
				d.cstring(p[66:106])
				d.str(", peer_gid=")
				d.cstring(p[106:146])
				d.str("}], role=")
				d.xval("smc_link_group_roles", uint64(p[146]))
				d.str("}")
			})
		},
		"SMC_DIAG_FALLBACK": func(d *nl, addr, n uint64, _ any) bool {
			return d.nlaFixed(addr, n, 8, func(p []byte) {
				t := xlat.ByName("smc_decl_codes")
				d.str("{reason=")
				d.b = t.AppendValueNoted(d.b, le(p, 4), d.st.Xlat)
				d.str(", peer_diagnosis=")
				d.b = t.AppendValueNoted(d.b, le(p[4:], 4), d.st.Xlat)
				d.str("}")
			})
		},
		"SMC_DIAG_DMBINFO": nlaStruct(40, []nlField{
			{name: "linkid", off: 0, size: 4, kind: fU}, {name: "peer_gid", off: 8, size: 8, kind: fX},
			{name: "my_gid", off: 16, size: 8, kind: fX}, {name: "token", off: 24, size: 8, kind: fX},
			{name: "peer_token", off: 32, size: 8, kind: fX},
		}),
	})
}

// inetSockopt prints INET_DIAG_SOCKOPT's struct inet_diag_sockopt, bit by
// bit (those set only, but under -v), then any bytes after it that are
// not zero.
func (d *nl) inetSockopt(addr, n uint64, _ any) bool {
	if n < 2 {
		return false
	}
	p, ok := d.fetch(addr, 2)
	if !ok {
		d.printAddr(addr)
		return true
	}
	d.str("{")
	first := true
	sep := func() {
		if !first {
			d.next()
		}
		first = false
	}
	names := []string{"recverr", "is_icsk", "freebind", "hdrincl", "mc_loop", "transparent", "mc_all", "nodefrag",
		"bind_address_no_port", "recverr_rfc4884", "defer_connect"}
	for i, name := range names {
		bit := uint64(p[i/8]>>(i%8)) & 1
		if d.st.Abbrev && bit == 0 {
			continue
		}
		sep()
		d.field(name)
		d.u(bit)
	}
	if unused := uint64(p[1] >> 3); !d.st.Abbrev || unused != 0 {
		sep()
		d.field("unused")
		d.x(unused)
		d.str(" /* bits 3..8 */")
	}
	d.str("}")
	total := min(n, 4096)
	if total > 2 {
		rest, ok := d.fetch(addr+2, total-2)
		if !ok {
			d.str(", ???")
		} else if slices.ContainsFunc(rest, func(c byte) bool { return c != 0 }) {
			d.str(", /* bytes 2.." + strconv.FormatUint(total-1, 10) + " */ ")
			size := min(uint64(len(rest)), uint64(d.st.StrLen))
			d.b = quoteHexAll(d.b, rest[:size])
			if size < uint64(len(rest)) {
				d.str("...")
			}
		}
	}
	return true
}
