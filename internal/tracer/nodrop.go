package tracer

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// pauser is --no-drop's user side, and the exit stops of -e inject='s
// delay_exit= and poke_exit= on calls let run. gotrace ptraces every traced task
// (PTRACE_SEIZE: no syscall stops, the task runs as before) only to be the
// one that receives the SIGSTOP the kernel side sends a task returning from
// a syscall while the ring buffer is half full. The task then waits in a
// signal-delivery stop until the trace loop has read the ring down, and is
// resumed with the signal suppressed: it never stops for real and nothing
// is delivered. Every other stop is passed on at once, as untraced: other
// signals are re-injected, job-control stops are kept with PTRACE_LISTEN.
//
// Linux takes ptrace requests only from the thread that attached, so one
// goroutine, locked to its thread, does all of it. It also reaps: a
// tracer's wait4 sees its tracees' stops and exits, the command's
// included, whose exit status it hands to the trace.
type pauser struct {
	follow  bool // -f: children are traced too
	threads bool // -p: new threads are traced
	command int  // the command's pid, 0 with -p

	requests chan func()   // run on the ptrace thread
	drained  chan struct{} // the ring is read down: resume the paused
	wake     func()        // makes the reader read the ring down now
	stop     chan struct{}
	stopped  chan struct{}
	paused   map[int]bool
	npaused  atomic.Int32
	// atExitStop does what a task the kernel side stopped at a call's
	// exit is there for (-e inject=...:poke_exit=, delay_exit= of a call
	// let run) and says how long to hold it, false for --no-drop's
	// pauses; held are the tasks held
	atExitStop func(tid uint32) (time.Duration, bool)
	held       map[int]bool
	// continued are tasks sent the SIGCONT that ends their stop after
	// the command's execve, which gotrace suppresses
	continued map[int]bool
	// exited receives the command's wait status when it has been reaped
	exited chan syscall.WaitStatus
}

// pauseStop is the signal the kernel side pauses tasks with; it sends it as
// the kernel (si_code SI_KERNEL), which tells it from a user's SIGSTOP.
const pauseStop = unix.SIGSTOP

func newPauser(follow, threads bool, wake func()) *pauser {
	pz := &pauser{
		wake:      wake,
		follow:    follow,
		threads:   threads,
		requests:  make(chan func()),
		drained:   make(chan struct{}, 1),
		stop:      make(chan struct{}),
		stopped:   make(chan struct{}),
		paused:    map[int]bool{},
		held:      map[int]bool{},
		continued: map[int]bool{},
		exited:    make(chan syscall.WaitStatus, 1),
	}
	go pz.run()
	return pz
}

// options are the PTRACE_O_* flags: tasks the kernel side follows are
// ptraced from their creation on, before they can run.
func (pz *pauser) options() int {
	var o int
	if pz.threads || pz.follow {
		o |= unix.PTRACE_O_TRACECLONE
	}
	if pz.follow {
		o |= unix.PTRACE_O_TRACEFORK | unix.PTRACE_O_TRACEVFORK
	}
	return o
}

// do runs f on the ptrace thread.
func (pz *pauser) do(f func() error) error {
	done := make(chan error, 1)
	select {
	case pz.requests <- func() { done <- f() }:
		return <-done
	case <-pz.stopped:
		return errors.New("no-drop: the ptrace thread has stopped")
	}
}

// exitStops gives the pauser what to do with the tasks the kernel side
// stops at a call's exit.
func (pz *pauser) exitStops(f func(tid uint32) (time.Duration, bool)) {
	pz.do(func() error {
		pz.atExitStop = f
		return nil
	})
}

// hold keeps tid stopped for d, then resumes it with the signal
// suppressed (delay_exit=); other tasks go on meanwhile.
func (pz *pauser) hold(tid int, d time.Duration) {
	pz.held[tid] = true
	go func() {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
		case <-pz.stop:
			return // Stop detaches it
		}
		select {
		case pz.requests <- func() {
			if pz.held[tid] {
				delete(pz.held, tid)
				unix.PtraceCont(tid, 0)
			}
		}:
		case <-pz.stopped:
		}
	}()
}

// seizeCommand ptraces the command, which the kernel side stops (a plain
// stop, which only gotrace, its parent, sees) when its execve returns, and
// continues it with a SIGCONT that it suppresses: the command runs no
// syscall before it is ptraced. Its exit status goes to exited.
func (pz *pauser) seizeCommand(pid int) error {
	return pz.do(func() error {
		pz.command = pid
		for {
			var ws unix.WaitStatus
			_, err := unix.Wait4(pid, &ws, unix.WUNTRACED, nil)
			if errors.Is(err, unix.EINTR) {
				continue
			}
			if err != nil {
				return fmt.Errorf("no-drop: wait for the command: %w", err)
			}
			if ws.Exited() || ws.Signaled() {
				pz.exited <- syscall.WaitStatus(ws)
				return nil
			}
			if ws.Stopped() {
				break
			}
		}
		if err := pz.seizeTask(pid); err != nil {
			return fmt.Errorf("no-drop: ptrace the command: %w", err)
		}
		pz.continued[pid] = true
		if err := unix.Kill(pid, unix.SIGCONT); err != nil {
			return fmt.Errorf("no-drop: continue the command: %w", err)
		}
		return nil
	})
}

