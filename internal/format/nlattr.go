package format

import (
	"encoding/binary"
	"net"
	"strconv"
	"sync"

	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/xlat"
)

// nlaDecoder prints the payload of an attribute (n bytes at addr); false
// leaves it to be printed in hex. opaque is what the attribute table
// passes on (the message's header struct, an address family ...).
type nlaDecoder func(d *nl, addr, n uint64, opaque any) bool

// nlAttrTable says how a list of attributes prints: the xlat table naming
// their types, the decoder of each type, and what the decoders are given.
// byType passes the attribute's type to a single decoder instead
// (strace's decoders of size 0).
type nlAttrTable struct {
	names    string
	decoders map[uint16]nlaDecoder
	opaque   any
	byType   nlaDecoder
}

// array is strace's print_array: n bytes at addr as elements of size bytes.
func (d *nl) array(addr, n, size uint64, elem func(p []byte)) {
	d.arrayIdx(addr, n, size, "", elem)
}

// arrayIdx is array with each element's index, named by table idx unless
// "" (PAF_PRINT_INDICES).
func (d *nl) arrayIdx(addr, n, size uint64, idx string, elem func(p []byte)) {
	d.arrayOpt(addr, n/size, size, idx != "", idx, elem)
}

func (d *nl) arrayOpt(addr, nmemb, size uint64, indices bool, idx string, elem func(p []byte)) {
	if addr == 0 {
		d.str("NULL")
		return
	}
	if nmemb == 0 {
		d.str("[]")
		return
	}
	end := addr + nmemb*size
	abbrevEnd := end
	if d.st.Abbrev && uint64(d.st.StrLen) < nmemb {
		abbrevEnd = addr + size*uint64(d.st.StrLen)
	}
	cur := addr
	for i := uint64(0); cur < end; cur, i = cur+size, i+1 {
		if cur != addr {
			d.next()
		}
		p, ok := d.fetch(cur, size)
		if !ok {
			if cur == addr {
				d.printAddr(cur)
			} else {
				d.moreAt(cur)
			}
			break
		}
		if cur == addr {
			d.str("[")
		}
		if cur >= abbrevEnd {
			d.str("...")
			cur = end
			break
		}
		if indices {
			d.str("[")
			if idx == "" {
				d.u(i)
			} else {
				d.xvalU(idx, i)
			}
			d.str("]=")
		}
		elem(p)
	}
	if cur != addr {
		d.str("]")
	}
}

// attrs is strace's decode_nlattr: the attributes of n bytes at addr.
func (d *nl) attrs(addr, n uint64, t nlAttrTable) {
	inArray := false
	for elt := 0; ; elt++ {
		if n < nlaHdrLen {
			d.strHex(addr, n)
			break
		}
		p, ok := d.fetch(addr, nlaHdrLen)
		if !ok {
			if inArray {
				d.moreAt(addr)
			} else {
				d.printAddr(addr)
			}
			break
		}
		if d.st.Abbrev && elt == d.st.StrLen {
			d.str("...")
			break
		}
		nlaLen := uint64(binary.LittleEndian.Uint16(p))
		nlaType := binary.LittleEndian.Uint16(p[2:])
		aligned := (nlaLen + 3) &^ 3
		var nextAddr, nextLen uint64
		if nlaLen >= nlaHdrLen {
			if n >= aligned {
				nextLen = n - aligned
			}
			if nextLen != 0 && addr+aligned > addr {
				nextAddr = addr + aligned
			}
		}
		if !inArray && nextAddr != 0 {
			d.str("[")
			inArray = true
		}
		d.attr(nlaLen, nlaType, addr, n, t)
		if nextAddr == 0 {
			break
		}
		d.next()
		addr, n = nextAddr, nextLen
	}
	if inArray {
		d.str("]")
	}
}

