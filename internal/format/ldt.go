package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/xlat"
)

// userDescSize is the size of x86's struct user_desc (asm/ldt.h): the
// entry number, base, limit, then a word of bit fields.
const userDescSize = 16

func init() {
	specialFormatters["set_thread_area"] = formatSetThreadArea
	specialFormatters["get_thread_area"] = formatGetThreadArea
	specialFormatters["modify_ldt"] = formatModifyLdt
	specialReturns["set_thread_area"] = (*Formatter).returnSetThreadArea
	specialReturns["modify_ldt"] = (*Formatter).returnModifyLdt
}

// userDesc returns the struct user_desc read at enter (exit false) or at
// exit, nil when it could not be read. At enter the kernel side reads up
// to a page that cannot be read: get_thread_area's entry number alone
// may be readable (entryNumber).
func userDesc(c *decoder.Call, arg uint8, exit bool) []byte {
	return userDescBytes(c, arg, exit, userDescSize)
}

// entryNumber returns the struct user_desc read at enter if at least its
// entry number could be read.
func entryNumber(c *decoder.Call, arg uint8) []byte { return userDescBytes(c, arg, false, 4) }

func userDescBytes(c *decoder.Call, arg uint8, exit bool, size int) []byte {
	kind := decoder.CapMemIn
	if exit {
		kind = decoder.CapMemOut
	}
	cp := c.Capture(arg, kind)
	if c.Args[arg] == 0 || cp == nil || cp.Fault() || len(cp.Data) < size {
		return nil
	}
	return cp.Data
}

// appendEntryNumber prints user_desc's entry_number as strace's
// PRINT_FIELD_ID: unsigned, but -1 as -1.
func appendEntryNumber(b, d []byte) []byte {
	return appendID(append(b, "{entry_number="...), le32(d))
}

// appendUserDescRest prints the fields of a struct user_desc after its
// entry number, and the closing brace, as strace's print_user_desc:
// base and limit as %#08x, then each bit field.
func appendUserDescRest(b, d []byte) []byte {
	hex08 := func(b []byte, v uint32) []byte {
		if v == 0 {
			return append(b, "00000000"...)
		}
		s := strconv.FormatUint(uint64(v), 16)
		b = append(b, "0x"...)
		for n := len(s); n < 6; n++ {
			b = append(b, '0')
		}
		return append(b, s...)
	}
	b = hex08(append(b, ", base_addr="...), le32(d[4:]))
	b = hex08(append(b, ", limit="...), le32(d[8:]))
	bits := le32(d[12:])
	for _, fl := range [...]struct {
		name        string
		shift, mask uint32
	}{
		{", seg_32bit=", 0, 1}, {", contents=", 1, 3}, {", read_exec_only=", 3, 1},
		{", limit_in_pages=", 4, 1}, {", seg_not_present=", 5, 1}, {", useable=", 6, 1}, {", lm=", 7, 1},
	} {
		b = strconv.AppendUint(append(b, fl.name...), uint64(bits>>fl.shift&fl.mask), 10)
	}
	return append(b, '}')
}

// appendUserDesc prints a whole struct user_desc, or its address.
func appendUserDesc(b []byte, c *decoder.Call, arg uint8) []byte {
	d := userDesc(c, arg, false)
	if d == nil {
		return appendAddr(b, c.Args[arg])
	}
	return appendUserDescRest(appendEntryNumber(b, d), d)
}

// formatSetThreadArea prints set_thread_area's struct user_desc whole.
func formatSetThreadArea(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	if exiting {
		return b, false
	}
	return appendUserDesc(b, c, 0), false
}

// returnSetThreadArea prints the entry the kernel chose after a success,
// as strace: = 0 (entry_number=12).
func (f *Formatter) returnSetThreadArea(b []byte, c *decoder.Call) ([]byte, bool) {
	d := userDesc(c, 0, true)
	if c.Failed() || c.Ret != 0 || d == nil {
		return b, false
	}
	return appendRetAux(b, 0, false, strconv.AppendUint([]byte("entry_number="), uint64(le32(d)), 10)), true
}

// formatGetThreadArea prints get_thread_area's struct user_desc as
// strace: its entry number at enter, the rest when the call returns
// (", ...}" when it failed), with the entry the kernel stored if another.
func formatGetThreadArea(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	in := entryNumber(c, 0)
	if !exiting {
		if in == nil {
			return appendAddr(b, c.Args[0]), false
		}
		return appendEntryNumber(b, in), true
	}
	if in == nil {
		return b, false
	}
	out := userDesc(c, 0, true)
	if c.Failed() || out == nil {
		return append(b, ", ...}"...), false
	}
	if le32(out) != le32(in) {
		b = appendID(append(b, " => "...), le32(out))
	}
	return appendUserDescRest(b, out), false
}

// formatModifyLdt prints modify_ldt's arguments as strace: the function
// as an int, the struct user_desc when the byte count is its size (else
// its address), the count unsigned.
func formatModifyLdt(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	if exiting {
		return b, false
	}
	b = strconv.AppendInt(b, int64(int32(c.Args[0])), 10)
	b = append(b, ", "...)
	if c.Args[2] == userDescSize {
		b = appendUserDesc(b, c, 1)
	} else {
		b = appendAddr(b, c.Args[1])
	}
	b = append(b, ", "...)
	return strconv.AppendUint(b, c.Args[2], 10), false
}

// returnModifyLdt prints modify_ldt's return as strace: the kernel's ABI
// keeps it an int, so an error comes back as a 32-bit negative number,
// which strace prints unsigned with the errno it stands for.
func (f *Formatter) returnModifyLdt(b []byte, c *decoder.Call) ([]byte, bool) {
	r := uint64(c.Ret)
	if c.Failed() || r < 0xfffff000 || r > 0xffffffff {
		return b, false
	}
	e := int(-int32(uint32(r)))
	name, ok := xlat.ErrnoName(e)
	if !ok {
		return b, false
	}
	b = strconv.AppendUint(append(b, "= "...), r, 10)
	b = append(append(b, ' '), name...)
	return append(append(append(b, " ("...), xlat.ErrnoMessage(e)...), ')'), true
}
