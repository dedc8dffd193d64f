package format

import (
	"encoding/binary"
	"strconv"

	"github.com/gotrace/gotrace/internal/xlat"
)

// How a field of a netlink struct prints.
type nlFieldKind uint8

const (
	fU            nlFieldKind = iota // unsigned decimal
	fD                               // signed decimal
	fX                               // hex
	fXNZ                             // hex, left out when zero (padding strace shows if set)
	fXval                            // a value named by table
	fFlags                           // bits named by table
	fIfindex                         // an interface index
	fBe16                            // a big-endian 16-bit number: htons(N)
	f0X                              // hex, zero-padded to the field's size
	fCookie                          // __u32[2]: [N, N]
	fDev                             // a dev_t: makedev(0x1, 0x2)
	fNetlinkProto                    // a netlink protocol, or NDIAG_PROTO_ALL
	fSockid                          // struct inet_diag_sockid, of family af (0: the struct's first byte)
)

// nlField is a field of a struct in a netlink message.
type nlField struct {
	name  string
	off   int
	size  int
	kind  nlFieldKind
	table string // fXval, fFlags
	dflt  string // the comment of a value table has no name for, when not the table's own
	af    int    // fSockid: the addresses' family
}

// le reads a little-endian number of size bytes.
func le(p []byte, size int) uint64 {
	var v uint64
	for i := size - 1; i >= 0; i-- {
		v = v<<8 | uint64(p[i])
	}
	return v
}

// fields prints fields of p, each after a ", " unless first.
func (d *nl) fields(p []byte, fs []nlField, first bool) {
	for _, f := range fs {
		v := le(p[f.off:], f.size)
		if f.kind == fXNZ && v == 0 {
			continue
		}
		if !first {
			d.next()
		}
		first = false
		if f.name != "" {
			d.field(f.name)
		}
		switch f.kind {
		case fU:
			d.u(v)
		case fD:
			d.i(int64(v<<(64-8*f.size)) >> (64 - 8*f.size))
		case fX, fXNZ:
			d.x(v)
		case fXval:
			d.xvalD(f.table, f.dflt, v)
		case fFlags:
			d.flagsD(f.table, f.dflt, v)
		case fIfindex:
			d.ifindex(uint32(v))
		case f0X:
			// C's "%#0*x" with twice the size as the width, 0x included
			h := strconv.FormatUint(v, 16)
			width := 2 * f.size
			if v != 0 {
				d.str("0x")
				width -= 2
			}
			for i := len(h); i < width; i++ {
				d.str("0")
			}
			d.str(h)
		case fCookie:
			d.str("[")
			d.u(uint64(u32At(p, f.off)))
			d.next()
			d.u(uint64(u32At(p, f.off+4)))
			d.str("]")
		case fNetlinkProto:
			const ndiagProtoAll = 255
			if v == ndiagProtoAll {
				d.b = xlat.AppendNamed(d.b, "NDIAG_PROTO_ALL", func(b []byte) []byte { return appendHexValue(b, v) }, d.st.Xlat)
			} else {
				d.xval("netlink_protocols", v)
			}
		case fSockid:
			af := f.af
			if af == 0 {
				af = int(p[0])
			}
			d.sockid(p[f.off:f.off+48], af)
		case fDev:
			d.dev(v)
		case fBe16:
			d.str("htons(")
			d.u(v>>8 | (v&0xff)<<8)
			d.str(")")
		}
	}
}

// tableWith is table name printed with another comment for unknown
// values than its own (dflt; "-" for none, strace's NULL dflt). It is
// made for each use, not kept: nothing in the output path changes after
// start.
func tableWith(name, dflt string) *xlat.Table {
	t := xlat.ByName(name)
	if dflt == "" || dflt == t.Unknown {
		return t
	}
	if dflt == "-" {
		dflt = ""
	}
	return &xlat.Table{Values: t.Values, Unknown: dflt}
}

func (d *nl) xvalD(table, dflt string, v uint64) {
	d.b = tableWith(table, dflt).AppendValue(d.b, v, d.st.Xlat)
}

