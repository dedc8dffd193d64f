package jsonout

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/format"
	"github.com/gotrace/gotrace/internal/gentest"
	"github.com/gotrace/gotrace/internal/syscalltbl"
)

// newReplay returns a Writer for events of tasks that /proc does not show:
// each is named "replay".
func newReplay(out *bytes.Buffer) *Writer {
	w := New(out, format.Options{StrSize: 32})
	w.ReadComm = func(uint32) string { return "replay" }
	w.ReadCgroup = func(uint32) uint64 { return 0 }
	return w
}

// Each ../../testdata/classroom/*.rec is a real trace of an examples/
// program; written as JSON lines it must be testdata/NAME.jsonl, every line
// a valid object.
func TestGoldenJSON(t *testing.T) {
	t.Parallel()
	gentest.Recordings(t, "../../testdata/classroom/*.rec", func(t *testing.T, name, rec string) {
		var out bytes.Buffer
		w := newReplay(&out)
		if err := decoder.ReplayInto(rec, w); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		for line := range strings.Lines(out.String()) {
			if !json.Valid([]byte(line)) {
				t.Errorf("not a JSON object: %s", line)
			}
		}
		gentest.Golden(t, filepath.Join("testdata", name+".jsonl"), out.Bytes())
	})
}

// objects replays events through a Writer, paired, and returns the
// objects it wrote.
func objects(t *testing.T, evs ...decoder.Event) []map[string]any {
	t.Helper()
	var out bytes.Buffer
	w := newReplay(&out)
	pairer := decoder.NewPairer()
	for i := range evs {
		pairer.Dispatch(&evs[i], w)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	var objs []map[string]any
	for line := range strings.Lines(out.String()) {
		var o map[string]any
		if err := json.Unmarshal([]byte(line), &o); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		objs = append(objs, o)
	}
	return objs
}

// An exec event names the file the exec call ran: execveat's path is its
// second argument.
func TestExecFilename(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		nr   int64
		path decoder.Capture
		args [6]uint64
	}{
		{unix.SYS_EXECVE, decoder.Capture{Arg: 0, Kind: decoder.CapPath, Data: []byte("/bin/true")}, [6]uint64{0x1000, 0x2000, 0x3000}},
		{unix.SYS_EXECVEAT, decoder.Capture{Arg: 1, Kind: decoder.CapPath, Data: []byte("/bin/true")}, [6]uint64{uint64(0xffffff9c), 0x1000, 0x2000, 0x3000}},
	} {
		objs := objects(t,
			decoder.Event{Type: decoder.SysEnter, Tid: 7, Tgid: 7, Nr: c.nr, Args: c.args, Caps: []decoder.Capture{c.path}},
			decoder.Event{Type: decoder.Exec, Tid: 7, Tgid: 7, OldTid: 7})
		if len(objs) != 1 || objs[0]["type"] != "exec" {
			t.Fatalf("nr %d: got %v, want one exec object", c.nr, objs)
		}
		if got := objs[0]["filename"]; got != "/bin/true" {
			t.Errorf("nr %d: exec filename %v, want /bin/true", c.nr, got)
		}
	}
}

// Every argument's "kind" is its word in the overlay: writev's iovec is
// "iovin", not "kind33". Each kind of the registry shows in some call.
func TestArgumentKinds(t *testing.T) {
	t.Parallel()
	shown := map[syscalltbl.Kind]bool{}
	for _, sc := range syscalltbl.All() {
		if len(sc.Args) == 0 {
			continue
		}
		objs := objects(t,
			decoder.Event{Type: decoder.SysEnter, Tid: 7, Tgid: 7, Nr: int64(sc.Nr)},
			decoder.Event{Type: decoder.SysExit, Tid: 7, Tgid: 7, Nr: int64(sc.Nr), Ret: -int64(unix.EFAULT)})
		args, _ := objs[0]["args"].([]any)
		if len(args) != len(sc.Args) {
			t.Fatalf("%s: %d arguments in %v", sc.Name, len(args), objs[0])
		}
		for i, a := range args {
			kind := a.(map[string]any)["kind"]
			if kind != sc.Args[i].Kind.String() {
				t.Errorf("%s argument %d: kind %v, want %s", sc.Name, i, kind, sc.Args[i].Kind)
			}
			shown[sc.Args[i].Kind] = true
		}
	}
	for _, k := range syscalltbl.Kinds() {
		if !shown[k] {
			t.Errorf("kind %s shows in no call", k)
		}
	}
	writev := objects(t,
		decoder.Event{Type: decoder.SysEnter, Tid: 7, Tgid: 7, Nr: unix.SYS_WRITEV, Args: [6]uint64{1, 0x1000, 0}},
		decoder.Event{Type: decoder.SysExit, Tid: 7, Tgid: 7, Nr: unix.SYS_WRITEV})
	if kind := writev[0]["args"].([]any)[1].(map[string]any)["kind"]; kind != "iovin" {
		t.Errorf("writev's iovec is of kind %v, want iovin", kind)
	}
}
