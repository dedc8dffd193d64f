package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

// The seccomp user notification requests, as strace 6.1's
// seccomp_ioctl.c decodes them.
func init() {
	ioctlFamilies['!'] = true
	ioctlHandlers["SECCOMP_IOCTL_NOTIF_RECV"] = (*Formatter).ioctlSeccompNotif
	ioctlHandlers["SECCOMP_IOCTL_NOTIF_SEND"] = ioctlStructIn(24, (*Formatter).appendSeccompNotifResp)
	ioctlHandlers["SECCOMP_IOCTL_NOTIF_ID_VALID"] = ioctlStructIn(8, appendHex64Ref)
	// the _IOR spelling of SECCOMP_IOCTL_NOTIF_ID_VALID, which kernels
	// before 5.17 took (strace's SECCOMP_IOCTL_NOTIF_ID_VALID_WRONG_DIR)
	ioctlCodeHandlers[xlat.SeccompIDValidWrongDir] = ioctlStructIn(8, appendHex64Ref)
	ioctlHandlers["SECCOMP_IOCTL_NOTIF_ADDFD"] = func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		return appendIoctlArg(b, c, exiting, 24, func(b, d []byte) []byte { return f.appendSeccompNotifAddfd(b, d, c.Tid) }), ioctlDone
	}
}

// seccompNotifSize is the size of struct seccomp_notif.
const seccompNotifSize = 80

// auditArchX8664 is AUDIT_ARCH_X86_64, whose syscalls print by name.
const auditArchX8664 = 0xc000003e

// appendHex64Ref prints a __u64 the argument points to: [0xdecaffed].
func appendHex64Ref(f *Formatter, b, d []byte) []byte {
	return append(appendHex(append(b, '['), le64(d)), ']')
}

// ioctlSeccompNotif prints SECCOMP_IOCTL_NOTIF_RECV's struct
// seccomp_notif: at enter unless it is all zeroes, then as the kernel
// wrote it.
func (f *Formatter) ioctlSeccompNotif(b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	cp := ioctlCapture(c, exiting)
	if !exiting {
		b = append(b, ", "...)
		if c.Args[2] == 0 || cp == nil || cp.Fault() || len(cp.Data) < seccompNotifSize {
			return appendAddr(b, c.Args[2]), ioctlDone
		}
		if allZero(cp.Data[:seccompNotifSize]) {
			return b, ioctlAtExit
		}
		return append(f.appendSeccompNotif(b, cp.Data), " => "...), ioctlAtExit
	}
	return appendStruct(b, c.Args[2], cp, seccompNotifSize, func(b, d []byte) []byte { return f.appendSeccompNotif(b, d) }), ioctlDone
}

// appendSeccompNotif prints a struct seccomp_notif.
func (f *Formatter) appendSeccompNotif(b, d []byte) []byte {
	b = appendHex(append(b, "{id="...), le64(d))
	b = strconv.AppendInt(append(b, ", pid="...), int64(int32(le32(d[8:]))), 10)
	b = appendHex(append(b, ", flags="...), uint64(le32(d[12:])))
	nr, arch := le32(d[16:]), le32(d[20:])
	b = append(b, ", data={nr="...)
	if sc := syscalltbl.Lookup(int(nr)); arch == auditArchX8664 && sc != nil {
		b = xlat.AppendNamed(b, "__NR_"+sc.Name, func(b []byte) []byte { return strconv.AppendUint(b, uint64(nr), 10) }, f.opt.Xlat)
	} else {
		b = strconv.AppendUint(b, uint64(nr), 10)
	}
	b = xlat.ByName("audit_arch").AppendValue(append(b, ", arch="...), uint64(arch), f.opt.Xlat)
	b = appendAddr(append(b, ", instruction_pointer="...), le64(d[24:]))
	b = append(b, ", args=["...)
	for i := range 6 {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = appendHex(b, le64(d[32+8*i:]))
	}
	return append(b, "]}}"...)
}

// appendSeccompNotifResp prints a struct seccomp_notif_resp.
func (f *Formatter) appendSeccompNotifResp(b, d []byte) []byte {
	b = appendHex(append(b, "{id="...), le64(d))
	b = strconv.AppendInt(append(b, ", val="...), int64(le64(d[8:])), 10)
	b = f.appendErrD(append(b, ", error="...), int32(le32(d[16:])))
	b = f.appendFlagsArg(append(b, ", flags="...), "seccomp_ioctl_resp_flags", uint64(le32(d[20:])))
	return append(b, '}')
}

// appendErrD prints a negated errno as strace's PRINT_FIELD_ERR_D: -EPERM.
func (f *Formatter) appendErrD(b []byte, v int32) []byte {
	name, ok := xlat.ErrnoName(int(-v))
	if v >= 0 || !ok {
		return strconv.AppendInt(b, int64(v), 10)
	}
	return xlat.AppendNamed(b, "-"+name, func(b []byte) []byte { return strconv.AppendInt(b, int64(v), 10) }, f.opt.Xlat)
}

// appendSeccompNotifAddfd prints a struct seccomp_notif_addfd.
func (f *Formatter) appendSeccompNotifAddfd(b, d []byte, tid uint32) []byte {
	b = appendHex(append(b, "{id="...), le64(d))
	b = f.appendFlagsArg(append(b, ", flags="...), "seccomp_ioctl_addfd_flags", uint64(le32(d[8:])))
	b = f.appendFd(append(b, ", srcfd="...), tid, int32(le32(d[12:])))
	b = strconv.AppendInt(append(b, ", newfd="...), int64(int32(le32(d[16:]))), 10)
	b = f.appendFlagsArg(append(b, ", newfd_flags="...), "open_flags", uint64(le32(d[20:])))
	return append(b, '}')
}
