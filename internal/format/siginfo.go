package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/syscalltbl"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/xlat"
)

// Signal numbers whose siginfo strace decodes field by field.
const (
	sigILL  = 4
	sigTRAP = 5
	sigBUS  = 7
	sigFPE  = 8
	sigSEGV = 11
	sigCHLD = 17
	sigIO   = 29
	sigSYS  = 31
)

// si_code values with fields of their own.
const (
	siUser    = 0
	siTimer   = -2
	siSigio   = -5
	siTkill   = -6
	cldExited = 1
)

// Offsets in struct kernel_siginfo on x86_64.
const (
	siSigno = 0
	siErrno = 4
	siCode  = 8
	siPid   = 16 // also si_addr, si_band, si_timerid, si_call_addr
	siUID   = 20 // also si_overrun
	siValue = 24 // si_int, si_ptr; also si_status, si_fd, si_syscall
	siUtime = 32
	siStime = 40
	siArch  = 28
)

// AppendSiginfo prints a siginfo_t as strace's printsiginfo does.
func (f *Formatter) AppendSiginfo(b []byte, si *[decoder.SiginfoSize]byte) []byte {
	d := si[:]
	i32 := func(off int) int32 { return int32(le32(d[off:])) }
	signo, code := int(i32(siSigno)), int(i32(siCode))
	b = append(b, '{')
	if signo == 0 {
		return append(b, '}')
	}
	b = append(b, "si_signo="...)
	b = xlat.AppendSignal(b, signo, f.opt.Xlat)
	b = append(b, ", si_code="...)
	if name, ok := xlat.SigCodeName(signo, code); ok {
		b = xlat.AppendNamed(b, name, func(b []byte) []byte { return appendHex(b, uint64(uint32(code))) }, f.opt.Xlat)
	} else {
		b = appendHex(b, uint64(uint32(code))) // strace: unsigned hex
	}
	if e := int(i32(siErrno)); e != 0 {
		b = append(b, ", si_errno="...)
		if name, ok := xlat.ErrnoName(e); ok {
			b = append(b, name...)
		} else {
			b = strconv.AppendUint(b, uint64(uint32(e)), 10) // strace's PRINT_FIELD_ERR_U
		}
	}
	source := func() {
		b = append(b, ", si_pid="...)
		b = strconv.AppendInt(b, int64(i32(siPid)), 10)
		b = append(b, ", si_uid="...)
		b = appendID(b, le32(d[siUID:]))
	}
	value := func() {
		b = append(b, ", si_int="...)
		b = strconv.AppendInt(b, int64(i32(siValue)), 10)
		b = append(b, ", si_ptr="...)
		b = appendAddr(b, le64(d[siValue:]))
	}
	addr := func(name string, off int) {
		b = append(b, ", "...)
		b = append(b, name...)
		b = append(b, '=')
		b = appendAddr(b, le64(d[off:]))
	}
	if code <= 0 { // sent by a process (SI_FROMUSER)
		switch code {
		case siUser, siTkill:
			source()
		case siTimer:
			b = append(b, ", si_timerid="...)
			b = appendHex(b, uint64(le32(d[siPid:])))
			b = append(b, ", si_overrun="...)
			b = strconv.AppendInt(b, int64(i32(siUID)), 10)
			value()
		case siSigio:
			b = append(b, ", si_band="...)
			b = strconv.AppendInt(b, int64(le64(d[siPid:])), 10)
			b = append(b, ", si_fd="...)
			b = strconv.AppendInt(b, int64(i32(siValue)), 10)
		default:
			source()
			if le64(d[siValue:]) != 0 {
				value()
			}
		}
		return append(b, '}')
	}
	switch signo {
	case sigCHLD:
		source()
		b = append(b, ", si_status="...)
		if code == cldExited {
			b = strconv.AppendInt(b, int64(i32(siValue)), 10)
		} else {
			b = xlat.AppendSignal(b, int(i32(siValue)), f.opt.Xlat)
		}
		b = append(b, ", si_utime="...)
		b = appendClockT(b, le64(d[siUtime:]))
		b = append(b, ", si_stime="...)
		b = appendClockT(b, le64(d[siStime:]))
	case sigILL, sigFPE, sigBUS, sigSEGV, sigTRAP:
		addr("si_addr", siPid)
		// what follows si_addr for some codes (asm-generic/siginfo.h)
		const busMceerrAR, busMceerrAO, segvBnderr, segvPkuerr = 4, 5, 3, 4
		switch {
		case signo == sigBUS && (code == busMceerrAR || code == busMceerrAO):
			b = appendHex(append(b, ", si_addr_lsb="...), uint64(le16(d[siValue:])))
		case signo == sigSEGV && code == segvBnderr:
			addr("si_lower", siValue+8)
			addr("si_upper", siValue+16)
		case signo == sigSEGV && code == segvPkuerr:
			b = strconv.AppendUint(append(b, ", si_pkey="...), uint64(le32(d[siValue+8:])), 10)
		}
	case sigIO:
		if code >= 1 && code <= 6 { // POLL_IN .. POLL_HUP
			b = append(b, ", si_band="...)
			b = strconv.AppendInt(b, int64(le64(d[siPid:])), 10)
			b = append(b, ", si_fd="...)
			b = strconv.AppendInt(b, int64(i32(siValue)), 10)
		}
	case sigSYS:
		addr("si_call_addr", siPid)
		b = append(b, ", si_syscall="...)
		nr := int(i32(siValue))
		b = append(b, syscalltbl.Name(nr)...)
		b = append(b, ", si_arch="...)
		if arch := le32(d[siArch:]); arch == 0xc000003e {
			b = append(b, "AUDIT_ARCH_X86_64"...)
		} else {
			b = appendHex(b, uint64(arch))
		}
	default:
		if i32(siPid) != 0 || le32(d[siUID:]) != 0 {
			source()
		}
		if le64(d[siValue:]) != 0 {
			value()
		}
	}
	return append(b, '}')
}

