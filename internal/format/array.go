package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
)

func init() {
	kindPrinters[syscalltbl.GidsIn] = appendGids
	kindPrinters[syscalltbl.GidsOut] = appendGids
	kindPrinters[syscalltbl.MincoreVec] = appendMincoreVec
}

// appendMemArray prints count elements of size bytes at addr as strace's
// print_array: cp holds the first of them, all or those before a page
// that could not be read (Part). Past -s elements (unless -v) "...";
// where the memory ends, "... /* address */", or the address alone when
// not even the first element could be read.
func (f *Formatter) appendMemArray(b []byte, addr uint64, cp *decoder.Capture, count uint64, size int, elem func(b, d []byte) []byte) []byte {
	switch {
	case addr == 0:
		return append(b, "NULL"...)
	case count == 0:
		return append(b, "[]"...)
	case count*uint64(size)/uint64(size) != count || addr+count*uint64(size) <= addr,
		cp == nil || cp.Fault() && !cp.Part():
		return appendAddr(b, addr)
	}
	d := cp.Data
	for i := uint64(0); i < count; i++ {
		off := int(i) * size
		if len(d) < off+size {
			if !cp.Part() && cp.More() {
				// not captured: more than the kernel side reads
				return append(b, ", ...]"...)
			}
			if i == 0 {
				return appendAddr(b, addr)
			}
			b = append(b, ", ... /* "...)
			return append(appendAddr(b, addr+uint64(off)), " */]"...)
		}
		if i == 0 {
			b = append(b, '[')
		} else {
			b = append(b, ", "...)
		}
		if !f.opt.Verbose && i == uint64(f.opt.StrSize) {
			b = append(b, "..."...)
			break
		}
		b = elem(b, d[off:off+size])
	}
	return append(b, ']')
}

// appendGids prints the group list of setgroups (as many as its first
// argument says) or getgroups (as many as it returned), as strace's
// print_groups: the address when there are more than NGROUPS_MAX.
func appendGids(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	const ngroupsMax = 65536
	addr := c.Args[i]
	count, kind := uint64(uint32(c.Args[0])), decoder.CapArrayIn
	if a.Kind == syscalltbl.GidsOut {
		if c.Failed() {
			return appendAddr(b, addr)
		}
		count, kind = uint64(uint32(c.Ret)), decoder.CapArrayOut
	}
	if count > ngroupsMax {
		return appendAddr(b, addr)
	}
	return f.appendMemArray(b, addr, c.Capture(uint8(i), kind), count, 4, func(b, d []byte) []byte {
		return appendID(b, le32(d))
	})
}

// appendMincoreVec prints mincore's vector, a byte for each page of its
// length, each as its lowest bit.
func appendMincoreVec(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	const page = 4096
	addr, n := c.Args[i], c.Args[a.LenArg]
	if c.Failed() {
		return appendAddr(b, addr)
	}
	count := n/page + min(n%page, 1)
	return f.appendMemArray(b, addr, c.Capture(uint8(i), decoder.CapArrayOut), count, 1, func(b, d []byte) []byte {
		return strconv.AppendUint(b, uint64(d[0]&1), 10)
	})
}
