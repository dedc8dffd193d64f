package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/xlat"
)

// Classic BPF (linux/filter.h, linux/bpf_common.h): the fields of an
// instruction's code, and struct sock_fprog.
const (
	bpfClassLD   = 0x00
	bpfClassLDX  = 0x01
	bpfClassST   = 0x02
	bpfClassSTX  = 0x03
	bpfClassALU  = 0x04
	bpfClassJMP  = 0x05
	bpfClassRET  = 0x06
	bpfClassMISC = 0x07
	bpfModeABS   = 0x20
	bpfMaxInsns  = 4096 // BPF_MAXINSNS
	sockFilterSz = 8    // struct sock_filter: code, jt, jf, k
	skfAdOff     = 0xfffff000
	skfNetOff    = 0xfff00000
	skfLLOff     = 0xffe00000
)

var (
	bpfClasses  = xlat.ByName("bpf_class")
	bpfMiscops  = xlat.ByName("bpf_miscop")
	bpfModes    = xlat.ByName("bpf_mode")
	bpfOpsALU   = xlat.ByName("bpf_op_alu")
	bpfOpsJmp   = xlat.ByName("bpf_op_jmp")
	bpfRvals    = xlat.ByName("bpf_rval")
	bpfSizes    = xlat.ByName("bpf_size")
	bpfSrcs     = xlat.ByName("bpf_src")
	skfAds      = xlat.ByName("skf_ad")
	skfOffs     = xlat.ByName("skf_off")
	ebpfClasses = xlat.ByName("ebpf_class")
	ebpfModes   = xlat.ByName("ebpf_mode")
)

// bpfK prints an instruction's k as the filter's user reads it, or says it
// does not (false): strace's print_bpf_filter_fn.
type bpfK func(b []byte, code uint16, k uint32, s xlat.Style) ([]byte, bool)

// sockFilterK prints a socket filter's special offsets, SKF_AD_OFF+SKF_AD_PROTOCOL,
// as strace's print_sock_filter_k.
func sockFilterK(b []byte, code uint16, k uint32, s xlat.Style) ([]byte, bool) {
	if code&0x07 != bpfClassLD || code&0xe0 != bpfModeABS {
		return b, false
	}
	switch {
	case k >= skfAdOff:
		b = append(skfOffs.AppendValue(b, skfAdOff, s), '+')
		return skfAds.AppendValue(b, uint64(k-skfAdOff), s), true
	case k >= skfNetOff:
		b = append(skfOffs.AppendValue(b, skfNetOff, s), '+')
		return strconv.AppendUint(b, uint64(k-skfNetOff), 10), true
	case k >= skfLLOff:
		b = append(skfOffs.AppendValue(b, skfLLOff, s), '+')
		return strconv.AppendUint(b, uint64(k-skfLLOff), 10), true
	}
	return b, false
}

// seccompFilterK prints a seccomp filter's return actions,
// SECCOMP_RET_ERRNO|0x10, as strace's print_seccomp_filter_k.
func seccompFilterK(b []byte, code uint16, k uint32, s xlat.Style) ([]byte, bool) {
	if code&0x07 != bpfClassRET {
		return b, false
	}
	const retActionFull = 0xffff0000 // SECCOMP_RET_ACTION_FULL
	action := k & retActionFull
	b = seccompRetActions.AppendValue(b, uint64(action), s)
	if data := k &^ action; data != 0 {
		b = appendHex(append(b, '|'), uint64(data))
	}
	return b, true
}

// appendBPFCode prints a BPF instruction's code as strace's
// print_bpf_filter_code: its class, then the fields that class has, those
// of eBPF when extended (whose classes 6 and 7 are BPF_JMP32 and
// BPF_ALU64).
func appendBPFCode(b []byte, code uint16, extended bool, s xlat.Style) []byte {
	class := code & 0x07
	rest := code &^ 0x07
	unknown := func(b []byte, v uint16) []byte {
		if v == 0 {
			return b
		}
		return append(appendHex(append(b, '|'), uint64(v)), " /* BPF_??? */"...)
	}
	classes, modes := bpfClasses, bpfModes
	if extended {
		classes, modes = ebpfClasses, ebpfModes
	}
	b = classes.AppendValue(b, uint64(class), s)
	switch {
	case (class == bpfClassST || class == bpfClassSTX) && !extended:
		return unknown(b, rest)
	case class <= bpfClassSTX:
		b = bpfSizes.AppendValue(append(b, '|'), uint64(code&0x18), s)
		return modes.AppendValue(append(b, '|'), uint64(code&0xe0), s)
	case class == bpfClassMISC && !extended:
		b = bpfMiscops.AppendValue(append(b, '|'), uint64(code&0xf8), s)
		return unknown(b, rest&^0xf8)
	case class == bpfClassALU || class == bpfClassJMP || class == bpfClassMISC:
		ops := bpfOpsALU
		if class == bpfClassJMP {
			ops = bpfOpsJmp
		}
		b = bpfSrcs.AppendValue(append(b, '|'), uint64(code&0x08), s)
		return ops.AppendValue(append(b, '|'), uint64(code&0xf0), s)
	case extended: // BPF_JMP32, which strace prints as classic BPF_RET
		return unknown(b, rest)
	}
	// BPF_RET
	b = bpfRvals.AppendValue(append(b, '|'), uint64(code&0x18), s)
	return unknown(b, rest&^0x18)
}

