package unwind

import (
	"encoding/binary"
	"testing"
)

const libc = "/usr/lib/x86_64-linux-gnu/libc.so.6"

// stackOf lays words out from addr.
func stackOf(addr uint64, words ...uint64) Stack {
	s := Stack{Addr: addr, Data: make([]byte, 8*len(words))}
	for i, w := range words {
		binary.LittleEndian.PutUint64(s.Data[8*i:], w)
	}
	return s
}

// A walk through libc loaded at a bias: the syscall in
// __open64_nocancel (CFA rsp+96) returns into setlocale's code, whose
// frame (CFA rbp+16 at 0x33c0f) returns to an address nothing maps: the
// walk lists the three and stops.
func TestWalk(t *testing.T) {
	tab := tableOf(t, libc)
	if id := buildID(t, libc); id != "93ac61ec5a8eb1396f9fbd350e3169a558528a40" {
		t.Skipf("libc build-id %s, not the one these offsets are for", id)
	}
	const bias = 0x7f0000000000
	row, _, _ := tab.Row(0x33c0f - 1)
	if formatCFA(row) != "rbp+16" {
		t.Fatalf("setlocale's row at 0x33c0e: %s", formatCFA(row))
	}
	sp := uint64(0x7ffc0000f000)
	words := make([]uint64, 28)
	words[11] = bias + 0x33c0f // at CFA-8 = sp+88
	words[26] = 0x1234         // at rbp+8: the second frame's return address
	mem := stackOf(sp, words...)
	var regs Regs
	regs.Set(RSP, sp)
	regs.Set(RBP, sp+200)
	regs.Set(RA, bias+0xfd001)
	find := func(pc uint64) (Code, bool) {
		if pc >= bias && pc < bias+0x200000 {
			return Code{Table: tab, Bias: bias}, true
		}
		return Code{}, false
	}
	pcs := Walk(nil, regs, mem, find, 10)
	want := []uint64{bias + 0xfd001, bias + 0x33c0f, 0x1234}
	if len(pcs) != len(want) {
		t.Fatalf("pcs %#x, want %#x", pcs, want)
	}
	for i := range want {
		if pcs[i] != want[i] {
			t.Errorf("pc %d: %#x, want %#x", i, pcs[i], want[i])
		}
	}
	if pcs := Walk(nil, regs, mem, find, 2); len(pcs) != 2 {
		t.Errorf("max 2 frames: %#x", pcs)
	}
}

// The PLT's CFA is an expression: rsp+8, plus 8 past the push of the
// lazy-binding stub (pc&15 >= 11).
func TestPLTExpression(t *testing.T) {
	tab := tableOf(t, libc)
	row, ok, err := tab.Row(0x26010)
	if !ok || err != nil || row.CFAKind != CFAExpr {
		t.Skipf("no expression row at 0x26010 (%v)", err)
	}
	for _, c := range []struct{ pc, cfa uint64 }{{0x26010, 0x1008}, {0x2601b, 0x1010}} {
		var regs Regs
		regs.Set(RSP, 0x1000)
		regs.Set(RA, c.pc)
		if v, err := eval(row.CFAExpr, &regs, Stack{}, nil); err != nil || v != c.cfa {
			t.Errorf("pc %#x: cfa %#x (%v), want %#x", c.pc, v, err, c.cfa)
		}
	}
}

func TestEvalErrors(t *testing.T) {
	var regs Regs
	for _, expr := range [][]byte{
		{0x77, 0x00},       // breg7 of an unknown rsp
		{0x06},             // deref of nothing
		{0x31, 0x06},       // deref outside the copy
		{0x31, 0x30, 0x1b}, // 1/0
		{0xe0},             // unknown op
	} {
		if v, err := eval(expr, &regs, Stack{}, nil); err == nil {
			t.Errorf("%x: %#x, no error", expr, v)
		}
	}
}
