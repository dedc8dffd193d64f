package bpf

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/features"
	"github.com/cilium/ebpf/link"
	"github.com/cilium/ebpf/rlimit"
	"golang.org/x/sys/unix"
)

// Generated record layouts, exported for the decoder's layout test.
type (
	RecHdr      = gotraceRecHdr
	RecSysEnter = gotraceRecSysEnter
	RecSysExit  = gotraceRecSysExit
	RecFork     = gotraceRecFork
	RecExec     = gotraceRecExec
	RecTaskExit = gotraceRecTaskExit
	RecSignal   = gotraceRecSignal
	RecSignalIp = gotraceRecSignalIp
	RecStack    = gotraceRecStack
	RecMap      = gotraceRecMap
	Capture     = gotraceCapture
	SyscallPlan = gotraceSyscallPlan
	// IoctlPtr says what array an ioctl request's struct points to
	// (bpf/event.h's struct ioctl_ptr).
	IoctlPtr = gotraceIoctlPtr
)

// Capture kinds, record types and flags, as the C side defines them.
const (
	CapStr          = uint8(gotraceCapKindCAP_STR)
	CapPath         = uint8(gotraceCapKindCAP_PATH)
	CapBufIn        = uint8(gotraceCapKindCAP_BUF_IN)
	CapBufOut       = uint8(gotraceCapKindCAP_BUF_OUT)
	CapMemIn        = uint8(gotraceCapKindCAP_MEM_IN)
	CapMemOut       = uint8(gotraceCapKindCAP_MEM_OUT)
	CapArgv         = uint8(gotraceCapKindCAP_ARGV)
	CapEnvc         = uint8(gotraceCapKindCAP_ENVC)
	CapClone3Out    = uint8(gotraceCapKindCAP_CLONE3OUT)
	CapIov          = uint8(gotraceCapKindCAP_IOV)
	CapDirents      = uint8(gotraceCapKindCAP_DIRENTS)
	CapSizedIn      = uint8(gotraceCapKindCAP_SIZED_IN)
	CapClone3In     = uint8(gotraceCapKindCAP_CLONE3IN)
	CapClone3SetTid = uint8(gotraceCapKindCAP_CLONE3SET_TID)
	CapArrayIn      = uint8(gotraceCapKindCAP_ARRAY_IN)
	CapArrayOut     = uint8(gotraceCapKindCAP_ARRAY_OUT)
	CapLenptrOut    = uint8(gotraceCapKindCAP_LENPTR_OUT)
	CapMsghdr       = uint8(gotraceCapKindCAP_MSGHDR)
	CapMsgName      = uint8(gotraceCapKindCAP_MSG_NAME)
	CapMsgIov       = uint8(gotraceCapKindCAP_MSG_IOV)
	CapMsgData      = uint8(gotraceCapKindCAP_MSG_DATA)
	CapMsgControl   = uint8(gotraceCapKindCAP_MSG_CONTROL)
	CapIoctlIn      = uint8(gotraceCapKindCAP_IOCTL_IN)
	CapIoctlOut     = uint8(gotraceCapKindCAP_IOCTL_OUT)
	CapIoctlArray   = uint8(gotraceCapKindCAP_IOCTL_ARRAY)
	CapIoctlElemBuf = uint8(gotraceCapKindCAP_IOCTL_ELEM_BUF)
	IoctlPtrNone    = 0xffff // IOCTL_PTR_NONE
	IoctlPtrEnter   = uint16(gotraceIoctlPtrWhenIOCTL_PTR_ENTER)
	IoctlPtrExit    = uint16(gotraceIoctlPtrWhenIOCTL_PTR_EXIT)
	IoctlPtrFailed  = uint16(gotraceIoctlPtrWhenIOCTL_PTR_FAILED)
	CapSigsetPack   = uint8(gotraceCapKindCAP_SIGSET_PACK)
	CapFdsetIn      = uint8(gotraceCapKindCAP_FDSET_IN)
	CapFdsetOut     = uint8(gotraceCapKindCAP_FDSET_OUT)
	CapSock         = uint8(gotraceCapKindCAP_SOCK)
	CapMemOutFit    = uint8(gotraceCapKindCAP_MEM_OUT_FIT)
	CapMemInFit     = uint8(gotraceCapKindCAP_MEM_IN_FIT)
	CapFprog        = uint8(gotraceCapKindCAP_FPROG)
	CapFprogInsns   = uint8(gotraceCapKindCAP_FPROG_INSNS)
	CapIp           = uint8(gotraceCapKindCAP_IP)
	CapMemOutAnyFit = uint8(gotraceCapKindCAP_MEM_OUT_ANY_FIT)
	CapfFault       = uint16(gotraceCapFlagsCAPF_FAULT)
	CapfMore        = uint16(gotraceCapFlagsCAPF_MORE)
	CapfExit        = uint16(gotraceCapFlagsCAPF_EXIT)
	CapfEnd         = uint16(gotraceCapFlagsCAPF_END)
	CapfPart        = uint16(gotraceCapFlagsCAPF_PART)
	RecSysEnterT    = uint16(gotraceRecTypeREC_SYS_ENTER)
	RecSysExitT     = uint16(gotraceRecTypeREC_SYS_EXIT)
	RecForkT        = uint16(gotraceRecTypeREC_FORK)
	RecExecT        = uint16(gotraceRecTypeREC_EXEC)
	RecTaskExitT    = uint16(gotraceRecTypeREC_TASK_EXIT)
	RecSignalT      = uint16(gotraceRecTypeREC_SIGNAL)
	RecStackT       = uint16(gotraceRecTypeREC_STACK)
	RecMapT         = uint16(gotraceRecTypeREC_MAP)
	StackAtEnter    = uint32(gotraceStackFlagsSTACK_AT_ENTER)
	MapUnmapped     = uint16(gotraceMapFlagsMAP_UNMAPPED)
	PlanTraced      = uint32(gotracePlanFlagsPLAN_TRACED)
	PlanInject      = uint32(gotracePlanFlagsPLAN_INJECT)
	PlanWholeBufs   = uint32(gotracePlanFlagsPLAN_WHOLE_BUFS)
	PlanJoin        = uint32(gotracePlanFlagsPLAN_JOIN)
	NoteInjected    = uint32(gotraceCallNoteNOTE_INJECTED)
	NotePoked       = uint32(gotraceCallNoteNOTE_POKED)
	NoteDelayed     = uint32(gotraceCallNoteNOTE_DELAYED)
	NoteRetval      = uint32(gotraceCallNoteNOTE_RETVAL)
	ExitByExec      = uint32(gotraceTaskExitFlagsEXIT_BY_EXEC)
	ExecDetached    = uint32(gotraceExecFlagsEXEC_DETACHED)
	ExitLeaderEarly = uint32(gotraceTaskExitFlagsEXIT_LEADER_EARLY)
	ExitGroupDead   = uint32(gotraceTaskExitFlagsEXIT_GROUP_DEAD)
	ExitExecFailed  = uint32(gotraceTaskExitFlagsEXIT_EXEC_FAILED)
	SignalStopped   = uint32(gotraceSignalFlagsSIGNAL_STOPPED)
	FollowForks     = uint32(gotraceTaskFlagsTASK_FOLLOW_FORKS)
	FollowThreads   = uint32(gotraceTaskFlagsTASK_FOLLOW_THREADS)
	AttachedMidway  = uint32(gotraceTaskFlagsTASK_ATTACHED)
	SeizeAtExec     = uint32(gotraceTaskFlagsTASK_SEIZE)
	PendingExec     = uint32(gotraceTaskFlagsTASK_PENDING_EXEC)
	MaxSyscallNr    = 512
	MaxSyscallArgs  = 6
)

