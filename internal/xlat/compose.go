package xlat

import "strconv"

// The words below are not a plain printflags or printxval in strace: its
// decoders compose them of a value and flags, in code. Each function is
// the @format of a table (see gen/xlat) and prints as AppendFlags and
// AppendValue of that table, in names: AppendFlags and AppendValue apply
// -X around them, unless the table is selfStyled.

// appendMmapFlags prints mmap(2)'s flags as strace's print_mmap_flags: the
// map type of the low 4 bits as a value of t (MAP_FILE for 0, else
// "0x4 /* MAP_??? */"), then the other flags of t without a comment for
// unknown bits, then a huge page size as "21<<MAP_HUGE_SHIFT". As in
// strace, the bits above 31 are dropped from the flags (strace clears the
// huge page bits with a 32-bit mask).
func appendMmapFlags(t *Table, dst []byte, v uint64, _ Style) []byte {
	const (
		mapType   = 0xf                          // MAP_TYPE
		hugeShift = 26                           // MAP_HUGE_SHIFT
		hugeMask  = uint32(0x3f) << hugeShift    // MAP_HUGE_MASK << MAP_HUGE_SHIFT
		keep      = uint64(^hugeMask) &^ mapType // what strace's flags &= ~mask leaves
	)
	dst = t.appendValue(dst, v&mapType)
	huge := v & uint64(hugeMask)
	if flags := v & keep; flags != 0 {
		dst = t.appendFlags(append(dst, '|'), flags, "")
	}
	if huge != 0 {
		dst = strconv.AppendUint(append(dst, '|'), huge>>hugeShift, 10)
		dst = append(dst, "<<MAP_HUGE_SHIFT"...)
	}
	return dst
}

// appendMemfdFlags prints memfd_create(2)'s flags as strace does: 0, or the
// flags of t, then a huge page size as "21<<MFD_HUGE_SHIFT". strace styles
// it itself: under -X verbose the number, then all of that in a comment.
func appendMemfdFlags(t *Table, dst []byte, v uint64, s Style) []byte {
	const (
		hugeShift = 26                // MFD_HUGE_SHIFT
		hugeMask  = 0x3f << hugeShift // MFD_HUGE_MASK << MFD_HUGE_SHIFT
	)
	v = uint64(uint32(v))
	if v == 0 || s != Abbrev {
		dst = appendHex(dst, v)
	}
	if v == 0 || s == Raw {
		return dst
	}
	if s == Verbose {
		return append(appendMemfdNames(t, append(dst, " /* "...), v), " */"...)
	}
	return appendMemfdNames(t, dst, v)
}

// appendMemfdNames is appendMemfdFlags' words for v.
func appendMemfdNames(t *Table, dst []byte, v uint64) []byte {
	const (
		hugeShift = 26                // MFD_HUGE_SHIFT
		hugeMask  = 0x3f << hugeShift // MFD_HUGE_MASK << MFD_HUGE_SHIFT
	)
	huge, flags := v&hugeMask, v&^hugeMask
	if flags != 0 || huge == 0 {
		dst = t.appendFlags(dst, flags, t.Unknown)
	}
	if huge != 0 {
		if flags != 0 {
			dst = append(dst, '|')
		}
		dst = strconv.AppendUint(dst, huge>>hugeShift, 10)
		dst = append(dst, "<<MFD_HUGE_SHIFT"...)
	}
	return dst
}

// appendMountFlags prints mount(2)'s flags as strace does: the old magic
// number 0xC0ED0000 in the high 16 bits as MS_MGC_VAL, then the flags of
// t. As in strace, the magic number drops the bits above 31 too. strace
// prints each part with its own print_xlat and printflags, so each is
// styled on its own under -X: "0xc0ed0000 /* MS_MGC_VAL */|0xf /* ... */".
func appendMountFlags(t *Table, dst []byte, v uint64, s Style) []byte {
	const (
		mgcVal = 0xC0ED0000 // MS_MGC_VAL
		mgcMsk = 0xffff0000 // MS_MGC_MSK
	)
	flags := func(dst []byte, v uint64) []byte {
		return styled(dst, v, false, t.anyName(v), s, func(b []byte) []byte { return t.appendFlags(b, v, t.Unknown) })
	}
	if v&mgcMsk != mgcVal {
		return flags(dst, v)
	}
	dst = AppendNamed(dst, "MS_MGC_VAL", func(b []byte) []byte { return appendHex(b, mgcVal) }, s)
	if v &= 0xffff; v != 0 { // v &= ~MS_MGC_MSK, 32 bits wide
		dst = flags(append(dst, '|'), v)
	}
	return dst
}

// appendFanInitFlags prints fanotify_init(2)'s flags as strace does: the
// class of the bits FAN_ALL_CLASS_BITS as a value of fanClasses, then the
// other bits as flags of t.
func appendFanInitFlags(t *Table, dst []byte, v uint64, _ Style) []byte {
	const classBits = 0xc // FAN_ALL_CLASS_BITS
	v = uint64(uint32(v))
	dst = fanClasses.appendValue(dst, v&classBits)
	if v &^= classBits; v != 0 {
		dst = t.appendFlags(append(dst, '|'), v, t.Unknown)
	}
	return dst
}

// appendPersonality prints personality(2)'s argument as strace does: the
// execution domain of the low byte (personalityTypes), then the flags of
// t without a comment for unknown bits; 0xffffffff, which queries the
// personality, raw.
func appendPersonality(t *Table, dst []byte, v uint64, _ Style) []byte {
	const perMask = 0xff // PER_MASK
	v = uint64(uint32(v))
	if v == 0xffffffff {
		return appendHex(dst, v)
	}
	dst = personalityTypes.appendValue(dst, v&perMask)
	if v &^= perMask; v != 0 {
		dst = t.appendFlags(append(dst, '|'), v, "")
	}
	return dst
}

