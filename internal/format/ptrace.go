package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

// ptrace(2) requests whose arguments strace decodes (linux/ptrace.h,
// asm/ptrace-abi.h).
const (
	ptraceTraceme         = 0
	ptracePeektext        = 1
	ptracePeekdata        = 2
	ptracePeekuser        = 3
	ptraceCont            = 7
	ptraceKill            = 8
	ptraceSinglestep      = 9
	ptraceAttach          = 16
	ptraceDetach          = 17
	ptraceSyscall         = 24
	ptraceSysemu          = 31
	ptraceSysemuSingle    = 32
	ptraceSingleblock     = 33
	ptraceSetoptions      = 0x4200
	ptraceGeteventmsg     = 0x4201
	ptraceGetsiginfo      = 0x4202
	ptraceSetsiginfo      = 0x4203
	ptraceSeize           = 0x4206
	ptraceInterrupt       = 0x4207
	ptraceListen          = 0x4208
	ptraceGetsigmask      = 0x420a
	ptraceSetsigmask      = 0x420b
	ptraceSeccompGetFilt  = 0x420c
	ptraceGetSyscallInfo  = 0x420e
	ptraceSeccompGetMeta  = 0x420d
	ptraceSyscallInfoSize = 84 // struct ptrace_syscall_info up to seccomp.ret_data
)

var (
	ptraceSetoptionsFlags = xlat.ByName("ptrace_setoptions_flags")
	ptraceSyscallInfoOp   = xlat.ByName("ptrace_syscall_info_op")
	auditArch             = xlat.ByName("audit_arch")
)

func init() { specialFormatters["ptrace"] = formatPtrace }

// ptraceData returns what the kernel side read of ptrace's data at enter
// (exit false) or at exit, nil when nothing could be.
func ptraceData(c *decoder.Call, exit bool) []byte {
	kind := decoder.CapMemIn
	if exit {
		kind = decoder.CapMemOut
	}
	cp := c.Capture(3, kind)
	if c.Args[3] == 0 || cp == nil || cp.Fault() || exit && c.Failed() {
		return nil
	}
	return cp.Data
}

// formatPtrace prints ptrace's arguments as strace's decode_ptrace_entering
// and decode_ptrace_exiting: the pid and the address only for the requests
// that use them, the data as the request says, what the kernel stored at
// exit. The registers (PTRACE_GETREGS, PTRACE_GETREGSET ...), PTRACE_PEEKUSER's
// offsets, PTRACE_PEEKSIGINFO's arguments and seccomp filters print as
// addresses.
func formatPtrace(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	req, addr, data := c.Args[0], c.Args[2], c.Args[3]
	if exiting {
		d := ptraceData(c, true)
		switch req {
		case ptracePeektext, ptracePeekdata, ptracePeekuser, ptraceGeteventmsg:
			if len(d) < 8 {
				return appendAddr(b, data), false
			}
			if req == ptraceGeteventmsg {
				return append(strconv.AppendUint(append(b, '['), le64(d), 10), ']'), false
			}
			return append(appendAddr(append(b, '['), le64(d)), ']'), false
		case ptraceGetsiginfo:
			return f.appendSiginfoAt(b, data, d), false
		case ptraceGetsigmask:
			return f.appendPtraceSigset(b, data, addr, d), false
		case ptraceGetSyscallInfo:
			return f.appendPtraceSyscallInfo(b, data, min(addr, uint64(c.Ret)), d), false
		case ptraceSeccompGetMeta:
			if !c.Failed() && addr > 8 {
				b = append(b, ", "...)
				if addr < 16 || len(d) < 16 {
					b = append(b, "???"...)
				} else {
					b = seccompFilterFlags.AppendFlags(append(b, "flags="...), le64(d[8:]), f.opt.Xlat)
					if addr > 16 {
						b = append(b, ", ..."...)
					}
				}
			}
			return append(b, '}'), false
		}
		return appendAddr(b, data), false
	}
	sc := c.Syscall()
	b = f.appendArg(b, c, 0, &sc.Args[0])
	if req == ptraceTraceme {
		return b, false
	}
	b = append(b, ", "...)
	b = f.appendArg(b, c, 1, &sc.Args[1])
	switch req {
	case ptraceAttach, ptraceInterrupt, ptraceKill, ptraceListen:
		return b, false
	}
	b = append(b, ", "...)
	switch req {
	case ptraceGetsigmask, ptraceSetsigmask, ptraceSeccompGetFilt, ptraceSeccompGetMeta, ptraceGetSyscallInfo:
		b = strconv.AppendUint(b, addr, 10)
	default:
		b = appendAddr(b, addr)
	}
	b = append(b, ", "...)
	switch req {
	case ptraceCont, ptraceDetach, ptraceSyscall, ptraceSinglestep, ptraceSingleblock, ptraceSysemu, ptraceSysemuSingle:
		return xlat.AppendSignal(b, int(int32(data)), f.opt.Xlat), false
	case ptraceSeize, ptraceSetoptions:
		return ptraceSetoptionsFlags.AppendFlags(b, data, f.opt.Xlat), false
	case ptraceSetsiginfo:
		return f.appendSiginfoAt(b, data, ptraceData(c, false)), false
	case ptraceSetsigmask:
		return f.appendPtraceSigset(b, data, addr, ptraceData(c, false)), false
	case ptraceSeccompGetMeta:
		// struct seccomp_metadata, of addr bytes: its filter_off at
		// enter, the flags the kernel stored at exit
		d := ptraceData(c, false)
		if addr < 8 || len(d) < 8 {
			return appendAddr(b, data), false
		}
		return strconv.AppendUint(append(b, "{filter_off="...), le64(d), 10), true
	case ptracePeektext, ptracePeekdata, ptracePeekuser, ptraceGeteventmsg, ptraceGetsiginfo, ptraceGetsigmask, ptraceGetSyscallInfo:
		return b, true
	}
	return appendAddr(b, data), false
}

