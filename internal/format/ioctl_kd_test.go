package format

import (
	"encoding/binary"
	"strings"
	"testing"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
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
	checkIoctl(t, Options{StrSize: 32, Verbose: true}, []ioctlCase{
		{code("KDSKBDIACR"), 0x1000, diacr, nil, "ioctl(-1, KDSKBDIACR, {kb_cnt=257, kbdiacr=[" + strings.Repeat("{diacr='a', base='b', result='c'}, ", 256) + "...]})"},
	})
	checkIoctl(t, Options{StrSize: 32, Xlat: xlat.Verbose}, []ioctlCase{
		{code("PIO_UNISCRNMAP"), 0x1000, scrmap[0x1f8:0x200], nil, `ioctl(-1, 0x4b6a /* PIO_UNISCRNMAP */, [0xf0fc /* UNI_DIRECT_BASE+0xfc */, 0xf0fd /* UNI_DIRECT_BASE+0xfd */, 0xf0fe /* UNI_DIRECT_BASE+0xfe */, 0xf0ff /* UNI_DIRECT_BASE+0xff */, ... /* 0x1008 */])`},
	})
}

// The requests whose structs point to data: what the kernel side read of
// that data comes as CapIoctlArray captures. Expected lines are strace
// 6.1's, from its test suite's ioctl_kd.
func TestIoctlKdPointers(t *testing.T) {
	t.Parallel()
	le := binary.LittleEndian
	sc := syscalltbl.ByName("ioctl")
	code := func(name string) uint32 {
		c, ok := xlat.IoctlCode(name)
		if !ok {
			t.Fatalf("no request %s", name)
		}
		return c
	}
	desc := func(count uint16, height uint16, ptr uint64) []byte {
		d := le.AppendUint16(le.AppendUint16(nil, count), height)
		return le.AppendUint64(le.AppendUint32(d, 0), ptr)
	}
	fontOp := func(op, flags, width, height, count uint32, ptr uint64) []byte {
		d := le.AppendUint32(le.AppendUint32(le.AppendUint32(le.AppendUint32(le.AppendUint32(nil, op), flags), width), height), count)
		return le.AppendUint64(le.AppendUint32(d, 0), ptr)
	}
	pairs := make([]byte, 4*3)
	for i := range 6 {
		le.PutUint16(pairs[2*i:], uint16(0x80c4+i))
	}
	font := make([]byte, 64)
	for i := range font {
		font[i] = byte(0xf0 + i)
	}
	name := append([]byte("\x01\x02\x03\r\n\t\v\f\\\"OH\377HAI\x07\x08\x1101234567890x"), 0)
	for _, tc := range []struct {
		req    uint32
		enter  []byte
		arrIn  []byte
		exit   []byte
		arrOut []byte
		ret    int64
		want   string
	}{
		{code("PIO_UNIMAP"), desc(3, 0, 0x2000), pairs, nil, nil, 0,
			"ioctl(-1, PIO_UNIMAP, {entry_ct=3, entries=[{unicode=0x80c4, fontpos=0x80c5}, {unicode=0x80c6, fontpos=0x80c7}, {unicode=0x80c8, fontpos=0x80c9}]})"},
		{code("PIO_UNIMAP"), desc(4, 0, 0x2000), pairs, nil, nil, 0,
			"ioctl(-1, PIO_UNIMAP, {entry_ct=4, entries=[{unicode=0x80c4, fontpos=0x80c5}, {unicode=0x80c6, fontpos=0x80c7}, {unicode=0x80c8, fontpos=0x80c9}, ... /* 0x200c */]})"},
		{code("GIO_UNIMAP"), desc(0xdead, 0, 0), nil, desc(0xdead, 0, 0), nil, -9,
			"ioctl(-1, GIO_UNIMAP, {entry_ct=57005 => 57005, entries=NULL})"},
		{code("GIO_UNIMAP"), desc(1, 0, 0x2000), nil, desc(1, 0, 0x2000), pairs[:4], 0,
			"ioctl(-1, GIO_UNIMAP, {entry_ct=1 => 1, entries=[{unicode=0x80c4, fontpos=0x80c5}]})"},
		{code("PIO_FONTX"), desc(1, 0xdead, 0x2000), font, nil, nil, 0,
			`ioctl(-1, PIO_FONTX, {charcount=1, charheight=57005, chardata="\xf0\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\xfd\xfe\xff\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"})`},
		{code("GIO_FONTX"), desc(0, 0xdead, 0x2000), nil, desc(0, 0xdead, 0x2000), nil, 0,
			`ioctl(-1, GIO_FONTX, {charcount=0, charheight=57005, chardata=0x2000} => {charcount=0, charheight=57005, chardata=""})`},
		{code("KDFONTOP"), fontOp(4, 0xdeadbeef, 1, 2, 3, 0), nil, fontOp(4, 0xdeadbeef, 1, 2, 3, 0), nil, 0,
			"ioctl(-1, KDFONTOP, {op=0x4 /* KD_FONT_OP_??? */, flags=KD_FONT_FLAG_DONT_RECALC|KD_FONT_FLAG_OLD|0x5eadbeee, width=1, height=2, charcount=3, data=NULL} => {width=1, height=2, charcount=3, data=NULL})"},
		{code("KDFONTOP"), fontOp(0, 0, 1, 0, 1, 0x2000), font, nil, nil, 0,
			`ioctl(-1, KDFONTOP, {op=KD_FONT_OP_SET, flags=0, width=1, height=0, charcount=1, data="\xf0\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\xfd\xfe\xff\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"})`},
		{code("KDFONTOP"), fontOp(2, 0, 1, 0, 256, 0x2000), name, fontOp(2, 0, 1, 0, 256, 0x2000), nil, 0,
			`ioctl(-1, KDFONTOP, {op=KD_FONT_OP_SET_DEFAULT, width=1, height=0, data="\1\2\3\r\n\t\v\f\\\"OH\377HAI\7\10\0210123456789` + `0x"} => {width=1, height=0})`},
		{code("KDFONTOP"), fontOp(2, 0, 1, 0, 256, 0x2000), []byte("x"), fontOp(2, 0, 1, 0, 256, 0x2000), nil, 0,
			`ioctl(-1, KDFONTOP, {op=KD_FONT_OP_SET_DEFAULT, width=1, height=0, data=0x2000} => {width=1, height=0})`},
		{code("KDFONTOP"), fontOp(3, 0, 1, 0, 256, 0x2000), nil, nil, nil, 0,
			`ioctl(-1, KDFONTOP, {op=KD_FONT_OP_COPY, height=0})`},
	} {
		c := &decoder.Call{Nr: int64(sc.Nr), Entered: true, Exited: true, Ret: tc.ret,
			Args: [6]uint64{^uint64(0), uint64(tc.req), 0x1000}}
		c.Enter = []decoder.Capture{{Arg: 2, Kind: decoder.CapIoctlIn, Data: tc.enter}}
		if tc.arrIn != nil {
			c.Enter = append(c.Enter, decoder.Capture{Arg: 2, Kind: decoder.CapIoctlArray, Data: tc.arrIn})
		}
		if tc.exit != nil {
			c.Exit = []decoder.Capture{{Arg: 2, Kind: decoder.CapIoctlOut, Flags: decoder.CapExit, Data: tc.exit}}
		}
		if tc.arrOut != nil {
			c.Exit = append(c.Exit, decoder.Capture{Arg: 2, Kind: decoder.CapIoctlArray, Flags: decoder.CapExit, Data: tc.arrOut})
		}
		f := New(Options{StrSize: 32})
		b, deferred := f.FormatArgs([]byte("ioctl("), c, false)
		if deferred {
			b, _ = f.FormatArgs(b, c, true)
		}
		if got := string(append(b, ')')); got != tc.want {
			t.Errorf("got  %s\nwant %s", got, tc.want)
		}
	}
}
