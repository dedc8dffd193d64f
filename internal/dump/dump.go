// Package dump makes strace's hex dumps for -e read=SET and -e write=SET:
// the data a syscall read from or wrote to a chosen descriptor, printed
// after its line, 16 bytes a line.
package dump

import (
	"math/bits"
	"strconv"
)

// Dir says whether a syscall's data is dumped for -e read= or -e write=.
type Dir int

// Directions.
const (
	None  Dir = iota
	Read      // its buffer, the second argument, holds what it read
	Write     // its buffer, the second argument, holds what it wrote
)

// Shape says where a dumped syscall's data is.
type Shape int

// Shapes.
const (
	Buffer Shape = iota // one buffer, the second argument
	Iovec               // a struct iovec array, the second argument
	Msghdr              // the iovecs of a struct msghdr, the second argument
)

// Of is the direction of the syscall named name and where its data is;
// its first argument is the descriptor. These are strace's dumped
// syscalls (its dumpio); the kernel side captures their data whole up to
// its PATH_MAX, 4096 bytes a buffer.
func Of(name string) (Dir, Shape) {
	switch name {
	case "read", "pread64", "recvfrom", "mq_timedreceive":
		return Read, Buffer
	case "write", "pwrite64", "sendto", "mq_timedsend":
		return Write, Buffer
	case "readv", "preadv", "preadv2":
		return Read, Iovec
	case "writev", "pwritev", "pwritev2", "vmsplice":
		return Write, Iovec
	case "recvmsg":
		return Read, Msghdr
	case "sendmsg":
		return Write, Msghdr
	}
	return None, Buffer
}

// AppendBuffer appends strace's " * N bytes in buffer I" line, which
// heads the dump of each buffer of an iovec array.
func AppendBuffer(b []byte, n uint64, i int) []byte {
	b = append(b, " * "...)
	b = strconv.AppendUint(b, n, 10)
	b = append(b, " bytes in buffer "...)
	b = strconv.AppendInt(b, int64(i), 10)
	return append(b, '\n')
}

const (
	width   = 16 // bytes a line
	group   = 8  // bytes between the extra spaces
	minOffs = 5  // hex digits of the offset, at least
)

// Append appends strace's dumpstr of data, of which the syscall moved
// total bytes: a line per 16 bytes, " | OFFSET  HEX...  ASCII |", and a
// last line saying how many bytes were not captured, if any.
func Append(b, data []byte, total int) []byte {
	offs := minOffs
	if total > 1<<(minOffs*4) {
		offs = 1 + (bits.Len(uint(total-1))-1)/4
	}
	const hex = "0123456789abcdef"
	for i := 0; i < len(data); i += width {
		b = append(b, " | "...)
		for s := (offs - 1) * 4; s >= 0; s -= 4 {
			b = append(b, hex[(i>>s)&0xf])
		}
		b = append(b, ' ', ' ')
		for j := i; j < i+width; j++ {
			if j < len(data) {
				b = append(b, hex[data[j]>>4], hex[data[j]&0xf], ' ')
			} else {
				b = append(b, ' ', ' ', ' ')
			}
			if (j+1)%group == 0 {
				b = append(b, ' ')
			}
		}
		for j := i; j < i+width; j++ {
			switch {
			case j >= len(data):
				b = append(b, ' ')
			case data[j] >= ' ' && data[j] < 0x7f:
				b = append(b, data[j])
			default:
				b = append(b, '.')
			}
		}
		b = append(b, " |\n"...)
	}
	if total > len(data) {
		b = append(b, " | <... "...)
		b = strconv.AppendInt(b, int64(total-len(data)), 10)
		b = append(b, " bytes more not captured ...>\n"...)
	}
	return b
}
