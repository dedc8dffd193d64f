package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/xlat"
)

// The input event device requests (type 'E'), as strace 6.1's evdev.c
// decodes them. What the kernel writes (the _IOR requests) prints at exit;
// the bit sets of EVIOCGBIT, EVIOCGKEY ... and the strings of EVIOCGNAME
// ... as long as the call's return value says (bpf/capture.h's
// ioctl_out_size reads that much).
func init() {
	ioctlFamilies['E'] = true
	ioctlTypeHandlers['E'] = (*Formatter).ioctlEvdev
}

// Sizes of the evdev structs.
const (
	inputIDSize          = 8
	inputAbsinfoOrigSize = 20 // up to flat
	inputAbsinfoSize     = 24 // with resolution
	inputKeymapEntrySize = 40
	ffEffectSize         = 48
)

// ioctlEvdev decodes an evdev request: as strace's evdev_ioctl, the read
// requests at exit, the write requests at enter.
func (f *Formatter) ioctlEvdev(b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	code := uint32(c.Args[1])
	switch xlat.IoctlDir(code) {
	case 2: // _IOC_READ
		if !exiting {
			return b, ioctlAtExit
		}
		return f.evdevRead(append(b, ", "...), c, code), ioctlDone
	case 1: // _IOC_WRITE
		return f.evdevWrite(append(b, ", "...), c, code), ioctlDone
	}
	return b, ioctlGeneric
}

// evdevRead prints what a read request's argument points to at exit.
func (f *Formatter) evdevRead(b []byte, c *decoder.Call, code uint32) []byte {
	cp, addr := ioctlCapture(c, true), c.Args[2]
	nr := xlat.IoctlNr(code)
	switch {
	case code == ioctlCode("EVIOCGVERSION"):
		return appendStruct(b, addr, cp, 4, func(b, d []byte) []byte { return append(appendHex(append(b, '['), uint64(le32(d))), ']') })
	case code == ioctlCode("EVIOCGEFFECTS"):
		return appendStruct(b, addr, cp, 4, appendUintRef)
	case code == ioctlCode("EVIOCGID"):
		return appendStruct(b, addr, cp, inputIDSize, func(b, d []byte) []byte {
			for i, name := range [...]string{"{bustype=", ", vendor=", ", product=", ", version="} {
				b = strconv.AppendUint(append(b, name...), uint64(le16(d[2*i:])), 10)
			}
			return append(b, '}')
		})
	case code == ioctlCode("EVIOCGREP"):
		return appendStruct(b, addr, cp, 8, appendUintPair)
	case code == ioctlCode("EVIOCGKEYCODE"):
		return appendStruct(b, addr, cp, 8, f.appendKeycodePair)
	case code == ioctlCode("EVIOCGKEYCODE_V2"):
		return appendStruct(b, addr, cp, inputKeymapEntrySize, f.appendKeymapEntry)
	}
	switch nr {
	case 0x0a: // EVIOCGMTSLOTS(len)
		return f.appendMtslots(b, addr, cp, xlat.IoctlSize(code)/4)
	case 0x06, 0x07, 0x08: // EVIOCGNAME, EVIOCGPHYS, EVIOCGUNIQ
		if c.Failed() {
			return appendAddr(b, addr)
		}
		n := uint64(c.Ret)
		if cp != nil && uint64(len(cp.Data)) > n {
			part := *cp
			part.Data = cp.Data[:n]
			cp = &part
		}
		return f.appendBuffer(b, addr, cp, n, f.opt.Quote)
	case 0x09:
		return f.appendEvdevBitset(b, c, cp, "evdev_prop", 0x1f)
	case 0x1a:
		return f.appendEvdevBitset(b, c, cp, "evdev_snd", 0x07)
	case 0x1b:
		return f.appendEvdevBitset(b, c, cp, "evdev_switch", 0x10)
	case 0x18:
		return f.appendEvdevBitset(b, c, cp, "evdev_keycode", 0x2ff)
	case 0x19:
		return f.appendEvdevBitset(b, c, cp, "evdev_leds", 0x0f)
	}
	switch {
	case nr&^0x3f == 0x40: // EVIOCGABS(abs)
		return f.appendAbsinfo(b, addr, cp, xlat.IoctlSize(code))
	case nr&^0x1f == 0x20: // EVIOCGBIT(ev, len)
		if ev := nr & 0x1f; ev == 0x16 { // EV_PWR
			return appendStruct(b, addr, cp, 4, appendIntRef)
		} else if bs, ok := evdevBitsets[ev]; ok {
			return f.appendEvdevBitset(b, c, cp, bs.table, bs.max)
		}
	}
	return appendAddr(b, addr)
}

// evdevBitsets are the tables and largest bits of EVIOCGBIT's event
// types: EVIOCGBIT(0, len) the types themselves.
var evdevBitsets = map[uint32]struct {
	table string
	max   uint32
}{
	0x00: {"evdev_ev", 0x1f}, 0x01: {"evdev_keycode", 0x2ff}, 0x02: {"evdev_relative_axes", 0x0f},
	0x03: {"evdev_abs", 0x3f}, 0x04: {"evdev_misc", 0x07}, 0x05: {"evdev_switch", 0x10},
	0x11: {"evdev_leds", 0x0f}, 0x12: {"evdev_snd", 0x07}, 0x14: {"evdev_autorepeat", 0x01},
	0x15: {"evdev_ff_types", 0x7f}, 0x17: {"evdev_ff_status", 0x01},
}

