package xlat

import (
	"slices"
	"strconv"
)

// Value is a number and the name strace prints for it.
type Value struct {
	Val  uint64
	Name string
}

// Table is a list of names, as strace's xlat tables are.
type Table struct {
	Values  []Value // in the order strace prints them
	Unknown string  // comment for unknown values, e.g. "O_???"

	// format, when set, prints the table's values in place of
	// AppendFlags and AppendValue: for the words strace prints with code
	// of its own rather than a plain printflags or printxval, such as
	// mmap's flags (the map type, then the flags). See compose.go.
	format func(t *Table, dst []byte, v uint64, s Style) []byte
}

// ByName returns the table generated from gen/inputs/xlat/NAME.in, as
// syscalltbl.Arg.Xlat names it, or nil when there is none.
func ByName(name string) *Table {
	return tables[name]
}

// Clone3Flags are the flags of clone3(2) as strace prints them: clone(2)'s
// (CloneFlags), then those only clone3 takes.
var Clone3Flags = &Table{
	Values:  slices.Concat(CloneFlags.Values, clone3OnlyFlags.Values),
	Unknown: CloneFlags.Unknown,
}

// Name returns the name of value v.
func (t *Table) Name(v uint64) (string, bool) {
	for _, x := range t.Values {
		if x.Val == v {
			return x.Name, true
		}
	}
	return "", false
}

// AppendValue appends v as strace's printxval does, in style s: its name,
// or v in hex followed by the Unknown comment, as in "0x1f /* SOCK_??? */".
// A table that strace prints with code of its own prints as that code
// does.
func (t *Table) AppendValue(dst []byte, v uint64, s Style) []byte {
	if t.format != nil && selfStyled[t] {
		return t.format(t, dst, v, s)
	}
	_, named := t.Name(v)
	return styled(dst, v, false, named || t.format != nil, s, func(b []byte) []byte {
		if t.format != nil {
			return t.format(t, b, v, Abbrev)
		}
		return t.appendValue(b, v)
	})
}

// AppendValueDec appends v as strace's printxval_d does, in style s: its
// name, or v in decimal followed by the Unknown comment, as in
// "2 /* SOCK_TXREHASH_??? */".
func (t *Table) AppendValueDec(dst []byte, v int64, s Style) []byte {
	name, named := t.Name(uint64(v))
	return styled(dst, uint64(v), true, named, s, func(b []byte) []byte {
		if named {
			return append(b, name...)
		}
		return appendComment(strconv.AppendInt(b, v, 10), t.Unknown)
	})
}

func (t *Table) appendValue(dst []byte, v uint64) []byte {
	if name, ok := t.Name(v); ok {
		return append(dst, name...)
	}
	return appendComment(appendHex(dst, v), t.Unknown)
}

// AppendFlags appends v as strace's printflags does: the names of the
// values whose bits are all set in v, in table order, joined by "|", then
// the bits left as |0x...; with no name at all "0x40000000 /* O_??? */";
// zero as the name of a zero value, or "0"; in style s. A table that
// strace prints with code of its own prints as that code does.
func (t *Table) AppendFlags(dst []byte, v uint64, s Style) []byte {
	if t.format != nil && selfStyled[t] {
		return t.format(t, dst, v, s)
	}
	return styled(dst, v, false, t.anyName(v), s, func(b []byte) []byte { return t.AppendFlagsAbbrev(b, v) })
}

// anyName reports whether printing v as flags names anything: whether a
// value of t is v or has all its bits in v.
func (t *Table) anyName(v uint64) bool {
	for _, x := range t.Values {
		if x.Val == v || x.Val != 0 && v&x.Val == x.Val {
			return true
		}
	}
	return false
}

