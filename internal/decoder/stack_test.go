package decoder

import (
	"encoding/binary"
	"errors"
	"testing"
	"unsafe"

	"github.com/gotrace/gotrace/bpf"
)

func TestStackLayout(t *testing.T) {
	t.Parallel()
	var s bpf.RecStack
	if off := unsafe.Offsetof(s.Ips); off != stackHdr {
		t.Errorf("rec_stack.ips at %d, decoder reads %d", off, stackHdr)
	}
	if off := unsafe.Offsetof(s.Nframes); off != hdrSize {
		t.Errorf("rec_stack.nframes at %d, decoder reads %d", off, hdrSize)
	}
}

func TestDecodeStack(t *testing.T) {
	t.Parallel()
	raw := make([]byte, stackHdr+16)
	binary.LittleEndian.PutUint16(raw[20:], uint16(Stack))
	binary.LittleEndian.PutUint32(raw[hdrSize:], 2)
	binary.LittleEndian.PutUint64(raw[stackHdr:], 0x401136)
	binary.LittleEndian.PutUint64(raw[stackHdr+8:], 0x7f0000001234)
	var ev Event
	if err := Decode(raw, &ev); err != nil {
		t.Fatal(err)
	}
	if len(ev.Frames) != 2 || ev.Frames[0] != 0x401136 || ev.Frames[1] != 0x7f0000001234 {
		t.Errorf("frames %#x", ev.Frames)
	}
	binary.LittleEndian.PutUint32(raw[hdrSize:], 3)
	if err := Decode(raw, &ev); !errors.Is(err, ErrShort) {
		t.Errorf("3 frames in 2's room: %v", err)
	}
}
