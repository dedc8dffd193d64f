// Package tracer runs a trace: it loads the kernel side, starts the command
// or attaches to processes, and feeds the records through the decoder to the
// printer until the traced tasks are gone or the user interrupts.
package tracer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"github.com/gotrace/gotrace/bpf"
	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/filter"
	"github.com/gotrace/gotrace/internal/inject"
	"github.com/gotrace/gotrace/internal/jsonout"
	"github.com/gotrace/gotrace/internal/latency"
	"github.com/gotrace/gotrace/internal/plan"
	"github.com/gotrace/gotrace/internal/printer"
	"github.com/gotrace/gotrace/internal/stdfds"
	"github.com/gotrace/gotrace/internal/xlat"
)

// pendingDelay is how long a syscall's enter waits for its exit before it
// is shown alone (a call that blocks).
const pendingDelay = 50 * time.Millisecond

// finishPoll is how often, once the command has been reaped, gotrace looks
// whether tasks it left behind are still traced.
const finishPoll = 100 * time.Millisecond

// Config is one trace, as the command line asked for it.
type Config struct {
	// Name is what gotrace's messages start with: how it was started.
	Name     string
	Command  []string // CMD ARGS..., or empty with Pids
	Pids     []int    // -p
	Follow   bool     // -f
	Selected *filter.Set
	RingSize uint32 // bytes
	Printer  printer.Options
	Output   io.Writer // the trace
	// OutputIsFile is -o: strace then prefixes lines with the bare pid.
	OutputIsFile bool
	// Notices receives strace's "Process N attached" lines; when it is
	// the same stream as Output, the printer is flushed first so that
	// both keep their order.
	Notices      io.Writer
	NoticesShare bool
	// Record, when set, receives every raw record (see decoder.Recorder).
	Record io.Writer
	Quiet  bool // -q: no attach/detach notices
	// DetachOnSignal (-I1, -I2, strace's interruptible modes): the first
	// SIGINT, SIGTERM, SIGHUP or SIGQUIT detaches from a command too,
	// which runs on, rather than going to it
	DetachOnSignal bool
	// Env is the command's environment (-E); nil inherits gotrace's.
	Env []string
	// Credential runs the command as another user (-u).
	Credential *syscall.Credential
	// Summary (-C) and SummaryOnly (-c) end the trace with strace's
	// table of syscalls, counted in the kernel, sorted by SortBy (-S).
	Summary, SummaryOnly bool
	SortBy               func(a, b latency.Row) int
	// SummaryInterval, when not zero, writes the table every interval,
	// counting the calls since the previous one (--summary-interval).
	SummaryInterval time.Duration
	// SummaryPerProcess writes a table per process (--summary-per-process).
	SummaryPerProcess bool
	// FlightRecorder, when not zero, prints nothing while tracing but keeps
	// the last FlightRecorder calls of each process, printed when it dies
	// of a signal or exits non-zero, on SIGUSR1 and at the end.
	FlightRecorder int
	// Separate, when set, gives each task its own output (-ff).
	Separate func(tid uint32) (io.Writer, error)
	// AlwaysShowPid prefixes every line with the pid (--always-show-pid).
	AlwaysShowPid bool
	// JSON writes JSON lines instead of strace's (--json).
	JSON bool
	// StackCopy is how many bytes of the stack's top -k copies.
	StackCopy int
	// NoDrop pauses traced tasks rather than losing records (--no-drop).
	NoDrop bool
	// DetachOnExec stops tracing each task at its execve, the command's
	// first excepted (-b execve); gotrace ends when no task is left,
	// without waiting for a command it let go of.
	DetachOnExec bool
	// Inject is -e inject= and -e fault=: the command runs under a
	// seccomp filter gotrace answers (see internal/inject).
	Inject *inject.Spec
	// Observers see every decoded event after the printer (gotrace tree,
	// --perfetto). Event data is only valid during the call.
	Observers []Observer
	// ReleaseStdio lets go of gotrace's standard input and output once
	// the command has them, as strace does: a pipe into or out of the
	// command then ends when the command closes its ends, not when
	// gotrace exits.
	ReleaseStdio bool
	// Children are other children of gotrace, which it waits for itself
	// (-o '|COMMAND'): the tracer reaps every other child but the command.
	Children []int
	// Select traces tasks the kernel side chooses (--cgroup, --container,
	// --all, --descendants); nil for only the command or -p.
	Select *Selection
	// Attached, when set, is called once the tasks are traced, before the
	// first record is read (gotrace tree then looks at what runs).
	Attached func()
}

