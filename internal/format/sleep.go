package format

import (
	"strconv"
	"time"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
)

func init() {
	kindPrinters[syscalltbl.TimespecRem] = appendTimespecRem
	kindPrinters[syscalltbl.TimeTOut] = appendTimeTOut
}

// erestart reports whether a call ended with one of the kernel's
// ERESTART* codes (ERESTARTSYS 512 ... ERESTART_RESTARTBLOCK 516, but 515,
// which is none): a signal interrupted it.
func erestart(c *decoder.Call) bool {
	return c.Failed() && -c.Ret >= 512 && -c.Ret <= 516 && -c.Ret != 515
}

// appendTimespecRem prints nanosleep's and clock_nanosleep's rem as strace
// does: the time left when a signal interrupted the call, else only its
// address, the kernel having written nothing there (nor for an absolute
// time, clock_nanosleep's flags not 0).
func appendTimespecRem(f *Formatter, b []byte, c *decoder.Call, i int, _ *syscalltbl.Arg) []byte {
	addr := c.Args[i]
	if !erestart(c) || c.Syscall().Name == "clock_nanosleep" && c.Args[1] != 0 {
		return appendAddr(b, addr)
	}
	return appendStruct(b, addr, c.Capture(uint8(i), decoder.CapMemOut), timespecSize, f.appendTimespec)
}

// appendTimeTOut prints time(2)'s argument as strace does, the time the
// kernel stored with its date: [1796605041 /* 2026-12-07T00:57:21+0000 */].
func appendTimeTOut(_ *Formatter, b []byte, c *decoder.Call, i int, _ *syscalltbl.Arg) []byte {
	addr := c.Args[i]
	cp := c.Capture(uint8(i), decoder.CapMemOut)
	if addr == 0 || cp == nil || cp.Fault() || len(cp.Data) < 8 {
		return appendAddr(b, addr)
	}
	t := int64(le64(cp.Data))
	b = append(b, '[')
	b = strconv.AppendInt(b, t, 10)
	b = append(b, " /* "...)
	b = time.Unix(t, 0).AppendFormat(b, "2006-01-02T15:04:05-0700")
	return append(b, " */]"...)
}
