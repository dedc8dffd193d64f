package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/xlat"
)

// The Video4Linux2 requests (type 'V'), as strace 6.1's v4l2.c decodes
// them. What their structs point to (overlay clips, extended controls and
// their strings) the kernel side reads as internal/plan's IoctlPointers
// say.
func init() {
	ioctlFamilies['V'] = true
	for name, h := range map[string]ioctlHandler{
		"VIDIOC_QUERYCAP":            ioctlStructOut(v4l2CapabilitySize, (*Formatter).appendV4l2Capability),
		"VIDIOC_ENUM_FMT":            v4l2Fmtdesc,
		"VIDIOC_G_FMT":               v4l2Format(true),
		"VIDIOC_S_FMT":               v4l2Format(false),
		"VIDIOC_TRY_FMT":             v4l2Format(false),
		"VIDIOC_REQBUFS":             v4l2Reqbufs,
		"VIDIOC_QUERYBUF":            v4l2Buffer(false),
		"VIDIOC_QBUF":                v4l2Buffer(false),
		"VIDIOC_DQBUF":               v4l2Buffer(true),
		"VIDIOC_G_FBUF":              ioctlStructOut(v4l2FramebufferSize, (*Formatter).appendV4l2Framebuffer),
		"VIDIOC_S_FBUF":              ioctlStructIn(v4l2FramebufferSize, (*Formatter).appendV4l2Framebuffer),
		"VIDIOC_STREAMON":            ioctlStructIn(4, (*Formatter).appendV4l2BufTypeRef),
		"VIDIOC_STREAMOFF":           ioctlStructIn(4, (*Formatter).appendV4l2BufTypeRef),
		"VIDIOC_G_PARM":              v4l2Streamparm(true),
		"VIDIOC_S_PARM":              v4l2Streamparm(false),
		"VIDIOC_G_STD":               ioctlStructOut(8, appendStdRef),
		"VIDIOC_S_STD":               ioctlStructIn(8, appendStdRef),
		"VIDIOC_ENUMSTD":             v4l2Standard,
		"VIDIOC_ENUMINPUT":           v4l2Input,
		"VIDIOC_G_CTRL":              v4l2Control(true),
		"VIDIOC_S_CTRL":              v4l2Control(false),
		"VIDIOC_G_TUNER":             v4l2Tuner(true),
		"VIDIOC_S_TUNER":             v4l2Tuner(false),
		"VIDIOC_QUERYCTRL":           v4l2Queryctrl(false),
		"VIDIOC_QUERY_EXT_CTRL":      v4l2Queryctrl(true),
		"VIDIOC_G_INPUT":             ioctlStructOut(4, appendV4l2Input),
		"VIDIOC_S_INPUT":             ioctlStructIn(4, appendV4l2Input),
		"VIDIOC_CROPCAP":             v4l2Cropcap,
		"VIDIOC_G_CROP":              v4l2Crop(true),
		"VIDIOC_S_CROP":              v4l2Crop(false),
		"VIDIOC_S_EXT_CTRLS":         v4l2ExtControls(false),
		"VIDIOC_TRY_EXT_CTRLS":       v4l2ExtControls(false),
		"VIDIOC_G_EXT_CTRLS":         v4l2ExtControls(true),
		"VIDIOC_ENUM_FRAMESIZES":     v4l2Frmsizeenum,
		"VIDIOC_ENUM_FRAMEINTERVALS": v4l2Frmivalenum,
		"VIDIOC_CREATE_BUFS":         v4l2CreateBufs,
	} {
		ioctlHandlers[name] = h
	}
}

// Sizes of linux/videodev2.h's structs (x86_64), and the values strace
// decodes by.
const (
	v4l2CapabilitySize     = 104
	v4l2FmtdescSize        = 64
	v4l2FormatSize         = 208
	v4l2ReqbufsSize        = 20
	v4l2BufferSize         = 88
	v4l2FramebufferSize    = 48
	v4l2StreamparmSize     = 204
	v4l2StandardSize       = 72
	v4l2InputSize          = 80
	v4l2ControlSize        = 8
	v4l2TunerSize          = 84
	v4l2QueryctrlSize      = 68
	v4l2QueryExtCtrlSize   = 232
	v4l2CropcapSize        = 44
	v4l2CropSize           = 20
	v4l2ExtControlsSize    = 32
	v4l2ExtControlSize     = 20
	v4l2FrmsizeenumSize    = 44
	v4l2FrmivalenumSize    = 52
	v4l2CreateBuffersSize  = 256
	v4l2ClipSize           = 24
	v4l2PlanePixFormatSize = 20
	v4l2MemoryMmap         = 1
	v4l2MemoryUserptr      = 2
	v4l2TimestampMask      = 0xe000
	v4l2TstampSrcMask      = 0x70000
	v4l2FrmsizeDiscrete    = 1
	v4l2FrmsizeStepwise    = 3
	v4l2FrmivalDiscrete    = 1
	v4l2FrmivalContinuous  = 2
	v4l2FrmivalStepwise    = 3
	v4l2BufTypeCapture     = 1
	v4l2BufTypeOutput      = 2
)

// ioctlStruct is what the argument points to at enter (or, exiting, at
// exit: nil when the call failed), when size bytes of it could be read.
func ioctlStruct(c *decoder.Call, exiting bool, size int) []byte {
	cp := ioctlCapture(c, exiting)
	if c.Args[2] == 0 || cp == nil || cp.Fault() || len(cp.Data) < size {
		return nil
	}
	return cp.Data
}

