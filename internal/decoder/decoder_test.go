package decoder

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"
)

// enterRecord builds a sys_enter record with the given captures.
func enterRecord(nr int64, caps ...Capture) []byte {
	b := make([]byte, sysEnterSize)
	binary.LittleEndian.PutUint32(b[8:], 100)  // tid
	binary.LittleEndian.PutUint32(b[12:], 100) // tgid
	binary.LittleEndian.PutUint16(b[20:], uint16(SysEnter))
	binary.LittleEndian.PutUint16(b[22:], uint16(len(caps)))
	binary.LittleEndian.PutUint64(b[hdrSize:], uint64(nr))
	for i := 0; i < maxSyscallArg; i++ {
		binary.LittleEndian.PutUint64(b[hdrSize+8+8*i:], uint64(i+1))
	}
	for _, c := range caps {
		h := make([]byte, captureHdr)
		h[0], h[1] = c.Arg, byte(c.Kind)
		binary.LittleEndian.PutUint16(h[2:], c.Flags)
		binary.LittleEndian.PutUint32(h[4:], uint32(len(c.Data)))
		b = append(b, h...)
		b = append(b, c.Data...)
		for len(b)%8 != 0 {
			b = append(b, 0)
		}
	}
	binary.LittleEndian.PutUint32(b[24:], uint32(len(b)))
	return b
}

func TestDecodeEnter(t *testing.T) {
	t.Parallel()
	raw := enterRecord(257, Capture{Arg: 1, Kind: CapPath, Data: []byte("/etc/passwd")},
		Capture{Arg: 2, Kind: CapStr, Flags: CapMore, Data: []byte("abc")})
	var ev Event
	if err := Decode(raw, &ev); err != nil {
		t.Fatal(err)
	}
	if ev.Type != SysEnter || ev.Nr != 257 || ev.Tid != 100 || ev.Args[5] != 6 {
		t.Fatalf("decoded %+v", ev)
	}
	if len(ev.Caps) != 2 || string(ev.Caps[0].Data) != "/etc/passwd" || !ev.Caps[1].More() || ev.Caps[1].Arg != 2 {
		t.Fatalf("captures %+v", ev.Caps)
	}
}

// A ring sample holding an enter and an exit record splits into the two;
// one holding a single record, or sizes that cannot be right, stays whole.
func TestNext(t *testing.T) {
	t.Parallel()
	enter := enterRecord(39)
	exit := make([]byte, sysExitSize+16)
	binary.LittleEndian.PutUint16(exit[20:], uint16(SysExit))
	binary.LittleEndian.PutUint32(exit[sizeOff:], uint32(len(exit)))
	joined := append(append([]byte(nil), enter...), exit...)
	rec, rest := Next(joined)
	if !bytes.Equal(rec, enter) {
		t.Fatalf("first record: %d bytes, want the enter's %d", len(rec), len(enter))
	}
	if rec, rest = Next(rest); !bytes.Equal(rec, exit) || rest != nil {
		t.Fatalf("second record: %d bytes and %d left, want the exit's %d and none", len(rec), len(rest), len(exit))
	}
	for _, size := range []uint32{0, hdrSize - 8, uint32(len(joined)), uint32(len(joined)) + 8} {
		bad := append([]byte(nil), joined...)
		binary.LittleEndian.PutUint32(bad[sizeOff:], size)
		if rec, rest := Next(bad); len(rec) != len(bad) || rest != nil {
			t.Errorf("size %d: split into %d and %d bytes, want it whole", size, len(rec), len(rest))
		}
	}
	if rec, rest := Next(joined[:hdrSize-1]); len(rec) != hdrSize-1 || rest != nil {
		t.Errorf("a sample shorter than a header: split into %d and %d bytes", len(rec), len(rest))
	}
}

func TestDecodeRejectsTruncated(t *testing.T) {
	t.Parallel()
	raw := enterRecord(0, Capture{Arg: 1, Kind: CapPath, Data: []byte("/etc/passwd")})
	var ev Event
	for n := 0; n < len(raw)-8; n++ {
		if err := Decode(raw[:n], &ev); !errors.Is(err, ErrShort) {
			t.Fatalf("%d of %d bytes: got %v, want ErrShort", n, len(raw), err)
		}
	}
}