// tracePrinter renders the events: one printer, or one per task (-ff).
type tracePrinter interface {
	AddTask()
	Handle(ev *decoder.Event)
	Flush() error
	HasPending() bool
	FlushPending() error
	Detach(inFlight []*decoder.Call)
	WriteSummary(s *latency.Summary, sortBy func(a, b latency.Row) int) error
}

// Observer is told of each decoded event in order, paired: ev.Call is the
// call the record belongs to (see decoder.Pairer).
type Observer interface {
	Handle(ev *decoder.Event)
}

// Run traces and returns the exit status gotrace should exit with: the
// command's (128+N if a signal N killed it), or 0 with -p.
func Run(cfg Config) (int, error) {
	if len(cfg.Command) == 0 && len(cfg.Pids) == 0 && !cfg.Select.independent() {
		return 0, errors.New("must have PROG [ARGS] or -p PID")
	}
	if err := cfg.Select.check(&cfg); err != nil {
		return 0, err
	}
	var path string
	if len(cfg.Command) > 0 {
		var err error
		if path, err = commandPath(cfg.Command[0]); err != nil {
			return 0, commandError(cfg.Command[0], err)
		}
	}
	for _, pid := range cfg.Pids {
		if err := checkPid(pid); err != nil {
			return 0, err
		}
	}

	// from now on Ctrl-C detaches (or goes to the command) rather than
	// killing gotrace halfway through loading its programs
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, watchedSignals()...)
	defer signal.Stop(sigs)

	plans := injectPlans(plan.Build(cfg.Selected, cfg.Printer.StrSize, cfg.Printer.Verbose), cfg)
	if cfg.Printer.DumpRead != nil || cfg.Printer.DumpWrite != nil {
		plan.WholeBuffers(plans)
	}
	probe, err := bpf.Load(bpf.Config{
		StrSize:   uint32(cfg.Printer.StrSize),
		ArgvMax:   plan.ArgvMax(cfg.Printer.StrSize, cfg.Printer.Verbose),
		RingSize:  cfg.RingSize,
		Plans:     plans,
		IoctlPtrs: plan.IoctlPointers(),
		// any number past the plans is one the table does not know
		TraceBeyond: cfg.Selected.Has(bpf.MaxSyscallNr),
		// the flight recorder needs the records, even with -c
		Summary:           cfg.Summary || cfg.SummaryOnly && cfg.FlightRecorder > 0,
		SummaryOnly:       cfg.SummaryOnly && cfg.FlightRecorder == 0,
		SummaryPerProcess: cfg.SummaryPerProcess,
		FlightRecorder:    cfg.FlightRecorder > 0,
		UserStacks:        cfg.Printer.Stacks != nil, // -k
		StackCopy:         uint32(cfg.StackCopy),
		NoSyscallTimes:    !showsTimes(cfg),
		NoDrop:            cfg.NoDrop,
		DetachOnExec:      cfg.DetachOnExec,
		// -i: where each call was made
		InstructionPointer: cfg.Printer.InstructionPointer,
		Select:             cfg.Select.kernel(cfg.Follow, cfg.Pids),
		Inject:             !cfg.Inject.Empty(),
	})
	if err != nil {
		return 0, err
	}
	defer probe.Close()

	t := &trace{
		cfg:             cfg,
		probe:           probe,
		plans:           plans,
		done:            make(chan struct{}),
		detachRequested: make(chan struct{}),
	}
	defer func() {
		if t.injector != nil {
			t.injector.Close() // before the maps it writes go
		}
	}()
	// --no-drop, and delay_exit= and poke_exit= of calls let run:
	// gotrace ptraces the tasks to hold them where the kernel side stops
	// them
	if cfg.NoDrop || cfg.Inject.StopsAtExit() {
		t.pauser = newPauser(cfg.Follow, len(cfg.Pids) > 0, func() { probe.Reader().Flush() })
		defer t.pauser.Stop() // before the programs go: they pause tasks
	}

	// -p and a command may come together: both are traced
	tasks := 0
	if len(cfg.Command) > 0 {
		tasks = 1
	}
	if len(cfg.Pids) > 0 {
		n, err := t.attach()
		if err != nil {
			return 0, err
		}
		tasks += n
	}
	opt := cfg.Printer
	opt.ClockOffset = clockOffset()
	// tasks the kernel selects come without a fork: lines always say whose
	opt.ManyTasks = cfg.Select.many()
	switch {
	case !cfg.OutputIsFile:
		opt.Prefix = printer.PrefixWhenMany
	case cfg.Follow || tasks > 1 || opt.ManyTasks:
		opt.Prefix = printer.PrefixAlways
	default:
		opt.Prefix = printer.PrefixNever
	}
	if cfg.AlwaysShowPid {
		opt.Prefix = printer.PrefixAlways
	}
	if cfg.FlightRecorder > 0 {
		// recordings go to the output, not to -ff's files
		dumpCfg, dumpOpt := cfg, opt
		dumpCfg.Separate = nil
		t.flight = newFlightRecorder(cfg.FlightRecorder, probe, func() tracePrinter { return newPrinter(dumpCfg, dumpOpt) }, t.flightHeader)
		if cfg.Printer.Stacks != nil {
			t.flight.stacks = cfg.Printer.Stacks
		}
		if !cfg.Inject.Empty() {
			t.flight.fix = cfg.Inject.ShowExitPokes
		}
	}
	opt.Silent = cfg.SummaryOnly
	t.printer = newPrinter(cfg, opt)
	if t.flight != nil {
		t.printer = quiet{t.printer}
	}
	for i := 0; i < tasks; i++ {
		t.printer.AddTask()
	}
	if cfg.Summary || cfg.SummaryOnly {
		t.sums = newSummaries(t)
	}
	if len(cfg.Command) > 0 {
		if err := t.spawn(path); err != nil {
			return 0, err
		}
		if t.cmd.Process != nil {
			stopReaping := make(chan struct{})
			defer close(stopReaping)
			go t.reapOthers(append([]int{t.cmd.Process.Pid}, cfg.Children...), stopReaping)
			if t.flight != nil {
				t.flight.keep = uint32(t.cmd.Process.Pid)
				t.flight.known[t.flight.keep] = true
			}
		}
	}
	if t.flight != nil {
		for _, pid := range cfg.Pids {
			t.flight.known[uint32(pid)] = true
		}
		usr1 := make(chan os.Signal, 1)
		signal.Notify(usr1, syscall.SIGUSR1)
		defer signal.Stop(usr1)
		go func() {
			for range usr1 {
				t.usr1.Store(true)
				probe.Reader().Flush()
			}
		}()
	}
	for _, pid := range cfg.Pids {
		t.notice("Process " + strconv.Itoa(pid) + " attached")
	}
	if err := t.attachedStopped(); err != nil {
		return 0, err
	}
	if msg := cfg.Select.notice(); msg != "" {
		t.notice(msg)
	}
	if cfg.Attached != nil {
		cfg.Attached()
	}
	go t.handleSignals(sigs)

	if err := t.loop(); err != nil {
		return 0, err
	}
	rs, err := probe.Stats()
	if err != nil {
		return 0, err
	}
	if rs.Unreported > 0 {
		// records lost after the last one written on their CPU: their
		// gap is at the end
		t.printer.Handle(&decoder.Event{Time: monotonicNow(), Lost: uint32(rs.Unreported)})
	}
	if err := t.printer.FlushPending(); err != nil {
		return 0, fmt.Errorf("write trace: %w", err)
	}
	if t.flight != nil {
		if err := t.flight.dumpAll("at the end", true); err != nil {
			return 0, err
		}
	}
	if t.sums != nil {
		if err := t.sums.total(); err != nil {
			return 0, err
		}
	}
	if rs.Lost > 0 {
		fmt.Fprintf(os.Stderr, "gotrace: %d events lost of %d (the ring buffer was full)\n", rs.Lost, rs.Seen)
	}
	if rs.Unkept > 0 {
		fmt.Fprintf(os.Stderr, "gotrace: %d records not kept by the flight recorder: its table of threads was full (at most %d)\n", rs.Unkept, bpf.FlightThreads)
	}
	if rs.Uncounted > 0 {
		fmt.Fprintf(os.Stderr, "gotrace: %d calls not counted: the kernel's table of counts was full (at most %d syscalls of processes with --summary-per-process)\n", rs.Uncounted, bpf.CountsPerProcess)
	}
	if t.cmd != nil && !t.detached && !t.cmdDetached {
		<-t.done
		if t.status.Signaled() {
			return waitStatus(t.status), &Interrupted{Sig: t.status.Signal()}
		}
		return waitStatus(t.status), nil
	}
	if t.detachSig != nil {
		return 0, &Interrupted{Sig: t.detachSig.(syscall.Signal)}
	}
	return 0, nil
}