// ioctlEnterStruct prints the separator and, when size bytes of the
// struct could be read at enter, returns them; else it prints the
// argument's address (strace's umove_or_printaddr) and returns nil.
func ioctlEnterStruct(b []byte, c *decoder.Call, size int) ([]byte, []byte) {
	b = append(b, ", "...)
	d := ioctlStruct(c, false, size)
	if d == nil {
		b = appendAddr(b, c.Args[2])
	}
	return b, d
}

// ioctlCaptures are the captures of kind the call's argument has at enter
// or at exit, in order.
func ioctlCaptures(c *decoder.Call, exiting bool, kind decoder.CapKind) []*decoder.Capture {
	list := c.Enter
	if exiting {
		list = c.Exit
	}
	var caps []*decoder.Capture
	for i := range list {
		if list[i].Arg == 2 && list[i].Kind == kind {
			caps = append(caps, &list[i])
		}
	}
	return caps
}

// appendIoctlArray prints an array the struct points to as strace's
// print_array: NULL, [], its address when its first element cannot be
// read, "... /* address */" in place of the first that cannot, "..."
// after -s of them (all with -v); it reports whether every element
// printed (or -s of them).
func (f *Formatter) appendIoctlArray(b []byte, addr, count uint64, size int, cp *decoder.Capture, elem func(b []byte, i int, d []byte) []byte) ([]byte, bool) {
	switch {
	case addr == 0:
		return append(b, "NULL"...), false
	case count == 0:
		return append(b, "[]"...), false
	case addr+count*uint64(size) <= addr:
		return appendAddr(b, addr), false
	}
	var data []byte
	if cp != nil && !cp.Fault() {
		data = cp.Data
	}
	for i := uint64(0); i < count; i++ {
		at := addr + i*uint64(size)
		if i > 0 {
			b = append(b, ", "...)
		}
		if uint64(len(data)) < (i+1)*uint64(size) {
			if i == 0 {
				return appendAddr(b, at), false
			}
			b = append(b, "... /* "...)
			return append(appendAddr(b, at), " */]"...), false
		}
		if i == 0 {
			b = append(b, '[')
		}
		if !f.opt.Verbose && i >= uint64(f.opt.StrSize) {
			b = append(b, "..."...)
			break
		}
		b = elem(b, int(i), data[i*uint64(size):(i+1)*uint64(size)])
	}
	return append(b, ']'), true
}

// appendFourcc prints a pixel format as strace's print_pixelformat:
// v4l2_fourcc('Y', 'U', 'Y', 'V') /* V4L2_PIX_FMT_YUYV */, in hex under
// -X raw.
func (f *Formatter) appendFourcc(b []byte, v uint32, table string) []byte {
	if f.opt.Xlat == xlat.Raw {
		return appendHex(b, uint64(v))
	}
	b = append(b, "v4l2_fourcc("...)
	for i := range 4 {
		if i > 0 {
			b = append(b, ", "...)
		}
		c := byte(v >> (8 * i))
		b = append(b, '\'')
		switch {
		case c == '\'' || c == '\\':
			b = append(b, '\\', c)
		case c >= ' ' && c < 0x7f:
			b = append(b, c)
		default:
			b = append(b, '\\', 'x', "0123456789abcdef"[c>>4], "0123456789abcdef"[c&0xf])
		}
		b = append(b, '\'')
	}
	b = append(b, ')')
	if name, ok := xlat.ByName(table).Name(uint64(v)); ok {
		b = append(append(append(b, " /* "...), name...), " */"...)
	}
	return b
}

// appendV4l2Rect prints a struct v4l2_rect.
func appendV4l2Rect(b, d []byte) []byte {
	b = strconv.AppendInt(append(b, "{left="...), int64(int32(le32(d))), 10)
	b = strconv.AppendInt(append(b, ", top="...), int64(int32(le32(d[4:]))), 10)
	b = strconv.AppendUint(append(b, ", width="...), uint64(le32(d[8:])), 10)
	b = strconv.AppendUint(append(b, ", height="...), uint64(le32(d[12:])), 10)
	return append(b, '}')
}

// appendFract prints a struct v4l2_fract: 1/30.
func appendFract(b, d []byte) []byte {
	b = strconv.AppendUint(b, uint64(le32(d)), 10)
	return strconv.AppendUint(append(b, '/'), uint64(le32(d[4:])), 10)
}

// appendU32s prints n __u32 of d as an array, in decimal.
func (f *Formatter) appendU32s(b, d []byte, n int) []byte {
	return f.appendLocalArray(b, d, n, 4, func(b, e []byte) []byte { return strconv.AppendUint(b, uint64(le32(e)), 10) })
}

// appendV4l2Value prints v by table in -X's style.
func (f *Formatter) appendV4l2Value(b []byte, table string, v uint32) []byte {
	return xlat.ByName(table).AppendValue(b, uint64(v), f.opt.Xlat)
}

// appendV4l2Version prints a kernel version as strace's
// print_kernel_version: KERNEL_VERSION(5, 10, 0).
func (f *Formatter) appendV4l2Version(b []byte, v uint32) []byte {
	kv := func(b []byte) []byte {
		b = strconv.AppendUint(append(b, "KERNEL_VERSION("...), uint64(v>>16), 10)
		b = strconv.AppendUint(append(b, ", "...), uint64(v>>8&0xff), 10)
		b = strconv.AppendUint(append(b, ", "...), uint64(v&0xff), 10)
		return append(b, ')')
	}
	switch f.opt.Xlat {
	case xlat.Raw:
		return appendHex(b, uint64(v))
	case xlat.Verbose:
		return append(kv(append(appendHex(b, uint64(v)), " /* "...)), " */"...)
	}
	return kv(b)
}