func (d *nl) flagsD(table, dflt string, v uint64) {
	d.b = tableWith(table, dflt).AppendFlags(d.b, v, d.st.Xlat)
}

// nlFamilyMsg is a message struct that starts with an address family
// byte, as rtnetlink's and sock_diag's do, and attributes after it.
type nlFamilyMsg struct {
	family string // the family field's name
	size   int    // sizeof the struct
	fields []nlField
	// the attributes after the struct; names "" for none
	attrs nlAttrTable
	// short: print the family alone, and the attributes whatever the
	// length (the structs strace reads no more of than the family)
	short bool
}

// familyMsg prints a message struct whose family (already read) is the
// first byte at addr, then its attributes, as strace's rtnetlink decoders
// do.
func (d *nl) familyMsg(m *nlFamilyMsg, family uint8, addr, n uint64) {
	d.str("{")
	d.field(m.family)
	d.xval("addrfams", uint64(family))
	decodeAttrs := m.short
	if !m.short {
		if n >= uint64(m.size) {
			p, ok := d.fetch(addr, uint64(m.size))
			d.next()
			if ok {
				d.fields(p, m.fields, true)
				decodeAttrs = true
			} else {
				d.printAddr(addr + 1)
			}
		} else {
			d.next()
			d.str("...")
		}
	}
	d.str("}")
	off := nlmsgAlign(uint64(m.size))
	if decodeAttrs && n > off && m.attrs.names != "" {
		d.next()
		t := m.attrs
		if t.opaque == nil {
			if p, ok := d.fetch(addr, uint64(m.size)); ok {
				t.opaque = p
			}
		}
		d.attrs(addr+off, n-off, t)
	}
}

// u32At reads the little-endian 32-bit number at off of p.
func u32At(p []byte, off int) uint32 { return binary.LittleEndian.Uint32(p[off:]) }

// dev prints a device number as strace's print_dev_t.
func (d *nl) dev(v uint64) {
	if d.st.Xlat != xlat.Abbrev {
		d.x(v)
		if d.st.Xlat == xlat.Raw {
			return
		}
		d.str(" /* ")
	}
	major := (v>>8)&0xfff | (v>>32)&^0xfff
	minor := v&0xff | (v>>12)&^0xff
	d.str("makedev(")
	d.x(major)
	d.next()
	d.x(minor)
	d.str(")")
	if d.st.Xlat == xlat.Verbose {
		d.str(" */")
	}
}

// sockid prints struct inet_diag_sockid (strace's print_inet_diag_sockid).
func (d *nl) sockid(p []byte, af int) {
	d.str("{")
	d.netPort("idiag_sport", p[0:2])
	d.next()
	d.netPort("idiag_dport", p[2:4])
	d.next()
	d.inetAddrField(af, p[4:20], "idiag_src")
	d.next()
	d.inetAddrField(af, p[20:36], "idiag_dst")
	d.next()
	d.fields(p, []nlField{
		{name: "idiag_if", off: 36, size: 4, kind: fIfindex},
		{name: "idiag_cookie", off: 40, size: 8, kind: fCookie},
	}, true)
	d.str("}")
}

// netPort prints a port in network byte order (PRINT_FIELD_NET_PORT).
func (d *nl) netPort(name string, p []byte) {
	d.field(name)
	if d.st.Xlat != xlat.Abbrev {
		d.b = quoteHexAll(d.b, p)
		if d.st.Xlat == xlat.Raw {
			return
		}
		d.str(" /* ")
	}
	d.str("htons(")
	d.u(uint64(p[0])<<8 | uint64(p[1]))
	d.str(")")
	if d.st.Xlat == xlat.Verbose {
		d.str(" */")
	}
}

// inetAddrField prints an address field of family af
// (PRINT_FIELD_INET_ADDR): its bytes in hex for another family.
func (d *nl) inetAddrField(af int, p []byte, name string) {
	if af == 2 || af == 10 {
		d.inetAddrStyled(af, p, name)
		return
	}
	d.field(name)
	d.b = quoteHexAll(d.b, p)
}
