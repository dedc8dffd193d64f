package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
)

// The file system requests of type 'f', as strace 6.1's fs_f_ioctl.c
// decodes them: inode flags and FS_IOC_FIEMAP.
func init() {
	ioctlFamilies['f'] = true
	for _, name := range []string{"FS_IOC_GETFLAGS", "FS_IOC32_GETFLAGS"} {
		ioctlHandlers[name] = ioctlStructOut(4, (*Formatter).appendFsIocFlags)
	}
	for _, name := range []string{"FS_IOC_SETFLAGS", "FS_IOC32_SETFLAGS"} {
		ioctlHandlers[name] = ioctlStructIn(4, (*Formatter).appendFsIocFlags)
	}
	ioctlHandlers["FS_IOC_FIEMAP"] = (*Formatter).ioctlFiemap
}

// appendFsIocFlags prints inode flags: [FS_IMMUTABLE_FL|FS_APPEND_FL].
func (f *Formatter) appendFsIocFlags(b, d []byte) []byte {
	b = f.appendFlagsArg(append(b, '['), "fs_ioc_flags", uint64(le32(d)))
	return append(b, ']')
}

// Sizes of struct fiemap (without its extents) and struct fiemap_extent.
const (
	fiemapSize       = 32
	fiemapExtentSize = 56
)

// ioctlFiemap prints FS_IOC_FIEMAP's struct fiemap: the request at enter,
// then what the kernel wrote, "=> {fm_flags=..., fm_mapped_extents=1,
// ...}", with -v the extents.
func (f *Formatter) ioctlFiemap(b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	cp := ioctlCapture(c, exiting)
	read := c.Args[2] != 0 && cp != nil && !cp.Fault() && len(cp.Data) >= fiemapSize
	if !exiting {
		b = append(b, ", "...)
		if !read {
			return appendAddr(b, c.Args[2]), ioctlDone
		}
		d := cp.Data
		b = strconv.AppendUint(append(b, "{fm_start="...), le64(d), 10)
		b = strconv.AppendUint(append(b, ", fm_length="...), le64(d[8:]), 10)
		b = f.appendFlagsArg(append(b, ", fm_flags="...), "fiemap_flags", uint64(le32(d[16:])))
		b = strconv.AppendUint(append(b, ", fm_extent_count="...), uint64(le32(d[24:])), 10)
		return append(b, '}'), ioctlAtExit
	}
	if c.Failed() {
		return b, ioctlDone
	}
	b = append(b, " => "...)
	if !read {
		return appendAddr(b, c.Args[2]), ioctlDone
	}
	d := cp.Data
	mapped := le32(d[20:])
	b = f.appendFlagsArg(append(b, "{fm_flags="...), "fiemap_flags", uint64(le32(d[16:])))
	b = strconv.AppendUint(append(b, ", fm_mapped_extents="...), uint64(mapped), 10)
	if !f.opt.Verbose {
		return append(b, ", ...}"...), ioctlDone
	}
	b = append(b, ", fm_extents="...)
	b = f.appendFiemapExtents(b, c.Args[2]+fiemapSize, d[fiemapSize:], mapped)
	return append(b, '}'), ioctlDone
}

// appendFiemapExtents prints n struct fiemap_extent of ext (captured from
// addr) as strace's print_array does: the address when none could be
// read, "..." after -s elements or where the capture ends.
func (f *Formatter) appendFiemapExtents(b []byte, addr uint64, ext []byte, n uint32) []byte {
	if n == 0 {
		return append(b, "[]"...)
	}
	if len(ext) < fiemapExtentSize {
		return appendAddr(b, addr)
	}
	b = append(b, '[')
	for i := uint32(0); i < n; i++ {
		if i > 0 {
			b = append(b, ", "...)
		}
		if int(i) >= f.opt.StrSize || len(ext) < fiemapExtentSize {
			b = append(b, "..."...)
			break
		}
		e := ext[:fiemapExtentSize]
		b = strconv.AppendUint(append(b, "{fe_logical="...), le64(e), 10)
		b = strconv.AppendUint(append(b, ", fe_physical="...), le64(e[8:]), 10)
		b = strconv.AppendUint(append(b, ", fe_length="...), le64(e[16:]), 10)
		b = f.appendFlagsArg(append(b, ", fe_flags="...), "fiemap_extent_flags", uint64(le32(e[40:])))
		b = append(b, '}')
		ext = ext[fiemapExtentSize:]
	}
	return append(b, ']')
}
