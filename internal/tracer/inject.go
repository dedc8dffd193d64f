package tracer

import (
	"os"

	"github.com/gotrace/gotrace/bpf"
	"github.com/gotrace/gotrace/internal/inject"
)

// startInjecting starts the command through the inject shim, which puts it
// under a seccomp filter for the syscalls -e inject= selects (and the trace
// shows), traces it from its execve and answers its filter.
func (t *trace) startInjecting(flags uint32) error {
	l, err := inject.Start(t.cmd, t.cfg.Inject.Filtered(t.cfg.shows))
	if err != nil {
		return err
	}
	if err := t.probe.Trace(uint32(t.cmd.Process.Pid), flags|bpf.PendingExec); err != nil {
		t.cmd.Process.Kill()
		return err
	}
	// without -f only the command is traced, and only its calls are
	// tampered with, as strace does
	var only uint32
	if !t.cfg.Follow {
		only = uint32(t.cmd.Process.Pid)
	}
	t.injector = t.cfg.Inject.Supervise(l.Listener, injectKernel{t.probe, t.plans}, os.Stderr, only)
	if t.pauser != nil {
		t.pauser.exitStops(t.injector.AtExitStop)
	}
	return l.Go()
}

// injectPlans marks in plans the syscalls whose calls gotrace tampers with.
func injectPlans(plans *[bpf.MaxSyscallNr]bpf.SyscallPlan, cfg Config) *[bpf.MaxSyscallNr]bpf.SyscallPlan {
	if cfg.Inject.Empty() {
		return plans
	}
	for _, nr := range cfg.Inject.Filtered(cfg.shows) {
		if nr < bpf.MaxSyscallNr {
			plans[nr].Flags |= bpf.PlanInject
		}
	}
	return plans
}

// injectKernel is what the inject supervisor needs of the kernel side.
type injectKernel struct {
	*bpf.Probe
	plans *[bpf.MaxSyscallNr]bpf.SyscallPlan
}

// MarkCall tells the kernel side of a call the supervisor tampers with.
func (k injectKernel) MarkCall(tid uint32, m inject.Mark) error {
	return k.Probe.MarkCall(tid, bpf.Mark{Nr: m.Nr, Sig: m.Sig, Answered: m.Answered, Note: uint8(m.Note),
		Since: m.Since, ExitStop: m.ExitStop})
}

// EnterMemory says which arguments of nr the kernel side reads at enter.
func (k injectKernel) EnterMemory(nr int) uint8 {
	var mask uint8
	if nr < 0 || nr >= bpf.MaxSyscallNr {
		return 0
	}
	for i, a := range k.plans[nr].Args {
		if a.Enter != 0 {
			mask |= 1 << i
		}
	}
	return mask
}

// shows says whether the trace shows syscall nr: selected, and not only
// sent for -y to follow descriptors. strace tampers only with those.
func (cfg Config) shows(nr int) bool {
	return cfg.Selected.Has(nr) && (cfg.Printer.Hide == nil || !cfg.Printer.Hide(nr))
}
