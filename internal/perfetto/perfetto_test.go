package perfetto

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/format"
	"github.com/gotrace/gotrace/internal/gentest"
)

type event struct {
	Ph   string            `json:"ph"`
	Pid  uint32            `json:"pid"`
	Tid  uint32            `json:"tid"`
	Ts   float64           `json:"ts"`
	Dur  float64           `json:"dur"`
	Name string            `json:"name"`
	ID   uint32            `json:"id"`
	Args map[string]string `json:"args"`
}

// Each ../../testdata/classroom/*.rec is a real trace of an examples/
// program; its timeline must be testdata/NAME.json, valid JSON with a
// slice per syscall and an arrow per fork.
func TestGoldenTimelines(t *testing.T) {
	t.Parallel()
	gentest.Recordings(t, "../../testdata/classroom/*.rec", func(t *testing.T, name, rec string) {
		var out bytes.Buffer
		w := New(&out, format.Options{StrSize: 32})
		enters, forks := 0, 0
		err := decoder.ReplayFile(rec, func(ev *decoder.Event) error {
			switch ev.Type {
			case decoder.SysEnter:
				enters++
			case decoder.Fork:
				forks++
			}
			w.Handle(ev)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		var events []event
		if err := json.Unmarshal(out.Bytes(), &events); err != nil {
			t.Fatalf("not valid JSON: %v", err)
		}
		count := map[string]int{}
		for _, e := range events {
			count[e.Ph]++
			if e.Ph == "X" && !strings.HasPrefix(e.Args["line"], e.Name+"(") {
				t.Errorf("slice %s has line %q", e.Name, e.Args["line"])
			}
		}
		if count["X"] != enters || count["s"] != forks || count["f"] != forks {
			t.Errorf("%d slices for %d syscalls, %d/%d arrows for %d forks", count["X"], enters, count["s"], count["f"], forks)
		}
		gentest.Golden(t, filepath.Join("testdata", name+".json"), out.Bytes())
	})
}

func TestAppendString(t *testing.T) {
	t.Parallel()
	got := string(appendString(nil, "a\"b\\c\n\x01é\xff"))
	want := `"a\"b\\c\u000a\u0001é\ufffd"`
	if got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// A syscall the table does not know is named as the text trace names it,
// syscall_0x1f4, not syscall_500.
func TestUnknownSyscallName(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	w := New(&out, format.Options{StrSize: 32})
	pairer := decoder.NewPairer()
	pairer.Dispatch(&decoder.Event{Type: decoder.SysEnter, Time: 1000, Tid: 7, Tgid: 7, Nr: 500}, w)
	pairer.Dispatch(&decoder.Event{Type: decoder.SysExit, Time: 2000, Tid: 7, Tgid: 7, Nr: 500, Ret: -38}, w)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var evs []event
	if err := json.Unmarshal(out.Bytes(), &evs); err != nil {
		t.Fatalf("%v:\n%s", err, out.Bytes())
	}
	for _, e := range evs {
		if e.Ph == "X" {
			if e.Name != "syscall_0x1f4" || !strings.HasPrefix(e.Args["line"], "syscall_0x1f4(") {
				t.Errorf("slice named %q, line %q; want syscall_0x1f4", e.Name, e.Args["line"])
			}
			return
		}
	}
	t.Fatalf("no slice in %s", out.Bytes())
}

// Tracing a container, every process's name starts with the container's,
// so that its processes sort together: "[web] pid 7", then "[web] sh".
func TestContainerGroup(t *testing.T) {
	var out bytes.Buffer
	w := New(&out, format.Options{StrSize: 32, Container: "web"})
	recs, err := filepath.Glob("../../testdata/classroom/*.rec")
	if err != nil || len(recs) == 0 {
		t.Fatalf("no recordings: %v", err)
	}
	err = decoder.ReplayFile(recs[0], func(ev *decoder.Event) error {
		w.Handle(ev)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var events []event
	if err := json.Unmarshal(out.Bytes(), &events); err != nil {
		t.Fatalf("not valid JSON: %v", err)
	}
	n := 0
	for _, e := range events {
		if e.Ph == "M" && e.Name == "process_name" {
			n++
			if !strings.HasPrefix(e.Args["name"], "[web] ") {
				t.Errorf("process %d is named %q", e.Pid, e.Args["name"])
			}
		}
	}
	if n == 0 {
		t.Error("no process names")
	}
}