// seize ptraces pid (-p) and, until none is new, the threads it has and
// (with -f) the children they have, which it made before it was seized.
func (pz *pauser) seize(pid int) error {
	return pz.do(func() error {
		seized := map[int]bool{}
		pending := []int{pid}
		for len(pending) > 0 {
			tid := pending[0]
			pending = pending[1:]
			if seized[tid] {
				continue
			}
			if err := pz.seizeTask(tid); err != nil {
				if errors.Is(err, unix.ESRCH) && tid != pid {
					continue // gone meanwhile
				}
				if errors.Is(err, unix.EPERM) {
					return fmt.Errorf("no-drop: ptrace %d: %w (is it being debugged or traced already?)", tid, err)
				}
				return fmt.Errorf("no-drop: ptrace %d: %w", tid, err)
			}
			seized[tid] = true
			if tid == pid || pz.threads || pz.follow {
				pending = append(pending, tasksOf(tid, pz.follow)...)
			}
		}
		return nil
	})
}

// seizeTask ptraces tid with the options, without stopping it.
func (pz *pauser) seizeTask(tid int) error {
	return ptrace(unix.PTRACE_SEIZE, tid, uintptr(pz.options()))
}

// tasksOf lists the other threads of tid's process and, with children, the
// processes tid's threads have started.
func tasksOf(tid int, children bool) []int {
	var out []int
	dir := filepath.Join("/proc", strconv.Itoa(tid), "task")
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		t, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		out = append(out, t)
		if children {
			data, _ := os.ReadFile(filepath.Join(dir, e.Name(), "children"))
			for _, f := range strings.Fields(string(data)) {
				if c, err := strconv.Atoi(f); err == nil {
					out = append(out, c)
				}
			}
		}
	}
	return out
}

// Drained tells the pauser that the ring is read down; the trace loop calls
// it when tasks are paused.
func (pz *pauser) Drained() {
	select {
	case pz.drained <- struct{}{}:
	default:
	}
}

// Paused reports whether some task waits for the ring to be read.
func (pz *pauser) Paused() bool { return pz.npaused.Load() > 0 }

// Stop resumes the paused tasks and ends the ptrace thread, which detaches
// from every task as it exits.
func (pz *pauser) Stop() {
	close(pz.stop)
	<-pz.stopped
}

func (pz *pauser) run() {
	runtime.LockOSThread() // for good: the thread exits with the goroutine
	defer close(pz.stopped)
	sigchld := make(chan os.Signal, 1)
	signal.Notify(sigchld, unix.SIGCHLD)
	defer signal.Stop(sigchld)
	for {
		select {
		case f := <-pz.requests:
			f()
		case <-sigchld:
			pz.reap()
		case <-pz.drained:
			pz.resume(false)
		case <-pz.stop:
			// a task paused now would stop for real once gotrace is
			// gone: let it go with the signal suppressed
			pz.reap()
			pz.resume(true)
			return
		}
	}
}

// resume lets the paused tasks go on, with no signal, detached from
// gotrace or not; detached, the held ones too.
func (pz *pauser) resume(detach bool) {
	if detach {
		for tid := range pz.held {
			unix.PtraceDetach(tid)
			delete(pz.held, tid)
		}
	}
	for tid := range pz.paused {
		if detach {
			unix.PtraceDetach(tid)
		} else {
			unix.PtraceCont(tid, 0)
		}
		delete(pz.paused, tid)
	}
	pz.npaused.Store(0)
}

// reap handles every stop and exit waiting to be reported.
func (pz *pauser) reap() {
	for {
		var ws unix.WaitStatus
		pid, err := unix.Wait4(-1, &ws, unix.WNOHANG|unix.WALL, nil)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil || pid <= 0 {
			return
		}
		switch {
		case ws.Exited() || ws.Signaled():
			delete(pz.held, pid)
			if pid == pz.command {
				pz.exited <- syscall.WaitStatus(ws)
			}
		case ws.Stopped():
			pz.stopped1(pid, ws)
		}
	}
}

// stopped1 passes on one ptrace stop of tid.
func (pz *pauser) stopped1(tid int, ws unix.WaitStatus) {
	sig := ws.StopSignal()
	switch event := int(ws>>16) & 0xff; {
	case event == unix.PTRACE_EVENT_STOP:
		if sig == unix.SIGSTOP || sig == unix.SIGTSTP || sig == unix.SIGTTIN || sig == unix.SIGTTOU {
			// a job-control stop: stay stopped until SIGCONT
			ptrace(unix.PTRACE_LISTEN, tid, 0)
			return
		}
		unix.PtraceCont(tid, 0) // a new child's first stop
	case event > 0:
		unix.PtraceCont(tid, 0) // fork, vfork or clone: the child is seized
	case sig == unix.SIGCONT && pz.continued[tid]:
		delete(pz.continued, tid)
		unix.PtraceCont(tid, 0) // the end of the command's stop after execve
	case sig == pauseStop && pausedByKernel(tid):
		if pz.atExitStop != nil {
			if d, ok := pz.atExitStop(uint32(tid)); ok {
				pz.hold(tid, d)
				return
			}
		}
		pz.paused[tid] = true
		pz.npaused.Add(1)
		pz.wake() // to read the ring down now, not at the reader's next tick
	default:
		unix.PtraceCont(tid, int(sig)) // a signal: deliver it
	}
}

// ptrace makes the requests golang.org/x/sys/unix has no function for.
func ptrace(req, tid int, data uintptr) error {
	if _, _, e := unix.Syscall6(unix.SYS_PTRACE, uintptr(req), uintptr(tid), 0, data, 0, 0); e != 0 {
		return e
	}
	return nil
}

// pausedByKernel reports whether the SIGSTOP tid is stopped with is the
// kernel side's pause (sent as the kernel) rather than a user's.
func pausedByKernel(tid int) bool {
	var si unix.Siginfo
	if ptrace(unix.PTRACE_GETSIGINFO, tid, uintptr(unsafe.Pointer(&si))) != nil {
		return false
	}
	return si.Code == siKernel
}

// siKernel is SI_KERNEL, the si_code of signals the kernel sends itself.
const siKernel = 0x80