// appendV4l2Capability prints a struct v4l2_capability.
func (f *Formatter) appendV4l2Capability(b, d []byte) []byte {
	b = f.appendCString(append(b, "{driver="...), d[:16])
	b = f.appendCString(append(b, ", card="...), d[16:48])
	b = f.appendCString(append(b, ", bus_info="...), d[48:80])
	b = f.appendV4l2Version(append(b, ", version="...), le32(d[80:]))
	b = f.appendFlagsArg(append(b, ", capabilities="...), "v4l2_device_capabilities_flags", uint64(le32(d[84:])))
	if dc := le32(d[88:]); dc != 0 {
		b = f.appendFlagsArg(append(b, ", device_caps="...), "v4l2_device_capabilities_flags", uint64(dc))
	}
	return append(b, '}')
}

// v4l2Fmtdesc decodes VIDIOC_ENUM_FMT: index and type at enter, the
// format at exit.
var v4l2Fmtdesc ioctlHandler = func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	if !exiting {
		b, d := ioctlEnterStruct(b, c, v4l2FmtdescSize)
		if d == nil {
			return b, ioctlDone
		}
		b = strconv.AppendUint(append(b, "{index="...), uint64(le32(d)), 10)
		return f.appendV4l2Value(append(b, ", type="...), "v4l2_buf_types", le32(d[4:])), ioctlAtExit
	}
	if d := ioctlStruct(c, true, v4l2FmtdescSize); d != nil {
		b = f.appendFlagsArg(append(b, ", flags="...), "v4l2_format_description_flags", uint64(le32(d[8:])))
		b = f.appendCString(append(b, ", description="...), d[12:44])
		b = f.appendFourcc(append(b, ", pixelformat="...), le32(d[44:]), "v4l2_pix_fmts")
	}
	return append(b, '}'), ioctlDone
}

// appendV4l2Fmt prints the union of a struct v4l2_format of type typ
// (fmt, its bytes) after prefix, as strace's print_v4l2_format_fmt: nothing
// for a type it does not know (false), else whether the overlay clips
// printed whole. exiting says which captures hold the clips.
func (f *Formatter) appendV4l2Fmt(b []byte, prefix string, typ uint32, fmt []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	ok := true
	switch typ {
	case 1, 2: // V4L2_BUF_TYPE_VIDEO_CAPTURE, _OUTPUT
		b = strconv.AppendUint(append(b, prefix+"fmt.pix={width="...), uint64(le32(fmt)), 10)
		b = strconv.AppendUint(append(b, ", height="...), uint64(le32(fmt[4:])), 10)
		b = f.appendFourcc(append(b, ", pixelformat="...), le32(fmt[8:]), "v4l2_pix_fmts")
		b = f.appendV4l2Value(append(b, ", field="...), "v4l2_fields", le32(fmt[12:]))
		b = strconv.AppendUint(append(b, ", bytesperline="...), uint64(le32(fmt[16:])), 10)
		b = strconv.AppendUint(append(b, ", sizeimage="...), uint64(le32(fmt[20:])), 10)
		b = f.appendV4l2Value(append(b, ", colorspace="...), "v4l2_colorspaces", le32(fmt[24:]))
	case 9, 10: // _VIDEO_CAPTURE_MPLANE, _VIDEO_OUTPUT_MPLANE
		b = strconv.AppendUint(append(b, prefix+"fmt.pix_mp={width="...), uint64(le32(fmt)), 10)
		b = strconv.AppendUint(append(b, ", height="...), uint64(le32(fmt[4:])), 10)
		b = f.appendFourcc(append(b, ", pixelformat="...), le32(fmt[8:]), "v4l2_pix_fmts")
		b = f.appendV4l2Value(append(b, ", field="...), "v4l2_fields", le32(fmt[12:]))
		b = f.appendV4l2Value(append(b, ", colorspace="...), "v4l2_colorspaces", le32(fmt[16:]))
		planes := int(fmt[180])
		b = f.appendLocalArray(append(b, ", plane_fmt="...), fmt[20:], min(planes, 8), v4l2PlanePixFormatSize, func(b, p []byte) []byte {
			b = strconv.AppendUint(append(b, "{sizeimage="...), uint64(le32(p)), 10)
			b = strconv.AppendUint(append(b, ", bytesperline="...), uint64(le32(p[4:])), 10)
			return append(b, '}')
		})
		b = strconv.AppendUint(append(b, ", num_planes="...), uint64(planes), 10)
	case 3, 8: // _VIDEO_OVERLAY, _VIDEO_OUTPUT_OVERLAY
		b = appendV4l2Rect(append(b, prefix+"fmt.win={w="...), fmt)
		b = f.appendV4l2Value(append(b, ", field="...), "v4l2_fields", le32(fmt[16:]))
		b = appendHex(append(b, ", chromakey="...), uint64(le32(fmt[20:])))
		var cp *decoder.Capture
		if caps := ioctlCaptures(c, exiting, decoder.CapIoctlArray); len(caps) > 0 {
			cp = caps[0]
		}
		b, ok = f.appendIoctlArray(append(b, ", clips="...), le64(fmt[24:]), uint64(le32(fmt[32:])), v4l2ClipSize, cp,
			func(b []byte, _ int, d []byte) []byte { return append(appendV4l2Rect(append(b, "{c="...), d), '}') })
		b = strconv.AppendUint(append(b, ", clipcount="...), uint64(le32(fmt[32:])), 10)
		b = appendAddr(append(b, ", bitmap="...), le64(fmt[40:]))
		if a := fmt[48]; a != 0 {
			b = appendHex(append(b, ", global_alpha="...), uint64(a))
		}
	case 4, 5: // _VBI_CAPTURE, _VBI_OUTPUT
		b = strconv.AppendUint(append(b, prefix+"fmt.vbi={sampling_rate="...), uint64(le32(fmt)), 10)
		b = strconv.AppendUint(append(b, ", offset="...), uint64(le32(fmt[4:])), 10)
		b = strconv.AppendUint(append(b, ", samples_per_line="...), uint64(le32(fmt[8:])), 10)
		b = f.appendFourcc(append(b, ", sample_format="...), le32(fmt[12:]), "v4l2_pix_fmts")
		b = strconv.AppendInt(append(b, ", start=["...), int64(int32(le32(fmt[16:]))), 10)
		b = strconv.AppendInt(append(b, ", "...), int64(int32(le32(fmt[20:]))), 10)
		b = f.appendU32s(append(b, "], count="...), fmt[24:], 2)
		b = f.appendFlagsArg(append(b, ", flags="...), "v4l2_vbi_flags", uint64(le32(fmt[32:])))
	case 6, 7: // _SLICED_VBI_CAPTURE, _SLICED_VBI_OUTPUT
		b = f.appendFlagsArg(append(b, prefix+"fmt.sliced={service_set="...), "v4l2_sliced_flags", uint64(le16(fmt)))
		b = f.appendLocalArray(append(b, ", service_lines="...), fmt[2:], 2, 48, func(b, l []byte) []byte {
			return f.appendLocalArray(b, l, 24, 2, func(b, e []byte) []byte { return appendHex(b, uint64(le16(e))) })
		})
		b = strconv.AppendUint(append(b, ", io_size="...), uint64(le32(fmt[100:])), 10)
	case 11, 12: // _SDR_CAPTURE, _SDR_OUTPUT
		b = f.appendFourcc(append(b, prefix+"fmt.sdr={pixelformat="...), le32(fmt), "v4l2_sdr_fmts")
		if n := le32(fmt[4:]); n != 0 {
			b = strconv.AppendUint(append(b, ", buffersize="...), uint64(n), 10)
		}
	case 13, 14: // _META_CAPTURE, _META_OUTPUT
		b = f.appendFourcc(append(b, prefix+"fmt.meta={dataformat="...), le32(fmt), "v4l2_meta_fmts")
		b = strconv.AppendUint(append(b, ", buffersize="...), uint64(le32(fmt[4:])), 10)
	default:
		return b, false
	}
	return append(b, '}'), ok
}

