package bpf

import (
	"errors"
	"os"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/ringbuf"
)

// ringPrograms returns a one-page ring buffer and two socket filters run by
// hand: out writes a record of len(packet)&63 bytes, each 8 of them the
// packet's length, and returns non-zero if the ring had no room; discard
// reserves 16 bytes and discards them.
func ringPrograms(t *testing.T) (*ebpf.Map, *ebpf.Program, *ebpf.Program) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root (or CAP_BPF) to load BPF programs")
	}
	m, err := ebpf.NewMap(&ebpf.MapSpec{Type: ebpf.RingBuf, MaxEntries: uint32(os.Getpagesize())})
	if err != nil {
		t.Fatalf("ring buffer map: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	out := asm.Instructions{
		asm.LoadMem(asm.R6, asm.R1, 0, asm.Word), // skb->len
	}
	for off := int16(-64); off < 0; off += 8 {
		out = append(out, asm.StoreMem(asm.RFP, off, asm.R6, asm.DWord))
	}
	out = append(out,
		asm.LoadMapPtr(asm.R1, m.FD()),
		asm.Mov.Reg(asm.R2, asm.RFP),
		asm.Add.Imm(asm.R2, -64),
		asm.Mov.Reg(asm.R3, asm.R6),
		asm.And.Imm(asm.R3, 63),
		asm.Mov.Imm(asm.R4, 0),
		asm.FnRingbufOutput.Call(),
		asm.Return(),
	)
	discard := asm.Instructions{
		asm.LoadMapPtr(asm.R1, m.FD()),
		asm.Mov.Imm(asm.R2, 16),
		asm.Mov.Imm(asm.R3, 0),
		asm.FnRingbufReserve.Call(),
		asm.JEq.Imm(asm.R0, 0, "none"),
		asm.Mov.Reg(asm.R1, asm.R0),
		asm.Mov.Imm(asm.R2, 0),
		asm.FnRingbufDiscard.Call(),
		asm.Mov.Imm(asm.R0, 0).WithSymbol("none"),
		asm.Return(),
	}
	var progs []*ebpf.Program
	for _, insns := range []asm.Instructions{out, discard} {
		p, err := ebpf.NewProgram(&ebpf.ProgramSpec{Type: ebpf.SocketFilter, Instructions: insns, License: "GPL"})
		if err != nil {
			t.Fatalf("load ring test program: %v", err)
		}
		t.Cleanup(func() { p.Close() })
		progs = append(progs, p)
	}
	return m, progs[0], progs[1]
}

// The reader returns every record the kernel wrote, in order and whole,
// through many wrap-arounds of a one-page ring, skipping discarded ones,
// also when records come while it is part way through a batch.
func TestRingRecords(t *testing.T) {
	m, out, discard := ringPrograms(t)
	r, err := NewRing(m)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	// run reports whether the program wrote its record
	run := func(p *ebpf.Program, n int) bool {
		t.Helper()
		ret, err := p.Run(&ebpf.RunOptions{Data: make([]byte, n)})
		if err != nil {
			t.Fatalf("run: %v", err)
		}
		return ret == 0
	}
	// the length the program sees: the packet's, maybe less its
	// Ethernet header
	run(out, 100)
	r.SetDeadline(time.Now())
	first, err := r.Read()
	if err != nil {
		t.Fatalf("first record: %v", err)
	}
	if len(first) == 0 {
		t.Fatal("first record: empty")
	}
	pulled := 100 - int(first[0])
	if pulled != 0 && pulled != 14 {
		t.Fatalf("first record: %d bytes, value %d", len(first), first[0])
	}
	var want []int // the values of the records written and not yet read
	check := func(rec []byte) {
		t.Helper()
		if len(want) == 0 {
			t.Fatalf("a record of %d bytes that was not written", len(rec))
		}
		v := want[0]
		want = want[1:]
		if len(rec) != v&63 {
			t.Fatalf("record of value %d: %d bytes, want %d", v, len(rec), v&63)
		}
		for j, b := range rec {
			if b != byte(v>>(8*(j%8))) {
				t.Fatalf("record of value %d: byte %d is %d", v, j, b)
			}
		}
	}
	seq := 0
	write := func(n int) {
		for range n {
			size := 14 + (seq*37)%150
			if !run(out, size) {
				t.Fatalf("record %d: the ring is full", seq)
			}
			want = append(want, size-pulled)
			if seq%3 == 0 {
				run(discard, 14)
			}
			seq++
		}
	}
	for range 200 {
		// a partial read: the records read stay the reader's while
		// more come
		write(20)
		for range 5 {
			rec, err := r.Read()
			if err != nil {
				t.Fatalf("record %d: %v", seq, err)
			}
			check(rec)
		}
		write(20)
		r.SetDeadline(time.Now())
		for {
			rec, err := r.Read()
			if errors.Is(err, os.ErrDeadlineExceeded) {
				break
			}
			if err != nil {
				t.Fatalf("record %d: %v", seq, err)
			}
			check(rec)
		}
		if len(want) != 0 {
			t.Fatalf("%d records written and not read", len(want))
		}
	}
	if r.Remaining() != 0 {
		t.Errorf("remaining %d bytes in a read ring", r.Remaining())
	}
	// the record Read returned last is not given back to the kernel:
	// filling the ring leaves it whole (the small records that fill it
	// would reach into it if it had been given back)
	if !run(out, 63+pulled) {
		t.Fatal("an empty ring is full")
	}
	want = append(want, 63)
	held, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; run(out, 8+pulled); i++ {
		want = append(want, 8)
		if i > r.BufferSize() {
			t.Fatal("a one-page ring never filled")
		}
	}
	check(held)
	for len(want) > 0 {
		rec, err := r.Read()
		if err != nil {
			t.Fatalf("after a full ring: %v", err)
		}
		check(rec)
	}
}