// Config is what the kernel side needs to know before it is loaded.
type Config struct {
	StrSize  uint32                     // -s
	ArgvMax  uint32                     // strings shown of an argv-style array: -s, or all with -v
	RingSize uint32                     // bytes, a power of two multiple of the page size; 0 keeps the default
	Plans    *[MaxSyscallNr]SyscallPlan // what to capture for each syscall, and which are selected
	// IoctlPtrs are the arrays the structs of ioctl requests point to
	// that are read with them, by request code.
	IoctlPtrs map[uint32]IoctlPtr
	// TraceBeyond traces syscall numbers from MaxSyscallNr on, unknown to
	// the table, with their raw arguments.
	TraceBeyond bool
	// Summary counts syscalls in the kernel (-C); SummaryOnly sends no
	// syscall records at all (-c).
	Summary, SummaryOnly bool
	// SummaryPerProcess counts each process apart (--summary-per-process).
	SummaryPerProcess bool
	// FlightRecorder keeps each thread's last records in the kernel
	// (FlightRecords) and sends only process records (--flight-recorder).
	FlightRecorder bool
	// UserStacks sends each syscall's user registers and StackCopy bytes
	// of its stack after its exit, and the executable file mappings (-k).
	UserStacks bool
	StackCopy  uint32
	// NoSyscallTimes leaves syscall records without times, for traces
	// that show none (process records keep theirs).
	NoSyscallTimes bool
	// InstructionPointer ends each enter record with the instruction
	// pointer of the call (-i); signal records always carry theirs.
	InstructionPointer bool
	// DetachOnExec stops tracing a task at its execve, after its exec
	// record (-b execve); a command's first execve starts its trace.
	DetachOnExec bool
	// Inject says that gotrace marks calls it tampers with (MarkCall).
	Inject bool
	// NoDrop pauses a ptraced task returning from a syscall while the ring
	// is half full, instead of losing records (--no-drop).
	NoDrop bool
	// Select traces tasks chosen in the kernel: --cgroup, --all,
	// --descendants.
	Select Selection
}

