package inject

import (
	"testing"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
)

// The poked bytes show where the exit record read the memory they went to:
// a string up to its first NUL, a buffer byte for byte; a call the rule
// answers (read by the kernel side after gotrace poked) and a call that
// was not poked are left alone.
func TestShowExitPokes(t *testing.T) {
	var s Spec
	if err := s.Add("getcwd,read:poke_exit=@arg1=5374726163652100,@arg2=574f524c44", false); err != nil {
		t.Fatal(err)
	}
	if err := s.Add("pread64:poke_exit=@arg2=41:retval=1", false); err != nil {
		t.Fatal(err)
	}
	nr := func(name string) int64 { return int64(syscalltbl.ByName(name).Nr) }
	for _, c := range []struct {
		name string
		nr   int64
		note decoder.Note
		cap  decoder.Capture
		want string
		more bool
	}{
		{"getcwd's path, shorter", nr("getcwd"), decoder.NotePoked,
			decoder.Capture{Arg: 0, Kind: decoder.CapPath, Flags: decoder.CapExit, Data: []byte("/home/someone")}, "Strace!", false},
		{"getcwd's path, longer", nr("getcwd"), decoder.NotePoked,
			decoder.Capture{Arg: 0, Kind: decoder.CapPath, Flags: decoder.CapExit, Data: []byte("/t")}, "Strace!", false},
		{"read's buffer", nr("read"), decoder.NotePoked,
			decoder.Capture{Arg: 1, Kind: decoder.CapBufOut, Flags: decoder.CapExit | decoder.CapMore, Data: []byte("world and more")}, "WORLD and more", true},
		{"read's buffer, shorter than the poke", nr("read"), decoder.NotePoked,
			decoder.Capture{Arg: 1, Kind: decoder.CapBufOut, Flags: decoder.CapExit, Data: []byte("wo")}, "WO", false},
		{"not poked", nr("read"), 0,
			decoder.Capture{Arg: 1, Kind: decoder.CapBufOut, Flags: decoder.CapExit, Data: []byte("world")}, "world", false},
		{"answered", nr("pread64"), decoder.NotePoked | decoder.NoteInjected,
			decoder.Capture{Arg: 1, Kind: decoder.CapBufOut, Flags: decoder.CapExit, Data: []byte("b")}, "b", false},
		{"read at enter", nr("read"), decoder.NotePoked,
			decoder.Capture{Arg: 1, Kind: decoder.CapBufOut, Data: []byte("world")}, "world", false},
	} {
		ev := decoder.Event{Type: decoder.SysExit, Nr: c.nr, Note: c.note, Caps: []decoder.Capture{c.cap}}
		record := string(c.cap.Data)
		s.ShowExitPokes(&ev)
		if string(c.cap.Data) != record {
			t.Errorf("%s: the record's bytes were written: %q", c.name, c.cap.Data)
		}
		if got := string(ev.Caps[0].Data); got != c.want || ev.Caps[0].More() != c.more {
			t.Errorf("%s: %q (more %v), want %q (more %v)", c.name, got, ev.Caps[0].More(), c.want, c.more)
		}
	}
}
