package format

import (
	"encoding/binary"
	"testing"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/xlat"
)

// Expected strings are strace 6.1's, from its test suite's ioctl_v4l2
// programs.
func TestIoctlV4l2(t *testing.T) {
	t.Parallel()
	f := New(Options{StrSize: 32})
	verbose := New(Options{StrSize: 32, Xlat: xlat.Verbose})
	le := binary.LittleEndian

	check(t, string(f.appendFourcc(nil, 0xdeadbeef, "v4l2_pix_fmts")), `v4l2_fourcc('\xef', '\xbe', '\xad', '\xde')`)
	check(t, string(f.appendFourcc(nil, 0x38303553, "v4l2_pix_fmts")), `v4l2_fourcc('S', '5', '0', '8') /* V4L2_PIX_FMT_SPCA508 */`)
	check(t, string(f.appendFourcc(nil, 0xfa5c2741, "v4l2_pix_fmts")), `v4l2_fourcc('A', '\'', '\\', '\xfa')`)

	for _, tc := range []struct {
		cid  uint32
		next bool
		want string
	}{
		{0, false, "0 /* V4L2_CID_??? */"},
		{0x980000, false, "V4L2_CTRL_CLASS_USER+0"},
		{0xa31234, false, "V4L2_CTRL_CLASS_DETECT+0x1234"},
		{0x990a64, false, "V4L2_CID_MPEG_VIDEO_H264_CPB_SIZE"},
		{0xa60000, false, "0xa60000 /* V4L2_CID_??? */"},
		{0x83828180, true, "V4L2_CTRL_FLAG_NEXT_CTRL|0x3828180 /* V4L2_CID_??? */"},
	} {
		check(t, string(f.appendV4l2Cid(nil, tc.cid, tc.next)), tc.want)
	}
	check(t, string(verbose.appendV4l2Cid(nil, 0x980000, false)), "0x980000 /* V4L2_CTRL_CLASS_USER+0 */")
	check(t, string(verbose.appendV4l2Version(nil, 0xd3d2d1d0)), "0xd3d2d1d0 /* KERNEL_VERSION(54226, 209, 208) */")

	// an overlay format whose third clip cannot be read
	fmt := make([]byte, v4l2FormatSize-8)
	le.PutUint32(fmt, 0xe8373662)
	le.PutUint32(fmt[4:], 0x0336d283)
	le.PutUint32(fmt[8:], 0x9235fe72)
	le.PutUint32(fmt[12:], 0xbbd886c8)
	le.PutUint32(fmt[16:], 0) // V4L2_FIELD_ANY
	le.PutUint32(fmt[20:], 0xdb1f991f)
	le.PutUint64(fmt[24:], 0x7f0000001000)
	le.PutUint32(fmt[32:], 3)
	le.PutUint64(fmt[40:], 0xfffffffffffffffe)
	fmt[48] = 0xce
	clips := make([]byte, 2*v4l2ClipSize)
	for i, v := range []uint32{0x3313d36e, 0xcdffe510, 0x2064f3a8, 0xd06d314a} {
		le.PutUint32(clips[4*i:], v)
	}
	for i, v := range []uint32{0xd8c8a83f, 0x336e87ba, 0x9e3a6fb3, 0x05617b76} {
		le.PutUint32(clips[v4l2ClipSize+4*i:], v)
	}
	c := &decoder.Call{Args: [6]uint64{0, 0, 0x7f0000000000}, Enter: []decoder.Capture{
		{Arg: 2, Kind: decoder.CapIoctlArray, Data: clips},
	}}
	b, ok := f.appendV4l2Fmt(nil, ", ", 8, fmt, c, false)
	check(t, string(b), ", fmt.win={w={left=-399034782, top=53924483, width=2453012082, height=3151529672}, field=V4L2_FIELD_ANY, chromakey=0xdb1f991f, clips=[{c={left=856937326, top=-838867696, width=543486888, height=3496816970}}, {c={left=-657938369, top=862881722, width=2654629811, height=90274678}}, ... /* 0x7f0000001030 */], clipcount=3, bitmap=0xfffffffffffffffe, global_alpha=0xce}")
	if ok {
		t.Error("a clip array cut short reports it printed whole")
	}

	// extended controls: a value, a string
	ctrls := make([]byte, v4l2ExtControlsSize)
	le.PutUint32(ctrls, 0x990000) // V4L2_CTRL_CLASS_CODEC
	le.PutUint32(ctrls[4:], 2)
	le.PutUint64(ctrls[24:], 0x7f0000002000)
	arr := make([]byte, 2*v4l2ExtControlSize)
	le.PutUint32(arr, 0x980900) // V4L2_CID_BRIGHTNESS
	le.PutUint64(arr[12:], 0xfacefeeddeadbeef)
	le.PutUint32(arr[20:], 0x980901) // V4L2_CID_CONTRAST
	le.PutUint32(arr[24:], 2)
	le.PutUint64(arr[32:], 0x7f0000003000)
	c = &decoder.Call{Args: [6]uint64{0, 0, 0x7f0000000000}, Enter: []decoder.Capture{
		{Arg: 2, Kind: decoder.CapIoctlArray, Data: arr},
		{Arg: 2, Kind: decoder.CapIoctlElemBuf, Data: []byte{0xff, 0xff}},
	}}
	b, ok = f.appendV4l2ExtControls(nil, c, false, ctrls)
	check(t, string(b), `controls=[{id=V4L2_CID_BRIGHTNESS, size=0, value=-559038737, value64=-374081421428539665}, {id=V4L2_CID_CONTRAST, size=2, string="\377\377"}]`)
	if !ok {
		t.Error("a whole control array reports it was cut")
	}
}