// appendEvdevBitset prints the bit set a read request wrote, as strace's
// decode_bitset: as many bits as the call returned bytes (at most max),
// read in longs; the bits by name (four, then "...", unless -v), then under
// -X raw or verbose the longs in hex.
func (f *Formatter) appendEvdevBitset(b []byte, c *decoder.Call, cp *decoder.Capture, table string, maxBit uint32) []byte {
	addr := c.Args[2]
	bits := uint64(maxBit)
	if uint64(c.Ret) <= uint64(maxBit)/8 {
		bits = uint64(c.Ret) * 8
	}
	size := int((bits+63)/64) * 8
	if c.Failed() || size == 0 || cp == nil || cp.Fault() || len(cp.Data) < size {
		return appendAddr(b, addr)
	}
	d := cp.Data[:size]
	if f.opt.Xlat != xlat.Raw {
		t := xlat.ByName(table)
		b = append(b, '[')
		shown := 0
		for i := uint64(0); i < bits; i++ {
			if d[i/8]&(1<<(i%8)) == 0 {
				continue
			}
			if shown > 0 {
				b = append(b, ' ')
				if !f.opt.Verbose && shown > 3 {
					b = append(b, "..."...)
					break
				}
			}
			b = t.AppendValue(b, i, f.opt.Xlat)
			shown++
		}
		b = append(b, ']')
	}
	if f.opt.Xlat == xlat.Abbrev {
		return b
	}
	if f.opt.Xlat == xlat.Verbose {
		b = append(b, " /* "...)
	}
	for i := 0; i < size; i += 8 {
		if i == 0 {
			b = append(b, '[')
		} else {
			b = append(b, ", "...)
		}
		b = appendHex(b, le64(d[i:]))
	}
	b = append(b, ']')
	if f.opt.Xlat == xlat.Verbose {
		b = append(b, " */"...)
	}
	return b
}

// appendMtslots prints EVIOCGMTSLOTS's struct input_mt_request_layout of n
// ints: {code=ABS_MT_SLOT, values=[1, 3]}.
func (f *Formatter) appendMtslots(b []byte, addr uint64, cp *decoder.Capture, n uint32) []byte {
	if n == 0 || addr == 0 || cp == nil || cp.Fault() || len(cp.Data) < 4 {
		return appendAddr(b, addr)
	}
	b = xlat.ByName("evdev_mtslots").AppendValue(append(b, "{code="...), uint64(le32(cp.Data)), f.opt.Xlat)
	b = append(b, ", values="...)
	vals := *cp
	vals.Data = cp.Data[4:]
	b = f.appendMemArray(b, addr+4, &vals, uint64(n-1), 4, func(b, d []byte) []byte {
		return strconv.AppendInt(b, int64(int32(le32(d))), 10)
	})
	return append(b, '}')
}

// evdevWrite prints a write request's argument at enter.
func (f *Formatter) evdevWrite(b []byte, c *decoder.Call, code uint32) []byte {
	cp, addr := ioctlCapture(c, false), c.Args[2]
	switch {
	case code == ioctlCode("EVIOCSREP"):
		return appendStruct(b, addr, cp, 8, appendUintPair)
	case code == ioctlCode("EVIOCSKEYCODE"):
		return appendStruct(b, addr, cp, 8, f.appendKeycodePair)
	case code == ioctlCode("EVIOCSKEYCODE_V2"):
		return appendStruct(b, addr, cp, inputKeymapEntrySize, f.appendKeymapEntry)
	case code == ioctlCode("EVIOCRMFF"):
		return strconv.AppendInt(b, int64(int32(addr)), 10)
	case code == ioctlCode("EVIOCGRAB") || code == ioctlCode("EVIOCREVOKE"):
		return strconv.AppendUint(b, addr, 10)
	case code == ioctlCode("EVIOCSCLOCKID"):
		return appendStruct(b, addr, cp, 4, appendUintRef)
	case code == ioctlCode("EVIOCSFF"):
		return appendStruct(b, addr, cp, ffEffectSize, f.appendFfEffect)
	case xlat.IoctlNr(code)&^0x3f == 0xc0: // EVIOCSABS(abs)
		return f.appendAbsinfo(b, addr, cp, xlat.IoctlSize(code))
	}
	return appendAddr(b, addr)
}

func le16(d []byte) uint16 { return uint16(d[0]) | uint16(d[1])<<8 }

// appendUintRef prints an unsigned int the argument points to: [3].
func appendUintRef(b, d []byte) []byte {
	return append(strconv.AppendUint(append(b, '['), uint64(le32(d)), 10), ']')
}

