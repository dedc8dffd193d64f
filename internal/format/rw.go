package format

import "github.com/gotrace/gotrace/internal/decoder"

func init() {
	specialFormatters["preadv2"] = formatRWv2
	specialFormatters["pwritev2"] = formatRWv2
}

// formatRWv2 prints preadv2 and pwritev2 as strace does on x86_64: the
// offset is pos_l alone, and pos_h, which the kernel ignores there, is not
// shown: fd, iov, vlen, offset, flags. preadv2's iovecs print when it
// returns, with what follows them.
func formatRWv2(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	sc := c.Syscall()
	shown := [...]int{0, 1, 2, 3, 5}
	first := 0
	if exiting {
		first = 1
	}
	for k := first; k < len(shown); k++ {
		i := shown[k]
		if !exiting && k == 1 && printedAtExit(sc.Args[i].Kind) {
			return append(b, ", "...), true
		}
		if k > first {
			b = append(b, ", "...)
		}
		b = f.appendArg(b, c, i, &sc.Args[i])
	}
	return b, false
}
