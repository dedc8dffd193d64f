package inject

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
)

// Kernel is what the Supervisor tells the kernel side of a call it
// tampers with before the call goes on.
type Kernel interface {
	// MarkCall says that task tid's call m.Nr is tampered with.
	MarkCall(tid uint32, m Mark) error
	// EnterMemory says which arguments of syscall nr point to memory the
	// trace reads at its enter (bit i: argument i).
	EnterMemory(nr int) uint8
}

// Mark is what the kernel side is told of a call.
type Mark struct {
	Nr  int
	Sig int // sent to the task as the call enters (0: none)
	// Answered by gotrace: the call never reaches the syscall
	// tracepoint's enter, so its arguments are read at its exit.
	Answered bool
	Note     decoder.Note // to print
	// Since (CLOCK_MONOTONIC, ns) is when gotrace received the call, its
	// enter time.
	Since uint64
	// ExitStop: the task stops as the call returns, for AtExitStop
	// (delay_exit= and poke_exit= of a call let run).
	ExitStop bool
}

// Supervisor answers the calls the command's seccomp filter stops.
type Supervisor struct {
	fd     int
	spec   *Spec
	only   uint32 // the one task tampered with, or 0 for all
	kernel Kernel
	warn   io.Writer // strace's "Failed to tamper" messages

	// started: the shim's execve was seen; calls before it are the
	// shim's, let through uncounted
	started    bool
	countersMu sync.Mutex
	counters   map[uint32]*Counters
	// atExit is what the calls let run that tasks are in do as they
	// return (AtExitStop), under countersMu
	atExit map[uint32]exitAction

	mu sync.Mutex // warn

	// kernelMu orders MarkCall against Close: the kernel side's maps go
	// when gotrace ends, while tasks left under the filter may still
	// make calls
	kernelMu     sync.Mutex
	kernelClosed bool
}

const pathMax = 4096

// Supervise answers, from a goroutine of its own, the calls stopped by
// the filter whose listener is fd, until no task is left under the
// filter. With only not 0, it tampers with the calls of task only alone
// (the command without -f: strace tampers only with the tasks it traces,
// and the filter is inherited by the command's children and threads),
// and lets the others' run.
// Tasks still under the filter when gotrace exits see their selected
// calls fail with ENOSYS: nothing listens any more.
func (s *Spec) Supervise(fd int, kernel Kernel, warn io.Writer, only uint32) *Supervisor {
	sv := &Supervisor{fd: fd, spec: s, kernel: kernel, warn: warn, only: only,
		counters: map[uint32]*Counters{}, atExit: map[uint32]exitAction{}}
	go func() {
		if err := sv.loop(); err != nil {
			sv.warnf("%v", err)
		}
		unix.Close(fd)
	}()
	return sv
}

// Close stops telling the kernel side of calls, before gotrace unloads
// it: calls stopped later are still answered, and no longer traced.
func (sv *Supervisor) Close() {
	sv.kernelMu.Lock()
	sv.kernelClosed = true
	sv.kernelMu.Unlock()
}

// Exited forgets the counts of task tid, which exited: a task that gets
// its tid later counts from its first call, as a new strace tracee does.
func (sv *Supervisor) Exited(tid uint32) {
	sv.countersMu.Lock()
	delete(sv.counters, tid)
	delete(sv.atExit, tid)
	sv.countersMu.Unlock()
}

func (sv *Supervisor) loop() error {
	var n notif
	pfd := []unix.PollFd{{Fd: int32(sv.fd), Events: unix.POLLIN}}
	for {
		if _, err := unix.Poll(pfd, -1); err != nil {
			if errors.Is(err, unix.EINTR) {
				continue
			}
			return fmt.Errorf("poll seccomp listener: %w", err)
		}
		if pfd[0].Revents&unix.POLLIN == 0 {
			return nil // POLLHUP: no task is left under the filter
		}
		if err := recv(sv.fd, &n); err != nil {
			if errors.Is(err, unix.ENOENT) {
				continue // the task went away before gotrace read it
			}
			return fmt.Errorf("receive seccomp notification: %w", err)
		}
		sv.handle(&n)
	}
}

// handle counts the call and answers it, at once or, with a delay, from
// a goroutine of its own: the task waits, other tasks go on.
func (sv *Supervisor) handle(n *notif) {
	nr := int(n.Data.Nr)
	if !sv.started {
		sv.started = nr == nrExecve || nr == nrExecveat
		sv.answer(&notifResp{ID: n.ID, Flags: unix.SECCOMP_USER_NOTIF_FLAG_CONTINUE})
		return
	}
	if sv.only != 0 && n.Pid != sv.only {
		sv.answer(&notifResp{ID: n.ID, Flags: unix.SECCOMP_USER_NOTIF_FLAG_CONTINUE})
		return
	}
	sv.countersMu.Lock()
	c := sv.counters[n.Pid]
	if c == nil {
		c = sv.spec.NewCounters()
		sv.counters[n.Pid] = c
	}
	r := c.Next(nr)
	sv.countersMu.Unlock()
	if r == nil {
		sv.answer(&notifResp{ID: n.ID, Flags: unix.SECCOMP_USER_NOTIF_FLAG_CONTINUE})
		return
	}
	since := monotonicNow()
	if r.Flags&(DelayEnter|DelayExit) == 0 {
		sv.tamper(*n, r, since)
		return
	}
	go sv.tamper(*n, r, since)
}

