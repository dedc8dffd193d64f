package format

import (
	"testing"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/xlat"
)

// insn is a struct sock_filter's bytes.
func insn(code uint16, jt, jf uint8, k uint32) []byte {
	return []byte{byte(code), byte(code >> 8), jt, jf, byte(k), byte(k >> 8), byte(k >> 16), byte(k >> 24)}
}

// Classic BPF instructions as strace 6.1's tests (sock_filter-v.c,
// seccomp-filter-v.c, nlattr_packet_diag_msg.c) expect them.
func TestBPFInsns(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		d    []byte
		k    bpfK
		s    xlat.Style
		want string
	}{
		{insn(0x30, 0, 0, 0xffe00004), sockFilterK, xlat.Abbrev, "BPF_STMT(BPF_LD|BPF_B|BPF_ABS, SKF_LL_OFF+4)"},
		{insn(0x30, 0, 0, 0xfffff000), sockFilterK, xlat.Abbrev, "BPF_STMT(BPF_LD|BPF_B|BPF_ABS, SKF_AD_OFF+SKF_AD_PROTOCOL)"},
		{insn(0x30, 0, 0, 0xfff00008), sockFilterK, xlat.Raw, "BPF_STMT(0|0x10|0x20, 0xfff00000+8)"},
		{insn(0x30, 0, 0, 0xfff00008), sockFilterK, xlat.Verbose, "BPF_STMT(0 /* BPF_LD */|0x10 /* BPF_B */|0x20 /* BPF_ABS */, 0xfff00000 /* SKF_NET_OFF */+8)"},
		{insn(0x15, 0, 5, 17), sockFilterK, xlat.Abbrev, "BPF_JUMP(BPF_JMP|BPF_K|BPF_JEQ, 0x11, 0, 0x5)"},
		{insn(0x80, 0, 0, 0), sockFilterK, xlat.Abbrev, "BPF_STMT(BPF_LD|BPF_W|BPF_LEN, 0)"},
		{insn(0x06, 0, 0, 0xffffffff), sockFilterK, xlat.Abbrev, "BPF_STMT(BPF_RET|BPF_K, 0xffffffff)"},
		{insn(0x06, 0, 0, 0x50010), seccompFilterK, xlat.Abbrev, "BPF_STMT(BPF_RET|BPF_K, SECCOMP_RET_ERRNO|0x10)"},
		{insn(0x06, 0, 0, 0x60000), seccompFilterK, xlat.Abbrev, "BPF_STMT(BPF_RET|BPF_K, 0x60000 /* SECCOMP_RET_??? */)"},
		{insn(0x02, 0, 0, 0x20000), seccompFilterK, xlat.Abbrev, "BPF_STMT(BPF_ST, 0x20000)"},
		{insn(0x07, 0, 0, 0x70000), seccompFilterK, xlat.Abbrev, "BPF_STMT(BPF_MISC|BPF_TAX, 0x70000)"},
		{insn(0x04, 0, 0, 0x40000), seccompFilterK, xlat.Abbrev, "BPF_STMT(BPF_ALU|BPF_K|BPF_ADD, 0x40000)"},
		{insn(0x1e, 0, 0, 0), seccompFilterK, xlat.Abbrev, "BPF_STMT(BPF_RET|0x18 /* BPF_??? */, SECCOMP_RET_KILL_THREAD)"},
	} {
		if got := string(appendBPFInsn(nil, c.d, c.k, c.s)); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

// A program strace shows only with -v, cut where it could not be read.
func TestBPFProgram(t *testing.T) {
	t.Parallel()
	prog := append(insn(0x06, 0, 0, 0), insn(0x06, 0, 0, 0x7fff0000)...)
	for _, c := range []struct {
		verbose bool
		n       int
		cp      *decoder.Capture
		want    string
	}{
		{false, 2, &decoder.Capture{Data: prog}, "0x1000"},
		{true, 0, nil, "[]"},
		{true, 2, &decoder.Capture{Data: prog}, "[BPF_STMT(BPF_RET|BPF_K, SECCOMP_RET_KILL_THREAD), BPF_STMT(BPF_RET|BPF_K, SECCOMP_RET_ALLOW)]"},
		{true, 3, &decoder.Capture{Data: prog[:8], Flags: decoder.CapFault | decoder.CapPart}, "[BPF_STMT(BPF_RET|BPF_K, SECCOMP_RET_KILL_THREAD), ... /* 0x1008 */]"},
		{true, 1, &decoder.Capture{Flags: decoder.CapFault}, "0x1000"},
	} {
		f := New(Options{Verbose: c.verbose})
		if got := string(f.appendBPFProgram(nil, 0x1000, c.n, c.cp, seccompFilterK)); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}