// appendSocketType prints socket(2)'s type as strace's tprint_sock_type:
// the type of the low 4 bits when sockTypes names it, then the flags of
// sockTypeFlags, as in "SOCK_STREAM|SOCK_CLOEXEC"; with no type name all
// of it as flags: "SOCK_NONBLOCK|0xf", "0xf /* SOCK_??? */". Each part is
// styled on its own under -X, as strace prints each with its own call:
// "0x3 /* SOCK_RAW */|0x80000 /* SOCK_CLOEXEC */".
func appendSocketType(_ *Table, dst []byte, v uint64, s Style) []byte {
	const typeMask = 0xf // SOCK_TYPE_MASK
	v = uint64(uint32(v))
	if _, ok := sockTypes.Name(v & typeMask); ok {
		dst = sockTypes.AppendValue(dst, v&typeMask, s)
		if v &^= typeMask; v == 0 {
			return dst
		}
		dst = append(dst, '|')
	}
	return sockTypeFlags.AppendFlags(dst, v, s)
}

// appendStatxFlags prints statx(2)'s flags as strace does: the sync type
// of AT_STATX_SYNC_TYPE's bits as flags of t (AT_STATX_SYNC_AS_STAT for
// 0), then the other bits as AT_* flags, without a comment for unknown
// bits.
//
// strace prints each part with a printflags of its own, so each is styled
// on its own under -X (and in -X raw a zero sync type prints as nothing).
func appendStatxFlags(t *Table, dst []byte, v uint64, s Style) []byte {
	const syncType = 0x6000 // AT_STATX_SYNC_TYPE
	dst = t.appendFlagsPart(dst, v&syncType, s)
	if rest := v &^ syncType; rest != 0 {
		dst = AtFlags.appendFlagsPart(append(dst, '|'), rest, s)
	}
	return dst
}

// appendFlagsPart prints v as strace's printflags with no default text,
// in style s.
func (t *Table) appendFlagsPart(dst []byte, v uint64, s Style) []byte {
	switch {
	case s == Raw && v == 0:
		return dst
	case s == Abbrev || !t.anyName(v):
		return t.appendFlags(dst, v, "")
	}
	dst = appendHex(dst, v)
	if s == Raw {
		return dst
	}
	return append(t.appendFlags(append(dst, " /* "...), v, ""), " */"...)
}

// selfStyled are the tables whose format applies -X itself.
var selfStyled = map[*Table]bool{}

func init() {
	for _, t := range []*Table{statxFlags, mountFlags, memfdCreateFlags, mpolModes, kexecLoadFlags, keySpec, swapFlags, socketType} {
		selfStyled[t] = true
	}
}

// appendMpolMode prints a memory policy mode as strace's print_mode: the
// mode of t, then the mode flags (MPOL_F_*) in the bits above it, as
// "MPOL_DEFAULT|MPOL_F_STATIC_NODES"; with flags but no mode name all of it
// as flags.
func appendMpolMode(t *Table, dst []byte, v uint64, s Style) []byte {
	flagBits := uint64(0)
	for _, f := range mpolModeFlags.Values {
		flagBits |= f.Val
	}
	mode, flags := v&^flagBits, v&flagBits
	if flags == 0 {
		_, named := t.Name(mode)
		return styled(dst, mode, false, named, s, func(b []byte) []byte { return t.appendValue(b, mode) })
	}
	name, ok := t.Name(mode)
	if !ok {
		return mpolModeFlags.AppendFlags(dst, v, s)
	}
	return styled(dst, v, false, true, s, func(b []byte) []byte {
		return mpolModeFlags.appendFlags(append(append(b, name...), '|'), flags, "")
	})
}

// appendKexecLoadFlags prints kexec_load(2)'s flags as strace does: the
// architecture of the high 16 bits (KEXEC_ARCH_MASK) as a value, then the
// flags of t, each part styled on its own.
func appendKexecLoadFlags(t *Table, dst []byte, v uint64, s Style) []byte {
	const archMask = 0xffff0000 // KEXEC_ARCH_MASK
	dst = kexecArchValues.AppendValue(dst, v&archMask, s)
	if rest := v &^ archMask; rest != 0 {
		dst = styled(append(dst, '|'), rest, false, t.anyName(rest), s, func(b []byte) []byte { return t.appendFlags(b, rest, t.Unknown) })
	}
	return dst
}

// appendValueD prints a 32-bit int as strace's printxval_d: its name in t,
// or the signed decimal number without a comment.
func appendValueD(t *Table, dst []byte, v uint64, s Style) []byte {
	v = uint64(uint32(v))
	name, named := t.Name(v)
	return styled(dst, uint64(int64(int32(v))), true, named, s, func(b []byte) []byte {
		if named {
			return append(b, name...)
		}
		return strconv.AppendInt(b, int64(int32(v)), 10)
	})
}

// appendSwapFlags prints swapon(2)'s flags as strace does: the flags of t
// above the priority, then the priority of the low 15 bits
// (SWAP_FLAG_PRIO_MASK) in decimal, as "SWAP_FLAG_PREFER|42".
func appendSwapFlags(t *Table, dst []byte, v uint64, s Style) []byte {
	const prioMask = 0x7fff // SWAP_FLAG_PRIO_MASK
	v = uint64(uint32(v))
	if flags := v &^ prioMask; flags != 0 {
		dst = styled(dst, flags, false, t.anyName(flags), s, func(b []byte) []byte { return t.appendFlags(b, flags, t.Unknown) })
		dst = append(dst, '|')
	}
	return strconv.AppendUint(dst, v&prioMask, 10)
}