// tamper applies rule r to the call n stopped, in strace's order: pokes
// and delay at entry, then (for a call gotrace answers) pokes and delay at
// exit, and the answer. A call let run has its exit actions done as it
// returns (see exit.go).
func (sv *Supervisor) tamper(n notif, r *Rule, since uint64) {
	nr := int(n.Data.Nr)
	m := Mark{Nr: nr, Answered: !r.letRun(), Since: since}
	if r.Flags&PokeEnter != 0 && sv.poke(&n, r.PokeEnter) {
		m.Note |= decoder.NotePoked
	}
	if r.Flags&DelayEnter != 0 {
		time.Sleep(r.DelayEnter)
		m.Note |= decoder.NoteDelayed
	}
	resp := notifResp{ID: n.ID, Flags: unix.SECCOMP_USER_NOTIF_FLAG_CONTINUE}
	if m.Answered {
		if r.Flags&PokeExit != 0 && sv.poke(&n, r.PokeExit) {
			m.Note |= decoder.NotePoked
		}
		if r.Flags&DelayExit != 0 {
			time.Sleep(r.DelayExit)
			m.Note |= decoder.NoteDelayed
		}
		resp.Flags = 0
		if r.Flags&Error != 0 {
			resp.Error = -int32(r.Errno)
		} else {
			resp.Val = int64(r.Retval)
			m.Note |= decoder.NoteRetval
		}
		m.Note |= decoder.NoteInjected
		sv.faultIn(&n)
	} else if r.stopsAtExit() {
		a := exitAction{nr: nr, args: n.Data.Args}
		if r.Flags&PokeExit != 0 {
			sv.checkPokeArgs(&n, r.PokeExit)
			a.pokes = r.PokeExit
			m.Note |= decoder.NotePoked
		}
		if r.Flags&DelayExit != 0 {
			a.delay = r.DelayExit
			m.Note |= decoder.NoteDelayed
		}
		m.ExitStop = true
		sv.countersMu.Lock()
		sv.atExit[n.Pid] = a
		sv.countersMu.Unlock()
	}
	if r.Flags&Signal != 0 {
		m.Sig = r.Signal
	}
	sv.kernelMu.Lock()
	if !sv.kernelClosed {
		if err := sv.kernel.MarkCall(n.Pid, m); err != nil {
			sv.warnf("mark the call of task %d: %v", n.Pid, err)
		}
	}
	sv.kernelMu.Unlock()
	sv.answer(&resp)
}

// faultIn reads the memory the call's arguments point to, which brings it
// into the task's memory: a call gotrace answers never runs, so nothing
// else would, and the kernel side, which cannot fault pages in, reads its
// arguments at its exit.
func (sv *Supervisor) faultIn(n *notif) {
	mask := sv.kernel.EnterMemory(int(n.Data.Nr))
	var buf [pathMax]byte
	for i, addr := range n.Data.Args {
		if mask&(1<<i) == 0 || addr == 0 {
			continue
		}
		// up to a path's length, across at most one page boundary; a
		// read stops at the first unmapped page
		unix.ProcessVMReadv(int(n.Pid), []unix.Iovec{{Base: &buf[0], Len: pathMax}},
			[]unix.RemoteIovec{{Base: uintptr(addr), Len: pathMax}}, 0)
	}
}

// poke writes each poke's data at the address in its argument, as strace's
// poke_tcb, and reports whether any was written.
func (sv *Supervisor) poke(n *notif, pokes []Poke) bool {
	poked := false
	nargs := sv.checkPokeArgs(n, pokes)
	for _, p := range pokes {
		if p.Arg > nargs {
			continue
		}
		local := []unix.Iovec{{Base: unsafe.SliceData(p.Data), Len: uint64(len(p.Data))}}
		remote := []unix.RemoteIovec{{Base: uintptr(n.Data.Args[p.Arg-1]), Len: len(p.Data)}}
		if w, err := unix.ProcessVMWritev(int(n.Pid), local, remote, 0); err != nil || w == 0 {
			sv.warnf("Failed to tamper with process %d: couldn't poke", n.Pid)
			continue
		}
		poked = true
	}
	// the pid may have been reused if the task died meanwhile: only a
	// notification still pending proves it was the same task
	return poked && valid(sv.fd, n.ID)
}

// checkPokeArgs says, as strace does at each poke, which pokes name an
// argument the syscall does not have; it returns how many it has.
func (sv *Supervisor) checkPokeArgs(n *notif, pokes []Poke) int {
	nr := int(n.Data.Nr)
	nargs := nargs(nr)
	for _, p := range pokes {
		if p.Arg > nargs {
			name := strconv.Itoa(nr)
			if sc := syscalltbl.Lookup(nr); sc != nil {
				name = sc.Name
			}
			sv.warnf("Failed to tamper with process %d: requested to tamper with argument #%d, but system call '%s' has only %d arguments",
				n.Pid, p.Arg, name, nargs)
		}
	}
	return nargs
}

func (sv *Supervisor) answer(r *notifResp) {
	if err := send(sv.fd, r); err != nil && !errors.Is(err, errGone) {
		sv.warnf("answer seccomp notification: %v", err)
	}
}

func (sv *Supervisor) warnf(format string, args ...any) {
	sv.mu.Lock()
	defer sv.mu.Unlock()
	fmt.Fprintf(sv.warn, "gotrace: "+format+"\n", args...)
}

// monotonicNow is CLOCK_MONOTONIC, the kernel side's clock, in ns.
func monotonicNow() uint64 {
	var ts unix.Timespec
	unix.ClockGettime(unix.CLOCK_MONOTONIC, &ts)
	return uint64(ts.Nano())
}
