package format

import (
	"math/bits"
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

// appendSigset prints a 64-signal mask as strace does: [INT TERM], or
// ~[...] listing the signals not in it when two thirds or more are set.
func (f *Formatter) appendSigset(b []byte, mask uint64) []byte { return f.appendSigsetN(b, mask, 64) }

// appendSigsetN prints a mask of n signals (32 or 64) as strace's
// sprintsigmask_n.
func (f *Formatter) appendSigsetN(b []byte, mask uint64, n int) []byte {
	if n < 64 {
		mask &= 1<<n - 1
	}
	if bits.OnesCount64(mask) >= n*2/3 {
		b = append(b, '~')
		mask = ^mask
		if n < 64 {
			mask &= 1<<n - 1
		}
	}
	b = append(b, '[')
	first := true
	for sig := 1; sig <= n; sig++ {
		if mask&(1<<(sig-1)) == 0 {
			continue
		}
		if !first {
			b = append(b, ' ')
		}
		first = false
		b = xlat.AppendSigsetMember(b, sig, f.opt.Xlat)
	}
	return append(b, ']')
}

// appendSigreturnMask prints the signal mask rt_sigreturn restores.
func (f *Formatter) appendSigreturnMask(b, d []byte) []byte {
	b = append(b, "{mask="...)
	b = f.appendSigset(b, le64(d))
	return append(b, '}')
}

func init() {
	kindPrinters[syscalltbl.SigsetIn] = appendSigsetArg
	kindPrinters[syscalltbl.SigsetOut] = appendSigsetArg
}

// appendSigsetArg prints a sigset_t whose size is argument a.LenArg as
// strace's print_sigset_addr_len: its address unless the size is 8 bytes
// or less, and at least a long (rt_sigpending: at least a byte); the
// signals of the bytes it has.
func appendSigsetArg(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	const nsigBytes = 8
	addr, n := c.Args[i], c.Args[a.LenArg]
	least := uint64(nsigBytes)
	if c.Name() == "rt_sigpending" {
		least = 1
	}
	// recordings made before the size was read with the set hold 8
	// bytes as a struct
	kind, old := decoder.CapArrayIn, decoder.CapMemIn
	if a.Kind == syscalltbl.SigsetOut {
		kind, old = decoder.CapArrayOut, decoder.CapMemOut
		if c.Failed() {
			return appendAddr(b, addr)
		}
	}
	cp := c.Capture(uint8(i), kind)
	if cp == nil {
		cp = c.Capture(uint8(i), old)
	}
	if n < least || n > nsigBytes || addr == 0 || cp == nil || cp.Fault() || uint64(len(cp.Data)) < n {
		return appendAddr(b, addr)
	}
	var mask uint64
	for j := int(n) - 1; j >= 0; j-- {
		mask = mask<<8 | uint64(cp.Data[j])
	}
	return f.appendSigsetN(b, mask, int(n+3)/4*32)
}

var sigaltstackFlags = xlat.ByName("sigaltstack_flags")

// appendStack prints a stack_t: {ss_sp=0x7f..., ss_flags=0, ss_size=65536}.
func (f *Formatter) appendStack(b, d []byte) []byte {
	b = append(b, "{ss_sp="...)
	b = appendAddr(b, le64(d))
	b = append(b, ", ss_flags="...)
	b = sigaltstackFlags.AppendFlags(b, uint64(le32(d[8:])), f.opt.Xlat)
	b = append(b, ", ss_size="...)
	b = strconv.AppendUint(b, le64(d[16:]), 10)
	return append(b, '}')
}
