package format

import (
	"encoding/binary"

	"github.com/gotrace/gotrace/internal/xlat"
)

// How a field of a netlink struct prints.
type nlFieldKind uint8

const (
	fU       nlFieldKind = iota // unsigned decimal
	fD                          // signed decimal
	fX                          // hex
	fXNZ                        // hex, left out when zero (padding strace shows if set)
	fXval                       // a value named by table
	fFlags                      // bits named by table
	fIfindex                    // an interface index
	fBe16                       // a big-endian 16-bit number: htons(N)
)

// nlField is a field of a struct in a netlink message.
type nlField struct {
	name  string
	off   int
	size  int
	kind  nlFieldKind
	table string // fXval, fFlags
	dflt  string // the comment of a value table has no name for, when not the table's own
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
		d.field(f.name)
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
		case fBe16:
			d.str("htons(")
			d.u(v>>8 | (v&0xff)<<8)
			d.str(")")
		}
	}
}

// tablesWith are tables printed with another comment for unknown values
// than their own, by table and comment.
var tablesWith = map[[2]string]*xlat.Table{}

func tableWith(name, dflt string) *xlat.Table {
	t := xlat.ByName(name)
	if dflt == "" || dflt == t.Unknown {
		return t
	}
	if dflt == "-" {
		dflt = "" // no comment (strace's NULL dflt)
	}
	k := [2]string{name, dflt}
	if w, ok := tablesWith[k]; ok {
		return w
	}
	w := &xlat.Table{Values: t.Values, Unknown: dflt}
	tablesWith[k] = w
	return w
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
