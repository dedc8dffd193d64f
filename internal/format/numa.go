package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

func init() { specialFormatters["get_mempolicy"] = formatGetMempolicy }

// nodeWordBits is the bits of one word of a node mask, an unsigned long.
const nodeWordBits = 64

// appendNodemaskArg prints a node mask of maxnode bits (the argument the
// kind names) as strace's print_nodemask: its words in hex.
func appendNodemaskArg(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	addr, maxnode := c.Args[i], lenArg(c, a)
	kind := decoder.CapArrayIn
	if a.Kind == syscalltbl.NodemaskOut {
		if c.Failed() {
			return appendAddr(b, addr)
		}
		kind = decoder.CapArrayOut
	}
	// strace's count, one word fewer when maxnode is a multiple of 64
	nmemb := (maxnode + nodeWordBits - 2) / nodeWordBits
	if nmemb < maxnode/nodeWordBits || maxnode != 0 && nmemb == 0 {
		return appendAddr(b, addr)
	}
	return f.appendPartArray(b, addr, nmemb, 8, c.Capture(uint8(i), kind), func(b, d []byte) []byte {
		v := le64(d)
		if v == 0 {
			return append(b, "0000000000000000"...)
		}
		s := strconv.FormatUint(v, 16)
		b = append(b, "0x"...)
		for n := len(s); n < 14; n++ {
			b = append(b, '0')
		}
		return append(b, s...)
	})
}

// appendPartArray prints nmemb elements of size bytes at addr as strace's
// print_array: no more than -s of them, "... /* 0x... */" where the
// tracee's memory could no longer be read (the capture holds what could),
// the address alone when not even the first element could.
func (f *Formatter) appendPartArray(b []byte, addr, nmemb uint64, size int, cp *decoder.Capture, elem func(b, d []byte) []byte) []byte {
	switch {
	case addr == 0:
		return append(b, "NULL"...)
	case nmemb == 0:
		return append(b, "[]"...)
	case cp == nil:
		return appendAddr(b, addr)
	}
	d := cp.Data
	if len(d) < size {
		return appendAddr(b, addr)
	}
	if nmemb*uint64(size)/uint64(size) != nmemb || addr+nmemb*uint64(size) <= addr {
		return appendAddr(b, addr)
	}
	b = append(b, '[')
	for n := uint64(0); n < nmemb; n++ {
		if n > 0 {
			b = append(b, ", "...)
		}
		// strace reads the element, then stops at -s of them
		if len(d) < size {
			if cp.Fault() {
				b = append(b, "... /* "...)
				b = appendAddr(b, addr+n*uint64(size))
				b = append(b, " */"...)
			} else { // beyond what the kernel side reads
				b = append(b, "..."...)
			}
			break
		}
		if n == uint64(f.opt.StrSize) {
			b = append(b, "..."...)
			break
		}
		b = elem(b, d[:size])
		d = d[size:]
	}
	return append(b, ']')
}

var mpolModesTable = xlat.ByName("mpol_modes")

// formatGetMempolicy prints get_mempolicy's arguments, all at exit: the
// mode the kernel stored, [MPOL_DEFAULT], then the node mask.
func formatGetMempolicy(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	if !exiting {
		return b, true
	}
	sc := c.Syscall()
	cp := exitCapture(c, 0)
	if addr := c.Args[0]; c.Failed() || addr == 0 || cp == nil || cp.Fault() || len(cp.Data) < 4 {
		b = appendAddr(b, addr)
	} else {
		b = append(b, '[')
		b = mpolModesTable.AppendValue(b, uint64(le32(cp.Data)), f.opt.Xlat)
		b = append(b, ']')
	}
	for i := 1; i < len(sc.Args); i++ {
		b = append(b, ", "...)
		b = f.appendArg(b, c, i, &sc.Args[i])
	}
	return b, false
}

// appendPagesArg prints move_pages' page addresses.
func appendPagesArg(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	return f.appendPartArray(b, c.Args[i], lenArg(c, a), 8, c.Capture(uint8(i), decoder.CapArrayIn), func(b, d []byte) []byte {
		return appendAddr(b, le64(d))
	})
}

// appendIntsArg prints an int array the kernel reads (move_pages' nodes).
func appendIntsArg(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	return f.appendPartArray(b, c.Args[i], lenArg(c, a), 4, c.Capture(uint8(i), decoder.CapArrayIn), func(b, d []byte) []byte {
		return strconv.AppendInt(b, int64(int32(le32(d))), 10)
	})
}

// appendPageStatusArg prints the statuses move_pages stored: a node, or
// a negated errno as strace's print_err: -ENOENT.
func appendPageStatusArg(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	cp := c.Capture(uint8(i), decoder.CapArrayOut)
	if c.Failed() && lenArg(c, a) != 0 {
		return appendAddr(b, c.Args[i])
	}
	return f.appendPartArray(b, c.Args[i], lenArg(c, a), 4, cp, func(b, d []byte) []byte {
		st := int32(le32(d))
		name, ok := xlat.ErrnoName(int(-st))
		if !ok || f.opt.Xlat != xlat.Abbrev {
			b = strconv.AppendInt(b, int64(st), 10)
		}
		switch {
		case !ok || f.opt.Xlat == xlat.Raw:
			return b
		case f.opt.Xlat == xlat.Verbose:
			return append(append(append(b, " /* -"...), name...), " */"...)
		}
		return append(append(b, '-'), name...)
	})
}

// lenArg is the value of the argument that a's kind names as its length,
// as its C type holds it (an unsigned int's high bits are not the
// caller's).
func lenArg(c *decoder.Call, a *syscalltbl.Arg) uint64 {
	return c.Args[a.LenArg] & dispatch.masks[c.Nr][a.LenArg]
}

// appendIovAddrs prints an iovec array whose memory is not the tracee's
// (process_vm_readv's remote iovecs) as strace's iov_decode_addr does:
// [{iov_base=0x..., iov_len=N}].
func appendIovAddrs(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	return f.appendPartArray(b, c.Args[i], lenArg(c, a), 16, c.Capture(uint8(i), decoder.CapArrayIn), func(b, d []byte) []byte {
		b = append(b, "{iov_base="...)
		b = appendAddr(b, le64(d))
		b = append(b, ", iov_len="...)
		b = strconv.AppendUint(b, le64(d[8:]), 10)
		return append(b, '}')
	})
}