// v4l2Format decodes VIDIOC_G_FMT (get), VIDIOC_S_FMT and VIDIOC_TRY_FMT:
// the type at enter, and for the setters the format; the format at exit,
// after " => " for the setters.
func v4l2Format(get bool) ioctlHandler {
	return func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		if !exiting {
			b, d := ioctlEnterStruct(b, c, v4l2FormatSize)
			if d == nil {
				return b, ioctlDone
			}
			b = f.appendV4l2Value(append(b, "{type="...), "v4l2_buf_types", le32(d))
			if get {
				return b, ioctlAtExit
			}
			b, ok := f.appendV4l2Fmt(b, ", ", le32(d), d[8:], c, false)
			if !ok {
				return append(b, '}'), ioctlDone
			}
			return b, ioctlAtExit
		}
		if d := ioctlStruct(c, true, v4l2FormatSize); d != nil {
			prefix := ", "
			if !get {
				prefix = "} => {"
			}
			b, _ = f.appendV4l2Fmt(b, prefix, le32(d), d[8:], c, true)
		}
		return append(b, '}'), ioctlDone
	}
}

// v4l2Reqbufs decodes VIDIOC_REQBUFS: count => the count granted.
var v4l2Reqbufs ioctlHandler = func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	if !exiting {
		b, d := ioctlEnterStruct(b, c, v4l2ReqbufsSize)
		if d == nil {
			return b, ioctlDone
		}
		b = f.appendV4l2Value(append(b, "{type="...), "v4l2_buf_types", le32(d[4:]))
		b = f.appendV4l2Value(append(b, ", memory="...), "v4l2_memories", le32(d[8:]))
		return strconv.AppendUint(append(b, ", count="...), uint64(le32(d)), 10), ioctlAtExit
	}
	if d := ioctlStruct(c, true, v4l2ReqbufsSize); d != nil {
		b = strconv.AppendUint(append(b, " => "...), uint64(le32(d)), 10)
	}
	return append(b, '}'), ioctlDone
}

// appendV4l2BufFlags prints a struct v4l2_buffer's flags as strace's
// print_v4l2_buffer_flags: the flags, then the timestamp type and source.
func (f *Formatter) appendV4l2BufFlags(b []byte, v uint32) []byte {
	if f.opt.Xlat == xlat.Raw {
		return appendHex(b, uint64(v))
	}
	tsType, tsSrc := v&v4l2TimestampMask, v&v4l2TstampSrcMask
	if flags := v &^ (tsType | tsSrc); flags != 0 {
		b = append(f.appendFlagsArg(b, "v4l2_buf_flags", uint64(flags)), '|')
	}
	b = append(f.appendV4l2Value(b, "v4l2_buf_flags_ts_type", tsType), '|')
	return f.appendV4l2Value(b, "v4l2_buf_flags_ts_src", tsSrc)
}

