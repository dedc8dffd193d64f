package printer

import (
	"errors"
	"io"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/latency"
)

// PerTask renders each task's events to an output of its own (strace's
// -ff): a Printer per task, with no pid prefix, so that no line of one
// task interrupts another's.
type PerTask struct {
	opt      Options
	open     func(tid uint32) (io.Writer, error)
	tasks    map[uint32]*Printer
	summary  *Printer // the -c table, to the main output
	firstErr error
}

// NewPerTask returns a PerTask that opens the output of a task with open,
// at its first event, and writes the -c table to summary.
func NewPerTask(summary io.Writer, open func(tid uint32) (io.Writer, error), opt Options) *PerTask {
	opt.Prefix = PrefixNever
	return &PerTask{opt: opt, open: open, tasks: map[uint32]*Printer{}, summary: New(summary, opt)}
}

func (s *PerTask) task(tid uint32) *Printer {
	if p, ok := s.tasks[tid]; ok {
		return p
	}
	w, err := s.open(tid)
	if err != nil {
		s.firstErr = errors.Join(s.firstErr, err)
		w = io.Discard
	}
	p := New(w, s.opt)
	p.AddTask()
	s.tasks[tid] = p
	return p
}

// Handle renders ev to its task's output. (A thread that calls execve
// takes its leader's tid, and the leader's output shows the end of the
// call as resumed.)
func (s *PerTask) Handle(ev *decoder.Event) {
	if ev.Type == 0 { // a gap of lost records no task's record carried
		s.summary.Handle(ev)
		return
	}
	if ev.Type == decoder.Exec && ev.OldTid != ev.Tid {
		// the thread's execve goes on in its leader's output: its own
		// output shows the call begun
		if p, ok := s.tasks[ev.OldTid]; ok {
			p.writePending()
		}
	}
	s.task(ev.Tid).Handle(ev)
}

// AddTask is a no-op: each task has its own output.
func (s *PerTask) AddTask() {}

// Flush writes out what every task's output has buffered.
func (s *PerTask) Flush() error {
	errs := []error{s.firstErr}
	for _, p := range s.tasks {
		errs = append(errs, p.Flush())
	}
	return errors.Join(errs...)
}

// HasPending reports whether some task's syscall enter is held back.
func (s *PerTask) HasPending() bool {
	for _, p := range s.tasks {
		if p.HasPending() {
			return true
		}
	}
	return false
}

// FlushPending writes out everything, enters of calls in progress too.
func (s *PerTask) FlushPending() error {
	errs := []error{s.firstErr}
	for _, p := range s.tasks {
		errs = append(errs, p.FlushPending())
	}
	return errors.Join(errs...)
}

// Detach ends every task's open line, and shows its calls in progress
// that -e status=detached selects.
func (s *PerTask) Detach(inFlight []*decoder.Call) {
	for tid, p := range s.tasks {
		var own []*decoder.Call
		for _, c := range inFlight {
			if c.Tid == tid {
				own = append(own, c)
			}
		}
		p.Detach(own)
	}
}

// WriteSummary writes the -c table to the main output.
func (s *PerTask) WriteSummary(sum *latency.Summary, sortBy func(a, b latency.Row) int) error {
	return s.summary.WriteSummary(sum, sortBy)
}
