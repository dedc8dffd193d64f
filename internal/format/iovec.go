package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/quote"
)

// appendIovec prints a struct iovec array as strace's tprint_iov_upto:
// [{iov_base="data", iov_len=5}, ...]. The kernel side captured, per
// element, its base and length then its first bytes, and closed the array
// with an end marker. At exit the bytes shown total the return value; a
// call that failed shows the bases as addresses (IOV_DECODE_ADDR). An
// element that could not be read ends the array with its address,
// "... /* 0x7f... */".
func (f *Formatter) appendIovec(b []byte, addr uint64, c *decoder.Call, arg uint8, atExit bool) []byte {
	if addr == 0 {
		return append(b, "NULL"...)
	}
	caps := c.Enter
	left := uint64(0)
	if atExit {
		caps, left = c.Exit, uint64(c.Ret)
	}
	n := 0
	var head *decoder.Capture // the element whose bytes come next
	for i := range caps {
		cp := &caps[i]
		if cp.Arg != arg || cp.Kind != decoder.CapIov {
			continue
		}
		switch {
		case cp.Flags&decoder.CapEnd != 0:
			if n == 0 && cp.Fault() {
				return appendAddr(b, addr)
			}
			if n == 0 {
				b = append(b, '[')
			}
			if cp.More() || (cp.Fault() && n > 0) {
				if n > 0 {
					b = append(b, ", "...)
				}
				b = append(b, "..."...)
				if cp.Fault() && n > 0 {
					b = append(b, " /* "...)
					b = append(appendAddr(b, addr+uint64(n)*16), " */"...)
				}
			}
			return append(b, ']')
		case head == nil:
			head = cp
			continue
		}
		if len(head.Data) < 16 {
			break
		}
		base, length := le64(head.Data), le64(head.Data[8:])
		head = nil
		if n == 0 {
			b = append(b, '[')
		} else {
			b = append(b, ", "...)
		}
		n++
		shown := length
		if atExit {
			shown = min(length, left)
			left -= shown
		}
		b = append(b, "{iov_base="...)
		if cp.Fault() || (atExit && c.Failed()) {
			b = appendAddr(b, base)
		} else {
			data := cp.Data
			if len(data) > f.opt.StrSize {
				data = data[:f.opt.StrSize]
			}
			b = quote.Append(b, data, shown > uint64(len(data)), f.opt.Quote)
		}
		b = append(b, ", iov_len="...)
		b = strconv.AppendUint(b, length, 10)
		b = append(b, '}')
	}
	// no end marker: the record was cut
	return appendAddr(b, addr)
}
