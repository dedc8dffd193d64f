package decoder

import (
	"encoding/binary"
	"testing"

	"golang.org/x/sys/unix"
)

// The facts every output reads from a call are worked out here, once.
func TestCallFacts(t *testing.T) {
	t.Parallel()
	p := NewPairer()
	call := func(nr int64, ret int64, args [6]uint64, caps ...Capture) *Call {
		enter := Event{Type: SysEnter, Tid: 9, Tgid: 9, Nr: nr, Args: args, Caps: caps}
		p.Pair(&enter)
		exit := Event{Type: SysExit, Tid: 9, Tgid: 9, Nr: nr, Ret: ret}
		p.Pair(&exit)
		return exit.Call
	}
	if c := call(unix.SYS_CLOSE, -int64(unix.EBADF), [6]uint64{99}); !c.Failed() || c.Errno() != int(unix.EBADF) || c.Name() != "close" {
		t.Errorf("close = -EBADF: failed %v errno %d name %s", c.Failed(), c.Errno(), c.Name())
	}
	// mmap's addresses are not errors, whatever their sign
	if c := call(unix.SYS_MMAP, -4096, [6]uint64{}); c.Failed() || c.Errno() != 0 {
		t.Errorf("mmap = -4096 failed")
	}
	if c := call(500, -int64(unix.ENOSYS), [6]uint64{}); c.Name() != "syscall_0x1f4" || c.Syscall() != nil {
		t.Errorf("unknown syscall named %s", c.Name())
	}
	path := Capture{Arg: 1, Kind: CapPath, Data: []byte("/bin/true")}
	if got, ok := call(unix.SYS_EXECVEAT, 0, [6]uint64{3, 0x1000}, path).ExecPath(); !ok || string(got) != "/bin/true" {
		t.Errorf("execveat's path: %q %v", got, ok)
	}
	path.Arg = 0
	if got, ok := call(unix.SYS_EXECVE, 0, [6]uint64{0x1000}, path).ExecPath(); !ok || string(got) != "/bin/true" {
		t.Errorf("execve's path: %q %v", got, ok)
	}
	if flags, sig, ok := call(unix.SYS_CLONE, 10, [6]uint64{unix.CLONE_VM | uint64(unix.SIGCHLD)}).CloneFlags(); !ok || flags != unix.CLONE_VM || sig != int(unix.SIGCHLD) {
		t.Errorf("clone flags %#x signal %d %v", flags, sig, ok)
	}
	args := make([]byte, 88)
	binary.LittleEndian.PutUint64(args, unix.CLONE_NEWPID)
	binary.LittleEndian.PutUint64(args[32:], uint64(unix.SIGCHLD))
	clone3 := Capture{Arg: 0, Kind: CapMemIn, Data: args}
	if flags, sig, ok := call(unix.SYS_CLONE3, 10, [6]uint64{0x1000, 88}, clone3).CloneFlags(); !ok || flags != unix.CLONE_NEWPID || sig != int(unix.SIGCHLD) {
		t.Errorf("clone3 flags %#x signal %d %v", flags, sig, ok)
	}
	if _, _, ok := call(unix.SYS_FORK, 10, [6]uint64{}).CloneFlags(); ok {
		t.Errorf("fork has clone flags")
	}
}

// Records that are not syscalls carry the call their task is in; after an
// exec by a thread, the leader's tid has the call, and an exited task none.
func TestPairerHandsOver(t *testing.T) {
	t.Parallel()
	p := NewPairer()
	enter := Event{Type: SysEnter, Tid: 11, Tgid: 10, Nr: unix.SYS_EXECVE}
	p.Pair(&enter)
	leaderExit := Event{Type: TaskExit, Tid: 10, Tgid: 10, ByExec: true}
	p.Dispatch(&leaderExit)
	exec := Event{Type: Exec, Tid: 10, Tgid: 10, OldTid: 11}
	p.Dispatch(&exec)
	if exec.Call != enter.Call {
		t.Fatal("exec record without the execve in flight")
	}
	exit := Event{Type: SysExit, Tid: 10, Tgid: 10, Nr: unix.SYS_EXECVE}
	p.Pair(&exit)
	if exit.Call != enter.Call || !exit.Call.Entered || exit.Call.Tid != 10 {
		t.Fatalf("execve's exit under the leader's tid not paired: %+v", exit.Call)
	}
	gone := Event{Type: TaskExit, Tid: 10, Tgid: 10}
	p.Dispatch(&gone)
	if p.InFlight(10) != nil || len(p.calls) != 0 {
		t.Errorf("calls left after the task exited: %v", p.calls)
	}
	for w, want := range map[WaitStatus]string{
		0:      "exited with 0",
		3 << 8: "exited with 3",
		9:      "killed by SIGKILL",
		0x8b:   "killed by SIGSEGV (core dumped)",
	} {
		if got := w.String(); got != want {
			t.Errorf("wait status %#x: %q, want %q", int32(w), got, want)
		}
	}
	if w := WaitStatus(0x89); w.Signal() != 9 || !w.CoreDumped() || w.Status() != 0 {
		t.Errorf("0x89: signal %d core %v status %d", w.Signal(), w.CoreDumped(), w.Status())
	}
	if w := WaitStatus(3 << 8); w.Signal() != 0 || w.Status() != 3 {
		t.Errorf("3<<8: status %d", w.Status())
	}
}