// appendWaitStatus prints a wait status as strace's printstatus does, inside
// the brackets the caller adds.
func appendWaitStatus(b []byte, status int32) []byte {
	s := uint32(status)
	switch {
	case s&0xff == 0x7f: // WIFSTOPPED
		sig := int(s >> 8 & 0xff)
		b = append(b, "{WIFSTOPPED(s) && WSTOPSIG(s) == "...)
		b = append(b, xlat.SignalName(sig&0x7f)...) // a name whatever -X says
		if sig&0x80 != 0 {
			b = append(b, " | 0x80"...)
		}
		b = append(b, '}')
		s &^= uint32(sig)<<8 | 0x7f
	case s&0x7f != 0 && s&0x7f != 0x7f: // WIFSIGNALED
		b = append(b, "{WIFSIGNALED(s) && WTERMSIG(s) == "...)
		b = append(b, xlat.SignalName(int(s&0x7f))...)
		if s&0x80 != 0 {
			b = append(b, " && WCOREDUMP(s)"...)
		}
		b = append(b, '}')
		s &^= 0xff
	case s&0x7f == 0: // WIFEXITED
		b = append(b, "{WIFEXITED(s) && WEXITSTATUS(s) == "...)
		b = strconv.AppendUint(b, uint64(s>>8&0xff), 10)
		b = append(b, '}')
		s &^= 0xff00
	case s == 0xffff: // WIFCONTINUED
		b = append(b, "{WIFCONTINUED(s)}"...)
		s = 0
	default:
		return appendHex(b, uint64(s))
	}
	if s != 0 {
		b = append(b, " | "...)
		b = appendHex(b, uint64(s))
	}
	return b
}

// userHZ is the kernel's USER_HZ: clock_t values count its ticks.
const userHZ = 100

// appendClockT prints clock ticks as strace's print_clock_t: the count, and
// when not zero the seconds in a comment, 150 /* 1.50 s */.
func appendClockT(b []byte, ticks uint64) []byte {
	b = strconv.AppendUint(b, ticks, 10)
	if ticks == 0 {
		return b
	}
	b = append(b, " /* "...)
	b = strconv.AppendUint(b, ticks/userHZ, 10)
	b = append(b, '.')
	if frac := ticks % userHZ; frac < 10 {
		b = append(b, '0')
	}
	b = strconv.AppendUint(b, ticks%userHZ, 10)
	return append(b, " s */"...)
}

// appendSiginfoData prints a siginfo_t the kernel filled in: {} when it
// holds no signal (waitid with WNOHANG and no child to report).
func (f *Formatter) appendSiginfoData(b, d []byte) []byte {
	if le32(d) == 0 {
		return append(b, "{}"...)
	}
	return f.AppendSiginfo(b, (*[decoder.SiginfoSize]byte)(d))
}
