package printer

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/filter"
	"github.com/gotrace/gotrace/internal/format"
)

// Syscall numbers used below (x86_64).
const (
	nrRead      = 0
	nrWrite     = 1
	nrClose     = 3
	nrClone     = 56
	nrWait4     = 61
	nrExitGroup = 231
	nrOpenat    = 257
)

type script struct {
	p      *Printer
	out    *bytes.Buffer
	pairer *decoder.Pairer
}

func newScript(prefix PidPrefix, tasks int) *script {
	var out bytes.Buffer
	p := New(&out, Options{Options: format.Options{StrSize: 32}, Prefix: prefix})
	for i := 0; i < tasks; i++ {
		p.AddTask()
	}
	return &script{p: p, out: &out, pairer: decoder.NewPairer()}
}

// handle hands ev to the printer, paired as the tracer does.
func (s *script) handle(ev *decoder.Event) { s.pairer.Dispatch(ev, s.p) }

func (s *script) enter(tid uint32, nr int64, args [6]uint64, caps ...decoder.Capture) {
	s.handle(&decoder.Event{Type: decoder.SysEnter, Tid: tid, Tgid: tid, Nr: nr, Args: args, Caps: caps})
}

func (s *script) exit(tid uint32, nr, ret int64, caps ...decoder.Capture) {
	s.handle(&decoder.Event{Type: decoder.SysExit, Tid: tid, Tgid: tid, Nr: nr, Ret: ret, Caps: caps})
}

func (s *script) text(t *testing.T) string {
	t.Helper()
	if err := s.p.FlushPending(); err != nil {
		t.Fatal(err)
	}
	return s.out.String()
}