// appendSiginfoAt prints the siginfo_t at addr whose bytes are d, or the
// address when they could not all be read.
func (f *Formatter) appendSiginfoAt(b []byte, addr uint64, d []byte) []byte {
	if len(d) < decoder.SiginfoSize {
		return appendAddr(b, addr)
	}
	return f.AppendSiginfo(b, (*[decoder.SiginfoSize]byte)(d))
}

// appendPtraceSigset prints the sigset_t of size n at addr whose bytes
// are d, as strace's print_sigset_addr_len.
func (f *Formatter) appendPtraceSigset(b []byte, addr, n uint64, d []byte) []byte {
	if n < 8 || n > sigsetSize || uint64(len(d)) < n {
		return appendAddr(b, addr)
	}
	return f.appendSigset(b, le64(d))
}

// appendPtraceSyscallInfo prints the struct ptrace_syscall_info the
// kernel stored at addr, n bytes of it (what the caller asked and the
// kernel had, the lesser), as strace's print_ptrace_syscall_info: the
// fields those bytes hold.
func (f *Formatter) appendPtraceSyscallInfo(b []byte, addr, n uint64, d []byte) []byte {
	n = min(n, ptraceSyscallInfoSize)
	if n == 0 || uint64(len(d)) < n {
		return appendAddr(b, addr)
	}
	d = d[:n]
	b = ptraceSyscallInfoOp.AppendValue(append(b, "{op="...), uint64(d[0]), f.opt.Xlat)
	if n >= 8 {
		b = auditArch.AppendValue(append(b, ", arch="...), uint64(le32(d[4:])), f.opt.Xlat)
	}
	if n >= 16 {
		b = appendAddr(append(b, ", instruction_pointer="...), le64(d[8:]))
	}
	if n >= 24 {
		b = appendAddr(append(b, ", stack_pointer="...), le64(d[16:]))
	}
	const (
		opEntry, opExit, opSeccomp = 1, 2, 3
	)
	if n < 32 || d[0] < opEntry || d[0] > opSeccomp {
		return append(b, '}')
	}
	switch d[0] {
	case opEntry, opSeccomp:
		name := ", entry={nr="
		if d[0] == opSeccomp {
			name = ", seccomp={nr="
		}
		b = f.appendSyscallNr(append(b, name...), le64(d[24:]))
		if nargs := (n - 32) / 8; nargs > 0 {
			b = append(b, ", args=["...)
			for k := range min(nargs, 6) {
				if k > 0 {
					b = append(b, ", "...)
				}
				b = appendHex(b, le64(d[32+8*k:]))
			}
			b = append(b, ']')
		}
		if d[0] == opSeccomp && n >= ptraceSyscallInfoSize {
			b = strconv.AppendUint(append(b, ", ret_data="...), uint64(le32(d[80:])), 10)
		}
	case opExit:
		rval := int64(le64(d[24:]))
		b = append(b, ", exit={rval="...)
		name, ok := xlat.ErrnoName(int(-rval))
		if n >= 33 && d[32] != 0 && ok && rval < 0 {
			if f.opt.Xlat != xlat.Abbrev {
				b = strconv.AppendInt(b, rval, 10)
			}
			switch f.opt.Xlat {
			case xlat.Abbrev:
				b = append(append(b, '-'), name...)
			case xlat.Verbose:
				b = append(append(append(b, " /* -"...), name...), " */"...)
			}
		} else {
			b = strconv.AppendInt(b, rval, 10)
		}
		if n >= 33 {
			b = strconv.AppendUint(append(b, ", is_error="...), uint64(d[32]), 10)
		}
	}
	return append(b, "}}"...)
}

// appendSyscallNr prints a syscall number as strace's
// PRINT_FIELD_SYSCALL_NAME: __NR_read, in -X raw the number, in -X
// verbose both; a number without a name as it is.
func (f *Formatter) appendSyscallNr(b []byte, nr uint64) []byte {
	sc := syscalltbl.Lookup(int(nr))
	if nr > 1<<31 || sc == nil {
		return strconv.AppendUint(b, nr, 10)
	}
	return xlat.AppendNamed(b, "__NR_"+sc.Name, func(b []byte) []byte { return strconv.AppendUint(b, nr, 10) }, f.opt.Xlat)
}
