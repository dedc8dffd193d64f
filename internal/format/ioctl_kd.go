package format

import (
	"slices"
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/xlat"
)

// The console's requests of linux/kd.h (type 'K'), as strace 6.1's
// kd_ioctl.c decodes them. Their codes carry no size: bpf/capture.h's
// ioctl_arg_size says what the kernel side reads.
func init() {
	ioctlFamilies['K'] = true
	for _, name := range []string{"KDENABIO", "KDDISABIO", "KDMAPDISP", "KDUNMAPDISP", "PIO_FONTRESET"} {
		ioctlHandlers[name] = ioctlNoArg
	}
	for name, h := range map[string]ioctlHandler{
		"KIOCSOUND": (*Formatter).ioctlKiocsound,
		"KDMKTONE":  (*Formatter).ioctlKdMkTone,
		"KDGETLED":  ioctlStructOut(1, func(f *Formatter, b, d []byte) []byte { return f.appendKdFlagsRef(b, "kd_led_flags", uint64(d[0])) }),
		"KDGKBLED": ioctlStructOut(1, func(f *Formatter, b, d []byte) []byte {
			return f.appendKdFlagsRef(b, "kd_default_led_flags", uint64(d[0]))
		}),
		"KDSETLED": ioctlKdValue(func(f *Formatter, b []byte, v uint64) []byte { return f.appendFlagsArg(b, "kd_led_flags", v&0xff) }),
		"KDSKBLED": ioctlKdValue(func(f *Formatter, b []byte, v uint64) []byte {
			return f.appendFlagsArg(b, "kd_default_led_flags", v&0xff)
		}),
		"KDGKBTYPE": ioctlStructOut(1, func(f *Formatter, b, d []byte) []byte { return f.appendKdValueRef(b, "kd_kbd_types", uint64(d[0])) }),
		"KDADDIO":   (*Formatter).ioctlKdIO,
		"KDDELIO":   (*Formatter).ioctlKdIO,
		"KDSETMODE": ioctlKdValue(func(f *Formatter, b []byte, v uint64) []byte {
			return xlat.ByName("kd_modes").AppendValue(b, uint64(uint32(v)), f.opt.Xlat)
		}),
		"KDGETMODE": ioctlStructOut(4, func(f *Formatter, b, d []byte) []byte { return f.appendKdValueRef(b, "kd_modes", uint64(le32(d))) }),
		"KDSKBMODE": ioctlKdValue(func(f *Formatter, b []byte, v uint64) []byte {
			return xlat.ByName("kd_kbd_modes").AppendValueDec(b, int64(int32(v)), f.opt.Xlat)
		}),
		"KDGKBMODE": ioctlStructOut(4, func(f *Formatter, b, d []byte) []byte {
			return append(xlat.ByName("kd_kbd_modes").AppendValueDec(append(b, '['), int64(int32(le32(d))), f.opt.Xlat), ']')
		}),
		"KDSKBMETA": ioctlKdValue(func(f *Formatter, b []byte, v uint64) []byte {
			return xlat.ByName("kd_meta_vals").AppendValue(b, uint64(uint32(v)), f.opt.Xlat)
		}),
		"KDGKBMETA":      ioctlStructOut(4, func(f *Formatter, b, d []byte) []byte { return f.appendKdValueRef(b, "kd_meta_vals", uint64(le32(d))) }),
		"KDSIGACCEPT":    (*Formatter).ioctlKdSigaccept,
		"GIO_SCRNMAP":    ioctlKdString(kdETabSize, true),
		"PIO_SCRNMAP":    ioctlKdString(kdETabSize, false),
		"GIO_FONT":       ioctlKdString(kdFontSize, true),
		"PIO_FONT":       ioctlKdString(kdFontSize, false),
		"GIO_CMAP":       ioctlKdString(kdCmapSize, true),
		"PIO_CMAP":       ioctlKdString(kdCmapSize, false),
		"GIO_UNISCRNMAP": ioctlKdUniScreenMap(true),
		"PIO_UNISCRNMAP": ioctlKdUniScreenMap(false),
		"KDGKBENT":       ioctlKdEntry(true),
		"KDSKBENT":       ioctlKdEntry(false),
		"KDGKBSENT":      ioctlKdStrEntry(true),
		"KDSKBSENT":      ioctlKdStrEntry(false),
		"KDGKBDIACR":     ioctlKdDiacr(true, 3, appendKdDiacr),
		"KDSKBDIACR":     ioctlKdDiacr(false, 3, appendKdDiacr),
		"KDGKBDIACRUC":   ioctlKdDiacr(true, 12, appendKdDiacrUC),
		"KDSKBDIACRUC":   ioctlKdDiacr(false, 12, appendKdDiacrUC),
		"KDGETKEYCODE":   ioctlKdKeycode(true),
		"KDSETKEYCODE":   ioctlKdKeycode(false),
		"KDKBDREP":       (*Formatter).ioctlKdKbdRep,
		"PIO_UNIMAPCLR":  ioctlStructIn(6, appendKdUnimapInit),
	} {
		ioctlHandlers[name] = h
	}
}

