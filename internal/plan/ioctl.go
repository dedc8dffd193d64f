package plan

import (
	"github.com/gotrace/gotrace/bpf"
	"github.com/gotrace/gotrace/internal/xlat"
)

// Layouts of the V4L2 structs whose pointers strace follows
// (linux/videodev2.h, x86_64).
const (
	v4l2FmtTypes       = 1<<3 | 1<<8 // V4L2_BUF_TYPE_VIDEO_OVERLAY, V4L2_BUF_TYPE_VIDEO_OUTPUT_OVERLAY: a struct v4l2_window
	v4l2WindowClips    = 8 + 24      // struct v4l2_format's fmt.win.clips
	v4l2WindowCount    = 8 + 32      // and fmt.win.clipcount
	v4l2ClipSize       = 24          // struct v4l2_clip
	v4l2CreateFormat   = 16          // struct v4l2_create_buffers's format
	v4l2ExtControls    = 24          // struct v4l2_ext_controls's controls
	v4l2ExtCount       = 4           // and count
	v4l2ExtControlSize = 20          // struct v4l2_ext_control (packed)
	v4l2ExtString      = 12          // its string
	v4l2ExtSize        = 4           // and size
)

// Layouts of the console's structs whose pointers strace follows
// (linux/kd.h, x86_64). Their counts are 16 bits: the 32 the kernel side
// reads take the next field along, which can only make it read more, up
// to the page it stops at; internal/format prints as many as strace does.
const (
	kdUnimapEntries  = 8                  // struct unimapdesc's entries, after entry_ct at 0
	kdUnipairSize    = 4                  // struct unipair
	kdFontxData      = 8                  // struct consolefontdesc's chardata, after charcount at 0
	kdFontxCharSize  = 32                 // bytes of a character of GIO_FONTX and PIO_FONTX
	kdFontOpCount    = 16                 // struct console_font_op's charcount
	kdFontOpData     = 24                 // and data, after op at 0
	kdFontOpCharSize = 128                // the most bytes of a character: 32 rows of 32 bits
	kdFontOpData0    = 1<<0 | 1<<1 | 1<<2 // KD_FONT_OP_SET, _GET, _SET_DEFAULT: data is read
)

// IoctlPointers are the arrays the structs of ioctl requests point to
// that strace prints with them (internal/format's decoders of those
// requests), by request code: V4L2's overlay clips and extended controls
// with their strings; the console's unicode map and fonts.
func IoctlPointers() map[uint32]bpf.IoctlPtr {
	kd := func(ptr, count, elem uint16, typeOff uint16, types uint32, when uint16) bpf.IoctlPtr {
		return bpf.IoctlPtr{
			PtrOff: ptr, CountOff: count, ElemSize: elem, TypeOff: typeOff, Types: types,
			BufPtrOff: bpf.IoctlPtrNone, BufLenOff: bpf.IoctlPtrNone, When: when,
		}
	}
	clips := func(base uint16, when uint16) bpf.IoctlPtr {
		return bpf.IoctlPtr{
			PtrOff: base + v4l2WindowClips, CountOff: base + v4l2WindowCount, ElemSize: v4l2ClipSize,
			TypeOff: base, Types: v4l2FmtTypes, BufPtrOff: bpf.IoctlPtrNone, BufLenOff: bpf.IoctlPtrNone, When: when,
		}
	}
	controls := func(when uint16) bpf.IoctlPtr {
		return bpf.IoctlPtr{
			PtrOff: v4l2ExtControls, CountOff: v4l2ExtCount, ElemSize: v4l2ExtControlSize,
			TypeOff: bpf.IoctlPtrNone, BufPtrOff: v4l2ExtString, BufLenOff: v4l2ExtSize, When: when,
		}
	}
	both := bpf.IoctlPtrEnter | bpf.IoctlPtrExit
	m := map[uint32]bpf.IoctlPtr{}
	for name, p := range map[string]bpf.IoctlPtr{
		"VIDIOC_G_FMT":         clips(0, bpf.IoctlPtrExit),
		"VIDIOC_S_FMT":         clips(0, both),
		"VIDIOC_TRY_FMT":       clips(0, both),
		"VIDIOC_CREATE_BUFS":   clips(v4l2CreateFormat, bpf.IoctlPtrEnter),
		"VIDIOC_S_EXT_CTRLS":   controls(both | bpf.IoctlPtrFailed),
		"VIDIOC_TRY_EXT_CTRLS": controls(both | bpf.IoctlPtrFailed),
		"VIDIOC_G_EXT_CTRLS":   controls(bpf.IoctlPtrExit | bpf.IoctlPtrFailed),
		// strace reads GIO_UNIMAP's struct at exit whether or not the call failed
		"GIO_UNIMAP": kd(kdUnimapEntries, 0, kdUnipairSize, bpf.IoctlPtrNone, 0, bpf.IoctlPtrExit|bpf.IoctlPtrFailed),
		"PIO_UNIMAP": kd(kdUnimapEntries, 0, kdUnipairSize, bpf.IoctlPtrNone, 0, bpf.IoctlPtrEnter),
		"GIO_FONTX":  kd(kdFontxData, 0, kdFontxCharSize, bpf.IoctlPtrNone, 0, bpf.IoctlPtrExit),
		"PIO_FONTX":  kd(kdFontxData, 0, kdFontxCharSize, bpf.IoctlPtrNone, 0, bpf.IoctlPtrEnter),
		"KDFONTOP":   kd(kdFontOpData, kdFontOpCount, kdFontOpCharSize, 0, kdFontOpData0, both),
	} {
		code, ok := xlat.IoctlCode(name)
		if !ok {
			panic("ioctl request " + name + " has no code")
		}
		m[code] = p
	}
	return m
}