// v4l2Buffer decodes VIDIOC_QUERYBUF, VIDIOC_QBUF and VIDIOC_DQBUF (dq):
// type and index at enter (dq: the index at exit), the buffer at exit.
func v4l2Buffer(dq bool) ioctlHandler {
	return func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		if !exiting {
			b, d := ioctlEnterStruct(b, c, v4l2BufferSize)
			if d == nil {
				return b, ioctlDone
			}
			b = f.appendV4l2Value(append(b, "{type="...), "v4l2_buf_types", le32(d[4:]))
			if !dq {
				b = strconv.AppendUint(append(b, ", index="...), uint64(le32(d)), 10)
			}
			return b, ioctlAtExit
		}
		if d := ioctlStruct(c, true, v4l2BufferSize); d != nil {
			if dq {
				b = strconv.AppendUint(append(b, ", index="...), uint64(le32(d)), 10)
			}
			memory := le32(d[60:])
			b = f.appendV4l2Value(append(b, ", memory="...), "v4l2_memories", memory)
			switch memory {
			case v4l2MemoryMmap:
				b = appendHex(append(b, ", m.offset="...), uint64(le32(d[64:])))
			case v4l2MemoryUserptr:
				b = appendAddr(append(b, ", m.userptr="...), le64(d[64:]))
			}
			b = strconv.AppendUint(append(b, ", length="...), uint64(le32(d[72:])), 10)
			b = strconv.AppendUint(append(b, ", bytesused="...), uint64(le32(d[8:])), 10)
			b = f.appendV4l2BufFlags(append(b, ", flags="...), le32(d[12:]))
			if dq {
				b = appendTimeval(append(b, ", timestamp="...), d[24:40])
			}
			b = append(b, ", ..."...)
		}
		return append(b, '}'), ioctlDone
	}
}

// appendV4l2Framebuffer prints a struct v4l2_framebuffer.
func (f *Formatter) appendV4l2Framebuffer(b, d []byte) []byte {
	b = appendHex(append(b, "{capability="...), uint64(le32(d)))
	b = appendHex(append(b, ", flags="...), uint64(le32(d[4:])))
	return append(appendAddr(append(b, ", base="...), le64(d[8:])), '}')
}

// appendV4l2BufTypeRef prints the buffer type an int points to.
func (f *Formatter) appendV4l2BufTypeRef(b, d []byte) []byte {
	return append(f.appendV4l2Value(append(b, '['), "v4l2_buf_types", le32(d)), ']')
}

// appendStdRef prints the v4l2_std_id a pointer points to: [0xb000].
func appendStdRef(f *Formatter, b, d []byte) []byte {
	return append(appendHex(append(b, '['), le64(d)), ']')
}

// appendV4l2Input prints the input number a pointer points to: [3].
func appendV4l2Input(f *Formatter, b, d []byte) []byte { return appendUintRef(b, d) }

// appendV4l2Parm prints a struct v4l2_streamparm's parm: capture for
// V4L2_BUF_TYPE_VIDEO_CAPTURE, else output.
func (f *Formatter) appendV4l2Parm(b []byte, d []byte) []byte {
	mode, buffers := "parm.output={capability=", ", writebuffers="
	modeName := ", outputmode="
	if le32(d) == v4l2BufTypeCapture {
		mode, buffers, modeName = "parm.capture={capability=", ", readbuffers=", ", capturemode="
	}
	b = f.appendFlagsArg(append(b, mode...), "v4l2_streaming_capabilities", uint64(le32(d[4:])))
	b = f.appendFlagsArg(append(b, modeName...), "v4l2_capture_modes", uint64(le32(d[8:])))
	b = appendFract(append(b, ", timeperframe="...), d[12:])
	b = appendHex(append(b, ", extendedmode="...), uint64(le32(d[20:])))
	b = strconv.AppendUint(append(b, buffers...), uint64(le32(d[24:])), 10)
	return append(b, '}')
}

// v4l2Streamparm decodes VIDIOC_G_PARM (get) and VIDIOC_S_PARM, whose
// parameters print for the video capture and output types only.
func v4l2Streamparm(get bool) ioctlHandler {
	return func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		if !exiting {
			b, d := ioctlEnterStruct(b, c, v4l2StreamparmSize)
			if d == nil {
				return b, ioctlDone
			}
			typ := le32(d)
			b = f.appendV4l2Value(append(b, "{type="...), "v4l2_buf_types", typ)
			if typ != v4l2BufTypeCapture && typ != v4l2BufTypeOutput {
				return append(b, '}'), ioctlDone
			}
			if get {
				return b, ioctlAtExit
			}
			return f.appendV4l2Parm(append(b, ", "...), d), ioctlAtExit
		}
		d := ioctlStruct(c, true, v4l2StreamparmSize)
		if d == nil {
			return append(b, '}'), ioctlDone
		}
		if get {
			b = append(b, ", "...)
		} else {
			b = append(b, "} => {"...)
		}
		return append(f.appendV4l2Parm(b, d), '}'), ioctlDone
	}
}

// v4l2Standard decodes VIDIOC_ENUMSTD: the index, then the standard.
var v4l2Standard ioctlHandler = func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	if !exiting {
		b, d := ioctlEnterStruct(b, c, v4l2StandardSize)
		if d == nil {
			return b, ioctlDone
		}
		return strconv.AppendUint(append(b, "{index="...), uint64(le32(d)), 10), ioctlAtExit
	}
	if d := ioctlStruct(c, true, v4l2StandardSize); d != nil {
		b = f.appendCString(append(b, ", name="...), d[16:40])
		b = appendFract(append(b, ", frameperiod="...), d[40:])
		b = strconv.AppendUint(append(b, ", framelines="...), uint64(le32(d[48:])), 10)
	}
	return append(b, '}'), ioctlDone
}

// v4l2Input decodes VIDIOC_ENUMINPUT: the index, then the input.
var v4l2Input ioctlHandler = func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	if !exiting {
		b, d := ioctlEnterStruct(b, c, v4l2InputSize)
		if d == nil {
			return b, ioctlDone
		}
		return strconv.AppendUint(append(b, "{index="...), uint64(le32(d)), 10), ioctlAtExit
	}
	if d := ioctlStruct(c, true, v4l2InputSize); d != nil {
		b = f.appendCString(append(b, ", name="...), d[4:36])
		b = f.appendV4l2Value(append(b, ", type="...), "v4l2_input_types", le32(d[36:]))
	}
	return append(b, '}'), ioctlDone
}