// Flush makes a waiting reader return ErrFlushed after what the ring holds;
// a deadline, os.ErrDeadlineExceeded.
func TestRingFlushAndDeadline(t *testing.T) {
	m, out, _ := ringPrograms(t)
	r, err := NewRing(m)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := out.Run(&ebpf.RunOptions{Data: make([]byte, 40)}); err != nil {
		t.Fatal(err)
	}
	r.SetDeadline(time.Time{}) // no deadline: only the flush ends the wait
	if err := r.Flush(); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Read(); err != nil {
		t.Fatalf("the record before the flush: %v", err)
	}
	if _, err := r.Read(); !errors.Is(err, ErrFlushed) {
		t.Fatalf("after the records: %v, want ErrFlushed", err)
	}
	r.SetDeadline(time.Now().Add(time.Millisecond))
	if _, err := r.Read(); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("empty ring past its deadline: %v", err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if err := r.Flush(); !errors.Is(err, os.ErrClosed) {
		t.Errorf("flush after close: %v, want os.ErrClosed", err)
	}
}

// BenchmarkRingRead is the reader's cost per record (ns/record; an op reads
// 4096): a program fills the ring with 63-byte records (run by the kernel
// many times in one call, with the timer stopped), then they are read;
// cilium is the ringbuf package gotrace used before Ring, reading the same
// records.
func BenchmarkRingRead(b *testing.B) {
	if os.Geteuid() != 0 {
		b.Skip("needs root (or CAP_BPF) to load BPF programs")
	}
	const chunk = 4096 // records written at once: 288 KiB of a 1 MiB ring
	m, err := ebpf.NewMap(&ebpf.MapSpec{Type: ebpf.RingBuf, MaxEntries: 1 << 20})
	if err != nil {
		b.Fatal(err)
	}
	defer m.Close()
	out, err := ebpf.NewProgram(&ebpf.ProgramSpec{Type: ebpf.SocketFilter, License: "GPL", Instructions: asm.Instructions{
		asm.Mov.Imm(asm.R1, 0),
		asm.StoreMem(asm.RFP, -64, asm.R1, asm.DWord),
		asm.StoreMem(asm.RFP, -56, asm.R1, asm.DWord),
		asm.StoreMem(asm.RFP, -48, asm.R1, asm.DWord),
		asm.StoreMem(asm.RFP, -40, asm.R1, asm.DWord),
		asm.StoreMem(asm.RFP, -32, asm.R1, asm.DWord),
		asm.StoreMem(asm.RFP, -24, asm.R1, asm.DWord),
		asm.StoreMem(asm.RFP, -16, asm.R1, asm.DWord),
		asm.StoreMem(asm.RFP, -8, asm.R1, asm.DWord),
		asm.LoadMapPtr(asm.R1, m.FD()),
		asm.Mov.Reg(asm.R2, asm.RFP),
		asm.Add.Imm(asm.R2, -64),
		asm.Mov.Imm(asm.R3, 63),
		asm.Mov.Imm(asm.R4, 0),
		asm.FnRingbufOutput.Call(),
		asm.Return(),
	}})
	if err != nil {
		b.Fatal(err)
	}
	defer out.Close()
	fill := func(b *testing.B) {
		b.StopTimer()
		if ret, err := out.Run(&ebpf.RunOptions{Data: make([]byte, 64), Repeat: chunk}); err != nil || ret != 0 {
			b.Fatalf("fill the ring: %d, %v", ret, err)
		}
		b.StartTimer()
	}
	b.Run("gotrace", func(b *testing.B) {
		r, err := NewRing(m)
		if err != nil {
			b.Fatal(err)
		}
		defer r.Close()
		r.SetDeadline(time.Now())
		sum := 0
		for range b.N {
			fill(b)
			for {
				rec, err := r.Read()
				if err != nil {
					break
				}
				sum += int(rec[0])
			}
			r.SetDeadline(time.Now())
		}
		if sum != 0 {
			b.Fatal("records not as written")
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*chunk), "ns/record")
	})
	b.Run("cilium", func(b *testing.B) {
		r, err := ringbuf.NewReader(m)
		if err != nil {
			b.Fatal(err)
		}
		defer r.Close()
		var rec ringbuf.Record
		r.SetDeadline(time.Now())
		sum := 0
		for range b.N {
			fill(b)
			for r.ReadInto(&rec) == nil {
				sum += int(rec.RawSample[0])
			}
			r.SetDeadline(time.Now())
		}
		if sum != 0 {
			b.Fatal("records not as written")
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*chunk), "ns/record")
	})
}