// appendFlags is AppendFlags with the comment unknown for a value without
// a name: strace's printflags_ex with dflt, which may be empty (NULL).
func (t *Table) appendFlags(dst []byte, v uint64, unknown string) []byte {
	n := 0
	for _, x := range t.Values {
		if v == 0 && n > 0 {
			break
		}
		if x.Val == v || x.Val != 0 && v&x.Val == x.Val {
			if n > 0 {
				dst = append(dst, '|')
			}
			dst = append(dst, x.Name...)
			n++
			v &^= x.Val
		}
	}
	switch {
	case n > 0 && v != 0:
		return appendHex(append(dst, '|'), v)
	case n > 0:
		return dst
	case v != 0:
		return appendComment(appendHex(dst, v), unknown)
	}
	return append(dst, '0')
}

func appendComment(dst []byte, comment string) []byte {
	if comment == "" {
		return dst
	}
	dst = append(dst, " /* "...)
	dst = append(dst, comment...)
	return append(dst, " */"...)
}

// appendHex prints as C's "%#x": 0 has no 0x.
func appendHex(dst []byte, v uint64) []byte {
	if v == 0 {
		return append(dst, '0')
	}
	return strconv.AppendUint(append(dst, "0x"...), v, 16)
}

// AppendOpenFlags appends open(2) flags as strace does, in style s: the
// access mode always, first, then the other flags, as in
// "O_RDONLY|O_CLOEXEC".
func AppendOpenFlags(dst []byte, v uint64, s Style) []byte {
	return styled(dst, v, false, true, s, func(b []byte) []byte { return appendOpenFlags(b, v) })
}

func appendOpenFlags(dst []byte, v uint64) []byte {
	const accMode = 3 // O_ACCMODE
	// the table names all four access modes
	mode, _ := openAccessModes.Name(v & accMode)
	dst = append(dst, mode...)
	v &^= accMode
	for _, f := range OpenFlags.Values {
		if v == 0 {
			break
		}
		if v&f.Val == f.Val {
			dst = append(append(dst, '|'), f.Name...)
			v &^= f.Val
		}
	}
	if v != 0 {
		dst = appendHex(append(dst, '|'), v)
	}
	return dst
}

// ErrnoName returns the name of errno e, e.g. "ENOENT" for 2, including the
// kernel-internal codes from 512 on (ERESTARTSYS ...).
func ErrnoName(e int) (string, bool) {
	if e <= 0 {
		return "", false
	}
	return errnoNames.Name(uint64(e))
}

// ErrnoMessage returns the text strace prints in parentheses after errno
// e: glibc's strerror, or strace's own for the ERESTART* codes.
func ErrnoMessage(e int) string {
	if e > 0 && e < len(errnoMessages) && errnoMessages[e] != "" {
		return errnoMessages[e]
	}
	return "Unknown error " + strconv.Itoa(e) // as glibc's strerror
}

// The realtime signals strace names SIGRT_<n>, counting from SIGRTMIN
// (32 on every Linux architecture since 3.18) to glibc's __SIGRTMAX.
const (
	sigRTMin = 32
	sigRTMax = 64
)

// SignalName returns the name strace prints for signal sig: SIGCHLD,
// SIGRTMIN, SIGRT_8 for SIGRTMIN+8, or the number when it has no name.
func SignalName(sig int) string {
	if sig > 0 {
		if name, ok := signalNames.Name(uint64(sig)); ok {
			return name
		}
		if sig > sigRTMin && sig <= sigRTMax {
			return "SIGRT_" + strconv.Itoa(sig-sigRTMin)
		}
	}
	return strconv.Itoa(sig)
}

// SigCodeName returns the name of si_code code for signal sig: first the
// codes any signal can carry (SI_USER, SI_KERNEL, SI_TKILL ...), then those
// of the signal (CLD_EXITED, SEGV_MAPERR ...). strace prints a code
// without a name in hex, as the unsigned 32-bit number: 0xfffffff6 for -10.
func SigCodeName(sig, code int) (string, bool) {
	v := uint64(uint32(code))
	if name, ok := siginfoCodes.Name(v); ok {
		return name, true
	}
	if sig > 0 && sig < len(sigCodes) && sigCodes[sig] != nil {
		return sigCodes[sig].Name(v)
	}
	return "", false
}
