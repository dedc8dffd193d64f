package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/xlat"
)

// statxStructSize is sizeof(struct statx).
const statxStructSize = 256

// appendStatx prints a struct statx as strace does without -v: the mask,
// the attributes, and the mode and size when the mask says they are set.
func (f *Formatter) appendStatx(b, d []byte) []byte { return f.appendStatxFields(b, d, false) }

// appendStatxVerbose prints a struct statx whole, as strace -v.
func (f *Formatter) appendStatxVerbose(b, d []byte) []byte { return f.appendStatxFields(b, d, true) }

// STATX_* bits that say which fields the kernel filled in.
const (
	statxType, statxMode, statxNlink, statxUID, statxGID = 0x1, 0x2, 0x4, 0x8, 0x10
	statxAtime, statxMtime, statxCtime, statxIno         = 0x20, 0x40, 0x80, 0x100
	statxSize, statxBlocks, statxBtime, statxMntID       = 0x200, 0x400, 0x800, 0x1000
	statxDioalign                                        = 0x2000
)

func (f *Formatter) appendStatxFields(b, d []byte, verbose bool) []byte {
	mask := le32(d)
	u32 := func(b []byte, name string, off int) []byte {
		return strconv.AppendUint(append(b, name...), uint64(le32(d[off:])), 10)
	}
	u64 := func(b []byte, name string, off int) []byte {
		return strconv.AppendUint(append(b, name...), le64(d[off:]), 10)
	}
	b = append(b, "{stx_mask="...)
	b = xlat.StatxMasks.AppendFlags(b, uint64(mask), f.opt.Xlat)
	if verbose {
		b = u32(b, ", stx_blksize=", 4)
	}
	b = append(b, ", stx_attributes="...)
	b = xlat.StatxAttrs.AppendFlags(b, le64(d[8:]), f.opt.Xlat)
	if verbose {
		if mask&statxNlink != 0 {
			b = u32(b, ", stx_nlink=", 16)
		}
		if mask&statxUID != 0 {
			b = u32(b, ", stx_uid=", 20)
		}
		if mask&statxGID != 0 {
			b = u32(b, ", stx_gid=", 24)
		}
	}
	if mask&(statxType|statxMode) != 0 {
		b = append(b, ", stx_mode="...)
		b = f.appendFileMode(b, uint32(d[28])|uint32(d[29])<<8)
	}
	if verbose && mask&statxIno != 0 {
		b = u64(b, ", stx_ino=", 32)
	}
	if mask&statxSize != 0 {
		b = u64(b, ", stx_size=", 40)
	}
	if !verbose {
		return append(b, ", ...}"...)
	}
	if mask&statxBlocks != 0 {
		b = u64(b, ", stx_blocks=", 48)
	}
	b = append(b, ", stx_attributes_mask="...)
	b = xlat.StatxAttrs.AppendFlags(b, le64(d[56:]), f.opt.Xlat)
	for _, ts := range [...]struct {
		bit  uint32
		name string
		off  int
	}{{statxAtime, ", stx_atime=", 64}, {statxBtime, ", stx_btime=", 80}, {statxCtime, ", stx_ctime=", 96}, {statxMtime, ", stx_mtime=", 112}} {
		if mask&ts.bit == 0 {
			continue
		}
		sec, nsec := int64(le64(d[ts.off:])), uint64(le32(d[ts.off+8:]))
		b = append(b, ts.name...)
		b = strconv.AppendInt(append(b, "{tv_sec="...), sec, 10)
		b = strconv.AppendUint(append(b, ", tv_nsec="...), nsec, 10)
		b = appendTimeComment(append(b, '}'), sec, nsec)
	}
	b = u32(b, ", stx_rdev_major=", 128)
	b = u32(b, ", stx_rdev_minor=", 132)
	b = u32(b, ", stx_dev_major=", 136)
	b = u32(b, ", stx_dev_minor=", 140)
	if mask&statxMntID != 0 {
		b = appendHex(append(b, ", stx_mnt_id="...), le64(d[144:]))
	}
	if mask&statxDioalign != 0 {
		b = u32(b, ", stx_dio_mem_align=", 152)
		b = u32(b, ", stx_dio_offset_align=", 156)
	}
	return append(b, '}')
}