// setting is one of the kernel side's variables, set before loading.
type setting struct {
	name  string
	value any
}

// Probe is the loaded and attached kernel side.
type Probe struct {
	objs   gotraceObjects
	links  []link.Link
	reader *Ring
}

// Load loads the programs and maps into the kernel and attaches the programs.
// Nothing is traced until Trace or ArmSpawn names a task.
func Load(cfg Config) (*Probe, error) {
	if err := checkKernel(); err != nil {
		return nil, err
	}
	if err := rlimit.RemoveMemlock(); err != nil {
		return nil, fmt.Errorf("remove memlock limit: %w", err)
	}
	// Loading parses the object's and the kernel's BTF, many short-lived
	// allocations that would start several collections on the way: a
	// tenth of gotrace's start-up. One collection after loading does.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	spec, err := loadGotrace()
	if err != nil {
		return nil, fmt.Errorf("load bpf spec: %w", err)
	}
	if cfg.RingSize != 0 {
		spec.Maps["events"].MaxEntries = cfg.RingSize
	}
	ring := spec.Maps["events"].MaxEntries
	spec.Maps["counts"].MaxEntries = countsEntries(cfg.SummaryPerProcess)
	spec.Maps["flight"].MaxEntries = FlightThreads
	// -k's stack records, one buffer per CPU
	if cfg.UserStacks {
		cpus, err := ebpf.PossibleCPU()
		if err != nil {
			return nil, fmt.Errorf("count cpus: %w", err)
		}
		spec.Maps["stack_bufs"].MaxEntries = uint32(cpus)
	}
	mode := uint32(0)
	switch {
	case cfg.SummaryOnly:
		mode = 1
	case cfg.Summary:
		mode = 2
	}
	var beyond SyscallPlan
	if cfg.TraceBeyond {
		beyond.Flags = PlanTraced
	}
	settings := []setting{
		// the reader polls on a timer (see ReadPoll); past a quarter
		// full the ring wakes it at once
		{"wake_bytes", uint64(ring / 4)},
		{"tracer_tgid", uint32(os.Getpid())},
		{"str_size", cfg.StrSize},
		{"argv_max", cfg.ArgvMax},
		{"summary_mode", mode},
		{"summary_per_process", flag(cfg.SummaryPerProcess)},
		{"flight_recorder", flag(cfg.FlightRecorder)},
		{"user_stacks", flag(cfg.UserStacks)},
		{"stack_copy", cfg.StackCopy},
		{"no_drop", flag(cfg.NoDrop)},
		{"inject_on", flag(cfg.Inject)},
		{"detach_on_exec", flag(cfg.DetachOnExec)},
		{"instr_ptr", flag(cfg.InstructionPointer)},
		{"pause_bytes", uint64(ring / 2)},
		// the kernel's own counts (-c, -C) need the times
		{"syscall_times", flag(!cfg.NoSyscallTimes || cfg.Summary || cfg.SummaryOnly)},
		{"beyond_plans", beyond},
		{"bench_floor", flag(benchFloor())},
	}
	sel, err := selectionVars(cfg.Select)
	if err != nil {
		return nil, err
	}
	for _, v := range append(settings, sel...) {
		if err := spec.Variables[v.name].Set(v.value); err != nil {
			return nil, fmt.Errorf("set %s: %w", v.name, err)
		}
	}
	p := &Probe{}
	if err := spec.LoadAndAssign(&p.objs, nil); err != nil {
		// the feature probes cost a map and a program each (a quarter
		// of a second on a busy machine): only to explain a failure
		if ferr := checkFeatures(); ferr != nil {
			return nil, ferr
		}
		var ve *ebpf.VerifierError
		if errors.As(err, &ve) {
			return nil, fmt.Errorf("load bpf programs: verifier rejected them:\n%+v", ve)
		}
		return nil, fmt.Errorf("load bpf programs: %w", explainPermission(err))
	}
	if cfg.Plans != nil {
		keys := make([]uint32, MaxSyscallNr)
		for i := range keys {
			keys[i] = uint32(i)
		}
		plans := *cfg.Plans
		for i := range plans {
			setArgSpans(&plans[i])
		}
		if _, err := p.objs.Plans.BatchUpdate(keys, plans[:], nil); err != nil {
			p.Close()
			return nil, fmt.Errorf("fill syscall plans: %w", err)
		}
	}
	for req, ptr := range cfg.IoctlPtrs {
		if err := p.objs.IoctlPtrs.Put(req, ptr); err != nil {
			p.Close()
			return nil, fmt.Errorf("fill ioctl pointers: %w", err)
		}
	}
	if cfg.Select.Mode&SelectCgroup != 0 {
		if err := p.setCgroup(cfg.Select.CgroupDir); err != nil {
			p.Close()
			return nil, err
		}
	}
	progs := []struct {
		name string
		prog *ebpf.Program
	}{
		{"sys_enter", p.objs.SysEnter},
		{"sys_exit", p.objs.SysExit},
		{"sched_process_fork", p.objs.SchedProcessFork},
		{"sched_process_exec", p.objs.SchedProcessExec},
		{"sched_process_exit", p.objs.SchedProcessExit},
		{"signal_deliver", p.objs.SignalDeliver},
		{"signal_generate", p.objs.SignalGenerate},
	}
	for _, pr := range progs {
		l, err := link.AttachTracing(link.TracingOptions{Program: pr.prog})
		if err != nil {
			p.Close()
			return nil, fmt.Errorf("attach %s: %w", pr.name, err)
		}
		p.links = append(p.links, l)
	}
	p.reader, err = NewRing(p.objs.Events)
	if err != nil {
		p.Close()
		return nil, fmt.Errorf("open ring buffer: %w", err)
	}
	return p, nil
}