// Interrupted is the end of a trace that a signal detached (Ctrl-C on -p),
// or whose command a signal killed: gotrace then dies by that signal, as
// strace does (a shell sees 128+N either way).
type Interrupted struct{ Sig syscall.Signal }

func (e *Interrupted) Error() string { return "interrupted by " + e.Sig.String() }

// newPrinter makes the output the records go through: JSON, a file per
// task (-ff) or strace's text.
func newPrinter(cfg Config, opt printer.Options) tracePrinter {
	switch {
	case cfg.JSON:
		return jsonout.New(cfg.Output, opt.Options)
	case cfg.Separate != nil:
		return printer.NewPerTask(cfg.Output, cfg.Separate, opt)
	}
	return printer.New(cfg.Output, opt)
}

// showsTimes reports whether the trace shows when syscalls enter or return:
// in time columns, durations, JSON or what observers (the timeline) make of
// the events.
func showsTimes(cfg Config) bool {
	p := cfg.Printer
	return p.Timestamps > 0 || p.Relative || p.Durations || cfg.JSON || len(cfg.Observers) > 0
}

func checkPid(pid int) error {
	if pid <= 0 {
		return fmt.Errorf("invalid process id: '%d'", pid)
	}
	if pid == os.Getpid() {
		return errors.New("I'm sorry, I can't let you do that, Dave.")
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return fmt.Errorf("attach: pid %d: no such process", pid)
	}
	if kernelThread(stat) {
		return fmt.Errorf("attach: pid %d is a kernel thread: it makes no syscalls to trace", pid)
	}
	if zombie(stat) {
		// nothing left to trace, and it would never exit: refused as
		// strace's attach is
		return fmt.Errorf("attach: ptrace(PTRACE_SEIZE, %d): Operation not permitted", pid)
	}
	return nil
}