// attr is strace's decode_nlattr_with_data.
func (d *nl) attr(nlaLen uint64, nlaType uint16, addr, n uint64, t nlAttrTable) {
	l := min(nlaLen, n)
	if l > nlaHdrLen {
		d.str("[")
	}
	d.str("{")
	d.field("nla_len")
	d.u(nlaLen)
	d.next()
	d.field("nla_type")
	if nlaType&nlaFNested != 0 {
		d.str("NLA_F_NESTED|")
	}
	if nlaType&nlaFNetByteorder != 0 {
		d.str("NLA_F_NET_BYTEORDER|")
	}
	if t.names == "" {
		d.x(uint64(nlaType & nlaTypeMask))
	} else {
		d.xval(t.names, uint64(nlaType&nlaTypeMask))
	}
	d.str("}")
	if l > nlaHdrLen {
		d.next()
		a, m := addr+nlaHdrLen, l-nlaHdrLen
		var dec nlaDecoder
		var opaque any = t.opaque
		if t.byType != nil {
			dec, opaque = t.byType, nlaType
		} else {
			dec = t.decoders[nlaType&nlaTypeMask]
		}
		if dec == nil || !dec(d, a, m, opaque) {
			d.strHex(a, m)
		}
		d.str("]")
	}
}

// The attribute decoders of strace's nlattr.c.

func (d *nl) nlaStr(addr, n uint64, _ any) bool {
	d.printStr(addr, n, d.st.Quote, true)
	return true
}

func (d *nl) nlaStrn(addr, n uint64, _ any) bool {
	d.strn(addr, n)
	return true
}

// nlaFixed prints an attribute holding size bytes (more bytes are left
// unread, fewer are not its decoder's: false) with print, or the address
// when they cannot be read.
func (d *nl) nlaFixed(addr, n, size uint64, print func(p []byte)) bool {
	if n < size {
		return false
	}
	p, ok := d.fetch(addr, size)
	if !ok {
		d.printAddr(addr)
		return true
	}
	print(p)
	return true
}

// nlaNum prints an attribute holding a number of size bytes with print,
// as nlaFixed.
func (d *nl) nlaNum(addr, n, size uint64, print func(v uint64)) bool {
	return d.nlaFixed(addr, n, size, func(p []byte) { print(le(p, int(size))) })
}

func (d *nl) nlaU8(addr, n uint64, _ any) bool  { return d.nlaNum(addr, n, 1, d.u) }
func (d *nl) nlaU16(addr, n uint64, _ any) bool { return d.nlaNum(addr, n, 2, d.u) }
func (d *nl) nlaU32(addr, n uint64, _ any) bool { return d.nlaNum(addr, n, 4, d.u) }
func (d *nl) nlaU64(addr, n uint64, _ any) bool { return d.nlaNum(addr, n, 8, d.u) }
func (d *nl) nlaS8(addr, n uint64, _ any) bool {
	return d.nlaNum(addr, n, 1, func(v uint64) { d.i(int64(int8(v))) })
}
func (d *nl) nlaS16(addr, n uint64, _ any) bool {
	return d.nlaNum(addr, n, 2, func(v uint64) { d.i(int64(int16(v))) })
}
func (d *nl) nlaS32(addr, n uint64, _ any) bool {
	return d.nlaNum(addr, n, 4, func(v uint64) { d.i(int64(int32(v))) })
}
func (d *nl) nlaS64(addr, n uint64, _ any) bool {
	return d.nlaNum(addr, n, 8, func(v uint64) { d.i(int64(v)) })
}
func (d *nl) nlaX8(addr, n uint64, _ any) bool  { return d.nlaNum(addr, n, 1, d.x) }
func (d *nl) nlaX16(addr, n uint64, _ any) bool { return d.nlaNum(addr, n, 2, d.x) }
func (d *nl) nlaX32(addr, n uint64, _ any) bool { return d.nlaNum(addr, n, 4, d.x) }
func (d *nl) nlaX64(addr, n uint64, _ any) bool { return d.nlaNum(addr, n, 8, d.x) }

// nlaBe16 prints a big-endian 16-bit number as strace does: htons(N).
func (d *nl) nlaBe16(addr, n uint64, _ any) bool {
	return d.nlaNum(addr, n, 2, func(v uint64) {
		d.str("htons(")
		d.u(uint64(v>>8 | (v&0xff)<<8))
		d.str(")")
	})
}

// nlaBe64 prints a big-endian 64-bit number: be64toh(N).
func (d *nl) nlaBe64(addr, n uint64, _ any) bool {
	return d.nlaNum(addr, n, 8, func(v uint64) {
		var p [8]byte
		binary.LittleEndian.PutUint64(p[:], v)
		d.str("htobe64(")
		d.u(binary.BigEndian.Uint64(p[:]))
		d.str(")")
	})
}