func TestPairerCopiesEnterCaptures(t *testing.T) {
	t.Parallel()
	raw := enterRecord(0, Capture{Arg: 1, Kind: CapPath, Data: []byte("abc")})
	var ev Event
	if err := Decode(raw, &ev); err != nil {
		t.Fatal(err)
	}
	p := NewPairer()
	p.Pair(&ev)
	c := ev.Call
	for i := range raw {
		raw[i] = 0 // the ring buffer reuses its memory
	}
	if got := c.Capture(1, CapPath); got == nil || string(got.Data) != "abc" {
		t.Fatalf("enter capture not kept: %+v", got)
	}
	if p.InFlight(100) != c {
		t.Fatal("call not in flight")
	}
	exit := Event{Type: SysExit, Tid: 100, Nr: 0, Ret: 3}
	p.Pair(&exit)
	if c2 := exit.Call; c2 != c || !c2.Entered || c2.Ret != 3 || p.InFlight(100) != nil {
		t.Fatalf("exit not paired: %+v", c2)
	}
}

func TestRecordReplay(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	r := NewRecorder(&buf)
	recs := [][]byte{enterRecord(1), enterRecord(2, Capture{Arg: 0, Kind: CapPath, Data: []byte("x")}),
		enterRecord(3, Capture{Arg: 0, Kind: CapPath, Data: bytes.Repeat([]byte("a"), 10000)})}
	for _, rec := range recs {
		if err := r.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Flush(); err != nil {
		t.Fatal(err)
	}
	i := 0
	err := Replay(&buf, func(raw []byte) error {
		if !bytes.Equal(raw, recs[i]) {
			t.Errorf("record %d differs", i)
		}
		i++
		return nil
	})
	if err != nil || i != len(recs) {
		t.Fatalf("replayed %d records, err %v", i, err)
	}
}

// Decode must never panic, whatever the bytes.
func FuzzDecode(f *testing.F) {
	f.Add(enterRecord(59, Capture{Arg: 0, Kind: CapPath, Data: []byte("/bin/true")}))
	f.Add(make([]byte, signalSize))
	f.Fuzz(func(t *testing.T, raw []byte) {
		var ev Event
		if Decode(raw, &ev) == nil {
			for _, c := range ev.Caps {
				if len(c.Data) > len(raw) {
					t.Fatalf("capture larger than the record")
				}
			}
		}
	})
}

// -i: an enter record's last capture, CAP_IP, is the call's instruction
// pointer, not one of its captures; a signal record carries its own after
// the siginfo, and an older one without it says 0.
func TestDecodeInstructionPointer(t *testing.T) {
	t.Parallel()
	ip := binary.LittleEndian.AppendUint64(nil, 0x7f0011223344)
	var ev Event
	if err := Decode(enterRecord(0, Capture{Arg: 1, Kind: CapBufIn, Data: []byte("hi")}, Capture{Kind: capIP, Data: ip}), &ev); err != nil {
		t.Fatal(err)
	}
	if ev.IP != 0x7f0011223344 || len(ev.Caps) != 1 || ev.Caps[0].Kind != CapBufIn {
		t.Errorf("enter: IP %#x, captures %+v", ev.IP, ev.Caps)
	}
	if err := Decode(enterRecord(0), &ev); err != nil || ev.IP != 0 {
		t.Errorf("enter without CAP_IP: IP %#x, %v", ev.IP, err)
	}
	sig := make([]byte, signalIPSize)
	binary.LittleEndian.PutUint16(sig[20:], uint16(Signal))
	binary.LittleEndian.PutUint32(sig[24:], signalIPSize)
	binary.LittleEndian.PutUint32(sig[hdrSize:], 11)
	copy(sig[signalSize:], ip)
	if err := Decode(sig, &ev); err != nil || ev.IP != 0x7f0011223344 || ev.Sig != 11 {
		t.Errorf("signal: IP %#x, sig %d, %v", ev.IP, ev.Sig, err)
	}
	binary.LittleEndian.PutUint32(sig[24:], signalSize)
	if err := Decode(sig[:signalSize], &ev); err != nil || ev.IP != 0 {
		t.Errorf("signal without its IP: IP %#x, %v", ev.IP, err)
	}
}
