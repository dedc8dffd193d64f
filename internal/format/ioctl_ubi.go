package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/xlat"
)

// The UBI requests (types 'o' and 'O'), as strace 6.1's ubi.c decodes
// them.
func init() {
	ioctlFamilies['o'] = true
	ioctlFamilies['O'] = true
	for name, h := range map[string]ioctlHandler{
		"UBI_IOCATT":        ubiInRet(ubiAttachSize, appendUbiAttach),
		"UBI_IOCMKVOL":      ubiInRet(ubiMkvolSize, (*Formatter).appendUbiMkvol),
		"UBI_IOCEBCH":       ioctlStructIn(16, appendUbiLebChange),
		"UBI_IOCEBMAP":      ioctlStructIn(8, appendUbiMap),
		"UBI_IOCRNVOL":      (*Formatter).ioctlUbiRnvol,
		"UBI_IOCRSVOL":      ioctlStructIn(12, appendUbiRsvol),
		"UBI_IOCSETVOLPROP": ioctlStructIn(16, appendUbiSetVolProp),
		"UBI_IOCVOLUP":      ioctlStructIn(8, appendS64Ref),
		"UBI_IOCDET":        ioctlIntPtrIn,
		"UBI_IOCEBER":       ioctlIntPtrIn,
		"UBI_IOCEBISMAP":    ioctlIntPtrIn,
		"UBI_IOCEBUNMAP":    ioctlIntPtrIn,
		"UBI_IOCRMVOL":      ioctlIntPtrIn,
		"UBI_IOCRPEB":       ioctlIntPtrIn,
		"UBI_IOCSPEB":       ioctlIntPtrIn,
		"UBI_IOCVOLCRBLK":   ioctlNoArg,
		"UBI_IOCVOLRMBLK":   ioctlNoArg,
	} {
		ioctlHandlers[name] = h
	}
}

// Sizes of the UBI structs and of struct ubi_rnvol_req's parts.
const (
	ubiAttachSize  = 24
	ubiMkvolSize   = 152
	ubiRnvolSize   = 4368
	ubiRnvolHead   = 16
	ubiRnvolEnt    = 136
	ubiMaxRnvol    = 32
	ubiVolNameSize = 128
)

// ubiInRet is the handler of a struct the kernel reads, printed at enter,
// and of the int it writes back in its place: " => [1]" at exit.
func ubiInRet(size int, print func(f *Formatter, b, d []byte) []byte) ioctlHandler {
	return func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		if !exiting {
			cp := ioctlCapture(c, false)
			b = append(b, ", "...)
			if c.Args[2] == 0 || cp == nil || cp.Fault() || len(cp.Data) < size {
				return appendAddr(b, c.Args[2]), ioctlDone
			}
			return print(f, b, cp.Data), ioctlAtExit
		}
		if out := ioctlCapture(c, true); out != nil {
			b = appendStruct(append(b, " => "...), c.Args[2], out, 4, appendIntRef)
		}
		return b, ioctlDone
	}
}

// appendUbiName prints a volume name of name_len bytes as strace's
// PRINT_FIELD_CSTRING_SZ with 1 + name_len clamped to the array.
func (f *Formatter) appendUbiName(b, name []byte, nameLen int16) []byte {
	n := min(max(int(nameLen), 0), ubiVolNameSize-1)
	return f.appendCString(b, name[:n+1])
}

func appendUbiAttach(f *Formatter, b, d []byte) []byte {
	b = strconv.AppendInt(append(b, "{ubi_num="...), int64(int32(le32(d))), 10)
	b = strconv.AppendInt(append(b, ", mtd_num="...), int64(int32(le32(d[4:]))), 10)
	b = strconv.AppendInt(append(b, ", vid_hdr_offset="...), int64(int32(le32(d[8:]))), 10)
	b = strconv.AppendInt(append(b, ", max_beb_per1024="...), int64(int16(le16(d[12:]))), 10)
	return append(b, '}')
}

