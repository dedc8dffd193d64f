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
	l, err := inject.Start(t.cmd, t.cfg.Inject.Filtered(t.cfg.Selected.Has))
	if err != nil {
		return err
	}
	if err := t.probe.Trace(l.Tid, flags|bpf.PendingExec); err != nil {
		t.cmd.Process.Kill()
		return err
	}
	t.cfg.Inject.Supervise(l.Listener, t.probe, t.notes, os.Stderr)
	return l.Go()
}
