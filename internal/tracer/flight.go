package tracer

import (
	"fmt"
	"maps"
	"slices"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/xlat"
)

// flightRecorder keeps the last calls of each traced process as the raw
// records the kernel sent (--flight-recorder), and prints them through a
// printer of their own when the process dies of a signal or exits
// non-zero, when gotrace gets SIGUSR1, and at the end. Keeping a record
// is one copy of its bytes, cheaper than copying a paired call's
// captures; nothing is formatted until it is printed, and then the
// records go through a pairing point and a printer of their own, so that
// the lines are the trace's.
type flightRecorder struct {
	calls int // per process
	procs map[uint32]*flight
	// newPrinter makes the printer a dump goes through, writing to out.
	newPrinter func() tracePrinter
	// header writes the line above a dump
	header func(pid uint32, calls int, why string)
	// keep is a process whose calls print at the end even when it exits
	// with 0: the command gotrace started
	keep uint32
}

// flight is one process's records, oldest first, in a ring that grows to
// hold calls enters and what came with them.
type flight struct {
	recs   [][]byte
	types  []decoder.RecordType
	head   int // index of the oldest record
	n      int // records held
	enters int // SysEnter records held: the calls
}

func newFlightRecorder(calls int, newPrinter func() tracePrinter, header func(pid uint32, calls int, why string)) *flightRecorder {
	return &flightRecorder{calls: calls, procs: map[uint32]*flight{}, newPrinter: newPrinter, header: header}
}

func (f *flight) at(i int) int { return (f.head + i) % len(f.recs) }

func (f *flight) push(raw []byte, typ decoder.RecordType) {
	if f.n == len(f.recs) {
		// grow, oldest first at 0
		recs := make([][]byte, max(16, 2*len(f.recs)))
		types := make([]decoder.RecordType, len(recs))
		for i := range f.n {
			recs[i], types[i] = f.recs[f.at(i)], f.types[f.at(i)]
		}
		f.recs, f.types, f.head = recs, types, 0
	}
	i := f.at(f.n)
	f.recs[i] = append(f.recs[i][:0], raw...)
	f.types[i] = typ
	f.n++
	if typ == decoder.SysEnter {
		f.enters++
	}
}

func (f *flight) pop() {
	if f.types[f.head] == decoder.SysEnter {
		f.enters--
	}
	f.head = (f.head + 1) % len(f.recs)
	f.n--
}

// add makes pid known before its first record, so that SIGUSR1 shows it.
func (r *flightRecorder) add(pid uint32) {
	if r.procs[pid] == nil {
		r.procs[pid] = &flight{}
	}
}

// record keeps raw, which decoded to ev, with its process's records, and
// prints them if ev is the process ending badly.
func (r *flightRecorder) record(raw []byte, ev *decoder.Event) error {
	f := r.procs[ev.Tgid]
	if f == nil {
		f = &flight{}
		r.procs[ev.Tgid] = f
	}
	f.push(raw, ev.Type)
	for f.enters > r.calls {
		f.pop()
	}
	// what is left of the dropped calls: their exits and stacks
	for f.n > 0 && (f.types[f.head] == decoder.SysExit || f.types[f.head] == decoder.Stack) {
		f.pop()
	}
	if ev.Type != decoder.TaskExit || ev.Tid != ev.Tgid {
		return nil
	}
	// the process has ended
	status := ev.ExitCode
	switch {
	case status&0x7f != 0:
		why := "killed by " + xlat.SignalName(int(status&0x7f))
		if status&0x80 != 0 {
			why += " (core dumped)"
		}
		return r.dump(ev.Tgid, why)
	case status>>8&0xff != 0:
		return r.dump(ev.Tgid, fmt.Sprintf("exited with %d", status>>8&0xff))
	case ev.Tgid == r.keep:
		return nil
	}
	delete(r.procs, ev.Tgid)
	return nil
}

// dumpAll prints every process's calls, in pid order, and keeps them
// unless the trace has ended.
func (r *flightRecorder) dumpAll(why string, end bool) error {
	for _, pid := range slices.Sorted(maps.Keys(r.procs)) {
		f := r.procs[pid]
		if err := r.print(pid, f, why); err != nil {
			return err
		}
		if end {
			delete(r.procs, pid)
		}
	}
	return nil
}

// dump prints and forgets one process's calls.
func (r *flightRecorder) dump(pid uint32, why string) error {
	err := r.print(pid, r.procs[pid], why)
	delete(r.procs, pid)
	return err
}

func (r *flightRecorder) print(pid uint32, f *flight, why string) error {
	r.header(pid, f.enters, why)
	p := r.newPrinter()
	p.AddTask()
	// the records go through a pairing point of their own, as the
	// trace's went through the trace's
	pairer := decoder.NewPairer()
	var ev decoder.Event
	for i := range f.n {
		if err := decoder.Decode(f.recs[f.at(i)], &ev); err != nil {
			return err
		}
		pairer.Dispatch(&ev, p)
	}
	if c, ok := p.(interface{ CloseLine() }); ok {
		// the text's last call may be in progress
		c.CloseLine()
	}
	if err := p.FlushPending(); err != nil {
		return fmt.Errorf("write flight recorder: %w", err)
	}
	return nil
}

// quiet is the trace's output while the flight recorder records: it
// prints nothing of the records, only the -c table at the end.
type quiet struct{ tracePrinter }

func (quiet) Handle(*decoder.Event) {}
func (quiet) HasPending() bool      { return false }
func (quiet) FlushPending() error   { return nil }
func (quiet) Detach()               {}