// zombie reports whether /proc/PID/stat is a zombie's (state Z, the 3rd
// field).
func zombie(stat []byte) bool {
	i := bytes.LastIndexByte(stat, ')')
	return i >= 0 && i+2 < len(stat) && stat[i+2] == 'Z'
}

// kernelThread reports whether /proc/PID/stat is a kernel thread's: the
// PF_KTHREAD bit of its flags (the 9th field).
func kernelThread(stat []byte) bool {
	const pfKthread = 0x00200000
	// the command name (2nd field) is in parentheses and may hold spaces
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return false
	}
	f := strings.Fields(string(stat[i+1:]))
	if len(f) < 7 {
		return false
	}
	flags, err := strconv.ParseUint(f[6], 10, 64)
	return err == nil && flags&pfKthread != 0
}

type trace struct {
	cfg     Config
	probe   *bpf.Probe
	printer tracePrinter
	cmd     *exec.Cmd
	done    chan struct{} // closed when the command has exited
	status  syscall.WaitStatus
	pauser  *pauser // --no-drop
	plans   *[bpf.MaxSyscallNr]bpf.SyscallPlan
	// injector answers the command's seccomp filter (-e inject=)
	injector *inject.Supervisor
	// closed by the signal handler, which then wakes the loop
	detachRequested chan struct{}
	detached        bool
	// cmdDetached: -b execve let the command go; gotrace does not wait for it
	cmdDetached bool
	// detachSig is the signal that asked for the detach
	detachSig      os.Signal
	sums           *summaries      // -c, -C
	flight         *flightRecorder // --flight-recorder
	usr1           atomic.Bool     // SIGUSR1 came: print the flight recorder
	cgroupHadTasks bool            // --cgroup: it was populated once
	// execErrno is the error of each task's last failed execve, until
	// it exits: what the command whose execve failed says; spawnErrno
	// is the command's, known from its start even when the trace leaves
	// execve out (but not through the inject shim)
	execErrno  map[uint32]syscall.Errno
	spawnErrno syscall.Errno
}

