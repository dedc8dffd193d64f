package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/xlat"
)

// seccomp(2) operations (linux/seccomp.h).
const (
	seccompSetModeFilter  = 1
	seccompGetActionAvail = 2
	seccompGetNotifSizes  = 3
	// struct sock_fprog: an unsigned short, then the filter's address
	sockFprogSize = 16
)

var (
	seccompOps         = xlat.ByName("seccomp_ops")
	seccompFilterFlags = xlat.ByName("seccomp_filter_flags")
	seccompRetActions  = xlat.ByName("seccomp_ret_action")
)

// formatSeccomp prints seccomp's arguments as strace's SYS_FUNC(seccomp):
// the flags and what the third argument points to depend on the
// operation.
func formatSeccomp(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	op, flags, addr := uint32(c.Args[0]), uint64(uint32(c.Args[1])), c.Args[2]
	if exiting { // SECCOMP_GET_NOTIF_SIZES: the sizes the kernel stored
		cp := exitCapture(c, 2)
		if c.Failed() || addr == 0 || cp == nil || cp.Fault() || len(cp.Data) < 6 {
			return appendAddr(b, addr), false
		}
		d := cp.Data
		for i, name := range [...]string{"{seccomp_notif=", ", seccomp_notif_resp=", ", seccomp_data="} {
			b = append(b, name...)
			b = strconv.AppendUint(b, uint64(d[2*i])|uint64(d[2*i+1])<<8, 10)
		}
		return append(b, '}'), false
	}
	b = seccompOps.AppendValue(b, uint64(op), f.opt.Xlat)
	b = append(b, ", "...)
	switch op {
	case seccompSetModeFilter:
		b = seccompFilterFlags.AppendFlags(b, flags, f.opt.Xlat)
		b = append(b, ", "...)
		return f.appendFprog(b, c, 2, seccompFilterK), false
	case seccompGetActionAvail:
		b = append(appendHex(b, flags), ", "...)
		cp := c.Capture(2, decoder.CapMemIn)
		if addr == 0 || cp == nil || cp.Fault() || len(cp.Data) < 4 {
			return appendAddr(b, addr), false
		}
		b = append(b, '[')
		b = seccompRetActions.AppendValue(b, uint64(le32(cp.Data)), f.opt.Xlat)
		return append(b, ']'), false
	case seccompGetNotifSizes:
		return append(appendHex(b, flags), ", "...), true
	}
	b = append(appendHex(b, flags), ", "...)
	return appendAddr(b, addr), false
}