// appendV4l2Cid prints a control id as strace's print_v4l2_cid: with next,
// the V4L2_CTRL_FLAG_NEXT_* flags first; its name, else its class and the
// offset in it (V4L2_CTRL_CLASS_USER+0x10), else "0x... /* V4L2_CID_??? */".
func (f *Formatter) appendV4l2Cid(b []byte, cid uint32, next bool) []byte {
	if f.opt.Xlat == xlat.Raw {
		return appendHex(b, uint64(cid))
	}
	if next {
		nf := xlat.ByName("v4l2_control_query_flags")
		var mask uint32
		for _, v := range nf.Values {
			mask |= uint32(v.Val)
		}
		if flags := cid & mask; flags != 0 {
			b = append(nf.AppendFlags(b, uint64(flags), f.opt.Xlat), '|')
			cid &^= flags
		}
	}
	ids := xlat.ByName("v4l2_control_ids")
	if _, ok := ids.Name(uint64(cid)); ok {
		return ids.AppendValue(b, uint64(cid), f.opt.Xlat)
	}
	var class uint64
	className := ""
	for _, v := range xlat.ByName("v4l2_control_classes").Values {
		if v.Val <= uint64(cid) && v.Val >= class && (className == "" || v.Val > class) {
			class, className = v.Val, v.Name
		}
	}
	if className == "" || uint64(cid)-class >= 0x10000 {
		return ids.AppendValue(b, uint64(cid), f.opt.Xlat)
	}
	name := className + "+" + string(appendHex(nil, uint64(cid)-class))
	return xlat.AppendNamed(b, name, func(b []byte) []byte { return appendHex(b, uint64(cid)) }, f.opt.Xlat)
}

// v4l2Control decodes VIDIOC_G_CTRL (get) and VIDIOC_S_CTRL.
func v4l2Control(get bool) ioctlHandler {
	return func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		if !exiting {
			b, d := ioctlEnterStruct(b, c, v4l2ControlSize)
			if d == nil {
				return b, ioctlDone
			}
			b = f.appendV4l2Cid(append(b, "{id="...), le32(d), false)
			if !get {
				b = strconv.AppendInt(append(b, ", value="...), int64(int32(le32(d[4:]))), 10)
			}
			return b, ioctlAtExit
		}
		if d := ioctlStruct(c, true, v4l2ControlSize); d != nil {
			if get {
				b = append(b, ", value="...)
			} else {
				b = append(b, " => "...)
			}
			b = strconv.AppendInt(b, int64(int32(le32(d[4:]))), 10)
		}
		return append(b, '}'), ioctlDone
	}
}

// appendV4l2TunerBody prints a struct v4l2_tuner after its index.
func (f *Formatter) appendV4l2TunerBody(b, d []byte) []byte {
	b = f.appendCString(append(b, "name="...), d[4:36])
	b = f.appendV4l2Value(append(b, ", type="...), "v4l2_tuner_types", le32(d[36:]))
	b = f.appendFlagsArg(append(b, ", capability="...), "v4l2_tuner_capabilities", uint64(le32(d[40:])))
	b = strconv.AppendUint(append(b, ", rangelow="...), uint64(le32(d[44:])), 10)
	b = strconv.AppendUint(append(b, ", rangehigh="...), uint64(le32(d[48:])), 10)
	b = f.appendFlagsArg(append(b, ", rxsubchans="...), "v4l2_tuner_rxsubchanses", uint64(le32(d[52:])))
	b = f.appendV4l2Value(append(b, ", audmode="...), "v4l2_tuner_audmodes", le32(d[56:]))
	b = strconv.AppendInt(append(b, ", signal="...), int64(int32(le32(d[60:]))), 10)
	return strconv.AppendInt(append(b, ", afc="...), int64(int32(le32(d[64:]))), 10)
}

// v4l2Tuner decodes VIDIOC_G_TUNER (get) and VIDIOC_S_TUNER.
func v4l2Tuner(get bool) ioctlHandler {
	return func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		if !exiting {
			b, d := ioctlEnterStruct(b, c, v4l2TunerSize)
			if d == nil {
				return b, ioctlDone
			}
			b = strconv.AppendUint(append(b, "{index="...), uint64(le32(d)), 10)
			if get {
				return b, ioctlAtExit
			}
			return f.appendV4l2TunerBody(append(b, ", "...), d), ioctlAtExit
		}
		d := ioctlStruct(c, true, v4l2TunerSize)
		if d == nil {
			return append(b, '}'), ioctlDone
		}
		if get {
			b = append(b, ", "...)
		} else {
			b = append(b, "} => {"...)
		}
		return append(f.appendV4l2TunerBody(b, d), '}'), ioctlDone
	}
}