// spawn starts the command. The kernel side adopts the children this
// process forks while armed and traces them from their execve, so nothing gotrace does between
// fork and exec shows and nothing the command does is missed.
func (t *trace) spawn(path string) error {
	var flags uint32
	if t.cfg.Follow {
		flags = bpf.FollowForks
	}
	if t.pauser != nil {
		flags |= bpf.SeizeAtExec
	}
	// descriptors 0 to 2 as gotrace got them: closed ones closed
	t.cmd = &exec.Cmd{
		Path:   path,
		Args:   t.cfg.Command,
		Env:    t.cfg.Env,
		Stdin:  stdfds.File(0, os.Stdin),
		Stdout: stdfds.File(1, os.Stdout),
		Stderr: stdfds.File(2, os.Stderr),
	}
	if t.cfg.Credential != nil {
		t.cmd.SysProcAttr = &syscall.SysProcAttr{Credential: t.cfg.Credential}
	}
	var err error
	if t.cfg.Inject.Empty() {
		err = t.start(flags)
	} else {
		err = t.startInjecting(flags)
	}
	var errno syscall.Errno
	if err != nil && t.cfg.Inject.Empty() && errors.As(err, &errno) {
		// the child's execve failed, and the trace shows it; gotrace
		// says why when the child's exit shows (see execFailed), and
		// the command ends as strace's child does then, with status 1
		t.spawnErrno = errno
		t.commandExited(syscall.WaitStatus(1 << 8))
		return nil
	}
	if err != nil {
		return commandError(t.cfg.Command[0], err)
	}
	if t.cfg.ReleaseStdio {
		releaseStdio()
	}
	if t.pauser != nil {
		// the ptrace thread reaps the command
		if err := t.pauser.seizeCommand(t.cmd.Process.Pid); err != nil {
			t.cmd.Process.Kill()
			return err
		}
		go func() { t.commandExited(<-t.pauser.exited) }()
		return nil
	}
	go func() {
		t.cmd.Wait()
		ws, _ := t.cmd.ProcessState.Sys().(syscall.WaitStatus)
		t.commandExited(ws)
	}()
	return nil
}

// releaseStdio points gotrace's descriptors 0 and 1 at /dev/null.
func releaseStdio() {
	null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		return // keeping them only delays a reader's end of file
	}
	defer null.Close()
	for _, fd := range []int{0, 1} {
		unix.Dup2(int(null.Fd()), fd)
	}
}

// start starts the command, which the kernel side adopts at its fork.
func (t *trace) start(flags uint32) error {
	if err := t.probe.ArmSpawn(uint32(os.Getpid()), flags); err != nil {
		return err
	}
	err := t.cmd.Start()
	// Start returns once the child has called execve (Go forks with
	// CLONE_VFORK), so later children of gotrace are not adopted.
	if derr := t.probe.DisarmSpawn(); err == nil {
		err = derr
	}
	return err
}

// commandExited records the command's wait status and wakes the loop.
func (t *trace) commandExited(ws syscall.WaitStatus) {
	t.status = ws
	close(t.done)
	t.probe.Reader().Flush()
}

// attach traces every thread of each -p process and returns how many there
// are. A syscall a thread is in when it is attached prints as resumed when it
// returns.
func (t *trace) attach() (int, error) {
	if t.cfg.Select != nil && (t.cfg.Select.Descendants || t.cfg.Select.Cgroup != nil) {
		return t.attachSubtree()
	}
	if t.cfg.Select.independent() {
		return 0, nil // --all: tasks come as the kernel side sees them
	}
	// as strace: without -f, the threads there are now, not later ones
	flags := bpf.AttachedMidway
	if t.cfg.Follow {
		flags |= bpf.FollowForks | bpf.FollowThreads
	}
	n := 0
	for _, pid := range t.cfg.Pids {
		seen := map[int]bool{}
		// threads started while we list: list again until nothing is new
		for {
			tids, err := threads(pid)
			if err != nil {
				return 0, err
			}
			added := false
			for _, tid := range tids {
				if seen[tid] {
					continue
				}
				seen[tid] = true
				added = true
				if err := t.probe.Trace(uint32(tid), flags); err != nil {
					return 0, err
				}
				n++
			}
			if !added {
				break
			}
		}
		if t.pauser != nil {
			if err := t.pauser.seize(pid); err != nil {
				return 0, err
			}
		}
	}
	return n, nil
}

