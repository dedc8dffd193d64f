package format

import (
	"math/bits"
	"strconv"

	"github.com/gotrace/gotrace/internal/xlat"
)

// appendSigset prints a 64-signal mask as strace does: [INT TERM], or
// ~[...] listing the signals not in it when two thirds or more are set.
func (f *Formatter) appendSigset(b []byte, mask uint64) []byte {
	if bits.OnesCount64(mask) >= 64*2/3 {
		b = append(b, '~')
		mask = ^mask
	}
	b = append(b, '[')
	first := true
	for sig := 1; sig <= 64; sig++ {
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
