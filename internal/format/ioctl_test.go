package format

import (
	"encoding/binary"
	"testing"

	"github.com/gotrace/gotrace/internal/xlat"
)

// Expected strings are strace 6.1's, from the lines it printed for its
// test suite's ioctl programs.
func TestIoctlStructs(t *testing.T) {
	t.Parallel()
	f := New(Options{StrSize: 32})
	le := binary.LittleEndian

	fsx := make([]byte, 28)
	le.PutUint32(fsx, 0x7ffe0004)
	le.PutUint32(fsx[4:], 3735928559)
	le.PutUint32(fsx[12:], 0xcafef00d)
	le.PutUint32(fsx[16:], 3133063390)
	check(t, string(f.appendFsxattr(nil, fsx, false)), "{fsx_xflags=0x7ffe0004 /* FS_XFLAG_??? */, fsx_extsize=3735928559, fsx_projid=0xcafef00d, fsx_cowextsize=3133063390}")

	check(t, string(f.appendFsIocFlags(nil, []byte{0, 0, 0, 0xd})), "[0xd000000 /* FS_???_FL */]")

	rt := make([]byte, rtcTimeSize)
	for i, v := range []int32{-2088599168, -2021227132, -1953855096, -1886483060, -1819111024, -1751738988} {
		le.PutUint32(rt[4*i:], uint32(v))
	}
	check(t, string(f.appendRtcTime(nil, rt)), "{tm_sec=-2088599168, tm_min=-2021227132, tm_hour=-1953855096, tm_mday=-1886483060, tm_mon=-1819111024, tm_year=-1751738988, ...}")

	notif := make([]byte, seccompNotifSize)
	le.PutUint32(notif[8:], 27371)
	le.PutUint32(notif[16:], 186) // gettid
	le.PutUint32(notif[20:], auditArchX8664)
	for i := range 6 {
		le.PutUint64(notif[32+8*i:], 0xdeadfacebadc0ded^uint64(i))
	}
	check(t, string(f.appendSeccompNotif(nil, notif)), "{id=0, pid=27371, flags=0, data={nr=__NR_gettid, arch=AUDIT_ARCH_X86_64, instruction_pointer=NULL, args=[0xdeadfacebadc0ded, 0xdeadfacebadc0dec, 0xdeadfacebadc0def, 0xdeadfacebadc0dee, 0xdeadfacebadc0de9, 0xdeadfacebadc0de8]}}")

	ff := make([]byte, ffEffectSize)
	ff[0] = 0x52 // FF_CONSTANT
	le.PutUint16(ff[2:], uint16(0x10000-31870))
	le.PutUint16(ff[4:], 34180)
	check(t, string(f.appendFfEffect(nil, ff)), "{type=FF_CONSTANT, id=-31870, direction=34180, ...}")

	esc, ok := xlat.ByName("evdev_keycode").Name(1)
	if !ok || esc != "KEY_ESC" {
		t.Errorf("key code 1 is %q, want KEY_ESC", esc)
	}
}