// attachedStopped shows, as strace does, "--- stopped by SIGSTOP ---" for
// each -p task that a signal had stopped when gotrace attached.
func (t *trace) attachedStopped() error {
	if len(t.cfg.Pids) == 0 || t.cfg.Select.independent() {
		return nil
	}
	stopped, err := t.probe.StoppedTasks()
	if err != nil {
		return err
	}
	tids := slices.Sorted(maps.Keys(stopped))
	for _, tid := range tids {
		t.printer.Handle(&decoder.Event{Type: decoder.Signal, Time: monotonicNow(), Tid: tid,
			Tgid: tgidOf(tid), Sig: int32(stopped[tid]), Stopped: true})
	}
	return nil
}

// tgidOf is the process of thread tid, from /proc (tid itself if gone).
func tgidOf(tid uint32) uint32 {
	status, err := os.ReadFile("/proc/" + strconv.FormatUint(uint64(tid), 10) + "/status")
	if err != nil {
		return tid
	}
	for _, l := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(l, "Tgid:"); ok {
			if n, err := strconv.ParseUint(strings.TrimSpace(v), 10, 32); err == nil {
				return uint32(n)
			}
		}
	}
	return tid
}

func threads(pid int) ([]int, error) {
	entries, err := os.ReadDir(filepath.Join("/proc", strconv.Itoa(pid), "task"))
	if err != nil {
		return nil, fmt.Errorf("attach: pid %d: %w", pid, err)
	}
	tids := make([]int, 0, len(entries))
	for _, e := range entries {
		if tid, err := strconv.Atoi(e.Name()); err == nil {
			tids = append(tids, tid)
		}
	}
	return tids, nil
}

// monotonicNow is the kernel side's clock (bpf_ktime_get_ns) now.
func monotonicNow() uint64 {
	var mono unix.Timespec
	unix.ClockGettime(unix.CLOCK_MONOTONIC, &mono)
	return uint64(mono.Nano())
}

// clockOffset is CLOCK_REALTIME - CLOCK_MONOTONIC: the kernel side stamps
// records with the latter, -t shows the former.
func clockOffset() int64 {
	var mono, real unix.Timespec
	unix.ClockGettime(unix.CLOCK_MONOTONIC, &mono)
	unix.ClockGettime(unix.CLOCK_REALTIME, &real)
	return real.Nano() - mono.Nano()
}

func (t *trace) notice(msg string) {
	if t.cfg.Quiet {
		return
	}
	if t.cfg.NoticesShare {
		t.printer.Flush()
	}
	fmt.Fprintf(t.cfg.Notices, "%s: %s\n", t.cfg.Name, msg)
}

// watchedSignals are the signals handleSignals acts on: SIGINT, SIGTERM,
// SIGHUP and SIGQUIT, but SIGHUP and SIGINT when gotrace was started
// ignoring them (nohup, a shell's background job). Those stay ignored,
// and so the command inherits them ignored, as strace's does. (Of the
// other signals gotrace was started ignoring, the Go runtime keeps no
// trace it exposes: it installs its own handler for them before any of
// gotrace's code runs, and the command gets them with the default action.)
func watchedSignals() []os.Signal {
	sigs := []os.Signal{syscall.SIGTERM, syscall.SIGQUIT}
	for _, s := range []os.Signal{os.Interrupt, syscall.SIGHUP} {
		if !signal.Ignored(s) {
			sigs = append(sigs, s)
		}
	}
	return sigs
}

// handleSignals forwards the first SIGINT/SIGTERM/SIGHUP/SIGQUIT to the
// command, whose reaction the trace then shows; a second one, or the first
// with -p, detaches.
func (t *trace) handleSignals(sigs <-chan os.Signal) {
	forwarded := false
	for sig := range sigs {
		if t.cmd != nil && t.cmd.Process != nil && !forwarded && !t.cfg.DetachOnSignal {
			forwarded = true
			t.cmd.Process.Signal(sig)
			continue
		}
		t.detachSig = sig
		close(t.detachRequested)
		t.probe.Reader().Flush()
		return
	}
}

