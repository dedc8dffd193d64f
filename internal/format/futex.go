package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

// futex(2) commands (the op without FUTEX_PRIVATE_FLAG and FUTEX_CLOCK_REALTIME).
const (
	futexWait          = 0
	futexWake          = 1
	futexFD            = 2
	futexRequeue       = 3
	futexCmpRequeue    = 4
	futexWakeOp        = 5
	futexLockPI        = 6
	futexUnlockPI      = 7
	futexTrylockPI     = 8
	futexWaitBitset    = 9
	futexWakeBitset    = 10
	futexWaitRequeuePI = 11
	futexCmpRequeuePI  = 12
	futexLockPI2       = 13
	futexOpOpargShift  = 8 // FUTEX_OP_OPARG_SHIFT, in val3's top nibble
)

// formatFutex prints futex's arguments as strace does: which of them
// mean something, and how, depends on the command.
func formatFutex(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	if exiting {
		return b, false
	}
	op := uint32(c.Args[1])
	val, val2, val3 := uint32(c.Args[2]), uint32(c.Args[3]), uint32(c.Args[5])
	timeout, uaddr2 := c.Args[3], c.Args[4]
	b = appendAddr(b, c.Args[0])
	b = append(b, ", "...)
	b = xlat.FutexOps.AppendValue(b, uint64(op), f.opt.Xlat)
	appendU := func(b []byte, v uint32) []byte {
		b = append(b, ", "...)
		return strconv.AppendUint(b, uint64(v), 10)
	}
	appendTimeout := func(b []byte) []byte {
		b = append(b, ", "...)
		return appendStruct(b, timeout, c.Capture(3, decoder.CapMemIn), timespecSize, f.appendTimespec)
	}
	appendPtr := func(b []byte, v uint64) []byte {
		b = append(b, ", "...)
		return appendAddr(b, v)
	}
	switch op & 127 {
	case futexWait:
		b = appendTimeout(appendU(b, val))
	case futexLockPI, futexLockPI2:
		b = appendTimeout(b)
	case futexWaitBitset:
		b = appendTimeout(appendU(b, val))
		b = append(b, ", "...)
		b = xlat.FutexBitset.AppendValue(b, uint64(val3), f.opt.Xlat)
	case futexWakeBitset:
		b = appendU(b, val)
		b = append(b, ", "...)
		b = xlat.FutexBitset.AppendValue(b, uint64(val3), f.opt.Xlat)
	case futexRequeue:
		b = appendPtr(appendU(appendU(b, val), val2), uaddr2)
	case futexCmpRequeue, futexCmpRequeuePI:
		b = appendU(appendPtr(appendU(appendU(b, val), val2), uaddr2), val3)
	case futexWakeOp:
		b = appendPtr(appendU(appendU(b, val), val2), uaddr2)
		b = append(b, ", "...)
		b = appendFutexWakeOp(b, val3)
	case futexWaitRequeuePI:
		b = appendPtr(appendTimeout(appendU(b, val)), uaddr2)
	case futexFD, futexWake:
		b = appendU(b, val)
	case futexUnlockPI, futexTrylockPI:
	default:
		b = appendPtr(appendPtr(appendU(b, val), timeout), uaddr2)
		b = append(b, ", "...)
		b = appendHex(b, uint64(val3))
	}
	return b, false
}

// appendFutexWakeOp prints FUTEX_WAKE_OP's encoded operation:
// FUTEX_OP_SET<<28|0<<12|FUTEX_OP_CMP_GT<<24|0x1.
func appendFutexWakeOp(b []byte, v uint32) []byte {
	if (v>>28)&futexOpOpargShift != 0 {
		b = append(b, "FUTEX_OP_OPARG_SHIFT<<28|"...)
	}
	appendField := func(b []byte, t *xlat.Table, field uint32, shift string, unknown string) []byte {
		name, ok := t.Name(uint64(field))
		if ok {
			b = append(b, name...)
		} else {
			b = appendHex(b, uint64(field))
		}
		b = append(b, shift...)
		if !ok {
			b = append(b, " /* "...)
			b = append(b, unknown...)
			b = append(b, " */"...)
		}
		return b
	}
	b = appendField(b, xlat.FutexWakeOps, (v>>28)&7, "<<28", "FUTEX_OP_???")
	b = append(b, '|')
	b = appendHex(b, uint64((v>>12)&0xfff))
	b = append(b, "<<12|"...)
	b = appendField(b, xlat.FutexWakeCmps, (v>>24)&0xf, "<<24", "FUTEX_OP_CMP_???")
	b = append(b, '|')
	return appendHex(b, uint64(v&0xfff))
}

// struct futex_waitv: the value, the address, the flags and a reserved
// word; futex_waitv takes at most FUTEX_WAITV_MAX of them.
const (
	futexWaitvSize = 24
	futexWaitvMax  = 128
)

var futexWaiterFlags = xlat.ByName("futex_waiter_flags")

// appendFutexWaiters prints futex_waitv's waiters as strace does:
// [{val=0x1, uaddr=0x..., flags=FUTEX_32|FUTEX_PRIVATE_FLAG}], "..." after
// FUTEX_WAITV_MAX of them.
func appendFutexWaiters(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	// strace stops after FUTEX_WAITV_MAX of them, once it has read one more
	n, nmemb := 0, min(lenArg(c, a), futexWaitvMax+1)
	return f.appendPartArray(b, c.Args[i], nmemb, futexWaitvSize, c.Capture(uint8(i), decoder.CapArrayIn), func(b, d []byte) []byte {
		if n++; n > futexWaitvMax {
			return append(b, "..."...)
		}
		b = append(b, "{val="...)
		b = appendHex(b, le64(d))
		b = append(b, ", uaddr="...)
		b = appendAddr(b, le64(d[8:]))
		b = append(b, ", flags="...)
		b = futexWaiterFlags.AppendFlags(b, uint64(le32(d[16:])), f.opt.Xlat)
		if r := le32(d[20:]); r != 0 {
			b = append(b, ", __reserved="...)
			b = appendHex(b, uint64(r))
		}
		return append(b, '}')
	})
}
