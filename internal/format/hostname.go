package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
)

// newUtsLen is the kernel's __NEW_UTS_LEN: the longest host name.
const newUtsLen = 64

func init() { specialFormatters["sethostname"] = formatSethostname }

// formatSethostname prints sethostname's arguments as strace does: the
// name, or only its address when the length is past what the kernel
// takes, then the length, unsigned.
func formatSethostname(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	if exiting {
		return b, false
	}
	addr, n := c.Args[0], uint32(c.Args[1])
	if n > newUtsLen {
		b = appendAddr(b, addr)
	} else {
		b = f.appendBuffer(b, addr, c.Capture(0, decoder.CapBufIn), uint64(n), f.opt.Quote)
	}
	b = append(b, ", "...)
	return strconv.AppendUint(b, uint64(n), 10), false
}
