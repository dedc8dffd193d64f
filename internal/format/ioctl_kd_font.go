package format

import (
	"slices"
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/xlat"
)

// The console's requests whose structs point to data, as strace 6.1's
// kd_mpers_ioctl.c decodes them: the unicode map's pairs, fonts. The
// kernel side reads what they point to as internal/plan's IoctlPointers
// say (CapIoctlArray).
func init() {
	for name, h := range map[string]ioctlHandler{
		"GIO_UNIMAP": ioctlKdUnimap(true),
		"PIO_UNIMAP": ioctlKdUnimap(false),
		"GIO_FONTX":  ioctlKdFontx(true),
		"PIO_FONTX":  ioctlKdFontx(false),
		"KDFONTOP":   (*Formatter).ioctlKdFontOp,
	} {
		ioctlHandlers[name] = h
	}
}

// Layouts of the structs (x86_64).
const (
	kdUnimapdescSize   = 16 // struct unimapdesc: entry_ct, then entries at 8
	kdFontdescSize     = 16 // struct consolefontdesc: charcount, charheight, then chardata at 8
	kdFontOpSize       = 32 // struct console_font_op: op, flags, width, height, charcount, then data at 24
	kdUnipairSize      = 4
	kdFontOpSet        = 0 // KD_FONT_OP_SET
	kdFontOpGet        = 1
	kdFontOpSetDefault = 2
	kdFontOpCopy       = 3
	kdMaxFontName      = 32
	enomem             = 12
)

// ioctlKdArrayCapture is what the kernel side read of the data a struct
// points to, at enter or exit; nil when it read nothing.
func ioctlKdArrayCapture(c *decoder.Call, exiting bool) *decoder.Capture {
	if caps := ioctlCaptures(c, exiting, decoder.CapIoctlArray); len(caps) > 0 {
		return caps[0]
	}
	return nil
}

// ioctlKdUnimap is the handler of GIO_UNIMAP and PIO_UNIMAP's struct
// unimapdesc. strace reads GIO_UNIMAP's struct at exit even when the
// call failed, and its pairs only when it succeeded or failed with ENOMEM
// (the kernel then says how many there are).
func ioctlKdUnimap(get bool) ioctlHandler {
	return func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		in := c.Capture(2, decoder.CapIoctlIn)
		if !exiting {
			b = append(b, ", "...)
			if c.Args[2] == 0 || in == nil || len(in.Data) < kdUnimapdescSize {
				return appendAddr(b, c.Args[2]), ioctlDone
			}
			b = strconv.AppendUint(append(b, "{entry_ct="...), uint64(le16(in.Data)), 10)
			if get {
				return b, ioctlAtExit
			}
			return append(f.appendKdUnipairs(b, le64(in.Data[8:]), uint64(le16(in.Data)), ioctlKdArrayCapture(c, false)), '}'), ioctlDone
		}
		out := c.Capture(2, decoder.CapIoctlOut)
		if out == nil || len(out.Data) < kdUnimapdescSize {
			return append(appendAddr(b, c.Args[2]), '}'), ioctlDone
		}
		entries := le64(out.Data[8:])
		b = strconv.AppendUint(append(b, " => "...), uint64(le16(out.Data)), 10)
		if c.Failed() && c.Ret != -enomem {
			return append(appendAddr(append(b, ", entries="...), entries), '}'), ioctlDone
		}
		var arr *decoder.Capture
		if !c.Failed() {
			arr = ioctlKdArrayCapture(c, true)
		}
		cnt := uint64(0)
		if in != nil && len(in.Data) >= 2 {
			cnt = uint64(le16(in.Data))
		}
		return append(f.appendKdUnipairs(b, entries, cnt, arr), '}'), ioctlDone
	}
}

// appendKdUnipairs prints ", entries=" and cnt struct unipair at addr.
func (f *Formatter) appendKdUnipairs(b []byte, addr, cnt uint64, cp *decoder.Capture) []byte {
	return f.appendKdArray(append(b, ", entries="...), addr, cp, 0, int(cnt), kdUnipairSize, false, func(b, d []byte) []byte {
		b = appendHex(append(b, "{unicode="...), uint64(le16(d)))
		b = appendHex(append(b, ", fontpos="...), uint64(le16(d[2:])))
		return append(b, '}')
	})
}

