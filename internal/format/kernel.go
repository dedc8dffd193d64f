package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

// reboot(2)'s command that takes a string (linux/reboot.h), and the
// kernel's buffer for it: 255 bytes and a NUL.
const (
	rebootCmdRestart2 = 0xA1B2C3D4
	rebootArgMax      = 255
)

var (
	rebootMagic1 = xlat.ByName("bootflags1")
	rebootMagic2 = xlat.ByName("bootflags2")
	rebootCmds   = xlat.ByName("bootflags3")
)

// formatReboot prints reboot's magic numbers and command, and the command
// string only for LINUX_REBOOT_CMD_RESTART2, as strace does.
func formatReboot(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	if exiting {
		return b, false
	}
	s := f.opt.Xlat
	b = rebootMagic1.AppendValue(b, uint64(uint32(c.Args[0])), s)
	b = append(b, ", "...)
	b = rebootMagic2.AppendValue(b, uint64(uint32(c.Args[1])), s)
	b = append(b, ", "...)
	cmd := uint32(c.Args[2])
	b = rebootCmds.AppendValue(b, uint64(cmd), s)
	if cmd != rebootCmdRestart2 {
		return b, false
	}
	b = append(b, ", "...)
	addr, cp := c.Args[3], c.Capture(3, decoder.CapStr)
	if addr == 0 || cp == nil || cp.Fault() {
		return f.appendString(b, addr, cp, true), false
	}
	data, more := cp.Data, cp.More()
	// strace reads 255 bytes: it cannot see the NUL after as many
	if len(data) >= rebootArgMax {
		data, more = data[:rebootArgMax], true
	}
	if len(data) > f.opt.StrSize {
		data, more = data[:f.opt.StrSize], true
	}
	return quote.Append(b, data, more, f.opt.Quote), false
}

func init() { structKinds[syscalltbl.UstatOut] = structKind{(*Formatter).appendUstat, nil} }

// appendDevArg prints a device number argument as strace's print_dev_t.
func appendDevArg(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	return f.appendDevStyled(b, a.Value(c.Args[i]))
}

// appendUstat prints a struct ustat as strace does: {f_tfree=0, f_tinode=0}.
func (f *Formatter) appendUstat(b, d []byte) []byte {
	b = append(b, "{f_tfree="...)
	b = strconv.AppendUint(b, uint64(le32(d)), 10)
	b = append(b, ", f_tinode="...)
	b = strconv.AppendUint(b, le64(d[8:]), 10)
	return append(b, '}')
}

// personality(2): the execution domain in the low byte (PER_MASK), flags
// above it.
const perMask = 0xff

var (
	personalityTypes = xlat.ByName("personality_types")
	personalityFlags = xlat.ByName("personality_flags")
)

// formatPersonality prints personality's argument as strace does: the
// query 0xffffffff raw, else the domain and the flags, each in the style
// -X asks for.
func formatPersonality(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	if exiting {
		return b, false
	}
	v := uint32(c.Args[0])
	if v == 0xffffffff {
		return appendHex(b, uint64(v)), false
	}
	return f.appendPersonality(b, v), false
}

// returnPersonality prints the personality the call returns in hex, and
// in parentheses as its argument prints.
func (f *Formatter) returnPersonality(b []byte, c *decoder.Call) ([]byte, bool) {
	if c.Failed() {
		return b, false
	}
	return appendRetAux(b, uint64(c.Ret), true, f.appendPersonality(nil, uint32(c.Ret))), true
}

func (f *Formatter) appendPersonality(b []byte, v uint32) []byte {
	s := f.opt.Xlat
	b = personalityTypes.AppendValue(b, uint64(v&perMask), s)
	rest := uint64(v &^ perMask)
	if rest == 0 {
		return b
	}
	b = append(b, '|')
	named := false
	for _, x := range personalityFlags.Values {
		named = named || x.Val != 0 && rest&x.Val == x.Val
	}
	switch {
	case s == xlat.Abbrev:
		return personalityFlags.AppendFlagsBare(b, rest)
	case s == xlat.Raw || !named:
		return appendHex(b, rest)
	}
	b = append(appendHex(b, rest), " /* "...)
	return append(personalityFlags.AppendFlagsBare(b, rest), " */"...)
}

// kexec_load(2)'s segments: struct kexec_segment, at most
// KEXEC_SEGMENT_MAX of them (linux/kexec.h).
const (
	kexecSegmentSize = 32
	kexecSegmentMax  = 16
)

// appendKexecSegments prints kexec_load's segments as strace's
// print_kexec_segments: [{buf=NULL, bufsz=0, mem=NULL, memsz=0}], the
// address alone when there are more than the kernel takes.
func appendKexecSegments(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	n := lenArg(c, a)
	if n > kexecSegmentMax {
		return appendAddr(b, c.Args[i])
	}
	return f.appendPartArray(b, c.Args[i], n, kexecSegmentSize, c.Capture(uint8(i), decoder.CapArrayIn), func(b, d []byte) []byte {
		b = appendAddr(append(b, "{buf="...), le64(d))
		b = strconv.AppendUint(append(b, ", bufsz="...), le64(d[8:]), 10)
		b = appendAddr(append(b, ", mem="...), le64(d[16:]))
		b = strconv.AppendUint(append(b, ", memsz="...), le64(d[24:]), 10)
		return append(b, '}')
	})
}
