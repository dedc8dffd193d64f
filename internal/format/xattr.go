package format

import (
	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
)

func init() {
	kindPrinters[syscalltbl.XattrValue] = appendXattrValue
	kindPrinters[syscalltbl.XattrList] = appendXattrList
}

// appendXattrValue prints setxattr's value as strace's print_xattr_val:
// NULL, its address past XATTR_SIZE_MAX or where it cannot be read, else
// its bytes without a trailing NUL, cut at -s.
func appendXattrValue(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	const xattrSizeMax = 65536
	addr, n := c.Args[i], c.Args[a.LenArg]
	cp := c.Capture(uint8(i), decoder.CapBufIn)
	if addr == 0 || n > xattrSizeMax || cp == nil || cp.Fault() {
		return appendAddr(b, addr)
	}
	d := cp.Data
	if uint64(len(d)) == n && n > 0 && d[n-1] == 0 {
		d, n = d[:n-1], n-1 // QUOTE_OMIT_TRAILING_0
	}
	return f.appendCounted(b, d, int(n), f.opt.Quote)
}

// appendXattrList prints listxattr's list: the names it returned, or its
// address when the call failed or was given no room.
func appendXattrList(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	addr := c.Args[i]
	cp := c.Capture(uint8(i), decoder.CapBufOut)
	switch {
	case c.Args[i+1] == 0 || c.Failed() || addr == 0:
		return appendAddr(b, addr)
	case c.Ret == 0:
		return append(b, `""`...) // nothing to read
	case cp == nil || cp.Fault():
		return appendAddr(b, addr)
	}
	return f.appendCounted(b, cp.Data, int(c.Ret), f.opt.Quote)
}
