package proctree

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/gentest"
)

// Each ../../testdata/classroom/*.rec is a real trace of an examples/
// program (record.sh there); its tree must be testdata/NAME.tree (Unicode)
// and NAME.ascii.
func TestGoldenTrees(t *testing.T) {
	t.Parallel()
	gentest.Recordings(t, "../../testdata/classroom/*.rec", func(t *testing.T, name, rec string) {
		b := replay(t, rec)
		for _, g := range []struct {
			ext   string
			style Style
		}{{".tree", Box}, {".ascii", ASCII}} {
			var out bytes.Buffer
			if err := b.Write(&out, g.style); err != nil {
				t.Fatal(err)
			}
			gentest.Golden(t, filepath.Join("testdata", name+g.ext), out.Bytes())
		}
	})
}

func replay(t *testing.T, rec string) *Builder {
	t.Helper()
	b := New()
	if err := decoder.ReplayInto(rec, b); err != nil {
		t.Fatal(err)
	}
	return b
}

// The classification comes from the kernel's records: a child whose tgid
// is its creator's is a thread, whatever the flags say.
func TestThreadOrProcess(t *testing.T) {
	t.Parallel()
	b := New()
	b.Handle(&decoder.Event{Type: decoder.Fork, Tid: 10, Tgid: 10, ChildTid: 11, ChildTgid: 10})
	b.Handle(&decoder.Event{Type: decoder.Fork, Tid: 11, Tgid: 10, ChildTid: 12, ChildTgid: 12})
	b.Handle(&decoder.Event{Type: decoder.TaskExit, Tid: 12, Tgid: 12, ExitCode: 9})
	b.Handle(&decoder.Event{Type: decoder.TaskExit, Tid: 11, Tgid: 10, ExitCode: 3 << 8})
	var out bytes.Buffer
	if err := b.Write(&out, ASCII); err != nil {
		t.Fatal(err)
	}
	want := "10 ?: process (tgid 10), traced from the start\n" +
		"|  still running when the trace ended\n" +
		"`- 11 ?: thread of 10 (tgid 10), created by 10\n" +
		"   |  exited with 3\n" +
		"   `- 12 ?: process (tgid 12), created by 11\n" +
		"         killed by SIGKILL\n"
	if out.String() != want {
		t.Errorf("got\n%swant\n%s", out.String(), want)
	}
}

func TestStyleFor(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		env  map[string]string
		want Style
	}{
		{map[string]string{}, ASCII},
		{map[string]string{"LANG": "en_US.UTF-8"}, Box},
		{map[string]string{"LANG": "C.utf8"}, Box},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_ALL": "C"}, ASCII},
		{map[string]string{"LANG": "C", "LC_CTYPE": "de_DE.UTF-8"}, Box},
	} {
		if got := StyleFor(func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("%v: got %q, want %q", c.env, got.Branch, c.want.Branch)
		}
	}
}

// A task created in a syscall the table does not know says so with the
// name the text trace gives it, syscall_0x1f4.
func TestUnknownSyscallName(t *testing.T) {
	t.Parallel()
	b := New()
	pairer := decoder.NewPairer()
	pairer.Dispatch(&decoder.Event{Type: decoder.SysEnter, Tid: 10, Tgid: 10, Nr: 500}, b)
	pairer.Dispatch(&decoder.Event{Type: decoder.Fork, Tid: 10, Tgid: 10, ChildTid: 11, ChildTgid: 11}, b)
	if via := b.Roots()[0].Children[0].Via; via != "syscall_0x1f4" {
		t.Errorf("child created by %q, want syscall_0x1f4", via)
	}
}

// Tasks running before the trace hang under their parents, all under the
// group line of the container traced; a task forked later joins them.
func TestRunningTasksInAGroup(t *testing.T) {
	b := New()
	b.Group = "container web (0123456789ab, podman), cgroup /libpod_parent/libpod-0123"
	b.Running(100, 100, 50, "sh")
	b.Running(101, 101, 100, "sleep")
	b.Running(102, 101, 100, "sleep")
	b.Running(200, 200, 1, "conmon")
	b.Handle(&decoder.Event{Type: decoder.Fork, Tid: 100, Tgid: 100, ChildTid: 103, ChildTgid: 103})
	b.Handle(&decoder.Event{Type: decoder.TaskExit, Tid: 103, Tgid: 103})
	var out bytes.Buffer
	if err := b.Write(&out, ASCII); err != nil {
		t.Fatal(err)
	}
	want := `container web (0123456789ab, podman), cgroup /libpod_parent/libpod-0123
|- 100 sh: process (tgid 100), traced from the start
|  |  still running when the trace ended
|  |- 101 sleep: process (tgid 101), running when the trace began
|  |  |  still running when the trace ended
|  |  ` + "`" + `- 102 sleep: thread of 101 (tgid 101), running when the trace began
|  |        still running when the trace ended
|  ` + "`" + `- 103 sh: process (tgid 103), created by 100
|        exited with 0
` + "`" + `- 200 conmon: process (tgid 200), traced from the start
      still running when the trace ended
`
	if out.String() != want {
		t.Errorf("tree:\n%s\nwant:\n%s", out.String(), want)
	}
}