// appendUintPair prints two unsigned ints: [250, 33].
func appendUintPair(b, d []byte) []byte {
	b = strconv.AppendUint(append(b, '['), uint64(le32(d)), 10)
	b = strconv.AppendUint(append(b, ", "...), uint64(le32(d[4:])), 10)
	return append(b, ']')
}

// appendKeycodePair prints a scancode and its key code: [30, KEY_A].
func (f *Formatter) appendKeycodePair(b, d []byte) []byte {
	b = strconv.AppendUint(append(b, '['), uint64(le32(d)), 10)
	b = xlat.ByName("evdev_keycode").AppendValue(append(b, ", "...), uint64(le32(d[4:])), f.opt.Xlat)
	return append(b, ']')
}

// appendKeymapEntry prints a struct input_keymap_entry; its index,
// keycode and scancode only with -v.
func (f *Formatter) appendKeymapEntry(b, d []byte) []byte {
	b = strconv.AppendUint(append(b, "{flags="...), uint64(d[0]), 10)
	b = strconv.AppendUint(append(b, ", len="...), uint64(d[1]), 10)
	if !f.opt.Verbose {
		return append(b, ", ...}"...)
	}
	b = strconv.AppendUint(append(b, ", index="...), uint64(le16(d[2:])), 10)
	b = xlat.ByName("evdev_keycode").AppendValue(append(b, ", keycode="...), uint64(le32(d[4:])), f.opt.Xlat)
	b = append(b, ", scancode=["...)
	for i, v := range d[8:40] {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = appendHex(b, uint64(v))
	}
	return append(b, "]}"...)
}

// appendAbsinfo prints a struct input_absinfo of size bytes (the
// request's size): value and minimum, with -v the rest the size holds.
func (f *Formatter) appendAbsinfo(b []byte, addr uint64, cp *decoder.Capture, size uint32) []byte {
	if size < inputAbsinfoOrigSize {
		return appendAddr(b, addr)
	}
	return appendStruct(b, addr, cp, int(min(size, inputAbsinfoSize)), func(b, d []byte) []byte {
		b = strconv.AppendUint(append(b, "{value="...), uint64(le32(d)), 10)
		b = strconv.AppendUint(append(b, ", minimum="...), uint64(le32(d[4:])), 10)
		if !f.opt.Verbose {
			return append(b, ", ...}"...)
		}
		for i, name := range [...]string{", maximum=", ", fuzz=", ", flat="} {
			b = strconv.AppendUint(append(b, name...), uint64(le32(d[8+4*i:])), 10)
		}
		if size > inputAbsinfoOrigSize {
			if size >= inputAbsinfoSize {
				b = strconv.AppendUint(append(b, ", resolution="...), uint64(le32(d[20:])), 10)
			}
			if size != inputAbsinfoSize {
				b = append(b, ", ..."...)
			}
		}
		return append(b, '}')
	})
}

// appendFfEffect prints a struct ff_effect: type, id and direction, with
// -v its trigger, replay and the member of its union its type says.
func (f *Formatter) appendFfEffect(b, d []byte) []byte {
	typ := le16(d)
	b = xlat.ByName("evdev_ff_types").AppendValue(append(b, "{type="...), uint64(typ), f.opt.Xlat)
	b = strconv.AppendInt(append(b, ", id="...), int64(int16(le16(d[2:]))), 10)
	b = strconv.AppendUint(append(b, ", direction="...), uint64(le16(d[4:])), 10)
	if !f.opt.Verbose {
		return append(b, ", ...}"...)
	}
	u16 := func(name string, o int) { b = strconv.AppendUint(append(b, name...), uint64(le16(d[o:])), 10) }
	s16 := func(name string, o int) { b = strconv.AppendInt(append(b, name...), int64(int16(le16(d[o:]))), 10) }
	envelope := func(o int) {
		u16(", envelope={attack_length=", o)
		u16(", attack_level=", o+2)
		u16(", fade_length=", o+4)
		b = append(appendHex(append(b, ", fade_level="...), uint64(le16(d[o+6:]))), '}')
	}
	u16(", trigger={button=", 6)
	u16(", interval=", 8)
	u16("}, replay={length=", 10)
	u16(", delay=", 12)
	b = append(b, '}')
	switch name, _ := xlat.ByName("evdev_ff_types").Name(uint64(typ)); name {
	case "FF_CONSTANT":
		s16(", constant={level=", 16)
		envelope(18)
		b = append(b, '}')
	case "FF_RAMP":
		s16(", ramp={start_level=", 16)
		s16(", end_level=", 18)
		envelope(20)
		b = append(b, '}')
	case "FF_PERIODIC":
		u16(", periodic={waveform=", 16)
		u16(", period=", 18)
		s16(", magnitude=", 20)
		s16(", offset=", 22)
		u16(", phase=", 24)
		envelope(26)
		b = strconv.AppendUint(append(b, ", custom_len="...), uint64(le32(d[36:])), 10)
		b = append(appendAddr(append(b, ", custom_data="...), le64(d[40:])), '}')
	case "FF_RUMBLE":
		u16(", rumble={strong_magnitude=", 16)
		u16(", weak_magnitude=", 18)
		b = append(b, '}')
	}
	return append(b, '}')
}
