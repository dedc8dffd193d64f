package format

import (
	"encoding/binary"
	"slices"
	"sync"

	"github.com/gotrace/gotrace/internal/xlat"
	"golang.org/x/sys/unix"
)

// The payloads of NETLINK_NETFILTER, NETLINK_SELINUX, NETLINK_CRYPTO and
// NETLINK_KOBJECT_UEVENT messages, and the message types and flags of the
// protocols whose numbers say more than a table (netfilter's
// subsystems, generic netlink's families), as strace 6.1 prints them.

// netfilterFlags is strace's decode_nlmsg_flags_netfilter: the table of
// the flags a netfilter message's kind takes.
func netfilterFlags(typ uint16) string {
	subsys, msg := typ>>8, typ&0xff
	kinds := map[uint16][3][]uint16{ // subsystem: new, get, delete message types
		1:  {{0}, {1, 3, 4, 5, 6, 7}, {2}}, // CTNETLINK
		2:  {{0}, {1, 3}, {2}},             // CTNETLINK_EXP
		7:  {{0}, {1, 2}, {3}},             // ACCT
		8:  {{0}, {1}, {2}},                // CTNETLINK_TIMEOUT
		9:  {{0}, {1}, {2}},                // CTHELPER
		10: {{0, 3, 6, 9, 12, 15, 18, 22}, {1, 4, 7, 10, 13, 16, 19, 21, 23}, {2, 5, 8, 11, 14, 20, 24}},
		11: {nil, {0}, nil}, // NFT_COMPAT
		12: {nil, {0}, nil}, // HOOK
	}
	k, ok := kinds[subsys]
	if !ok {
		return ""
	}
	for i, table := range []string{nlNewFlags, nlGetFlags, nlDeleteFlags} {
		if slices.Contains(k[i], msg) {
			return table
		}
	}
	return ""
}

// cryptoFlags is strace's decode_nlmsg_flags_crypto.
func cryptoFlags(typ uint16) string {
	const newalg, delalg, getalg, delrng = 0x10, 0x11, 0x13, 0x15
	switch typ {
	case newalg:
		return nlNewFlags
	case delalg, delrng:
		return nlDeleteFlags
	case getalg:
		return nlGetFlags
	}
	return ""
}

// xfrmFlags is strace's decode_nlmsg_flags_xfrm.
func xfrmFlags(typ uint16) string {
	switch typ {
	case 0x10, 0x13, 0x1e, 0x22, 0x24: // NEWSA, NEWPOLICY, NEWAE, NEWSADINFO, NEWSPDINFO
		return nlNewFlags
	case 0x11, 0x14: // DELSA, DELPOLICY
		return nlDeleteFlags
	case 0x12, 0x15, 0x1f, 0x23, 0x25: // GETSA, GETPOLICY, GETAE, GETSADINFO, GETSPDINFO
		return nlGetFlags
	}
	return ""
}

// netfilter is strace's decode_netlink_netfilter: struct nfgenmsg, then
// attributes.
func (d *nl) netfilter(h nlmsghdr, addr, n uint64) bool {
	if h.typ == nlmsgDone {
		return false
	}
	const nfgenmsgSize = 4
	if n < nfgenmsgSize {
		d.strHex(addr, n)
		return true
	}
	p, ok := d.fetch(addr, nfgenmsgSize)
	if !ok {
		d.printAddr(addr)
		return true
	}
	const subsysNftables = 10
	subsys := h.typ >> 8
	raw := binary.LittleEndian.Uint16(p[2:])
	resID := binary.BigEndian.Uint16(p[2:])
	d.str("{")
	d.field("nfgen_family")
	d.xval("addrfams", uint64(p[0]))
	d.next()
	d.field("version")
	d.xval("netfilter_versions", uint64(p[1]))
	d.next()
	d.field("res_id")
	hexRaw := func(b []byte) []byte { return appendHexValue(b, uint64(raw)) }
	switch {
	case subsys == subsysNftables && resID == subsysNftables:
		d.b = xlat.AppendNamed(d.b, "htons(NFNL_SUBSYS_NFTABLES)", hexRaw, d.st.Xlat)
	case subsys == subsysNftables && raw == subsysNftables:
		d.b = xlat.AppendNamed(d.b, "NFNL_SUBSYS_NFTABLES", hexRaw, d.st.Xlat)
	default:
		d.str("htons(")
		d.u(uint64(resID))
		d.str(")")
	}
	d.str("}")
	if n > nfgenmsgSize {
		d.next()
		const batchBegin, batchEnd = 0x10, 0x11
		if h.typ >= batchBegin && h.typ <= batchEnd || h.typ < nlmsgMinType {
			d.strHex(addr+nfgenmsgSize, n-nfgenmsgSize)
		} else {
			d.attrs(addr+nfgenmsgSize, n-nfgenmsgSize, nlAttrTable{})
		}
	}
	return true
}

