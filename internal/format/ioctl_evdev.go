package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/xlat"
)

// The input event device requests (type 'E'), as strace 6.1's evdev.c
// decodes them. What the kernel writes (the _IOR requests) prints at exit;
// the bit sets of EVIOCGBIT, EVIOCGKEY ... and the strings of EVIOCGNAME
// ... print, not yet decoded, as their address.
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
	case nr&^0x3f == 0x40: // EVIOCGABS(abs)
		return f.appendAbsinfo(b, addr, cp, xlat.IoctlSize(code))
	}
	return appendAddr(b, addr)
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