// checkKernel names the first missing privilege or kernel requirement, so
// that the user learns what to fix rather than a verifier's errno.
func checkKernel() error {
	if !privileged() {
		return errors.New("tracing needs root, or the CAP_BPF and CAP_PERFMON capabilities: run gotrace with sudo")
	}
	if _, err := os.Stat("/sys/kernel/btf/vmlinux"); err != nil {
		return errors.New("this kernel has no BTF (/sys/kernel/btf/vmlinux is missing): gotrace needs a kernel built with CONFIG_DEBUG_INFO_BTF=y")
	}
	return nil
}

// checkFeatures names the first kernel feature gotrace needs and the
// kernel lacks.
func checkFeatures() error {
	if err := features.HaveMapType(ebpf.RingBuf); err != nil {
		return fmt.Errorf("this kernel has no BPF ring buffer (Linux 5.8 or newer): %w", err)
	}
	if err := features.HaveMapType(ebpf.TaskStorage); err != nil {
		return fmt.Errorf("this kernel has no BPF task storage (Linux 5.11 or newer): %w", err)
	}
	if err := features.HaveProgramHelper(ebpf.RawTracepoint, asm.FnLoop); err != nil {
		return fmt.Errorf("this kernel lacks the bpf_loop helper (Linux 5.17 or newer): %w", err)
	}
	return nil
}