// Sizes of the console's tables and structs.
const (
	kdPitTickRate  = 1193182 // the kernel's PIT_TICK_RATE
	kdETabSize     = 256     // E_TABSZ
	kdFontSize     = 8192    // what GIO_FONT and PIO_FONT move
	kdCmapSize     = 48      // 16 colours of 3 bytes
	kdMaxDiacr     = 256
	kdKbsentrySize = 513
	uniDirectBase  = 0xf000
	uniDirectMask  = 0x1ff
)

// ioctlKdValue is the handler of a request whose argument is a value,
// printed by print.
func ioctlKdValue(print func(f *Formatter, b []byte, v uint64) []byte) ioctlHandler {
	return func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		return print(f, append(b, ", "...), c.Args[2]), ioctlDone
	}
}

// appendKdFlagsRef and appendKdValueRef print a value the argument points
// to by a table: [LED_NUM].
func (f *Formatter) appendKdFlagsRef(b []byte, table string, v uint64) []byte {
	return append(f.appendFlagsArg(append(b, '['), table, v), ']')
}

func (f *Formatter) appendKdValueRef(b []byte, table string, v uint64) []byte {
	return append(xlat.ByName(table).AppendValue(append(b, '['), v, f.opt.Xlat), ']')
}

// appendKdComment prints " /* text */" unless -X raw.
func (f *Formatter) appendKdComment(b []byte, text func(b []byte) []byte) []byte {
	if f.opt.Xlat == xlat.Raw {
		return b
	}
	return append(text(append(b, " /* "...)), " */"...)
}

// ioctlKiocsound prints KIOCSOUND's counter and the tone it makes.
func (f *Formatter) ioctlKiocsound(b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	arg := c.Args[2]
	b = strconv.AppendUint(append(b, ", "...), arg, 10)
	return f.appendKdComment(b, func(b []byte) []byte {
		if arg == 0 || kdPitTickRate/arg == 0 {
			return append(b, "off"...)
		}
		return append(strconv.AppendUint(b, uint64(uint32(kdPitTickRate/arg)), 10), " Hz"...)
	}), ioctlDone
}

// ioctlKdMkTone prints KDMKTONE's ticks and counter, and the tone.
func (f *Formatter) ioctlKdMkTone(b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	arg := uint32(c.Args[2])
	ticks, count := arg>>16, arg&0xffff
	b = append(b, ", "...)
	if ticks != 0 {
		b = append(strconv.AppendUint(b, uint64(ticks), 10), "<<16|"...)
	}
	b = strconv.AppendUint(b, uint64(count), 10)
	return f.appendKdComment(b, func(b []byte) []byte {
		if ticks == 0 || count == 0 {
			return append(b, "off"...)
		}
		b = append(strconv.AppendUint(b, uint64(kdPitTickRate/count), 10), " Hz, "...)
		return append(strconv.AppendUint(b, uint64(ticks), 10), " ms"...)
	}), ioctlDone
}

// ioctlKdIO prints KDADDIO's and KDDELIO's port.
func (f *Formatter) ioctlKdIO(b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	const gpFirst, gpLast = 0x3b4, 0x3df
	arg := c.Args[2]
	b = appendHex(append(b, ", "...), arg)
	if arg >= gpFirst && arg <= gpLast {
		b = f.appendKdComment(b, func(b []byte) []byte {
			return strconv.AppendUint(append(b, "GPFIRST + "...), arg-gpFirst, 10)
		})
	}
	return b, ioctlDone
}