// nlaFd prints a descriptor.
func (d *nl) nlaFd(addr, n uint64, _ any) bool {
	return d.nlaFixed(addr, n, 4, func(p []byte) {
		if fd := int32(binary.LittleEndian.Uint32(p)); d.st.Fd != nil {
			d.b = d.st.Fd(d.b, fd)
		} else {
			d.i(int64(fd))
		}
	})
}

// nlaUID prints a uid or gid: -1 as -1.
func (d *nl) nlaUID(addr, n uint64, _ any) bool {
	return d.nlaFixed(addr, n, 4, func(p []byte) {
		if v := binary.LittleEndian.Uint32(p); v == ^uint32(0) {
			d.str("-1")
		} else {
			d.u(uint64(v))
		}
	})
}

// nlaIfindex prints an interface index.
func (d *nl) nlaIfindex(addr, n uint64, _ any) bool {
	return d.nlaFixed(addr, n, 4, func(p []byte) {
		d.ifindex(binary.LittleEndian.Uint32(p))
	})
}

// nlaInAddr and nlaIn6Addr print an IPv4 or IPv6 address.
func (d *nl) nlaInAddr(addr, n uint64, _ any) bool {
	return d.nlaFixed(addr, n, 4, func(p []byte) {
		d.inetAddrStyled(2, p, "")
	})
}

func (d *nl) nlaIn6Addr(addr, n uint64, _ any) bool {
	return d.nlaFixed(addr, n, 16, func(p []byte) {
		d.inetAddrStyled(10, p, "")
	})
}

// nlaXval returns a decoder of a number of size bytes (or any size up to
// 8 when size is 0) named by table.
func nlaXval(table string, size uint64) nlaDecoder {
	return func(d *nl, addr, n uint64, _ any) bool {
		if n > 8 || n < size {
			return false
		}
		if size != 0 {
			n = min(n, size)
		}
		return d.nlaNum(addr, n, n, func(v uint64) { d.xval(table, v) })
	}
}

// nlaFlags is nlaXval for a set of bits.
func nlaFlags(table string, size uint64) nlaDecoder {
	return func(d *nl, addr, n uint64, _ any) bool {
		if n > 8 || n < size {
			return false
		}
		if size != 0 {
			n = min(n, size)
		}
		return d.nlaNum(addr, n, n, func(v uint64) { d.flags(table, v) })
	}
}

// nlaNested returns a decoder of attributes nested in an attribute.
func nlaNested(t nlAttrTable) nlaDecoder {
	return func(d *nl, addr, n uint64, _ any) bool {
		d.attrs(addr, n, t)
		return true
	}
}

// nlaMeminfo prints SK_MEMINFO's array of numbers, indexed.
func (d *nl) nlaMeminfo(addr, n uint64, _ any) bool {
	if n/4 == 0 {
		return false
	}
	d.arrayIdx(addr, n, 4, "netlink_sk_meminfo_indices", func(p []byte) {
		d.u(uint64(binary.LittleEndian.Uint32(p)))
	})
	return true
}

// ifindex prints an interface index as strace's print_ifindex:
// if_nametoindex("lo") when gotrace's network namespace knows it.
func (d *nl) ifindex(i uint32) {
	name := ifName(i)
	if name == "" {
		d.u(uint64(i))
		return
	}
	named := string(quote.Append([]byte("if_nametoindex("), []byte(name), false, d.st.Quote)) + ")"
	d.b = xlat.AppendNamed(d.b, named, func(b []byte) []byte { return strconv.AppendUint(b, uint64(i), 10) }, d.st.Xlat)
}

// ifNames caches the names of gotrace's network interfaces by index.
var ifNames sync.Map

// ifName is if_indextoname: the name of interface i in gotrace's network
// namespace, or "".
func ifName(i uint32) string {
	if i == 0 {
		return ""
	}
	if name, ok := ifNames.Load(i); ok {
		return name.(string)
	}
	name := ""
	if ifc, err := net.InterfaceByIndex(int(i)); err == nil {
		name = ifc.Name
	}
	ifNames.Store(i, name)
	return name
}

// xvalU prints v by table name, its number in decimal (strace's
// XLAT_STYLE_FMT_U).
func (d *nl) xvalU(table string, v uint64) {
	t := xlat.ByName(table)
	name, ok := t.Name(v)
	if ok && d.st.Xlat == xlat.Abbrev {
		d.str(name)
		return
	}
	d.u(v)
	if !ok {
		name = t.Unknown
	}
	if d.st.Xlat != xlat.Raw && name != "" {
		d.str(" /* " + name + " */")
	}
}
