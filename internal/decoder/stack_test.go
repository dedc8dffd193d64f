package decoder

import (
	"encoding/binary"
	"errors"
	"testing"
	"unsafe"

	"github.com/gotrace/gotrace/bpf"
)

func TestStackLayout(t *testing.T) {
	var s bpf.RecStack
	var m bpf.RecMap
	checks := []struct {
		name      string
		got, want uintptr
	}{
		{"rec_stack", unsafe.Sizeof(s), stackFixed},
		{"rec_stack.regs", unsafe.Offsetof(s.Regs), hdrSize},
		{"rec_stack.regs count", uintptr(len(s.Regs)), StackRegs},
		{"rec_stack.size", unsafe.Offsetof(s.Size), stackFixed - 8},
		{"rec_stack.flags", unsafe.Offsetof(s.Flags), stackFixed - 4},
		{"rec_map", unsafe.Sizeof(m), mapFixed},
		{"rec_map.ino", unsafe.Offsetof(m.Ino), hdrSize + 24},
		{"rec_map.dev", unsafe.Offsetof(m.Dev), hdrSize + 32},
		{"rec_map.flags", unsafe.Offsetof(m.Flags), hdrSize + 36},
		{"rec_map.path_len", unsafe.Offsetof(m.PathLen), hdrSize + 38},
		{"REC_STACK", uintptr(bpf.RecStackT), uintptr(Stack)},
		{"REC_MAP", uintptr(bpf.RecMapT), uintptr(Map)},
		{"STACK_AT_ENTER", uintptr(bpf.StackAtEnter), stackAtEnter},
		{"MAP_UNMAPPED", uintptr(bpf.MapUnmapped), mapUnmapped},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: bpf layout says %d, decoder uses %d", c.name, c.got, c.want)
		}
	}
}

func TestDecodeStack(t *testing.T) {
	raw := make([]byte, stackFixed+16)
	binary.LittleEndian.PutUint16(raw[20:], uint16(Stack))
	binary.LittleEndian.PutUint64(raw[hdrSize+7*8:], 0x7ffc1000) // rsp
	binary.LittleEndian.PutUint64(raw[hdrSize+16*8:], 0x401136)  // rip
	binary.LittleEndian.PutUint32(raw[stackFixed-8:], 16)
	binary.LittleEndian.PutUint32(raw[stackFixed-4:], stackAtEnter)
	binary.LittleEndian.PutUint64(raw[stackFixed:], 0x7f0000001234)
	var ev Event
	if err := Decode(raw, &ev); err != nil {
		t.Fatal(err)
	}
	if ev.Stack.Regs[7] != 0x7ffc1000 || ev.Stack.Regs[16] != 0x401136 || !ev.Stack.AtEnter || len(ev.Stack.Data) != 16 {
		t.Errorf("stack %+v", ev.Stack)
	}
	binary.LittleEndian.PutUint32(raw[stackFixed-8:], 17)
	if err := Decode(raw, &ev); !errors.Is(err, ErrShort) {
		t.Errorf("17 bytes in 16's room: %v", err)
	}
}

func TestDecodeMap(t *testing.T) {
	path := "libc.so.6\x00lib\x00usr\x00"
	raw := make([]byte, mapFixed+len(path))
	binary.LittleEndian.PutUint16(raw[20:], uint16(Map))
	binary.LittleEndian.PutUint64(raw[hdrSize:], 0x7f0000026000)
	binary.LittleEndian.PutUint64(raw[hdrSize+8:], 0x7f000017c000)
	binary.LittleEndian.PutUint64(raw[hdrSize+16:], 0x26000)
	binary.LittleEndian.PutUint64(raw[hdrSize+24:], 326269)
	binary.LittleEndian.PutUint32(raw[hdrSize+32:], 254<<20|1)
	binary.LittleEndian.PutUint16(raw[hdrSize+38:], uint16(len(path)))
	copy(raw[mapFixed:], path)
	var ev Event
	if err := Decode(raw, &ev); err != nil {
		t.Fatal(err)
	}
	m := ev.Map
	if m.Start != 0x7f0000026000 || m.End != 0x7f000017c000 || m.Offset != 0x26000 || m.Ino != 326269 ||
		m.Dev != 254<<20|1 || m.Unmapped || string(m.Path) != path {
		t.Errorf("map %+v", m)
	}
	binary.LittleEndian.PutUint16(raw[hdrSize+38:], uint16(len(path)+1))
	if err := Decode(raw, &ev); !errors.Is(err, ErrShort) {
		t.Errorf("path past the record: %v", err)
	}
}
