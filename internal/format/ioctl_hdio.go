package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/xlat"
)

// The disk requests of linux/hdreg.h (type 0x03), as strace 6.1's hdio.c
// and its generated gen_hdio.c decode them. Their codes carry no size:
// bpf/capture.h's ioctl_arg_size says what the kernel side reads.
func init() {
	ioctlFamilies[0x03] = true
	ulongOut := ioctlStructOut(8, func(f *Formatter, b, d []byte) []byte {
		return append(strconv.AppendUint(append(b, '['), le64(d), 10), ']')
	})
	for _, name := range []string{"HDIO_GET_32BIT", "HDIO_GET_ACOUSTIC", "HDIO_GET_ADDRESS", "HDIO_GET_DMA",
		"HDIO_GET_KEEPSETTINGS", "HDIO_GET_MULTCOUNT", "HDIO_GET_NOWERR", "HDIO_GET_UNMASKINTR", "HDIO_GET_WCACHE"} {
		ioctlHandlers[name] = ulongOut
	}
	for _, name := range []string{"HDIO_SET_32BIT", "HDIO_SET_ACOUSTIC", "HDIO_SET_ADDRESS", "HDIO_SET_DMA",
		"HDIO_SET_KEEPSETTINGS", "HDIO_SET_MULTCOUNT", "HDIO_SET_NOWERR", "HDIO_SET_PIO_MODE",
		"HDIO_SET_UNMASKINTR", "HDIO_SET_WCACHE", "HDIO_UNREGISTER_HWIF"} {
		ioctlHandlers[name] = ioctlUlongVal
	}
	ints3 := ioctlStructIn(12, func(f *Formatter, b, d []byte) []byte {
		b = appendHex(append(b, '['), uint64(le32(d)))
		b = appendHex(append(b, ", "...), uint64(le32(d[4:])))
		b = appendHex(append(b, ", "...), uint64(le32(d[8:])))
		return append(b, ']')
	})
	for name, h := range map[string]ioctlHandler{
		"HDIO_DRIVE_RESET": ints3,
		"HDIO_SCAN_HWIF":   ints3,
		"HDIO_GETGEO":      ioctlStructOut(hdGeometrySize, appendHdGeometry),
		"HDIO_GET_NICE": ioctlStructOut(8, func(f *Formatter, b, d []byte) []byte {
			return append(f.appendFlagsArg(append(b, '['), "hdio_ide_nice", le64(d)), ']')
		}),
		"HDIO_SET_NICE": func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
			return f.appendFlagsArg(append(b, ", "...), "hdio_ide_nice", c.Args[2]), ioctlDone
		},
		"HDIO_GET_BUSSTATE": ioctlStructOut(8, func(f *Formatter, b, d []byte) []byte {
			return append(xlat.ByName("hdio_busstates").AppendValue(append(b, '['), le64(d), f.opt.Xlat), ']')
		}),
		"HDIO_SET_BUSSTATE": func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
			return xlat.ByName("hdio_busstates").AppendValue(append(b, ", "...), c.Args[2], f.opt.Xlat), ioctlDone
		},
		"HDIO_GET_IDENTITY":      ioctlCountedOut(512),
		"HDIO_OBSOLETE_IDENTITY": ioctlCountedOut(142),
		"HDIO_DRIVE_CMD":         (*Formatter).ioctlHdioDriveCmd,
	} {
		ioctlHandlers[name] = h
	}
}

// hdGeometrySize is the size of a struct hd_geometry.
const hdGeometrySize = 16

// appendHdGeometry prints a struct hd_geometry.
func appendHdGeometry(f *Formatter, b, d []byte) []byte {
	b = strconv.AppendUint(append(b, "{heads="...), uint64(d[0]), 10)
	b = strconv.AppendUint(append(b, ", sectors="...), uint64(d[1]), 10)
	b = strconv.AppendUint(append(b, ", cylinders="...), uint64(le16(d[2:])), 10)
	b = strconv.AppendUint(append(b, ", start="...), le64(d[8:]), 10)
	return append(b, '}')
}

// ioctlCountedOut is the handler of n bytes the kernel writes, shown at
// exit up to -s as strace's printstrn: read whole (up to -s and one more)
// or not at all.
func ioctlCountedOut(n int) ioctlHandler {
	return func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		if !exiting {
			return b, ioctlAtExit
		}
		return f.appendCountedAt(append(b, ", "...), c.Args[2], ioctlCapture(c, true), 0, n, f.opt.Quote), ioctlDone
	}
}

// appendCountedAt prints the n bytes at addr, which cp holds from offset
// off, as strace's printstr_ex: they are read up to -s and one more, and
// when that fails the address prints.
func (f *Formatter) appendCountedAt(b []byte, addr uint64, cp *decoder.Capture, off, n int, mode quote.Mode) []byte {
	need := min(n, f.opt.StrSize+1)
	if addr == 0 {
		return appendAddr(b, 0)
	}
	if n == 0 {
		return quote.Append(b, nil, false, mode)
	}
	if cp == nil || len(cp.Data) < off+need {
		return appendAddr(b, addr)
	}
	return f.appendCounted(b, cp.Data[off:off+need], n, mode)
}

// ioctlHdioDriveCmd prints HDIO_DRIVE_CMD's struct hd_drive_cmd_hdr at
// enter, and at exit the status the kernel wrote over it, then the
// sectors read.
func (f *Formatter) ioctlHdioDriveCmd(b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	const sectorSize = 512
	cp := ioctlCapture(c, exiting)
	if !exiting {
		b = append(b, ", "...)
		if c.Args[2] == 0 || cp == nil || len(cp.Data) < 4 {
			return appendAddr(b, c.Args[2]), ioctlDone
		}
		d := cp.Data
		b = xlat.ByName("hdio_drive_cmds").AppendValue(append(b, "{command="...), uint64(d[0]), f.opt.Xlat)
		b = strconv.AppendUint(append(b, ", sector_number="...), uint64(d[1]), 10)
		b = strconv.AppendUint(append(b, ", feature="...), uint64(d[2]), 10)
		b = strconv.AppendUint(append(b, ", sector_count="...), uint64(d[3]), 10)
		return append(b, '}'), ioctlAtExit
	}
	if cp == nil || len(cp.Data) < 4 {
		return b, ioctlDone
	}
	d := cp.Data
	b = appendHex(append(b, " => {status="...), uint64(d[0]))
	b = strconv.AppendUint(append(b, ", error="...), uint64(d[1]), 10)
	b = strconv.AppendUint(append(b, ", nsector="...), uint64(d[2]), 10)
	if d[3] != 0 {
		b = f.appendCountedAt(append(b, ", buf="...), c.Args[2]+4, cp, 4, int(d[3])*sectorSize, quote.AllHex)
	}
	return append(b, '}'), ioctlDone
}