// ioctlKdSigaccept prints KDSIGACCEPT's signal.
func (f *Formatter) ioctlKdSigaccept(b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	b = append(b, ", "...)
	if arg := c.Args[2]; arg < 1<<31-1 {
		return xlat.AppendSignal(b, int(arg), f.opt.Xlat), ioctlDone
	}
	return strconv.AppendUint(b, c.Args[2], 10), ioctlDone
}

// ioctlKdString is the handler of a table of n bytes the kernel writes
// (get) or reads, shown in hex up to -s.
func ioctlKdString(n int, get bool) ioctlHandler {
	return func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		if get && !exiting {
			return append(b, ", "...), ioctlAtExit
		}
		if !get {
			b = append(b, ", "...)
		}
		if exiting && c.Failed() {
			return appendAddr(b, c.Args[2]), ioctlDone
		}
		return f.appendCountedAt(b, c.Args[2], ioctlCapture(c, exiting), 0, n, quote.AllHex), ioctlDone
	}
}

// ioctlKdUniScreenMap is the handler of GIO_UNISCRNMAP and PIO_UNISCRNMAP:
// E_TABSZ unsigned shorts, cut at -s without -v.
func ioctlKdUniScreenMap(get bool) ioctlHandler {
	return func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		if get && !exiting {
			return append(b, ", "...), ioctlAtExit
		}
		if !get {
			b = append(b, ", "...)
		}
		return f.appendKdArray(b, c.Args[2], ioctlCapture(c, exiting), 0, kdETabSize, 2, false, f.appendKdScrmapElem), ioctlDone
	}
}

// appendKdArray prints n elements of size bytes at addr, which cp holds
// from offset off, as appendIoctlArray; then "..." when the array was
// longer than n (truncated) and all n printed.
func (f *Formatter) appendKdArray(b []byte, addr uint64, cp *decoder.Capture, off, n, size int, truncated bool, elem func(b, d []byte) []byte) []byte {
	var sub *decoder.Capture
	if cp != nil && len(cp.Data) >= off {
		c := *cp
		c.Data = cp.Data[off:]
		sub = &c
	}
	b, ok := f.appendIoctlArray(b, addr, uint64(n), size, sub, func(b []byte, _ int, d []byte) []byte { return elem(b, d) })
	if ok && truncated && (f.opt.Verbose || n <= f.opt.StrSize) {
		b = append(b[:len(b)-1], ", ...]"...)
	}
	return b
}

// appendKdScrmapElem prints an element of a unicode screen map.
func (f *Formatter) appendKdScrmapElem(b, d []byte) []byte {
	v := uint64(le16(d))
	direct := v&^uniDirectMask == uniDirectBase
	if f.opt.Xlat != xlat.Abbrev || !direct {
		b = appendHex(b, v)
	}
	if f.opt.Xlat == xlat.Raw || !direct {
		return b
	}
	if f.opt.Xlat == xlat.Verbose {
		b = append(b, " /* "...)
	}
	b = appendHex(append(b, "UNI_DIRECT_BASE+"...), v&uniDirectMask)
	if f.opt.Xlat == xlat.Verbose {
		b = append(b, " */"...)
	}
	return b
}

// kdKeyTables are the tables of the key values of each type, by KTYP
// (strace's kd_kbd_entry).
var kdKeyTables = [...]string{
	1: "kd_key_fn_keys", 2: "kd_key_spec_keys", 3: "kd_key_pad_keys", 4: "kd_key_dead_keys",
	6: "kd_key_cur_keys", 7: "kd_key_shift_keys", 9: "kd_key_ascii_keys", 10: "kd_key_lock_keys",
	12: "kd_key_slock_keys", 14: "kd_key_brl_keys",
}

