package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/xlat"
)

// The KVM requests (type 0xae), as strace 6.1's kvm.c and x86_64's
// arch_kvm.c decode them; KVM_CREATE_VM and KVM_CREATE_VCPU return a
// descriptor (returnIoctl). KVM_RUN's exit reason (-e kvm=vcpu) is not
// shown: it lives in the vcpu's mapping, which the kernel side does not
// read.
func init() {
	ioctlFamilies[0xae] = true
	regs := func(f *Formatter, b, d []byte) []byte { return f.appendKvmRegs(b, d) }
	sregs := func(f *Formatter, b, d []byte) []byte { return f.appendKvmSregs(b, d) }
	for name, h := range map[string]ioctlHandler{
		"KVM_CREATE_VCPU": func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
			return strconv.AppendUint(append(b, ", "...), uint64(uint32(c.Args[2])), 10), ioctlDone
		},
		"KVM_SET_USER_MEMORY_REGION": ioctlStructIn(32, (*Formatter).appendKvmMemoryRegion),
		"KVM_SET_REGS":               ioctlStructIn(kvmRegsSize, regs),
		"KVM_GET_REGS":               ioctlStructOut(kvmRegsSize, regs),
		"KVM_SET_SREGS":              ioctlStructIn(kvmSregsSize, sregs),
		"KVM_GET_SREGS":              ioctlStructOut(kvmSregsSize, sregs),
		"KVM_SET_CPUID2":             (*Formatter).ioctlKvmCpuid2,
		"KVM_GET_SUPPORTED_CPUID":    (*Formatter).ioctlKvmCpuid2,
		"KVM_GET_EMULATED_CPUID":     (*Formatter).ioctlKvmCpuid2,
		"KVM_CHECK_EXTENSION": func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
			return xlat.ByName("kvm_cap").AppendValue(append(b, ", "...), c.Args[2], f.opt.Xlat), ioctlDone
		},
		"KVM_RUN": func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
			if !exiting {
				return b, ioctlAtExit
			}
			return b, ioctlGeneric
		},
	} {
		ioctlHandlers[name] = h
	}
}

// Sizes of struct kvm_regs, kvm_sregs, kvm_segment and kvm_cpuid_entry2.
const (
	kvmRegsSize       = 144
	kvmSregsSize      = 312
	kvmSegmentSize    = 24
	kvmCpuidEntrySize = 40
)

func (f *Formatter) appendKvmMemoryRegion(b, d []byte) []byte {
	b = strconv.AppendUint(append(b, "{slot="...), uint64(le32(d)), 10)
	b = f.appendFlagsArg(append(b, ", flags="...), "kvm_mem_flags", uint64(le32(d[4:])))
	b = appendHex(append(b, ", guest_phys_addr="...), le64(d[8:]))
	b = strconv.AppendUint(append(b, ", memory_size="...), le64(d[16:]), 10)
	b = appendHex(append(b, ", userspace_addr="...), le64(d[24:]))
	return append(b, '}')
}

// appendKvmRegs prints a struct kvm_regs; without -v only rax, rsp, rbp,
// rip and rflags.
func (f *Formatter) appendKvmRegs(b, d []byte) []byte {
	reg := func(name string, i int) { b = appendHex(append(b, name...), le64(d[8*i:])) }
	reg("{rax=", 0)
	if f.opt.Verbose {
		for i, name := range [...]string{", rbx=", ", rcx=", ", rdx=", ", rsi=", ", rdi="} {
			reg(name, 1+i)
		}
	} else {
		b = append(b, ", ..."...)
	}
	reg(", rsp=", 6)
	reg(", rbp=", 7)
	if f.opt.Verbose {
		for i := range 8 {
			reg(", r"+strconv.Itoa(8+i)+"=", 8+i)
		}
	} else {
		b = append(b, ", ..."...)
	}
	reg(", rip=", 16)
	reg(", rflags=", 17)
	return append(b, '}')
}

