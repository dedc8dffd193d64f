package printer

// AppendQuoted appends data as strace prints a string or buffer: in double
// quotes, with C escapes for \t \n \v \f \r " and \\, printable ASCII as
// is, and every other byte in octal, as short as possible unless an octal
// digit follows. more says that the tracee's data goes on past data (cut
// at -s, or unterminated): strace then prints "..." after the quote.
func AppendQuoted(dst []byte, data []byte, more bool) []byte {
	dst = append(dst, '"')
	for i, c := range data {
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
			if c >= ' ' && c < 0x7f {
				dst = append(dst, c)
				continue
			}
			dst = append(dst, '\\')
			digitNext := i+1 < len(data) && data[i+1] >= '0' && data[i+1] <= '7'
			if digitNext || c>>6 != 0 {
				dst = append(dst, '0'+c>>6)
			}
			if digitNext || c>>3 != 0 {
				dst = append(dst, '0'+c>>3&7)
			}
			dst = append(dst, '0'+c&7)
		}
	}
	dst = append(dst, '"')
	if more {
		dst = append(dst, "..."...)
	}
	return dst
}
