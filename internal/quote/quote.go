// Package quote prints a tracee's strings and buffers as strace does: C
// escapes, or hex under -x and -xx, and "..." after what was cut.
package quote

// Mode selects strace's -x / -xx behaviour.
type Mode uint8

const (
	// Default escapes as strace does by default: \t \n \v \f \r \"
	// and \\ by name, printable ASCII (0x20..0x7e) as is, and every other
	// byte in octal, as short as possible (\1, \37, \377) unless the next
	// byte of data is an octal digit '0'..'7': then in three digits (\0011).
	Default Mode = iota
	// NonASCIIHex is -x (--strings-in-hex=non-ascii): if data holds
	// any byte that is neither printable ASCII nor one of \t \n \v \f \r,
	// the whole of data is printed as \xNN, every byte, printable or not
	// ("\x61\x00\x62"); otherwise data is printed as by Default
	// (which then has nothing to escape in octal).
	NonASCIIHex
	// AllHex is -xx (--strings-in-hex=all): every byte as \xNN.
	AllHex
	// NonASCIICharsHex is --strings-in-hex=non-ascii-chars: as
	// Default, but the bytes Default prints in octal are printed
	// as \xNN, always two digits whatever follows ("\x011").
	NonASCIICharsHex
)

const hexDigits = "0123456789abcdef"

// Append appends data as a double-quoted C string the way strace 6.1
// prints a string or a buffer (string_quote in its src/util.c), and returns
// the extended buffer. It allocates nothing but what growing dst needs.
//
// more == true means the tracee's string/buffer continues beyond data and
// strace would print "..." right after the closing quote ("abcdef"...).
//
// mode is -x's: which bytes print in hex.
//
// The caller applies -s (strace's max_strlen, 32 unless set) and says
// whether anything was cut; AppendQuoted never looks past data:
//
//   - A counted buffer of n bytes (write, read, sendto...) is cut to its
//     first -s bytes: data = buf[:min(n, s)], more = n > s. A buffer of
//     exactly s bytes has no "...". NUL bytes inside are data like any other
//     byte ("a\0b"), and under -x they make the whole buffer hex.
//   - A NUL-terminated string (execve's argv strings, ...) is passed without
//     its NUL. It is cut to -s bytes: data = str[:min(len, s)], more =
//     len > s, so a string of exactly s bytes has no "..."; more is also
//     true when the string could not be read up to its NUL.
//   - Paths (printpath) are not cut at -s: strace shows up to PATH_MAX-1
//     (4095) bytes of them, then "..." if the NUL was not among them.
//   - -s 0 leaves data empty: "" then "..." if anything was cut.
//
// Whether a byte is escaped in three octal digits depends only on the next
// byte of data: strace does not look past the cut either, so "\1" followed
// by "1" is "\0011", but "\1"... when the "1" lies beyond -s. Likewise the
// -x decision to print everything in hex looks only at data.
func Append(dst []byte, data []byte, more bool, m Mode) []byte {
	dst = append(dst, '"')
	switch {
	case m == AllHex, m == NonASCIIHex && needsHex(data):
		for _, c := range data {
			dst = append(dst, '\\', 'x', hexDigits[c>>4], hexDigits[c&0xf])
		}
	default:
		dst = appendEscaped(dst, data, m == NonASCIICharsHex)
	}
	dst = append(dst, '"')
	if more {
		dst = append(dst, "..."...)
	}
	return dst
}

// needsHex reports whether -x prints data in hex: it holds a byte that is
// neither printable ASCII nor whitespace (\t \n \v \f \r).
func needsHex(data []byte) bool {
	for _, c := range data {
		if c > 0x7e || c < ' ' && (c < '\t' || c > '\r') {
			return true
		}
	}
	return false
}

// appendEscaped appends data with C escapes, the bytes with no name in
// octal (or in hex if hex is set).
func appendEscaped(dst []byte, data []byte, hex bool) []byte {
	start := 0 // data[start:i] is printable and not yet appended
	for i := 0; i < len(data); i++ {
		c := data[i]
		if c >= ' ' && c < 0x7f && c != '"' && c != '\\' {
			continue
		}
		dst = append(dst, data[start:i]...)
		start = i + 1
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\t':
			dst = append(dst, '\\', 't')
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\v':
			dst = append(dst, '\\', 'v')
		case '\f':
			dst = append(dst, '\\', 'f')
		case '\r':
			dst = append(dst, '\\', 'r')
		default:
			if hex {
				dst = append(dst, '\\', 'x', hexDigits[c>>4], hexDigits[c&0xf])
				continue
			}
			dst = append(dst, '\\')
			full := i+1 < len(data) && data[i+1] >= '0' && data[i+1] <= '7'
			if full || c >= 0100 {
				dst = append(dst, '0'+c>>6)
			}
			if full || c >= 010 {
				dst = append(dst, '0'+c>>3&7)
			}
			dst = append(dst, '0'+c&7)
		}
	}
	return append(dst, data[start:]...)
}