// appendKvmSegment prints a struct kvm_segment.
func appendKvmSegment(b, d []byte) []byte {
	b = appendHex(append(b, "{base="...), le64(d))
	b = strconv.AppendUint(append(b, ", limit="...), uint64(le32(d[8:])), 10)
	b = strconv.AppendUint(append(b, ", selector="...), uint64(le16(d[12:])), 10)
	for i, name := range [...]string{", type=", ", present=", ", dpl=", ", db=", ", s=", ", l=", ", g=", ", avl="} {
		b = strconv.AppendUint(append(b, name...), uint64(d[14+i]), 10)
	}
	return append(b, '}')
}

// appendKvmSregs prints a struct kvm_sregs; without -v only cs.
func (f *Formatter) appendKvmSregs(b, d []byte) []byte {
	b = appendKvmSegment(append(b, "{cs="...), d)
	if !f.opt.Verbose {
		return append(b, ", ...}"...)
	}
	for i, name := range [...]string{", ds=", ", es=", ", fs=", ", gs=", ", ss=", ", tr=", ", ldt="} {
		b = appendKvmSegment(append(b, name...), d[kvmSegmentSize*(1+i):])
	}
	const dtables = 8 * kvmSegmentSize
	for i, name := range [...]string{", gdt=", ", idt="} {
		t := d[dtables+16*i:]
		b = appendHex(append(b, name+"{base="...), le64(t))
		b = append(strconv.AppendUint(append(b, ", limit="...), uint64(le16(t[8:])), 10), '}')
	}
	const crs = dtables + 32
	for i, name := range [...]string{", cr0=", ", cr2=", ", cr3=", ", cr4=", ", cr8=", ", efer="} {
		b = strconv.AppendUint(append(b, name...), le64(d[crs+8*i:]), 10)
	}
	b = appendHex(append(b, ", apic_base="...), le64(d[crs+48:]))
	b = appendHexWords(append(b, ", interrupt_bitmap="...), d[crs+56:crs+88])
	return append(b, '}')
}

// ioctlKvmCpuid2 prints a struct kvm_cpuid2: what the kernel reads at
// enter (KVM_SET_CPUID2) or writes at exit (the _GET_ requests); its
// entries with -v, else "[...]". The kernel side reads a page of them.
func (f *Formatter) ioctlKvmCpuid2(b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	if !exiting && xlat.IoctlDir(uint32(c.Args[1])) == 3 {
		return b, ioctlAtExit
	}
	cp := ioctlCapture(c, exiting)
	addr := c.Args[2]
	b = append(b, ", "...)
	if addr == 0 || cp == nil || cp.Fault() && !cp.Part() || len(cp.Data) < 8 {
		return appendAddr(b, addr), ioctlDone
	}
	n := le32(cp.Data)
	b = strconv.AppendUint(append(b, "{nent="...), uint64(n), 10)
	b = append(b, ", entries="...)
	switch {
	case !f.opt.Verbose && n == 0:
		b = append(b, "[]"...)
	case !f.opt.Verbose:
		b = append(b, "[...]"...)
	default:
		ents := *cp
		ents.Data = cp.Data[8:]
		b = f.appendMemArray(b, addr+8, &ents, uint64(n), kvmCpuidEntrySize, func(b, e []byte) []byte {
			b = appendHex(append(b, "{function="...), uint64(le32(e)))
			b = appendHex(append(b, ", index="...), uint64(le32(e[4:])))
			b = f.appendFlagsArg(append(b, ", flags="...), "kvm_cpuid_flags", uint64(le32(e[8:])))
			for i, name := range [...]string{", eax=", ", ebx=", ", ecx=", ", edx="} {
				b = appendHex(append(b, name...), uint64(le32(e[12+4*i:])))
			}
			return append(b, '}')
		})
	}
	return append(b, '}'), ioctlDone
}
