package jsonout

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/printer"
)

// objects replays events through a Writer, paired, and returns the
// objects it wrote.
func objects(t *testing.T, evs ...decoder.Event) []map[string]any {
	t.Helper()
	var out bytes.Buffer
	w := New(&out, printer.Options{StrSize: 32})
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
