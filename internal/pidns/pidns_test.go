package pidns

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/format"
	"github.com/gotrace/gotrace/internal/gentest"
	"github.com/gotrace/gotrace/internal/printer"
)

func TestAppendNote(t *testing.T) {
	t.Parallel()
	m := New()
	m.Handle(&decoder.Event{Type: decoder.PidNS, Tid: 500, Tgid: 500, NsTid: 1, NsTgid: 1, NsInum: 7, NsLevel: 1})
	m.Handle(&decoder.Event{Type: decoder.PidNS, Tid: 501, Tgid: 501, NsTid: 2, NsTgid: 2, NsInum: 7, NsLevel: 1})
	for _, c := range []struct {
		tid  uint32
		pid  int64
		want string
	}{
		{500, 2, " /* 501 in strace's PID NS */"},
		{501, 1, " /* 500 in strace's PID NS */"},
		{500, 3, ""},  // no such task there
		{400, 1, ""},  // the tracee is in the host's namespace
		{500, 0, ""},  // no pid
		{500, -1, ""}, // every process
	} {
		if got := string(m.AppendNote(nil, c.tid, c.pid)); got != c.want {
			t.Errorf("task %d, pid %d: got %q, want %q", c.tid, c.pid, got, c.want)
		}
	}
	// a pid is translated while its task lives, as strace finds it in /proc
	m.Handle(&decoder.Event{Type: decoder.TaskExit, Tid: 501, Tgid: 501})
	if got := m.AppendNote(nil, 500, 2); len(got) != 0 {
		t.Errorf("pid of an exited task translated: %q", got)
	}
}

// The recording of examples/unshare.c: its child, pid 1 of a new pid
// namespace, prints getpid() with the host's pid (testdata/unshare.out).
func TestGoldenTranslation(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	m := New()
	p := printer.New(&out, printer.Options{Options: format.Options{StrSize: 32, PidNote: m.AppendNote}, Prefix: printer.PrefixAlways})
	p.AddTask()
	if err := decoder.ReplayInto("../../testdata/classroom/unshare.rec", p, m); err != nil {
		t.Fatal(err)
	}
	if err := p.FlushPending(); err != nil {
		t.Fatal(err)
	}
	gentest.Golden(t, filepath.Join("testdata", "unshare.out"), out.Bytes())
}
