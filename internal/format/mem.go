package format

import (
	"strconv"
	"time"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
)

// formatMremap prints mremap's arguments: new_address only when the flags
// say MREMAP_FIXED, as strace does.
func formatMremap(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	const mremapFixed = 2
	if exiting {
		return b, false
	}
	sc := syscalltbl.ByName("mremap")
	n := len(sc.Args)
	if c.Args[3]&mremapFixed == 0 {
		n--
	}
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = f.appendArg(b, c, i, &sc.Args[i])
	}
	return b, false
}

// returnTime prints time's return value with the date it stands for, in
// local time as strace's sprinttime.
func (f *Formatter) returnTime(b []byte, c *decoder.Call) ([]byte, bool) {
	if c.Failed() {
		return b, false
	}
	b = append(b, "= "...)
	b = strconv.AppendInt(b, c.Ret, 10)
	b = append(b, " ("...)
	b = time.Unix(c.Ret, 0).AppendFormat(b, "2006-01-02T15:04:05-0700")
	return append(b, ')'), true
}
