package explain

import (
	"bytes"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/format"
	"github.com/gotrace/gotrace/internal/gentest"
	"github.com/gotrace/gotrace/internal/printer"
)

// Each ../../testdata/classroom/*.rec is a real trace of an examples/
// program; printed with the explanations it must be testdata/NAME.out.
func TestGoldenExplained(t *testing.T) {
	t.Parallel()
	gentest.Recordings(t, "../../testdata/classroom/*.rec", func(t *testing.T, name, rec string) {
		var out bytes.Buffer
		p := printer.New(&out, printer.Options{Options: format.Options{StrSize: 32}, Prefix: printer.PrefixAlways, Explain: Append})
		p.AddTask()
		if err := decoder.ReplayInto(rec, p); err != nil {
			t.Fatal(err)
		}
		if err := p.FlushPending(); err != nil {
			t.Fatal(err)
		}
		gentest.Golden(t, filepath.Join("testdata", name+".out"), out.Bytes())
	})
}

func TestAppend(t *testing.T) {
	t.Parallel()
	call := func(nr int64, ret int64, args ...uint64) *decoder.Call {
		c := &decoder.Call{Tid: 100, Nr: nr, Entered: true, Exited: true, Ret: ret}
		copy(c.Args[:], args)
		return c
	}
	for _, c := range []struct {
		c    *decoder.Call
		want string
	}{
		{call(unix.SYS_CLONE, 101, unix.CLONE_NEWUTS|unix.CLONE_NEWUSER|uint64(unix.SIGCHLD)),
			"new process 101, a copy-on-write copy of its parent, in new hostname (CLONE_NEWUTS) and user (CLONE_NEWUSER) namespaces, so the child may rename its host without touching the real one"},
		{call(unix.SYS_CLONE, 102, unix.CLONE_VM|unix.CLONE_FS|unix.CLONE_FILES|unix.CLONE_SIGHAND|unix.CLONE_THREAD),
			"new thread 102 in the same process as thread 100, sharing memory, open files, filesystem information and signal handlers (what pthread_create does)"},
		{call(unix.SYS_CLONE, 0, uint64(unix.SIGCHLD)), ""}, // the child's return
		{call(unix.SYS_CLONE, -int64(unix.EPERM), unix.CLONE_NEWUSER), ""},
		{call(unix.SYS_UNSHARE, 0, unix.CLONE_NEWPID), "new pid (CLONE_NEWPID) namespace for this process (its next child is pid 1 there)"},
		{call(unix.SYS_UNSHARE, 0, 0x80), "new time (CLONE_NEWTIME) namespace for this process"},
		{call(unix.SYS_SETNS, 0, 3, unix.CLONE_NEWNET), "joined an existing network (CLONE_NEWNET) namespace"},
		{call(unix.SYS_SETNS, 0, 3, 0), "joined the namespace the descriptor refers to"},
		{call(unix.SYS_EXECVE, -int64(unix.ENOENT)), "exec failed: the program keeps running its old image"},
		{call(unix.SYS_KILL, 0, 42, uint64(unix.SIGTERM)), "sent SIGTERM to process 42"},
		{call(unix.SYS_KILL, 0, uint64(0x100000000-7), 0), "checked that process group 7 exists"},
		{call(unix.SYS_WAIT4, 0, 42), ""}, // WNOHANG, nothing to reap
	} {
		if got := string(Append(nil, c.c)); got != c.want {
			t.Errorf("nr %d %#x = %d:\ngot  %q\nwant %q", c.c.Nr, c.c.Args[0], c.c.Ret, got, c.want)
		}
	}
}