// selinux is strace's decode_netlink_selinux.
func (d *nl) selinux(h nlmsghdr, addr, n uint64) bool {
	const setenforce, policyload = 0x10, 0x11
	var name string
	var signed bool
	switch h.typ {
	case setenforce:
		name, signed = "val", true
	case policyload:
		name = "seqno"
	default:
		return false
	}
	if n < 4 {
		d.strHex(addr, n)
		return true
	}
	p, ok := d.fetch(addr, 4)
	if !ok {
		d.printAddr(addr)
		return true
	}
	d.str("{")
	d.field(name)
	if v := binary.LittleEndian.Uint32(p); signed {
		d.i(int64(int32(v)))
	} else {
		d.u(uint64(v))
	}
	d.str("}")
	return true
}

// kobjectUevent is strace's decode_netlink_kobject_uevent: libudev's
// header, then the properties.
func (d *nl) kobjectUevent(addr, n uint64) {
	const hdrSize = 40
	p, ok := d.fetch(addr, hdrSize)
	if addr == 0 || n < hdrSize || !ok || string(p[:8]) != "libudev\x00" {
		d.strn(addr, n)
		return
	}
	if n > hdrSize {
		d.str("[")
	}
	d.str("{prefix=\"libudev\", ")
	htonl := func(name string, off int) {
		d.field(name)
		d.str("htonl(")
		d.x(uint64(binary.BigEndian.Uint32(p[off:])))
		d.str(")")
	}
	htonl("magic", 8)
	for i, name := range []string{"header_size", "properties_off", "properties_len"} {
		d.next()
		d.field(name)
		d.u(uint64(u32At(p, 12+4*i)))
	}
	for i, name := range []string{"filter_subsystem_hash", "filter_devtype_hash", "filter_tag_bloom_hi", "filter_tag_bloom_lo"} {
		d.next()
		htonl(name, 24+4*i)
	}
	d.str("}")
	if n > hdrSize {
		d.next()
		d.strn(addr+hdrSize, n-hdrSize)
		d.str("]")
	}
}

// genericType prints a generic netlink message type by the name of the
// family the kernel gave that number, as strace asks the kernel.
func (d *nl) genericType(typ uint16) {
	if name, ok := genlFamilies().Name(uint64(typ)); ok {
		d.b = xlat.AppendNamed(d.b, name, func(b []byte) []byte { return appendHexValue(b, uint64(typ)) }, d.st.Xlat)
		return
	}
	d.b = appendHexValue(d.b, uint64(typ))
	if d.st.Xlat != xlat.Raw {
		d.str(" /* GENERIC_FAMILY_??? */")
	}
}

var genl struct {
	once  sync.Once
	table *xlat.Table
}