func check(t *testing.T, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestReturnColumnAndErrors(t *testing.T) {
	t.Parallel()
	s := newScript(PrefixNever, 1)
	s.enter(1, nrClose, [6]uint64{3})
	s.exit(1, nrClose, 0)
	path := decoder.Capture{Arg: 1, Kind: decoder.CapPath, Data: []byte("/nonexistent/file")}
	s.enter(1, nrOpenat, [6]uint64{uint64(0xffffff9c), 0x1000, 0}, path)
	s.exit(1, nrOpenat, -2)
	check(t, s.text(t), "close(3)                                = 0\n"+
		`openat(AT_FDCWD, "/nonexistent/file", O_RDONLY) = -1 ENOENT (No such file or directory)`+"\n")
}

func TestUnfinishedAndResumed(t *testing.T) {
	t.Parallel()
	s := newScript(PrefixWhenMany, 2)
	s.enter(100, nrRead, [6]uint64{0, 0x7ffd0000, 4096})
	s.enter(101, nrClose, [6]uint64{3})
	s.exit(101, nrClose, 0)
	buf := decoder.Capture{Arg: 1, Kind: decoder.CapBufOut, Flags: decoder.CapExit, Data: []byte("abc\n")}
	s.exit(100, nrRead, 4, buf)
	check(t, s.text(t), "[pid   100] read(0,  <unfinished ...>\n"+
		"[pid   101] close(3)                    = 0\n"+
		`[pid   100] <... read resumed>"abc\n", 4096) = 4`+"\n")
}

func TestExitGroupAndExitStatus(t *testing.T) {
	t.Parallel()
	s := newScript(PrefixAlways, 1)
	s.enter(7, nrExitGroup, [6]uint64{3})
	s.handle(&decoder.Event{Type: decoder.TaskExit, Tid: 7, Tgid: 7, ExitCode: 3 << 8})
	check(t, s.text(t), "7     exit_group(3)                     = ?\n7     +++ exited with 3 +++\n")
}

func TestKilledInSyscall(t *testing.T) {
	t.Parallel()
	s := newScript(PrefixNever, 1)
	s.enter(7, nrRead, [6]uint64{0, 0x1000, 10})
	s.handle(&decoder.Event{Type: decoder.TaskExit, Tid: 7, Tgid: 7, ExitCode: 9})
	check(t, s.text(t), "read(0,  <unfinished ...>)              = ?\n+++ killed by SIGKILL +++\n")
}

func TestWriteBufferCutAtStrSize(t *testing.T) {
	t.Parallel()
	s := newScript(PrefixNever, 1)
	data := []byte("0123456789012345678901234567890123456789")
	in := decoder.Capture{Arg: 1, Kind: decoder.CapBufIn, Data: data[:32]}
	s.enter(1, nrWrite, [6]uint64{1, 0x1000, 40}, in)
	s.exit(1, nrWrite, 40)
	check(t, s.text(t), `write(1, "01234567890123456789012345678901"..., 40) = 40`+"\n")
}

func TestCloneForkStyle(t *testing.T) {
	t.Parallel()
	s := newScript(PrefixNever, 1)
	const flags = 0x01200000 | 17 // CLONE_CHILD_SETTID|CLONE_CHILD_CLEARTID|SIGCHLD
	s.enter(1, nrClone, [6]uint64{flags, 0, 0, 0x7f0000001000, 0})
	s.handle(&decoder.Event{Type: decoder.Fork, Tid: 1, Tgid: 1, ChildTid: 2, ChildTgid: 2})
	s.exit(1, nrClone, 2)
	check(t, s.text(t), "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0000001000) = 2\n")
}

func TestWait4Status(t *testing.T) {
	t.Parallel()
	s := newScript(PrefixNever, 1)
	s.enter(1, nrWait4, [6]uint64{^uint64(0), 0x1000, 0, 0})
	st := make([]byte, 4)
	binary.LittleEndian.PutUint32(st, 9) // killed by SIGKILL
	s.exit(1, nrWait4, 2, decoder.Capture{Arg: 1, Kind: decoder.CapMemOut, Flags: decoder.CapExit, Data: st})
	check(t, s.text(t), "wait4(-1, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}], 0, NULL) = 2\n")
}

func TestLostEventsLine(t *testing.T) {
	t.Parallel()
	s := newScript(PrefixNever, 1)
	s.enter(1, nrRead, [6]uint64{0, 0x1000, 10})
	s.handle(&decoder.Event{Type: decoder.SysExit, Tid: 1, Nr: nrRead, Ret: -4, Lost: 5})
	got := s.text(t)
	want := "read(0,  <unfinished ...>\n<... 5 events lost ...>\n<... read resumed>0x1000, 10)           = -1 EINTR (Interrupted system call)\n"
	check(t, got, want)
}

// -e inject='s notes follow the return value, as strace's
// print_injected_note prints them.
func TestInjectedNotes(t *testing.T) {
	t.Parallel()
	s := newScript(PrefixNever, 1)
	note := func(nr, ret int64, n decoder.Note) {
		s.enter(1, nr, [6]uint64{3})
		s.handle(&decoder.Event{Type: decoder.SysExit, Tid: 1, Tgid: 1, Nr: nr, Ret: ret, Note: n})
	}
	note(nrClose, -28, decoder.NoteInjected)
	note(nrClose, 0, decoder.NoteInjected|decoder.NoteDelayed)
	note(nrClose, 0, decoder.NotePoked)
	note(nrClose, 7, decoder.NotePoked|decoder.NoteInjected)
	note(nrClose, 0, decoder.NoteDelayed)
	note(nrClose, 0, 0)
	check(t, s.text(t), ""+
		"close(3)                                = -1 ENOSPC (No space left on device) (INJECTED)\n"+
		"close(3)                                = 0 (INJECTED) (DELAYED)\n"+
		"close(3)                                = 0 (INJECTED: args)\n"+
		"close(3)                                = 7 (INJECTED: args, retval)\n"+
		"close(3)                                = 0 (DELAYED)\n"+
		"close(3)                                = 0\n")
}

// -n: each line starts with the number of its task's latest syscall, and
// "???" before the task made one.
func TestSyscallNumbers(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	s := &script{p: New(&out, Options{Options: format.Options{StrSize: 32}, Prefix: PrefixWhenMany, SyscallNumbers: true}), out: &out, pairer: decoder.NewPairer()}
	s.p.AddTask()
	s.p.AddTask()
	s.handle(&decoder.Event{Type: decoder.Signal, Tid: 101, Tgid: 101, Sig: 10})
	s.enter(100, nrRead, [6]uint64{0, 0x7ffd0000, 4096})
	s.enter(101, nrClose, [6]uint64{3})
	s.exit(101, nrClose, 0)
	s.exit(100, nrRead, 0)
	s.enter(100, nrExitGroup, [6]uint64{0})
	s.handle(&decoder.Event{Type: decoder.TaskExit, Tid: 100, Tgid: 100})
	check(t, s.text(t), "[pid   101] [???] --- SIGUSR1 {} ---\n"+
		"[pid   100] [   0] read(0,  <unfinished ...>\n"+
		"[pid   101] [   3] close(3)             = 0\n"+
		`[pid   100] [   0] <... read resumed>"", 4096) = 0`+"\n"+
		"[pid   100] [ 231] exit_group(0)        = ?\n"+
		"[pid   100] [ 231] +++ exited with 0 +++\n")
}

// -e write=: the line shows -s bytes of the whole buffer captured, and
// the dump follows it; a descriptor not in the set gets none.
func TestDumpWrite(t *testing.T) {
	t.Parallel()
	sel, err := filter.Parse([]string{"write=1"})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	s := &script{p: New(&out, Options{Options: format.Options{StrSize: 4}, DumpWrite: sel.Write}), out: &out, pairer: decoder.NewPairer()}
	s.p.AddTask()
	data := []byte("hello\n")
	for _, fd := range []uint64{1, 2} {
		s.enter(1, nrWrite, [6]uint64{fd, 0x1000, 6}, decoder.Capture{Arg: 1, Kind: decoder.CapBufIn, Data: data})
		s.exit(1, nrWrite, 6)
	}
	check(t, s.text(t), `write(1, "hell"..., 6)                  = 6`+"\n"+
		" | 00000  68 65 6c 6c 6f 0a                                 hello.           |\n"+
		`write(2, "hell"..., 6)                  = 6`+"\n")
}

// -e read= and -e write= of vectored calls: each buffer headed with its
// number, as strace's dumpiov_upto; a read no further than it returned, a
// write not at all when its array could not be read whole.
func TestDumpIovec(t *testing.T) {
	t.Parallel()
	sel, err := filter.Parse([]string{"read=0", "write=1"})
	if err != nil {
		t.Fatal(err)
	}
	iov := func(flags, end uint16, elems ...string) []decoder.Capture {
		var caps []decoder.Capture
		for _, e := range elems {
			h := make([]byte, 16)
			h[0], h[1], h[8] = 0, 0x50, byte(len(e))
			caps = append(caps, decoder.Capture{Arg: 1, Kind: decoder.CapIov, Flags: flags, Data: h},
				decoder.Capture{Arg: 1, Kind: decoder.CapIov, Flags: flags, Data: []byte(e)})
		}
		return append(caps, decoder.Capture{Arg: 1, Kind: decoder.CapIov, Flags: flags | decoder.CapEnd | end})
	}
	var out bytes.Buffer
	s := &script{p: New(&out, Options{Options: format.Options{StrSize: 32}, DumpRead: sel.Read, DumpWrite: sel.Write}), out: &out, pairer: decoder.NewPairer()}
	s.p.AddTask()
	nrReadv, nrWritev := int64(19), int64(20)
	s.enter(1, nrWritev, [6]uint64{1, 0x1000, 2}, iov(0, 0, "012", "34")...)
	s.exit(1, nrWritev, 5)
	s.enter(1, nrWritev, [6]uint64{1, 0x1000, 2}, iov(0, decoder.CapFault, "012")...)
	s.exit(1, nrWritev, -14)
	s.enter(1, nrReadv, [6]uint64{0, 0x1000, 2})
	s.exit(1, nrReadv, 4, iov(decoder.CapExit, 0, "012", "3")...)
	check(t, s.text(t), `writev(1, [{iov_base="012", iov_len=3}, {iov_base="34", iov_len=2}], 2) = 5`+"\n"+
		" * 3 bytes in buffer 0\n"+
		" | 00000  30 31 32                                          012              |\n"+
		" * 2 bytes in buffer 1\n"+
		" | 00000  33 34                                             34               |\n"+
		`writev(1, [{iov_base="012", iov_len=3}, ... /* 0x1010 */], 2) = -1 EFAULT (Bad address)`+"\n"+
		`readv(0, [{iov_base="012", iov_len=3}, {iov_base="3", iov_len=1}], 2) = 4`+"\n"+
		" * 3 bytes in buffer 0\n"+
		" | 00000  30 31 32                                          012              |\n"+
		" * 1 bytes in buffer 1\n"+
		" | 00000  33                                                3                |\n")
}