func (f *Formatter) appendUbiMkvol(b, d []byte) []byte {
	b = strconv.AppendInt(append(b, "{vol_id="...), int64(int32(le32(d))), 10)
	b = strconv.AppendInt(append(b, ", alignment="...), int64(int32(le32(d[4:]))), 10)
	b = strconv.AppendInt(append(b, ", bytes="...), int64(le64(d[8:])), 10)
	b = xlat.ByName("ubi_volume_types").AppendValue(append(b, ", vol_type="...), uint64(int8(d[16]))&0xffffffff, f.opt.Xlat)
	b = f.appendFlagsArg(append(b, ", flags="...), "ubi_volume_flags", uint64(d[17]))
	nameLen := int16(le16(d[18:]))
	b = strconv.AppendInt(append(b, ", name_len="...), int64(nameLen), 10)
	b = f.appendUbiName(append(b, ", name="...), d[24:152], nameLen)
	return append(b, '}')
}

func appendUbiLebChange(f *Formatter, b, d []byte) []byte {
	b = strconv.AppendInt(append(b, "{lnum="...), int64(int32(le32(d))), 10)
	b = strconv.AppendInt(append(b, ", bytes="...), int64(int32(le32(d[4:]))), 10)
	b = xlat.ByName("ubi_data_types").AppendValue(append(b, ", dtype="...), uint64(int8(d[8]))&0xffffffff, f.opt.Xlat)
	return append(b, '}')
}

func appendUbiMap(f *Formatter, b, d []byte) []byte {
	b = strconv.AppendInt(append(b, "{lnum="...), int64(int32(le32(d))), 10)
	b = xlat.ByName("ubi_data_types").AppendValue(append(b, ", dtype="...), uint64(int8(d[4]))&0xffffffff, f.opt.Xlat)
	return append(b, '}')
}

func appendUbiRsvol(f *Formatter, b, d []byte) []byte {
	b = strconv.AppendInt(append(b, "{bytes="...), int64(le64(d)), 10)
	b = strconv.AppendInt(append(b, ", vol_id="...), int64(int32(le32(d[8:]))), 10)
	return append(b, '}')
}

func appendUbiSetVolProp(f *Formatter, b, d []byte) []byte {
	b = xlat.ByName("ubi_volume_props").AppendValue(append(b, "{property="...), uint64(d[0]), f.opt.Xlat)
	b = appendHex(append(b, ", value="...), le64(d[8:]))
	return append(b, '}')
}

// ioctlUbiRnvol prints a struct ubi_rnvol_req: count, then as many of its
// 32 entries. The struct is larger than one capture holds: the kernel
// side reads its end in a second one (ioctl_ptr), put back together here.
func (f *Formatter) ioctlUbiRnvol(b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	b = append(b, ", "...)
	caps := ioctlCaptures(c, false, decoder.CapIoctlIn)
	if c.Args[2] == 0 || len(caps) != 2 || caps[0].Fault() || caps[1].Fault() ||
		len(caps[0].Data)+len(caps[1].Data) != ubiRnvolSize {
		return appendAddr(b, c.Args[2]), ioctlDone
	}
	d := append(append(make([]byte, 0, ubiRnvolSize), caps[0].Data...), caps[1].Data...)
	count := int32(le32(d))
	b = strconv.AppendInt(append(b, "{count="...), int64(count), 10)
	n := int(min(max(count, 0), ubiMaxRnvol))
	b = f.appendLocalArray(append(b, ", ents="...), d[ubiRnvolHead:], n, ubiRnvolEnt, func(b, e []byte) []byte {
		nameLen := int16(le16(e[4:]))
		b = strconv.AppendInt(append(b, "{vol_id="...), int64(int32(le32(e))), 10)
		b = strconv.AppendInt(append(b, ", name_len="...), int64(nameLen), 10)
		b = f.appendUbiName(append(b, ", name="...), e[8:136], nameLen)
		return append(b, '}')
	})
	return append(b, '}'), ioctlDone
}
