package format

import (
	"strconv"
	"strings"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

// refArg is how much the kernel side reads for a pointer to one scalar
// (RefIn, RefOut: what the pointer's C type points to, as the registry
// says) and whether at exit.
func refArg(a *syscalltbl.Arg) (size int, atExit bool) {
	pointee := a.Pointee()
	return pointee.Bits() / 8, a.Kind.Info().AtExit
}

// appendRef prints the scalar argument a points to as strace's printnum
// does, [N] (a uid_t or gid_t of -1 as -1), or the address when it could
// not be read.
func appendRef(b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	addr := c.Args[i]
	size, atExit := refArg(a)
	kind := decoder.CapMemIn
	if atExit {
		kind = decoder.CapMemOut
	}
	cp := c.Capture(uint8(i), kind)
	if addr == 0 || cp == nil || cp.Fault() || len(cp.Data) < size {
		return appendAddr(b, addr)
	}
	var raw uint64
	if size == 4 {
		raw = uint64(le32(cp.Data))
	} else {
		raw = le64(cp.Data)
	}
	pointee := a.Pointee()
	b = append(b, '[')
	if strings.HasSuffix(pointee.Type, "*") || pointee.Type == "aio_context_t" { // an address: printnum_ptr
		return append(appendAddr(b, raw), ']')
	}
	switch pointee.Type {
	case "uid_t", "gid_t":
		if uint32(raw) == ^uint32(0) {
			b = append(b, "-1"...)
		} else {
			b = strconv.AppendUint(b, pointee.Value(raw), 10)
		}
	default:
		if pointee.Signed() {
			b = strconv.AppendInt(b, pointee.Int(raw), 10)
		} else {
			b = strconv.AppendUint(b, pointee.Value(raw), 10)
		}
	}
	return append(b, ']')
}

// appendRetEnum prints a return value and the name the syscall's RetXlat
// table gives it: "= 5 (TIME_ERROR)", or "= 9" when it has none.
func appendRetEnum(b []byte, ret int64, sc *syscalltbl.Syscall) []byte {
	b = append(b, "= "...)
	b = strconv.AppendInt(b, ret, 10)
	if t := xlat.ByName(sc.RetXlat); t != nil {
		if name, ok := t.Name(uint64(ret)); ok {
			b = append(b, " ("...)
			b = append(b, name...)
			b = append(b, ')')
		}
	}
	return b
}
