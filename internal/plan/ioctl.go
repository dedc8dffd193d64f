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

// IoctlPointers are the arrays the structs of ioctl requests point to
// that strace prints with them (internal/format's decoders of those
// requests), by request code: V4L2's overlay clips and extended controls
// with their strings.
func IoctlPointers() map[uint32]bpf.IoctlPtr {
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
	} {
		code, ok := xlat.IoctlCode(name)
		if !ok {
			panic("ioctl request " + name + " has no code")
		}
		m[code] = p
	}
	return m
}
