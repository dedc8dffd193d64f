package format

import (
	"encoding/binary"
	"strings"
	"testing"

	"github.com/gotrace/gotrace/internal/xlat"
)

// Expected lines are strace 6.1's, from its test suite's ioctl_kd.
func TestIoctlKd(t *testing.T) {
	t.Parallel()
	le := binary.LittleEndian
	code := func(name string) uint32 {
		c, ok := xlat.IoctlCode(name)
		if !ok {
			t.Fatalf("no request %s", name)
		}
		return c
	}
	entry := []byte{1, 2, 0x5c, 0x0d}      // K_SHIFTTAB, index 2, K(KT_DEAD2, '\\')
	unknown := []byte{0x20, 0, 0x0d, 0xf0} // 1<<KG_SHIFTR, K(0xf0, 0xd)
	sentry := make([]byte, kdKbsentrySize)
	sentry[0] = 0x19 // KVAL(K_PGDN)
	copy(sentry[1:], "abc")
	diacr := le.AppendUint32(nil, 257)
	for i := range 256 * 3 {
		diacr = append(diacr, byte('a'+i%3))
	}
	scrmap := make([]byte, 512)
	for i := range 256 {
		le.PutUint16(scrmap[2*i:], uint16(0xf000+i))
	}
	checkIoctl(t, Options{StrSize: 32}, []ioctlCase{
		{code("KIOCSOUND"), 440, nil, nil, "ioctl(-1, KIOCSOUND, 440 /* 2711 Hz */)"},
		{code("KIOCSOUND"), 0, nil, nil, "ioctl(-1, KIOCSOUND, 0 /* off */)"},
		{code("KDMKTONE"), 100<<16 | 440, nil, nil, "ioctl(-1, KDMKTONE, 100<<16|440 /* 2711 Hz, 100 ms */)"},
		{code("KDSETMODE"), 0xbadc0dedcacafefe, nil, nil, "ioctl(-1, KDSETMODE, 0xcacafefe /* KD_??? */)"},
		{code("KDSKBMODE"), 0xffffffff, nil, nil, "ioctl(-1, KDSKBMODE, -1 /* K_??? */)"},
		{code("KDADDIO"), 0x3b5, nil, nil, "ioctl(-1, KDADDIO, 0x3b5 /* GPFIRST + 1 */)"},
		{code("KDSKBENT"), 0x1000, entry, nil, `ioctl(-1, KDSKBENT, {kb_table=K_SHIFTTAB, kb_index=2, kb_value=0xd5c /* K(KT_DEAD2, '\\') */})`},
		{code("KDSKBENT"), 0x1000, unknown, nil, `ioctl(-1, KDSKBENT, {kb_table=1<<KG_SHIFTR, kb_index=0, kb_value=0xf00d /* K(0xf0, 0xd) */})`},
		{code("KDSKBENT"), 0x1000, entry[:2], nil, `ioctl(-1, KDSKBENT, {kb_table=K_SHIFTTAB, kb_index=2, kb_value=???})`},
		{code("KDGKBENT"), 0x1000, entry, nil, `ioctl(-1, KDGKBENT, {kb_table=K_SHIFTTAB, kb_index=2})`},
		{code("KDGKBSENT"), 0x1000, sentry, sentry, `ioctl(-1, KDGKBSENT, {kb_func=KVAL(K_PGDN), kb_string="abc"})`},
		{code("KDSKBSENT"), 0x1000, sentry[:3], nil, `ioctl(-1, KDSKBSENT, {kb_func=KVAL(K_PGDN), kb_string=???})`},
		{code("KDSKBDIACR"), 0x1000, diacr, nil, "ioctl(-1, KDSKBDIACR, {kb_cnt=257, kbdiacr=[" + strings.Repeat("{diacr='a', base='b', result='c'}, ", 32) + "...]})"},
		{code("KDSKBDIACRUC"), 0x1000, diacr[:10], nil, `ioctl(-1, KDSKBDIACRUC, {kb_cnt=257, kbdiacruc=0x1004})`},
		{code("PIO_UNISCRNMAP"), 0x1000, scrmap[:6], nil, `ioctl(-1, PIO_UNISCRNMAP, [UNI_DIRECT_BASE+0, UNI_DIRECT_BASE+0x1, UNI_DIRECT_BASE+0x2, ... /* 0x1006 */])`},
		{code("PIO_CMAP"), 0x1000, []byte("\x01\x02"), nil, `ioctl(-1, PIO_CMAP, 0x1000)`},
	})
	checkIoctl(t, Options{StrSize: 32, Xlat: xlat.Verbose}, []ioctlCase{
		{code("PIO_UNISCRNMAP"), 0x1000, scrmap[0x1f8:0x200], nil, `ioctl(-1, 0x4b6a /* PIO_UNISCRNMAP */, [0xf0fc /* UNI_DIRECT_BASE+0xfc */, 0xf0fd /* UNI_DIRECT_BASE+0xfd */, 0xf0fe /* UNI_DIRECT_BASE+0xfe */, 0xf0ff /* UNI_DIRECT_BASE+0xff */, ... /* 0x1008 */])`},
	})
}
