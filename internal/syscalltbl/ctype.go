package syscalltbl

import "strings"

// C types narrower than a register, by the name the tracepoint formats give
// them (without const). The kernel reads only their low bits, so a caller
// may leave anything in the rest of the register (strace's tests pass
// 0xffffffff00000000|value): the decoder must look at those bits only.
var (
	bits16 = map[string]bool{"umode_t": true}
	bits32 = map[string]bool{
		"int": true, "unsigned int": true, "unsigned": true, "pid_t": true,
		"uid_t": true, "gid_t": true, "qid_t": true, "key_t": true,
		"mqd_t": true, "timer_t": true, "clockid_t": true, "rwf_t": true,
		"u32": true, "__u32": true, "__s32": true, "s32": true,
		"key_serial_t": true,
	}
	signedTypes = map[string]bool{
		"int": true, "pid_t": true, "key_t": true, "mqd_t": true,
		"timer_t": true, "clockid_t": true, "__s32": true, "s32": true,
		"key_serial_t": true, "long": true, "loff_t": true, "off_t": true,
	}
)

// baseType is a scalar argument's C type without const, or "" for a pointer.
func (a *Arg) baseType() string {
	t := strings.TrimPrefix(a.Type, "const ")
	if strings.Contains(t, "*") {
		return ""
	}
	return t
}

// Bits is how many low bits of the register the kernel reads for the
// argument: 16 or 32 for the narrow C types (an enum is an int), else 64.
func (a *Arg) Bits() int {
	t := a.baseType()
	switch {
	case bits16[t]:
		return 16
	case bits32[t], strings.HasPrefix(t, "enum "):
		return 32
	}
	return 64
}

// Signed reports whether the argument's C type is signed.
func (a *Arg) Signed() bool {
	t := a.baseType()
	return signedTypes[t] || strings.HasPrefix(t, "enum ")
}

// Value is the argument's register value v as its C type holds it: the low
// Bits bits, zero-extended.
func (a *Arg) Value(v uint64) uint64 {
	switch a.Bits() {
	case 16:
		return uint64(uint16(v))
	case 32:
		return uint64(uint32(v))
	}
	return v
}

// Int is the argument's register value v as a signed number: its C type's
// value, sign-extended when the type is signed.
func (a *Arg) Int(v uint64) int64 {
	if !a.Signed() {
		return int64(a.Value(v))
	}
	switch a.Bits() {
	case 16:
		return int64(int16(v))
	case 32:
		return int64(int32(v))
	}
	return int64(v)
}