func (t *trace) detachWanted() bool {
	select {
	case <-t.detachRequested:
		return true
	default:
		return false
	}
}

func (t *trace) commandDone() bool {
	if t.cmd == nil || t.cmdDetached {
		return true
	}
	select {
	case <-t.done:
		return true
	default:
		return false
	}
}

// loop reads records until every traced task has exited (and the command
// has been reaped) or the user asks to detach. Whether tasks remain is the
// kernel's traced map, not a count of exit records, which may be lost.
//
// The kernel side does not wake the reader for each record (see
// bpf.ReadPoll): the loop reads what has come every tick, and writes the
// trace out once per tick rather than per line.
func (t *trace) loop() error {
	rd := t.probe.Reader()
	var ev decoder.Event
	// the trace's one pairing point: every output gets the same calls
	pairer := decoder.NewPairer()
	var recorder *decoder.Recorder
	if t.cfg.Record != nil {
		recorder = decoder.NewRecorder(t.cfg.Record)
		defer recorder.Flush()
	}
	// draining: no task is left; read what is still in the ring, then stop
	draining := false
	// read: records came since the last tick; lastRead: the last tick
	// that had some
	read, lastRead := false, time.Now()
	var lastFinishCheck time.Time
	records := 0
	rd.SetDeadline(time.Now().Add(bpf.ReadPoll))
	for {
		rec, err := rd.Read()
		switch {
		case err == nil:
		case errors.Is(err, os.ErrDeadlineExceeded), errors.Is(err, bpf.ErrFlushed):
			// a tick: the ring is empty
			if t.pauser != nil && t.pauser.Paused() {
				t.pauser.Drained()
			}
			if t.detachWanted() {
				t.detach(pairer)
				return nil
			}
			if draining {
				return nil
			}
			now := time.Now()
			if read {
				read, lastRead = false, now
			}
			flush := t.printer.Flush
			if t.printer.HasPending() && now.Sub(lastRead) >= pendingDelay {
				// idle while a syscall is in progress: show its enter
				flush = t.printer.FlushPending
			}
			if err := flush(); err != nil {
				return fmt.Errorf("write trace: %w", err)
			}
			if err := t.periodic(now); err != nil {
				return err
			}
			if t.commandDone() && now.Sub(lastFinishCheck) >= finishPoll {
				// -p, or tasks the command left behind: they may end
				// without a record getting through
				lastFinishCheck = now
				if draining = t.finished(rd); draining {
					continue
				}
			}
			rd.SetDeadline(now.Add(bpf.ReadPoll))
			continue
		default:
			return fmt.Errorf("read ring buffer: %w", err)
		}
		read = true
		// --no-drop: tasks paused while the ring was half full go on
		// once it is down to an eighth
		if t.pauser != nil && rd.Remaining() < rd.BufferSize()/8 && t.pauser.Paused() {
			t.pauser.Drained()
		}
		// one record, or an enter and an exit record sent together
		for sample := rec; len(sample) > 0; {
			var raw []byte
			raw, sample = decoder.Next(sample)
			if recorder != nil {
				if err := recorder.Write(raw); err != nil {
					return fmt.Errorf("write recording: %w", err)
				}
			}
			if err := decoder.Decode(raw, &ev); err != nil {
				return err
			}
			if t.injector != nil {
				t.cfg.Inject.ShowExitPokes(&ev)
			}
			if ev.Type == decoder.Fork && t.cfg.Follow {
				t.notice("Process " + strconv.FormatUint(uint64(ev.ChildTid), 10) + " attached")
			}
			if t.flight != nil {
				// before -k forgets the maps of a process that ended
				if err := t.flight.handle(&ev); err != nil {
					return err
				}
			}
			if t.cfg.Printer.Stacks != nil {
				t.cfg.Printer.Stacks.Observe(&ev)
			}
			if err := t.execFailed(&ev); err != nil {
				return err
			}
			if ev.Type == decoder.Exec && ev.Detached {
				t.execDetached(&ev)
			}
			pairer.Pair(&ev)
			t.printer.Handle(&ev)
			for _, o := range t.cfg.Observers {
				o.Handle(&ev)
			}
			pairer.Done(&ev)
			// a ring that never empties has no ticks
			if records++; records%1024 == 0 {
				if err := t.periodic(time.Now()); err != nil {
					return err
				}
			}
			if ev.Type == decoder.TaskExit && t.injector != nil {
				t.injector.Exited(ev.Tid)
			}
			if (ev.Type == decoder.TaskExit || ev.Detached) && t.commandDone() && !draining {
				draining = t.finished(rd)
			}
		}
	}
}