// Capability bits in /proc/self/status's CapEff.
const (
	capSysAdmin = 21
	capPerfmon  = 38
	capBPF      = 39
)

// privileged reports whether this process may load tracing programs: root,
// CAP_SYS_ADMIN, or CAP_BPF with CAP_PERFMON.
func privileged() bool {
	if os.Geteuid() == 0 {
		return true
	}
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return true // cannot tell: let the kernel decide
	}
	for _, line := range strings.Split(string(status), "\n") {
		hex, ok := strings.CutPrefix(line, "CapEff:")
		if !ok {
			continue
		}
		caps, err := strconv.ParseUint(strings.TrimSpace(hex), 16, 64)
		if err != nil {
			return true
		}
		has := func(c uint) bool { return caps&(1<<c) != 0 }
		return has(capSysAdmin) || has(capBPF) && has(capPerfmon)
	}
	return true
}

// explainPermission turns EPERM into advice.
func explainPermission(err error) error {
	if errors.Is(err, ebpf.ErrNotSupported) {
		return fmt.Errorf("%w (gotrace needs Linux 5.11 or newer with BPF ring buffers, raw tracepoints and task storage)", err)
	}
	if errors.Is(err, os.ErrPermission) {
		return fmt.Errorf("%w: gotrace needs root, or the CAP_BPF and CAP_PERFMON capabilities (try sudo)", err)
	}
	return err
}

// Trace starts tracing the task tid with the given task flags.
func (p *Probe) Trace(tid uint32, flags uint32) error {
	if err := p.objs.Traced.Update(tid, flags, ebpf.UpdateAny); err != nil {
		return fmt.Errorf("trace task %d: %w", tid, err)
	}
	err := p.giveState(tid, flags)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.ESRCH):
		// gone already: no exit will take it out of the map
		p.objs.Traced.Delete(tid)
		return nil
	}
	// no pidfd for a thread before Linux 6.9: the kernel side makes the
	// states of the tasks in the traced map that have none
	if err := p.objs.LazyStates.Set(uint32(1)); err != nil {
		return fmt.Errorf("trace task %d: set lazy_states: %w", tid, err)
	}
	return nil
}

// pidfdThread is PIDFD_THREAD (Linux 6.9): a pidfd for a thread.
const pidfdThread = unix.O_EXCL

// giveState creates the task state of tid, where the syscall tracepoints
// look for its flags (see task_state in gotrace.bpf.c). Task storage is
// reached from user space through a pidfd.
func (p *Probe) giveState(tid, flags uint32) error {
	fd, err := unix.PidfdOpen(int(tid), pidfdThread)
	if errors.Is(err, unix.EINVAL) {
		fd, err = unix.PidfdOpen(int(tid), 0) // a thread group leader
	}
	if err != nil {
		return err
	}
	defer unix.Close(fd)
	st := gotraceTaskState{Flags: flags | uint32(gotraceTaskFlagsTASK_TRACED)}
	return p.objs.TaskStates.Update(uint32(fd), &st, ebpf.UpdateAny)
}

// ArmSpawn makes the children forked by the thread group tgid, until
// DisarmSpawn, traced commands with the given task flags: each is followed
// from its first execve on, so that nothing it does before (gotrace's own
// set-up between fork and exec) is shown.
func (p *Probe) ArmSpawn(tgid, flags uint32) error {
	if err := p.objs.Spawner.Update(uint32(0), gotraceSpawn{Tgid: tgid, Flags: flags}, ebpf.UpdateAny); err != nil {
		return fmt.Errorf("arm spawn: %w", err)
	}
	return nil
}

// DisarmSpawn ends ArmSpawn.
func (p *Probe) DisarmSpawn() error {
	if err := p.objs.Spawner.Update(uint32(0), gotraceSpawn{}, ebpf.UpdateAny); err != nil {
		return fmt.Errorf("disarm spawn: %w", err)
	}
	return nil
}