// ioctlKdEntry is the handler of KDGKBENT and KDSKBENT's struct kbentry.
func ioctlKdEntry(get bool) ioctlHandler {
	return func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		cp := ioctlCapture(c, exiting)
		if !exiting {
			b = append(b, ", "...)
			if c.Args[2] == 0 || cp == nil || len(cp.Data) < 2 {
				return appendAddr(b, c.Args[2]), ioctlDone
			}
			d := cp.Data
			b = append(b, "{kb_table="...)
			if _, ok := xlat.ByName("kd_key_tables").Name(uint64(d[0])); ok {
				b = xlat.ByName("kd_key_tables").AppendValue(b, uint64(d[0]), f.opt.Xlat)
			} else {
				b = f.appendFlagsArg(b, "kd_keymap_flags", uint64(d[0]))
			}
			b = strconv.AppendUint(append(b, ", kb_index="...), uint64(d[1]), 10)
			if get {
				return b, ioctlAtExit
			}
		} else if c.Failed() {
			return append(b, '}'), ioctlDone
		}
		b = append(b, ", kb_value="...)
		if cp == nil || len(cp.Data) < 4 {
			return append(b, "???}"...), ioctlDone
		}
		v := uint64(le16(cp.Data[2:]))
		b = appendHex(b, v)
		return append(f.appendKdComment(b, func(b []byte) []byte { return appendKdKeyValue(b, v) }), '}'), ioctlDone
	}
}

// appendKdKeyValue prints a key value by its type's table, or as
// K(KT_TYPE, value).
func appendKdKeyValue(b []byte, v uint64) []byte {
	typ, val := v>>8, v&0xff
	if typ < uint64(len(kdKeyTables)) && kdKeyTables[typ] != "" {
		if name, ok := xlat.ByName(kdKeyTables[typ]).Name(v); ok {
			return append(b, name...)
		}
	}
	b = append(b, "K("...)
	if name, ok := xlat.ByName("kd_key_types").Name(typ); ok {
		b = append(b, name...)
	} else {
		b = appendHex(b, typ)
	}
	b = append(b, ", "...)
	switch typ {
	case 0, 8, 11, 13: // KT_LATIN, KT_META, KT_LETTER, KT_DEAD2
		b = appendKdChar(b, byte(val))
	default:
		b = appendHex(b, val)
	}
	return append(b, ')')
}

// appendKdChar prints a character as strace's print_char with SCF_QUOTES
// and SCF_ESC_WS: 'a', '\n', '\”, '\x7f'.
func appendKdChar(b []byte, c byte) []byte {
	b = append(b, '\'')
	switch {
	case c >= ' ' && c < 0x7f:
		if c == '\'' || c == '\\' {
			b = append(b, '\\')
		}
		b = append(b, c)
	case c >= '\t' && c <= '\r':
		b = append(b, '\\', "tnvfr"[c-'\t'])
	default:
		b = append(b, '\\', 'x', "0123456789abcdef"[c>>4], "0123456789abcdef"[c&0xf])
	}
	return append(b, '\'')
}

// ioctlKdStrEntry is the handler of KDGKBSENT and KDSKBSENT's struct
// kbsentry: a function key and its string.
func ioctlKdStrEntry(get bool) ioctlHandler {
	return func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		cp := ioctlCapture(c, exiting)
		if !exiting {
			b = append(b, ", "...)
			if c.Args[2] == 0 || cp == nil || len(cp.Data) < 1 {
				return appendAddr(b, c.Args[2]), ioctlDone
			}
			b = xlat.ByName("kd_key_fn_key_vals").AppendValue(append(b, "{kb_func="...), uint64(cp.Data[0]), f.opt.Xlat)
			if get {
				return b, ioctlAtExit
			}
		} else if c.Failed() {
			return append(b, '}'), ioctlDone
		}
		b = append(b, ", kb_string="...)
		var s []byte
		if cp != nil && len(cp.Data) > 1 {
			s = cp.Data[1:min(len(cp.Data), kdKbsentrySize)]
		}
		n := slices.Index(s, 0)
		switch {
		case n >= 0:
			b = quote.Append(b, s[:min(n, f.opt.StrSize)], n >= f.opt.StrSize, f.opt.Quote)
		case len(s) == kdKbsentrySize-1:
			b = quote.Append(b, s[:min(len(s), f.opt.StrSize)], true, f.opt.Quote)
		default:
			b = append(b, "???"...)
		}
		return append(b, '}'), ioctlDone
	}
}

