package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
)

func init() { kindPrinters[syscalltbl.SysctlArgs] = appendSysctlArgs }

// appendSysctlArgs prints _sysctl's struct __sysctl_args as strace does
// when the kernel has no _sysctl (Linux 5.5 removed it, and every call
// fails with ENOSYS): its fields as numbers and addresses, the name array
// as its address, which strace decodes only for a call that reached the
// kernel's sysctl tables.
func appendSysctlArgs(f *Formatter, b []byte, c *decoder.Call, i int, _ *syscalltbl.Arg) []byte {
	addr := c.Args[i]
	cp := c.Capture(uint8(i), decoder.CapMemIn)
	if addr == 0 || cp == nil || cp.Fault() || len(cp.Data) < 48 {
		return appendAddr(b, addr)
	}
	d := cp.Data
	b = appendAddr(append(b, "{name="...), le64(d))
	b = strconv.AppendInt(append(b, ", nlen="...), int64(int32(le32(d[8:]))), 10)
	b = appendAddr(append(b, ", oldval="...), le64(d[16:]))
	b = appendAddr(append(b, ", oldlenp="...), le64(d[24:]))
	b = appendAddr(append(b, ", newval="...), le64(d[32:]))
	b = strconv.AppendUint(append(b, ", newlen="...), le64(d[40:]), 10)
	return append(b, '}')
}