// Mark is what the kernel side is told of a call gotrace tampers with
// (-e inject=) and is about to let go on.
type Mark struct {
	Nr int
	// Sig is sent to the task as the call enters (0: none).
	Sig int
	// Answered: the call never reached the enter tracepoint and its
	// enter is made at its exit.
	Answered bool
	// Note (NOTE_*) goes with its exit record.
	Note uint8
	// Since (CLOCK_MONOTONIC, ns) is its enter time.
	Since uint64
	// ExitStop stops the task as the call returns, with a SIGSTOP its
	// ptracer receives (delay_exit= and poke_exit= of a call let run).
	ExitStop bool
}

// MarkCall tells the kernel side of task tid's call m.Nr, which gotrace
// tampers with (-e inject=) and is about to let go on.
func (p *Probe) MarkCall(tid uint32, m Mark) error {
	c := gotraceInjectedCall{Nr: uint32(m.Nr), Sig: uint32(m.Sig), Answered: flag(m.Answered), Note: uint32(m.Note),
		Since: m.Since, ExitStop: flag(m.ExitStop)}
	if err := p.objs.Injected.Update(tid, &c, ebpf.UpdateAny); err != nil {
		return fmt.Errorf("mark call: %w", err)
	}
	return nil
}

// Tracing reports whether any task is still traced. The kernel side
// forgets a task when it exits, so this holds even when exit records were
// lost.
func (p *Probe) Tracing() (bool, error) {
	var key uint32
	err := p.objs.Traced.NextKey(nil, &key)
	if errors.Is(err, ebpf.ErrKeyNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read traced tasks: %w", err)
	}
	return true, nil
}

// flag is a boolean setting of the kernel side.
func flag(b bool) uint32 {
	if b {
		return 1
	}
	return 0
}

// setArgSpans sets how many leading arguments the kernel side walks at
// enter and at exit: up to the last one it reads then, so that the many
// syscalls that read none (getppid, close, lseek...) skip the walk and
// read(fd, buf, count) stops at buf.
func setArgSpans(pl *SyscallPlan) {
	pl.EnterArgs, pl.ExitArgs = 0, 0
	for i, a := range pl.Args {
		if a.Enter != 0 {
			pl.EnterArgs = uint8(i + 1)
		}
		if a.Exit != 0 {
			pl.ExitArgs = uint8(i + 1)
		}
	}
}

// ReadPoll is how often the ring buffer must be read: the kernel side wakes
// the reader only when the ring is a quarter full, so a reader waiting for
// records sets a deadline no further than this.
const ReadPoll = 10 * time.Millisecond

// Reader returns the ring buffer reader.
func (p *Probe) Reader() *Ring { return p.reader }

// RingStats is what the kernel side counted of the records it wrote, summed
// over all CPUs.
type RingStats struct {
	Seen uint64 // records it tried to write
	Lost uint64 // records that did not fit in the ring buffer
	// Unreported are lost records no later record carries the count of
	// (losses are reported by the next record written on the same CPU)
	Unreported uint64
	// Uncounted are calls -c could not count: its table was full
	Uncounted uint64
	// Unkept are records --flight-recorder could not keep: its table of
	// threads was full
	Unkept uint64
}

// Stats reads the kernel side's counts of records written and lost.
func (p *Probe) Stats() (RingStats, error) {
	var per []gotraceCpuStats
	var rs RingStats
	if err := p.objs.Stats.Lookup(uint32(0), &per); err != nil {
		return rs, fmt.Errorf("read stats: %w", err)
	}
	for _, s := range per {
		rs.Seen += s.Seen
		rs.Lost += s.Lost
		rs.Unreported += s.LostPending
		rs.Uncounted += s.Uncounted
		rs.Unkept += s.Unkept
	}
	return rs, nil
}

// Close detaches the programs and frees every kernel object.
func (p *Probe) Close() error {
	var errs []error
	if p.reader != nil {
		errs = append(errs, p.reader.Close())
	}
	for _, l := range p.links {
		errs = append(errs, l.Close())
	}
	errs = append(errs, p.objs.Close())
	return errors.Join(errs...)
}
