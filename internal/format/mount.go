package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

func init() {
	kindPrinters[syscalltbl.MountAttr] = appendMountAttr
}

// appendMountAttr prints mount_setattr's struct mount_attr of the size its
// caller gives, as strace's print_mount_attr: userns_fd a descriptor when
// MOUNT_ATTR_IDMAP is set or cleared, and the bytes beyond the struct.
func appendMountAttr(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	const (
		mountAttrSize  = 32         // MOUNT_ATTR_SIZE_VER0
		mountAttrIdmap = 0x00100000 // MOUNT_ATTR_IDMAP
	)
	addr, size := c.Args[i], c.Args[a.LenArg]
	cp := c.Capture(uint8(i), decoder.CapMemIn)
	if size < mountAttrSize || addr == 0 || cp == nil || cp.Fault() || len(cp.Data) < mountAttrSize {
		return appendAddr(b, addr)
	}
	d := cp.Data
	attrs := xlat.ByName("mount_attr_attr")
	set, clr, fd := le64(d), le64(d[8:]), le64(d[24:])
	b = attrs.AppendFlags(append(b, "{attr_set="...), set, f.opt.Xlat)
	b = attrs.AppendFlags(append(b, ", attr_clr="...), clr, f.opt.Xlat)
	b = append(b, ", propagation="...)
	b = xlat.ByName("mount_attr_propagation").AppendValue(b, le64(d[16:]), f.opt.Xlat)
	b = append(b, ", userns_fd="...)
	if fd > 1<<31-1 || (set|clr)&mountAttrIdmap == 0 {
		b = strconv.AppendUint(b, fd, 10)
	} else {
		b = f.appendFd(b, c.Tid, int32(fd))
	}
	return f.appendSizedTail(append(b, '}'), cp, mountAttrSize, size)
}