// genlFamilies asks the kernel, once, for its generic netlink families
// (CTRL_CMD_GETFAMILY), as strace's genl_families_xlat does.
func genlFamilies() *xlat.Table {
	genl.once.Do(func() {
		genl.table = &xlat.Table{}
		fd, err := unix.Socket(unix.AF_NETLINK, unix.SOCK_RAW|unix.SOCK_CLOEXEC, unix.NETLINK_GENERIC)
		if err != nil {
			return
		}
		defer unix.Close(fd)
		req := make([]byte, nlmsgHdrLen+4)
		binary.LittleEndian.PutUint32(req, uint32(len(req)))
		binary.LittleEndian.PutUint16(req[4:], unix.GENL_ID_CTRL)
		binary.LittleEndian.PutUint16(req[6:], unix.NLM_F_REQUEST|unix.NLM_F_DUMP)
		req[nlmsgHdrLen] = unix.CTRL_CMD_GETFAMILY
		req[nlmsgHdrLen+1] = 1
		if err := unix.Sendto(fd, req, 0, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
			return
		}
		buf := make([]byte, 1<<16)
		for {
			m, _, err := unix.Recvfrom(fd, buf, 0)
			if err != nil || m < nlmsgHdrLen {
				return
			}
			for msgs := buf[:m]; len(msgs) >= nlmsgHdrLen; {
				h := readNlmsghdr(msgs)
				if h.len < nlmsgHdrLen || int(h.len) > len(msgs) || h.typ == nlmsgDone || h.typ == nlmsgError {
					return
				}
				genlParseFamily(msgs[nlmsgHdrLen+4 : h.len])
				msgs = msgs[min(int(nlmsgAlign(uint64(h.len))), len(msgs)):]
			}
		}
	})
	return genl.table
}

// genlParseFamily adds the family of a CTRL_CMD_NEWFAMILY's attributes.
func genlParseFamily(attrs []byte) {
	var id uint16
	name := ""
	for len(attrs) >= nlaHdrLen {
		l := int(binary.LittleEndian.Uint16(attrs))
		if l < nlaHdrLen || l > len(attrs) {
			break
		}
		v := attrs[nlaHdrLen:l]
		switch binary.LittleEndian.Uint16(attrs[2:]) & nlaTypeMask {
		case unix.CTRL_ATTR_FAMILY_ID:
			if len(v) >= 2 {
				id = binary.LittleEndian.Uint16(v)
			}
		case unix.CTRL_ATTR_FAMILY_NAME:
			if i := slices.Index(v, 0); i >= 0 {
				v = v[:i]
			}
			name = string(v)
		}
		attrs = attrs[min((l+3)&^3, len(attrs)):]
	}
	if name != "" {
		genl.table.Values = append(genl.table.Values, xlat.Value{Val: uint64(id), Name: name})
	}
}

var rtnlFamiliesTable = sync.OnceValue(func() *xlat.Table {
	return &xlat.Table{
		Values:  slices.Concat(xlat.ByName("rtnl_family").Values, xlat.ByName("addrfams").Values),
		Unknown: "RTNL_FAMILY_???",
	}
})

// rtnlFamilies are the rtnetlink families, then the address families
// (strace's printxvals of rtnl_family and addrfams).
func rtnlFamilies() *xlat.Table { return rtnlFamiliesTable() }

// crypto is strace's decode_netlink_crypto.
func (d *nl) crypto(h nlmsghdr, addr, n uint64) bool {
	const newalg, delalg, updatealg, getalg = 0x10, 0x11, 0x12, 0x13
	switch h.typ {
	case newalg, delalg, updatealg, getalg:
	default:
		return false
	}
	const userAlgSize = 3*64 + 4*4 // struct crypto_user_alg
	if n < userAlgSize {
		d.strn(addr, n)
		return true
	}
	p, ok := d.fetch(addr, userAlgSize)
	if !ok {
		d.printAddr(addr)
		return true
	}
	d.str("{")
	for i, name := range []string{"cru_name", "cru_driver_name", "cru_module_name"} {
		if i > 0 {
			d.next()
		}
		d.field(name)
		d.cstring(p[64*i : 64*(i+1)])
	}
	d.fields(p, []nlField{
		{name: "cru_type", off: 192, size: 4, kind: fX},
		{name: "cru_mask", off: 196, size: 4, kind: fX},
		{name: "cru_refcnt", off: 200, size: 4, kind: fU},
		{name: "cru_flags", off: 204, size: 4, kind: fX},
	}, false)
	d.str("}")
	if n > userAlgSize {
		d.next()
		d.attrs(addr+userAlgSize, n-userAlgSize, nlAttrTable{names: "crypto_nl_attrs", decoders: cryptoAttrs})
	}
	return true
}

// cstring prints a char array as strace's PRINT_FIELD_CSTRING.
func (d *nl) cstring(p []byte) { d.b = appendCString(d.b, p, d.st.Quote) }