// v4l2Queryctrl decodes VIDIOC_QUERYCTRL and (ext) VIDIOC_QUERY_EXT_CTRL:
// the id at enter (with the NEXT flags), at exit the id the kernel
// found when another, and the control; its limits only with -v.
func v4l2Queryctrl(ext bool) ioctlHandler {
	size := v4l2QueryctrlSize
	if ext {
		size = v4l2QueryExtCtrlSize
	}
	return func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		if !exiting {
			b, d := ioctlEnterStruct(b, c, size)
			if d == nil {
				return b, ioctlDone
			}
			return f.appendV4l2Cid(append(b, "{id="...), le32(d), true), ioctlAtExit
		}
		d := ioctlStruct(c, true, size)
		if d == nil {
			return append(b, '}'), ioctlDone
		}
		if in := ioctlStruct(c, false, size); in != nil && le32(in) != le32(d) {
			b = f.appendV4l2Cid(append(b, " => "...), le32(d), false)
		}
		b = f.appendV4l2Value(append(b, ", type="...), "v4l2_control_types", le32(d[4:]))
		b = f.appendCString(append(b, ", name="...), d[8:40])
		if !f.opt.Verbose {
			return append(b, ", ...}"...), ioctlDone
		}
		if !ext {
			for i, name := range [...]string{", minimum=", ", maximum=", ", step=", ", default_value="} {
				b = strconv.AppendInt(append(b, name...), int64(int32(le32(d[40+4*i:]))), 10)
			}
			b = f.appendFlagsArg(append(b, ", flags="...), "v4l2_control_flags", uint64(le32(d[56:])))
			b = f.appendRsv(b, "reserved", d[60:68])
			return append(b, '}'), ioctlDone
		}
		b = strconv.AppendInt(append(b, ", minimum="...), int64(le64(d[40:])), 10)
		b = strconv.AppendInt(append(b, ", maximum="...), int64(le64(d[48:])), 10)
		b = strconv.AppendUint(append(b, ", step="...), le64(d[56:]), 10)
		b = strconv.AppendInt(append(b, ", default_value="...), int64(le64(d[64:])), 10)
		b = f.appendFlagsArg(append(b, ", flags="...), "v4l2_control_flags", uint64(le32(d[72:])))
		b = strconv.AppendUint(append(b, ", elem_size="...), uint64(le32(d[76:])), 10)
		b = strconv.AppendUint(append(b, ", elems="...), uint64(le32(d[80:])), 10)
		dims := le32(d[84:])
		b = strconv.AppendUint(append(b, ", nr_of_dims="...), uint64(dims), 10)
		b = f.appendU32s(append(b, ", dims="...), d[88:], int(min(dims, 4)))
		b = f.appendRsv(b, "reserved", d[104:232])
		return append(b, '}'), ioctlDone
	}
}

// v4l2Cropcap decodes VIDIOC_CROPCAP: the type, then the capabilities.
var v4l2Cropcap ioctlHandler = func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	if !exiting {
		b, d := ioctlEnterStruct(b, c, v4l2CropcapSize)
		if d == nil {
			return b, ioctlDone
		}
		return f.appendV4l2Value(append(b, "{type="...), "v4l2_buf_types", le32(d)), ioctlAtExit
	}
	if d := ioctlStruct(c, true, v4l2CropcapSize); d != nil {
		b = appendV4l2Rect(append(b, ", bounds="...), d[4:])
		b = appendV4l2Rect(append(b, ", defrect="...), d[20:])
		b = appendFract(append(b, ", pixelaspect="...), d[36:])
	}
	return append(b, '}'), ioctlDone
}

// v4l2Crop decodes VIDIOC_G_CROP (get) and VIDIOC_S_CROP.
func v4l2Crop(get bool) ioctlHandler {
	return func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		if !exiting {
			b, d := ioctlEnterStruct(b, c, v4l2CropSize)
			if d == nil {
				return b, ioctlDone
			}
			b = f.appendV4l2Value(append(b, "{type="...), "v4l2_buf_types", le32(d))
			if get {
				return b, ioctlAtExit
			}
			return append(appendV4l2Rect(append(b, ", c="...), d[4:]), '}'), ioctlDone
		}
		if d := ioctlStruct(c, true, v4l2CropSize); d != nil {
			b = appendV4l2Rect(append(b, ", c="...), d[4:])
		}
		return append(b, '}'), ioctlDone
	}
}

// appendV4l2ExtControls prints the controls array of a struct
// v4l2_ext_controls d, each control's string from the buffer captures.
func (f *Formatter) appendV4l2ExtControls(b []byte, c *decoder.Call, exiting bool, d []byte) ([]byte, bool) {
	var cp *decoder.Capture
	if caps := ioctlCaptures(c, exiting, decoder.CapIoctlArray); len(caps) > 0 {
		cp = caps[0]
	}
	bufs := ioctlCaptures(c, exiting, decoder.CapIoctlElemBuf)
	return f.appendIoctlArray(append(b, "controls="...), le64(d[24:]), uint64(le32(d[4:])), v4l2ExtControlSize, cp,
		func(b []byte, _ int, e []byte) []byte {
			b = f.appendV4l2Value(append(b, "{id="...), "v4l2_control_ids", le32(e))
			size := le32(e[4:])
			b = strconv.AppendUint(append(b, ", size="...), uint64(size), 10)
			if size == 0 {
				b = strconv.AppendInt(append(b, ", value="...), int64(int32(le32(e[12:]))), 10)
				b = strconv.AppendInt(append(b, ", value64="...), int64(le64(e[12:])), 10)
				return append(b, '}')
			}
			b = append(b, ", string="...)
			var buf *decoder.Capture
			if len(bufs) > 0 {
				buf, bufs = bufs[0], bufs[1:]
			}
			switch addr := le64(e[12:]); {
			case addr == 0:
				b = append(b, "NULL"...)
			case buf == nil || buf.Fault():
				b = appendAddr(b, addr)
			default:
				b = quote.Append(b, buf.Data, uint64(size) > uint64(len(buf.Data)), f.opt.Quote)
			}
			return append(b, '}')
		})
}

