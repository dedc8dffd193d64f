package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
)

func init() {
	kindPrinters[syscalltbl.OffsetInOut] = appendOffsetInOut
}

// appendOffsetInOut prints sendfile's offset as strace does: [IN], then
// " => [OUT]" when the call succeeded and moved bytes; unsigned.
func appendOffsetInOut(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	addr := c.Args[i]
	in := c.Capture(uint8(i), decoder.CapMemIn)
	if addr == 0 || in == nil || in.Fault() || len(in.Data) < 8 {
		return appendAddr(b, addr)
	}
	b = append(b, '[')
	b = strconv.AppendUint(b, le64(in.Data), 10)
	b = append(b, ']')
	out := c.Capture(uint8(i), decoder.CapMemOut)
	if c.Failed() || c.Ret == 0 || out == nil {
		return b
	}
	b = append(b, " => "...)
	if out.Fault() || len(out.Data) < 8 {
		return appendAddr(b, addr)
	}
	b = append(b, '[')
	b = strconv.AppendUint(b, le64(out.Data), 10)
	return append(b, ']')
}
