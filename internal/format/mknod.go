package format

import (
	"github.com/gotrace/gotrace/internal/decoder"
)

func init() {
	specialFormatters["mknod"] = formatMknod
	specialFormatters["mknodat"] = formatMknod
}

// formatMknod prints mknod's and mknodat's arguments as strace does: the
// mode (an unsigned short there) as a file type and permissions, and the
// device only for a character or block device.
func formatMknod(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	if exiting {
		return b, false
	}
	sc := c.Syscall()
	p := 0
	if sc.Name == "mknodat" {
		b = f.appendArg(b, c, 0, &sc.Args[0])
		b = append(b, ", "...)
		p = 1
	}
	b = f.appendArg(b, c, p, &sc.Args[p])
	b = append(b, ", "...)
	mode := uint32(uint16(c.Args[p+1]))
	b = f.appendFileMode(b, mode)
	switch mode & sIFMT {
	case 0020000, 0060000: // S_IFCHR, S_IFBLK
		b = append(b, ", "...)
		b = f.appendDevStyled(b, uint64(uint32(c.Args[p+2])))
	}
	return b, false
}