// v4l2ExtControls decodes VIDIOC_S_EXT_CTRLS, VIDIOC_TRY_EXT_CTRLS and
// VIDIOC_G_EXT_CTRLS (get): class, count and (but get) the controls at
// enter; at exit the controls as the kernel left them, failed or not, and
// on failure the index of the control that failed.
func v4l2ExtControls(get bool) ioctlHandler {
	return func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		if !exiting {
			b, d := ioctlEnterStruct(b, c, v4l2ExtControlsSize)
			if d == nil {
				return b, ioctlDone
			}
			b = f.appendV4l2Value(append(b, "{ctrl_class="...), "v4l2_control_classes", le32(d))
			b = strconv.AppendUint(append(b, ", count="...), uint64(le32(d[4:])), 10)
			if le32(d[4:]) == 0 {
				return append(b, '}'), ioctlDone
			}
			if get {
				return b, ioctlAtExit
			}
			b, ok := f.appendV4l2ExtControls(append(b, ", "...), c, false, d)
			if !ok {
				return append(b, '}'), ioctlDone
			}
			return b, ioctlAtExit
		}
		// read whether the call failed or not
		cp := c.Capture(2, decoder.CapIoctlOut)
		if cp == nil || cp.Fault() || len(cp.Data) < v4l2ExtControlsSize {
			return append(b, '}'), ioctlDone
		}
		d := cp.Data
		if get {
			b = append(b, ", "...)
		} else {
			b = append(b, "} => {"...)
		}
		b, _ = f.appendV4l2ExtControls(b, c, true, d)
		if c.Failed() {
			b = strconv.AppendUint(append(b, ", error_idx="...), uint64(le32(d[8:])), 10)
		}
		return append(b, '}'), ioctlDone
	}
}

// v4l2Frmsizeenum decodes VIDIOC_ENUM_FRAMESIZES.
var v4l2Frmsizeenum ioctlHandler = func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	if !exiting {
		b, d := ioctlEnterStruct(b, c, v4l2FrmsizeenumSize)
		if d == nil {
			return b, ioctlDone
		}
		b = strconv.AppendUint(append(b, "{index="...), uint64(le32(d)), 10)
		return f.appendFourcc(append(b, ", pixel_format="...), le32(d[4:]), "v4l2_pix_fmts"), ioctlAtExit
	}
	if d := ioctlStruct(c, true, v4l2FrmsizeenumSize); d != nil {
		typ := le32(d[8:])
		b = f.appendV4l2Value(append(b, ", type="...), "v4l2_framesize_types", typ)
		switch typ {
		case v4l2FrmsizeDiscrete:
			b = strconv.AppendUint(append(b, ", discrete={width="...), uint64(le32(d[12:])), 10)
			b = strconv.AppendUint(append(b, ", height="...), uint64(le32(d[16:])), 10)
			b = append(b, '}')
		case v4l2FrmsizeStepwise:
			for i, name := range [...]string{", stepwise={min_width=", ", max_width=", ", step_width=",
				", min_height=", ", max_height=", ", step_height="} {
				b = strconv.AppendUint(append(b, name...), uint64(le32(d[12+4*i:])), 10)
			}
			b = append(b, '}')
		}
	}
	return append(b, '}'), ioctlDone
}

// v4l2Frmivalenum decodes VIDIOC_ENUM_FRAMEINTERVALS.
var v4l2Frmivalenum ioctlHandler = func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	if !exiting {
		b, d := ioctlEnterStruct(b, c, v4l2FrmivalenumSize)
		if d == nil {
			return b, ioctlDone
		}
		b = strconv.AppendUint(append(b, "{index="...), uint64(le32(d)), 10)
		b = f.appendFourcc(append(b, ", pixel_format="...), le32(d[4:]), "v4l2_pix_fmts")
		b = strconv.AppendUint(append(b, ", width="...), uint64(le32(d[8:])), 10)
		return strconv.AppendUint(append(b, ", height="...), uint64(le32(d[12:])), 10), ioctlAtExit
	}
	if d := ioctlStruct(c, true, v4l2FrmivalenumSize); d != nil {
		typ := le32(d[16:])
		b = f.appendV4l2Value(append(b, ", type="...), "v4l2_frameinterval_types", typ)
		switch typ {
		case v4l2FrmivalDiscrete:
			b = appendFract(append(b, ", discrete="...), d[20:])
		case v4l2FrmivalStepwise, v4l2FrmivalContinuous:
			b = appendFract(append(b, ", stepwise={min="...), d[20:])
			b = appendFract(append(b, ", max="...), d[28:])
			b = append(appendFract(append(b, ", step="...), d[36:]), '}')
		}
	}
	return append(b, '}'), ioctlDone
}

// v4l2CreateBufs decodes VIDIOC_CREATE_BUFS at enter; returnIoctl prints
// what the kernel gave, after the return value.
var v4l2CreateBufs ioctlHandler = func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	if exiting {
		return b, ioctlDone
	}
	b, d := ioctlEnterStruct(b, c, v4l2CreateBuffersSize)
	if d == nil {
		return b, ioctlDone
	}
	b = strconv.AppendUint(append(b, "{count="...), uint64(le32(d[4:])), 10)
	b = f.appendV4l2Value(append(b, ", memory="...), "v4l2_memories", le32(d[8:]))
	b = f.appendV4l2Value(append(b, ", format={type="...), "v4l2_buf_types", le32(d[16:]))
	b, _ = f.appendV4l2Fmt(b, ", ", le32(d[16:]), d[24:], c, false)
	return append(b, "}}"...), ioctlAtExit
}

// appendV4l2CreateBufsRet prints what VIDIOC_CREATE_BUFS returned
// besides its value: ({index=0, count=2}).
func appendV4l2CreateBufsRet(b []byte, c *decoder.Call) []byte {
	d := ioctlStruct(c, true, v4l2CreateBuffersSize)
	if d == nil {
		return b
	}
	b = strconv.AppendUint(append(b, " ({index="...), uint64(le32(d)), 10)
	b = strconv.AppendUint(append(b, ", count="...), uint64(le32(d[4:])), 10)
	return append(b, "})"...)
}