// execFailed follows failed execve calls. When the command gotrace
// started ends after its first execve failed, it says why before its end
// shows, which as strace's child's is an exit with status 1: gotrace's
// child (or the inject shim) that made the call exits otherwise.
func (t *trace) execFailed(ev *decoder.Event) error {
	switch ev.Type {
	case decoder.SysExit:
		if (ev.Nr == unix.SYS_EXECVE || ev.Nr == unix.SYS_EXECVEAT) && ev.Ret < 0 {
			if t.execErrno == nil {
				t.execErrno = map[uint32]syscall.Errno{}
			}
			t.execErrno[ev.Tid] = syscall.Errno(-ev.Ret)
		}
	case decoder.TaskExit:
		if ev.ExecFailed {
			if err := t.printer.Flush(); err != nil {
				return fmt.Errorf("write trace: %w", err)
			}
			errno, ok := t.execErrno[ev.Tid]
			if !ok {
				errno, ok = t.spawnErrno, t.spawnErrno != 0
			}
			if ok {
				fmt.Fprintf(os.Stderr, "%s: exec: %s\n", t.cfg.Name, xlat.ErrnoMessage(int(errno)))
			}
			ev.ExitCode = decoder.WaitStatus(1 << 8)
		}
		delete(t.execErrno, ev.Tid)
	}
	return nil
}

// finished reports whether no traced task is left, and if so makes the
// reader return once what is in the ring is read.
func (t *trace) finished(rd *bpf.Ring) bool {
	if t.cfg.Select.independent() {
		if !t.selectionOver() {
			return false
		}
	} else if tracing, err := t.probe.Tracing(); err != nil || tracing {
		return false
	}
	rd.SetDeadline(time.Now())
	return true
}

// periodic writes what is due now: an interval's table, the flight
// recorder on SIGUSR1.
func (t *trace) periodic(now time.Time) error {
	if t.sums != nil && t.sums.due(now) {
		if err := t.printer.Flush(); err != nil {
			return fmt.Errorf("write trace: %w", err)
		}
		if err := t.sums.tick(now); err != nil {
			return err
		}
	}
	if t.flight != nil && t.usr1.Swap(false) {
		return t.flight.dumpAll("on SIGUSR1", false)
	}
	return nil
}

// flightHeader writes the line above a flight recorder's calls.
func (t *trace) flightHeader(pid uint32, calls int, why string) {
	if t.cfg.JSON {
		fmt.Fprintf(t.cfg.Output, "{\"v\":%d,\"type\":\"flight_recorder\",\"pid\":%d,\"calls\":%d,\"why\":%q}\n", jsonout.Version, pid, calls, why)
		return
	}
	fmt.Fprintf(t.cfg.Output, "--- flight recorder: the last %d calls of pid %d, %s ---\n", calls, pid, why)
}

// execDetached says that -b execve let a task go at its execve (the
// kernel side no longer traces it), before the printer ends its execve
// line: as strace, in the middle of it when both go to stderr.
func (t *trace) execDetached(ev *decoder.Event) {
	if t.cmd != nil && int(ev.Tgid) == t.cmd.Process.Pid {
		t.cmdDetached = true
	}
	if t.cfg.NoticesShare && !t.cfg.Quiet {
		t.printer.FlushPending()
	}
	t.notice("Process " + strconv.FormatUint(uint64(ev.Tid), 10) + " detached")
}

// detach stops tracing; the tasks run on.
func (t *trace) detach(pairer *decoder.Pairer) {
	t.detached = true
	t.printer.FlushPending()
	t.printer.Detach(pairer.InFlightCalls())
	t.printer.Flush()
	for _, pid := range t.cfg.Pids {
		t.notice("Process " + strconv.Itoa(pid) + " detached")
	}
}

// waitStatus is the exit status gotrace passes on for the command's: its
// own, or 128+N when signal N killed it.
func waitStatus(ws syscall.WaitStatus) int {
	if ws.Signaled() {
		return 128 + int(ws.Signal())
	}
	return ws.ExitStatus()
}
