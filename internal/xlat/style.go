package xlat

import "strconv"

// Style is how named constants print: strace's -X.
type Style uint8

// Styles of -X.
const (
	Abbrev  Style = iota // names (the default): O_RDONLY|O_CLOEXEC
	Raw                  // numbers only: 0x80000
	Verbose              // numbers, then names in a comment: 0x80000 /* O_RDONLY|O_CLOEXEC */
)

// ParseStyle reads -X's argument.
func ParseStyle(s string) (Style, bool) {
	switch s {
	case "abbrev":
		return Abbrev, true
	case "raw":
		return Raw, true
	case "verbose":
		return Verbose, true
	}
	return Abbrev, false
}

// styled prints v in style s: as names does in Abbrev; as the number (hex,
// or decimal when dec) in Raw; as the number then what names prints, in a
// comment, in Verbose. A value without a name prints as names prints it
// ("0x7 /* SEEK_??? */"), but in Raw as the number alone.
func styled(dst []byte, v uint64, dec bool, named bool, s Style, names func([]byte) []byte) []byte {
	if s == Abbrev || !named && s == Verbose {
		return names(dst)
	}
	if dec {
		dst = strconv.AppendInt(dst, int64(v), 10)
	} else {
		dst = appendHex(dst, v)
	}
	if s == Raw {
		return dst
	}
	return append(names(append(dst, " /* "...)), " */"...)
}

// AppendSignal appends signal sig as strace prints it in style s: SIGUSR1,
// in -X raw 10, in -X verbose 10 /* SIGUSR1 */; a signal without a name as
// its number.
func AppendSignal(dst []byte, sig int, s Style) []byte {
	name := SignalName(sig)
	return styled(dst, uint64(sig), true, name != strconv.Itoa(sig), s, func(b []byte) []byte { return append(b, name...) })
}

// AppendSigsetMember appends signal sig as a member of a signal set: its
// name without SIG (USR1), or 10, or 10 /* USR1 */.
func AppendSigsetMember(dst []byte, sig int, s Style) []byte {
	name := SignalName(sig)
	named := name != strconv.Itoa(sig)
	if named && len(name) > 3 && name[:3] == "SIG" {
		name = name[3:]
	}
	return styled(dst, uint64(sig), true, named, s, func(b []byte) []byte { return append(b, name...) })
}

// AppendNamed appends a value that code names by hand (AT_FDCWD,
// SIG_DFL, RLIM64_INFINITY...) in style s: name, or the number formatted
// by number, or both.
func AppendNamed(dst []byte, name string, number func([]byte) []byte, s Style) []byte {
	switch s {
	case Raw:
		return number(dst)
	case Verbose:
		return append(append(append(number(dst), " /* "...), name...), " */"...)
	}
	return append(dst, name...)
}

// AppendFlagsAbbrev appends v as AppendFlags does in the default style,
// whatever -X says: for the text strace adds after a return value
// ("= 0x8002 (flags O_RDWR|O_LARGEFILE)"), which -X leaves alone.
func (t *Table) AppendFlagsAbbrev(dst []byte, v uint64) []byte {
	if t.format != nil {
		return t.format(t, dst, v, Abbrev)
	}
	return t.appendFlags(dst, v, t.Unknown)
}

// AppendOpenFlagsAbbrev is AppendOpenFlags in the default style.
func AppendOpenFlagsAbbrev(dst []byte, v uint64) []byte { return appendOpenFlags(dst, v) }

// noted prints v as strace's printflags_ex and printxvals_ex with
// XLAT_STYLE_VERBOSE, which some decoders ask for whatever -X says (but
// -X raw): the number, then what names prints in a comment.
func noted(dst []byte, v uint64, s Style, names func([]byte) []byte) []byte {
	dst = appendHex(dst, v)
	if s == Raw {
		return dst
	}
	return append(names(append(dst, " /* "...)), " */"...)
}

// AppendFlagsNoted appends v as flags of t in the verbose style unless -X
// raw (s): "0xe7 /* XFEATURE_MASK_FPSSE|XFEATURE_MASK_YMM */".
func (t *Table) AppendFlagsNoted(dst []byte, v uint64, s Style) []byte {
	if _, zero := t.Name(0); v == 0 && !zero {
		return append(dst, '0') // printflags_ex prints no comment for 0
	}
	return noted(dst, v, s, func(b []byte) []byte {
		if v == 0 || !t.anyName(v) {
			return append(b, t.Unknown...)
		}
		return t.appendFlags(b, v, t.Unknown)
	})
}

// AppendValueNotedDec is AppendValueNoted in decimal (strace's
// XLAT_STYLE_VERBOSE | XLAT_STYLE_FMT_D): "0 /* SYSLOG_ACTION_CLOSE */".
func (t *Table) AppendValueNotedDec(dst []byte, v int64, s Style) []byte {
	dst = strconv.AppendInt(dst, v, 10)
	if s == Raw {
		return dst
	}
	dst = append(dst, " /* "...)
	if name, ok := t.Name(uint64(v)); ok {
		dst = append(dst, name...)
	} else {
		dst = append(dst, t.Unknown...)
	}
	return append(dst, " */"...)
}

// AppendValueNoted appends v as a value of t in the verbose style unless
// -X raw (s): "0 /* XFEATURE_FP */", "0xe /* XFEATURE_??? */".
func (t *Table) AppendValueNoted(dst []byte, v uint64, s Style) []byte {
	return noted(dst, v, s, func(b []byte) []byte {
		if name, ok := t.Name(v); ok {
			return append(b, name...)
		}
		return append(b, t.Unknown...)
	})
}

// AppendFlagsBare appends v as the flags of t as strace's sprintflags: the
// names joined by "|", bits without a name in hex, and no comment.
func (t *Table) AppendFlagsBare(dst []byte, v uint64) []byte {
	return t.appendFlags(dst, v, "")
}

// AppendFlagsAux appends v as the flags of t as strace's sprintflags_ex in
// its auxstr mode, the text in parentheses after a return value: the names,
// then the bits left in hex; nothing when no name matches. -X raw prints
// none: callers leave it out then.
func (t *Table) AppendFlagsAux(dst []byte, v uint64) []byte {
	n := 0
	for _, x := range t.Values {
		if v == 0 && x.Val == 0 {
			return append(dst, x.Name...)
		}
		if x.Val != 0 && v&x.Val == x.Val {
			if n > 0 {
				dst = append(dst, '|')
			}
			dst = append(dst, x.Name...)
			n++
			v &^= x.Val
		}
	}
	if n > 0 && v != 0 {
		dst = appendHex(append(dst, '|'), v)
	}
	return dst
}
