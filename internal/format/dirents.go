package format

import (
	"bytes"
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/xlat"
)

// The layouts of struct linux_dirent (getdents) and struct linux_dirent64
// (getdents64): d_ino and d_off (8 bytes each), d_reclen (2), then
// getdents64's d_type (1) and the name; getdents keeps d_type in the last
// byte of the record.
const (
	direntHeader   = 18
	dirent64Header = 19
	direntNameMax  = 256 // strace's D_NAME_LEN_MAX
)

// appendDirents prints the directory entries getdents or getdents64
// returned (n bytes at addr, of which d holds the first) as strace's
// decode_dents under -v: [{d_ino=..., d_off=..., d_reclen=..., ...}, ...].
func (f *Formatter) appendDirents(b []byte, addr uint64, cp *decoder.Capture, n uint64, is64 bool) []byte {
	d := cp.Data
	header := uint64(direntHeader)
	if is64 {
		header = dirent64Header
	}
	types := xlat.ByName("dirent_types")
	count := 0
	for off := uint64(0); ; {
		if n < header {
			if n == 0 {
				b = append(b, '[')
				count++
			}
			break
		}
		if off+header > uint64(len(d)) {
			if count > 0 {
				b = append(b, "... /* "...)
				b = append(appendAddr(b, addr+off), " */"...)
			} else {
				b = appendAddr(b, addr+off)
			}
			break
		}
		if count == 0 {
			b = append(b, '[')
		}
		count++
		e := d[off:]
		reclen := uint64(uint16(e[16]) | uint16(e[17])<<8)
		b = append(b, "{d_ino="...)
		b = strconv.AppendUint(b, le64(e), 10)
		b = append(b, ", d_off="...)
		b = strconv.AppendUint(b, le64(e[8:]), 10)
		b = append(b, ", d_reclen="...)
		b = strconv.AppendUint(b, reclen, 10)
		next := uint64(0)
		switch {
		case reclen > n:
			reclen = n
		case reclen < header:
			reclen, next = header, n-header
		default:
			next = n - reclen
		}
		tail := e[header:min(uint64(len(e)), reclen)]
		if is64 {
			b = append(b, ", d_type="...)
			b = types.AppendValue(b, uint64(e[18]), f.opt.Xlat)
			if rest := reclen - header; rest > 0 {
				b = f.appendDirentName(b, tail, min(rest, direntNameMax)-1)
			}
		} else if rest := reclen - header; rest > 0 {
			if rest > 1 {
				b = f.appendDirentName(b, tail, min(rest-1, direntNameMax)-1)
			}
			b = append(b, ", d_type="...)
			if uint64(len(tail)) >= rest {
				b = types.AppendValue(b, uint64(tail[rest-1]), f.opt.Xlat)
			} else {
				b = appendAddr(b, addr+off+reclen-1)
			}
		}
		b = append(b, '}')
		if next == 0 {
			break
		}
		b = append(b, ", "...)
		off += reclen
		n = next
	}
	if count > 0 {
		b = append(b, ']')
	}
	return b
}

// appendDirentName prints ", d_name=" and the name in tail, of at most max
// bytes before its NUL, as strace's printpathn.
func (f *Formatter) appendDirentName(b, tail []byte, max uint64) []byte {
	b = append(b, ", d_name="...)
	name := tail[:min(uint64(len(tail)), max+1)]
	if i := bytes.IndexByte(name, 0); i >= 0 {
		return quote.Append(b, name[:i], false, f.opt.Quote)
	}
	return quote.Append(b, name[:min(uint64(len(name)), max)], true, f.opt.Quote)
}