// ioctlKdDiacr is the handler of a struct kbdiacrs (elements of 3 bytes)
// or kbdiacrsuc (12).
func ioctlKdDiacr(get bool, size int, elem func(b, d []byte) []byte) ioctlHandler {
	return func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		if get && !exiting {
			return append(b, ", "...), ioctlAtExit
		}
		if !get {
			b = append(b, ", "...)
		}
		cp := ioctlCapture(c, exiting)
		if c.Args[2] == 0 || cp == nil || len(cp.Data) < 4 {
			return appendAddr(b, c.Args[2]), ioctlDone
		}
		cnt := le32(cp.Data)
		b = strconv.AppendUint(append(b, "{kb_cnt="...), uint64(cnt), 10)
		if size == 3 {
			b = append(b, ", kbdiacr="...)
		} else {
			b = append(b, ", kbdiacruc="...)
		}
		b = f.appendKdArray(b, c.Args[2]+4, cp, 4, int(min(cnt, kdMaxDiacr)), size, cnt > kdMaxDiacr, elem)
		return append(b, '}'), ioctlDone
	}
}

// appendKdDiacr prints a struct kbdiacr.
func appendKdDiacr(b, d []byte) []byte {
	b = appendKdChar(append(b, "{diacr="...), d[0])
	b = appendKdChar(append(b, ", base="...), d[1])
	b = appendKdChar(append(b, ", result="...), d[2])
	return append(b, '}')
}

// appendKdDiacrUC prints a struct kbdiacruc.
func appendKdDiacrUC(b, d []byte) []byte {
	b = appendHex(append(b, "{diacr="...), uint64(le32(d)))
	b = appendHex(append(b, ", base="...), uint64(le32(d[4:])))
	b = appendHex(append(b, ", result="...), uint64(le32(d[8:])))
	return append(b, '}')
}

// ioctlKdKeycode is the handler of KDGETKEYCODE and KDSETKEYCODE's struct
// kbkeycode: the key code the kernel wrote follows "=>".
func ioctlKdKeycode(get bool) ioctlHandler {
	return func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		cp := ioctlCapture(c, exiting)
		if !exiting {
			b = append(b, ", "...)
			if c.Args[2] == 0 || cp == nil || len(cp.Data) < 8 {
				return appendAddr(b, c.Args[2]), ioctlDone
			}
			b = appendHex(append(b, "{scancode="...), uint64(le32(cp.Data)))
			b = appendHex(append(b, ", keycode="...), uint64(le32(cp.Data[4:])))
			if get {
				return b, ioctlAtExit
			}
			return append(b, '}'), ioctlDone
		}
		if cp != nil && len(cp.Data) >= 8 {
			b = appendHex(append(b, " => "...), uint64(le32(cp.Data[4:])))
		}
		return append(b, '}'), ioctlDone
	}
}

// ioctlKdKbdRep prints KDKBDREP's struct kbd_repeat, and what the kernel
// wrote back.
func (f *Formatter) ioctlKdKbdRep(b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	cp := ioctlCapture(c, exiting)
	rep := func(b, d []byte) []byte {
		b = strconv.AppendInt(append(b, "{delay="...), int64(int32(le32(d))), 10)
		b = strconv.AppendInt(append(b, ", period="...), int64(int32(le32(d[4:]))), 10)
		return append(b, '}')
	}
	if !exiting {
		b = append(b, ", "...)
		if c.Args[2] == 0 || cp == nil || len(cp.Data) < 8 {
			return appendAddr(b, c.Args[2]), ioctlDone
		}
		return rep(b, cp.Data), ioctlAtExit
	}
	if cp == nil || len(cp.Data) < 8 {
		return b, ioctlDone
	}
	return rep(append(b, " => "...), cp.Data), ioctlDone
}

// appendKdUnimapInit prints a struct unimapinit.
func appendKdUnimapInit(f *Formatter, b, d []byte) []byte {
	b = strconv.AppendUint(append(b, "{advised_hashsize="...), uint64(le16(d)), 10)
	b = strconv.AppendUint(append(b, ", advised_hashstep="...), uint64(le16(d[2:])), 10)
	b = strconv.AppendUint(append(b, ", advised_hashlevel="...), uint64(le16(d[4:])), 10)
	return append(b, '}')
}