// ioctlKdFontx is the handler of GIO_FONTX and PIO_FONTX's struct
// consolefontdesc: the font's characters of 32 bytes, in hex up to -s.
func ioctlKdFontx(get bool) ioctlHandler {
	return func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		cp := ioctlCapture(c, exiting)
		if !exiting {
			b = append(b, ", "...)
			if c.Args[2] == 0 || cp == nil || len(cp.Data) < kdFontdescSize {
				return appendAddr(b, c.Args[2]), ioctlDone
			}
		} else {
			if cp == nil || len(cp.Data) < kdFontdescSize {
				return b, ioctlDone
			}
			b = append(b, " => "...)
		}
		d := cp.Data
		count, data := uint64(le16(d)), le64(d[8:])
		b = strconv.AppendUint(append(b, "{charcount="...), count, 10)
		b = strconv.AppendUint(append(b, ", charheight="...), uint64(le16(d[2:])), 10)
		b = append(b, ", chardata="...)
		if get && !exiting {
			return append(appendAddr(b, data), '}'), ioctlAtExit
		}
		b = f.appendCountedAt(b, data, ioctlKdArrayCapture(c, exiting), 0, int(min(count, 512)*32), quote.AllHex)
		return append(b, '}'), ioctlDone
	}
}

// ioctlKdFontOp prints KDFONTOP's struct console_font_op: the fields its
// operation uses, at enter, and what the kernel wrote back after "=>".
func (f *Formatter) ioctlKdFontOp(b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	cp := ioctlCapture(c, exiting)
	if !exiting {
		b = append(b, ", "...)
		if c.Args[2] == 0 || cp == nil || len(cp.Data) < kdFontOpSize {
			return appendAddr(b, c.Args[2]), ioctlDone
		}
	} else {
		if cp == nil || len(cp.Data) < kdFontOpSize {
			return b, ioctlDone
		}
		b = append(b, " => "...)
	}
	d := cp.Data
	op, width, charcount, data := le32(d), le32(d[8:]), le32(d[16:]), le64(d[24:])
	b = append(b, '{')
	if !exiting {
		b = xlat.ByName("kd_font_ops").AppendValue(append(b, "op="...), uint64(op), f.opt.Xlat)
		if op != kdFontOpSetDefault && op != kdFontOpCopy {
			b = f.appendFlagsArg(append(b, ", flags="...), "kd_font_flags", uint64(le32(d[4:])))
		}
		b = append(b, ", "...)
	}
	if op != kdFontOpCopy {
		b = strconv.AppendUint(append(b, "width="...), uint64(width), 10)
		b = append(b, ", "...)
	}
	b = strconv.AppendUint(append(b, "height="...), uint64(le32(d[12:])), 10)
	if op != kdFontOpSetDefault && op != kdFontOpCopy {
		b = strconv.AppendUint(append(b, ", charcount="...), uint64(charcount), 10)
	}
	switch {
	case op == kdFontOpGet && !exiting:
		b = appendAddr(append(b, ", data="...), data)
	case op == kdFontOpGet || op == kdFontOpSet:
		n := (min(width, 32) + 7) / 8 * 32 * min(charcount, 512)
		b = f.appendCountedAt(append(b, ", data="...), data, ioctlKdArrayCapture(c, exiting), 0, int(n), quote.AllHex)
	case op == kdFontOpSetDefault:
		if !exiting {
			b = f.appendKdFontName(append(b, ", data="...), data, ioctlKdArrayCapture(c, false))
		}
	case op == kdFontOpCopy:
	default:
		b = appendAddr(append(b, ", data="...), data)
	}
	b = append(b, '}')
	if !exiting && op != kdFontOpSet && op != kdFontOpCopy {
		return b, ioctlAtExit
	}
	return b, ioctlDone
}

// appendKdFontName prints KD_FONT_OP_SET_DEFAULT's font name as strace's
// printstr_ex of 32 bytes expecting a trailing NUL: read up to -s and one
// more (or the 32), it must end in a NUL or fill that; a name of 32
// bytes shows 31 of them.
func (f *Formatter) appendKdFontName(b []byte, addr uint64, cp *decoder.Capture) []byte {
	if addr == 0 {
		return appendAddr(b, 0)
	}
	n := min(f.opt.StrSize+1, kdMaxFontName)
	var d []byte
	if cp != nil {
		d = cp.Data[:min(len(cp.Data), n)]
	}
	nul := slices.Index(d, 0)
	if nul < 0 && len(d) < n {
		return appendAddr(b, addr)
	}
	size := min(n, f.opt.StrSize)
	if size == kdMaxFontName {
		size--
	}
	if nul >= 0 && nul <= size {
		return quote.Append(b, d[:nul], false, f.opt.Quote)
	}
	return quote.Append(b, d[:size], true, f.opt.Quote)
}
