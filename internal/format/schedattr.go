package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/xlat"
)

// struct sched_attr (linux/sched/types.h): its sizes, and the flags that
// leave the policy or the parameters as they are.
const (
	schedAttrSize0     = 48 // SCHED_ATTR_SIZE_VER0
	schedAttrSize1     = 56 // SCHED_ATTR_SIZE_VER1, with the utilization clamps
	schedFlagKeepPol   = 0x08
	schedFlagKeepParam = 0x10
)

var (
	schedulers = xlat.ByName("schedulers")
	schedFlags = xlat.ByName("sched_flags")
)

func init() {
	specialFormatters["sched_setattr"] = formatSchedSetattr
	specialFormatters["sched_getattr"] = formatSchedGetattr
}

// formatSchedSetattr prints sched_setattr as strace: the struct the
// kernel reads, with, after E2BIG, the size the kernel wants; the flags.
func formatSchedSetattr(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	if !exiting {
		sc := c.Syscall()
		b = append(f.appendArg(b, c, 0, &sc.Args[0]), ", "...)
		var d []byte
		if cp := c.Capture(1, decoder.CapMemIn); c.Args[1] != 0 && cp != nil && !cp.Fault() {
			d = cp.Data
		}
		return f.appendSchedAttr(b, c.Args[1], d, 0), true
	}
	const e2big = 7
	if c.Errno() == e2big && c.Args[1] != 0 {
		if cp := exitCapture(c, 1); cp != nil && !cp.Fault() && len(cp.Data) >= 4 {
			b = strconv.AppendUint(append(b, " => {size="...), uint64(le32(cp.Data)), 10)
			b = append(b, '}')
		}
	}
	return strconv.AppendUint(append(b, ", "...), uint64(uint32(c.Args[2])), 10), false
}

// formatSchedGetattr prints sched_getattr as strace: the struct the
// kernel filled, as many bytes as the caller gave (its address for none,
// or when the call failed), the size and the flags.
func formatSchedGetattr(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	if !exiting {
		sc := c.Syscall()
		return append(f.appendArg(b, c, 0, &sc.Args[0]), ", "...), true
	}
	usize := uint32(c.Args[2])
	var d []byte
	if cp := exitCapture(c, 1); !c.Failed() && c.Args[1] != 0 && cp != nil && !cp.Fault() {
		d = cp.Data
	}
	if usize == 0 {
		b = appendAddr(b, c.Args[1])
	} else {
		b = f.appendSchedAttr(b, c.Args[1], d, usize)
	}
	b = strconv.AppendUint(append(b, ", "...), uint64(usize), 10)
	return strconv.AppendUint(append(b, ", "...), uint64(uint32(c.Args[3])), 10), false
}

// appendSchedAttr prints the struct sched_attr at addr whose bytes are d
// as strace's print_sched_attr: for sched_getattr (usize, the caller's
// size, not 0) as many bytes as the kernel says it wrote; for
// sched_setattr as many as its size field says (48 for 0), without the
// policy or the parameters that its flags keep; "..." past what it
// prints, the address when the bytes could not be read.
func (f *Formatter) appendSchedAttr(b []byte, addr uint64, d []byte, usize uint32) []byte {
	set := usize == 0
	var size uint32
	if set {
		if len(d) < 4 {
			return appendAddr(b, addr)
		}
		usize = le32(d)
		if usize == 0 {
			usize = schedAttrSize0
		}
		size = min(usize, schedAttrSize1)
		if size >= schedAttrSize0 && uint32(len(d)) < size {
			return appendAddr(b, addr)
		}
	} else {
		if uint32(len(d)) < min(usize, schedAttrSize1) {
			return appendAddr(b, addr)
		}
		size = le32(d)
	}
	b = strconv.AppendUint(append(b, "{size="...), uint64(le32(d)), 10)
	if size >= schedAttrSize0 {
		// a short read leaves the rest zero, as strace's struct
		var a [schedAttrSize1]byte
		copy(a[:], d)
		policy, flags := le32(a[4:]), le64(a[8:])
		if !set || int32(policy) < 0 || flags&(schedFlagKeepPol|schedFlagKeepParam) == 0 {
			b = schedulers.AppendValue(append(b, ", sched_policy="...), uint64(policy), f.opt.Xlat)
		}
		b = schedFlags.AppendFlags(append(b, ", sched_flags="...), flags, f.opt.Xlat)
		if !set || flags&schedFlagKeepParam == 0 {
			b = strconv.AppendInt(append(b, ", sched_nice="...), int64(int32(le32(a[16:]))), 10)
			b = strconv.AppendUint(append(b, ", sched_priority="...), uint64(le32(a[20:])), 10)
			b = strconv.AppendUint(append(b, ", sched_runtime="...), le64(a[24:]), 10)
			b = strconv.AppendUint(append(b, ", sched_deadline="...), le64(a[32:]), 10)
			b = strconv.AppendUint(append(b, ", sched_period="...), le64(a[40:]), 10)
		}
		if size >= schedAttrSize1 {
			b = strconv.AppendUint(append(b, ", sched_util_min="...), uint64(le32(a[48:])), 10)
			b = strconv.AppendUint(append(b, ", sched_util_max="...), uint64(le32(a[52:])), 10)
		}
	}
	given := le32(d)
	if set {
		given = usize
	}
	if given > size {
		b = append(b, ", ..."...)
	}
	return append(b, '}')
}
