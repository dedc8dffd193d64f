package inject

import (
	"bytes"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
)

// A call the filter lets run goes back to the program without coming back
// to gotrace: seccomp has no stop at a call's exit. For its delay_exit= and
// poke_exit=, the kernel side stops the task as the call returns (a
// SIGSTOP that gotrace, its ptracer for this only, receives and
// suppresses); gotrace writes the bytes, waits, and resumes it. The
// kernel side cannot write them itself (bpf_probe_write_user is refused
// under kernel lockdown) and the stop comes after the exit tracepoint,
// which has read the memory by then: ShowExitPokes lays the bytes over
// what the exit record shows, as strace, which pokes and then decodes,
// shows them.

// letRun reports whether the rule lets the calls it selects run.
func (r *Rule) letRun() bool { return r.Flags&(Error|Retval) == 0 }

// stopsAtExit reports whether a call the rule lets run stops as it returns.
func (r *Rule) stopsAtExit() bool { return r.letRun() && r.Flags&(DelayExit|PokeExit) != 0 }

// StopsAtExit reports whether some call stops as it returns: gotrace must
// then ptrace the command's tasks.
func (s *Spec) StopsAtExit() bool {
	if s == nil {
		return false
	}
	for _, r := range s.rules {
		if r != nil && r.stopsAtExit() {
			return true
		}
	}
	return false
}

// exitAction is what a task stopped at a call's exit waits for.
type exitAction struct {
	delay time.Duration
	pokes []Poke
	args  [6]uint64
	nr    int
}

// AtExitStop does what task tid's call, stopped as it returns, asks for:
// it writes the poke_exit= bytes now and returns how long to hold the
// task (delay_exit=); false if the task has nothing to do there.
func (sv *Supervisor) AtExitStop(tid uint32) (time.Duration, bool) {
	sv.countersMu.Lock()
	a, ok := sv.atExit[tid]
	delete(sv.atExit, tid)
	sv.countersMu.Unlock()
	if !ok {
		return 0, false
	}
	for _, p := range a.pokes {
		if p.Arg > nargs(a.nr) {
			continue // said at entry
		}
		local := []unix.Iovec{{Base: unsafe.SliceData(p.Data), Len: uint64(len(p.Data))}}
		remote := []unix.RemoteIovec{{Base: uintptr(a.args[p.Arg-1]), Len: len(p.Data)}}
		if w, err := unix.ProcessVMWritev(int(tid), local, remote, 0); err != nil || w == 0 {
			sv.warnf("Failed to tamper with process %d: couldn't poke", tid)
		}
	}
	return a.delay, true
}

// ShowExitPokes lays the poke_exit= bytes of a call let run over what its
// exit record read of the memory they went to (see above). A string ends
// at the first NUL of what it then holds.
func (s *Spec) ShowExitPokes(ev *decoder.Event) {
	if ev.Type != decoder.SysExit || ev.Note&decoder.NotePoked == 0 {
		return
	}
	r := s.Rule(int(ev.Nr))
	if r == nil || !r.letRun() || r.Flags&PokeExit == 0 {
		return
	}
	n := nargs(int(ev.Nr))
	for _, p := range r.PokeExit {
		if p.Arg > n {
			continue
		}
		for i := range ev.Caps {
			c := &ev.Caps[i]
			if int(c.Arg) != p.Arg-1 || c.Flags&decoder.CapExit == 0 || c.Fault() {
				continue
			}
			// a copy: the record may be read in place from the ring
			if c.Kind != decoder.CapStr && c.Kind != decoder.CapPath {
				data := append([]byte(nil), c.Data...)
				copy(data, p.Data)
				c.Data = data
				continue
			}
			data := append([]byte(nil), p.Data...)
			if len(c.Data) > len(data) {
				data = append(data, c.Data[len(data):]...)
			}
			if i := bytes.IndexByte(data, 0); i >= 0 {
				data = data[:i]
				c.Flags &^= decoder.CapMore
			}
			c.Data = data
		}
	}
}

// nargs is how many arguments syscall nr has (6 if the table does not
// know it).
func nargs(nr int) int {
	if sc := syscalltbl.Lookup(nr); sc != nil {
		return len(sc.Args)
	}
	return 6
}
