package format

import (
	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/xlat"
)

// reboot(2)'s command that takes a string (linux/reboot.h), and the
// kernel's buffer for it: 255 bytes and a NUL.
const (
	rebootCmdRestart2 = 0xA1B2C3D4
	rebootArgMax      = 255
)

var (
	rebootMagic1 = xlat.ByName("bootflags1")
	rebootMagic2 = xlat.ByName("bootflags2")
	rebootCmds   = xlat.ByName("bootflags3")
)

// formatReboot prints reboot's magic numbers and command, and the command
// string only for LINUX_REBOOT_CMD_RESTART2, as strace does.
func formatReboot(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	if exiting {
		return b, false
	}
	s := f.opt.Xlat
	b = rebootMagic1.AppendValue(b, uint64(uint32(c.Args[0])), s)
	b = append(b, ", "...)
	b = rebootMagic2.AppendValue(b, uint64(uint32(c.Args[1])), s)
	b = append(b, ", "...)
	cmd := uint32(c.Args[2])
	b = rebootCmds.AppendValue(b, uint64(cmd), s)
	if cmd != rebootCmdRestart2 {
		return b, false
	}
	b = append(b, ", "...)
	addr, cp := c.Args[3], c.Capture(3, decoder.CapStr)
	if addr == 0 || cp == nil || cp.Fault() {
		return f.appendString(b, addr, cp, true), false
	}
	data, more := cp.Data, cp.More()
	// strace reads 255 bytes: it cannot see the NUL after as many
	if len(data) >= rebootArgMax {
		data, more = data[:rebootArgMax], true
	}
	if len(data) > f.opt.StrSize {
		data, more = data[:f.opt.StrSize], true
	}
	return quote.Append(b, data, more, f.opt.Quote), false
}