// appendBPFInsn prints one instruction as the macro that makes it:
// BPF_JUMP(code, k, jt, jf) when it jumps, else BPF_STMT(code, k).
func appendBPFInsn(b, d []byte, kfn bpfK, s xlat.Style) []byte {
	code, jt, jf, k := uint16(d[0])|uint16(d[1])<<8, d[2], d[3], le32(d[4:])
	if jt != 0 || jf != 0 {
		b = appendBPFCode(append(b, "BPF_JUMP("...), code, false, s)
		b = appendHex(append(b, ", "...), uint64(k))
		b = appendHex(append(b, ", "...), uint64(jt))
		b = appendHex(append(b, ", "...), uint64(jf))
		return append(b, ')')
	}
	b = append(appendBPFCode(append(b, "BPF_STMT("...), code, false, s), ", "...)
	if out, ok := kfn(b, code, k, s); ok {
		b = out
	} else {
		b = appendHex(b, uint64(k))
	}
	return append(b, ')')
}

// appendBPFProgram prints n classic BPF instructions at addr, d holding
// those the kernel side read, as strace's print_bpf_fprog: the address
// without -v, else the array; an instruction that could not be read ends
// it with its address in a comment.
func (f *Formatter) appendBPFProgram(b []byte, addr uint64, n int, cp *decoder.Capture, kfn bpfK) []byte {
	return f.appendInsns(b, addr, n, cp, sockFilterSz, func(b, d []byte) []byte {
		return appendBPFInsn(b, d, kfn, f.opt.Xlat)
	})
}

// appendInsns prints n instructions of size bytes at addr, classic or
// eBPF, cp holding those the kernel side read: the address without -v or
// when not one could be read, else at most bpfMaxInsns of them; an
// instruction that could not be read ends the array with its address.
func (f *Formatter) appendInsns(b []byte, addr uint64, n int, cp *decoder.Capture, size int, insn func(b, d []byte) []byte) []byte {
	if !f.opt.Verbose {
		return appendAddr(b, addr)
	}
	if n == 0 {
		return append(b, "[]"...)
	}
	var d []byte
	if cp != nil {
		d = cp.Data
	}
	if len(d) < size {
		return appendAddr(b, addr)
	}
	b = append(b, '[')
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, ", "...)
		}
		if i == bpfMaxInsns {
			return append(b, "...]"...)
		}
		if len(d) < size {
			if cp.Fault() {
				b = appendHex(append(b, "... /* "...), addr+uint64(i*size))
				return append(b, " */]"...)
			}
			return append(b, "...]"...)
		}
		b = insn(b, d[:size])
		d = d[size:]
	}
	return append(b, ']')
}

// appendFprog prints the struct sock_fprog that argument i points to, as
// strace's decode_bpf_fprog: its address when it cannot be read.
func (f *Formatter) appendFprog(b []byte, c *decoder.Call, i int, kfn bpfK) []byte {
	addr := c.Args[i]
	cp := c.Capture(uint8(i), decoder.CapFprog)
	if addr == 0 || cp == nil || cp.Fault() || len(cp.Data) < sockFprogSize {
		return appendAddr(b, addr)
	}
	n := int(cp.Data[0]) | int(cp.Data[1])<<8
	b = strconv.AppendInt(append(b, "{len="...), int64(n), 10)
	b = append(b, ", filter="...)
	b = f.appendBPFProgram(b, le64(cp.Data[8:]), n, c.Capture(uint8(i), decoder.CapFprogInsns), kfn)
	return append(b, '}')
}
