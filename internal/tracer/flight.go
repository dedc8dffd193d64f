package tracer

import (
	"encoding/binary"
	"fmt"
	"maps"
	"slices"

	"github.com/gotrace/gotrace/bpf"
	"github.com/gotrace/gotrace/internal/decoder"
)

// flightSource is where the kernel keeps each thread's last records
// (bpf.Probe with --flight-recorder).
type flightSource interface {
	FlightThreads() ([]bpf.FlightThread, error)
	FlightRecords(th bpf.FlightThread) (recs [][]byte, unkept uint64, err error)
	ForgetFlight(th bpf.FlightThread) error
}

// flightRecorder prints what the kernel kept of a process's last calls
// (--flight-recorder) when the process dies of a signal or exits
// non-zero, when gotrace gets SIGUSR1, and at the end. The kernel keeps
// each thread's records in a ring of its own and sends gotrace only the
// process records, so nothing is read, decoded or formatted per syscall;
// a recording merges the process's threads by time, keeps the last calls
// and goes through a pairing point and a printer of its own, so that the
// lines are the trace's.
type flightRecorder struct {
	calls int // per process
	src   flightSource
	// newPrinter makes the printer a recording goes through.
	newPrinter func() tracePrinter
	// header writes the line above a recording
	header func(pid uint32, calls int, why string)
	// keep is a process whose calls print even when it exits with 0: the
	// command gotrace started
	keep uint32
	// known are processes a recording on SIGUSR1 names even before they
	// made a call: -p's and the command
	known map[uint32]bool
	// ended are processes whose leader has exited: their other threads'
	// records are not kept once they exit
	ended map[uint32]bool
	// stacks follows the stack records of a recording (-k)
	stacks interface{ Observe(ev *decoder.Event) }
	// fix amends a decoded record as the trace does (-e inject='s
	// poke_exit= bytes, ShowExitPokes), or is nil
	fix func(ev *decoder.Event)
}

func newFlightRecorder(calls int, src flightSource, newPrinter func() tracePrinter, header func(pid uint32, calls int, why string)) *flightRecorder {
	return &flightRecorder{calls: calls, src: src, newPrinter: newPrinter, header: header, known: map[uint32]bool{}, ended: map[uint32]bool{}}
}

// flight assembles one process's records, oldest first, keeping those of
// its last calls enters.
type flight struct {
	recs   [][]byte
	types  []decoder.RecordType
	enters int // SysEnter records held: the calls
}

func (f *flight) push(raw []byte, calls int) {
	typ := decoder.RecordType(binary.LittleEndian.Uint16(raw[20:]))
	f.recs = append(f.recs, raw)
	f.types = append(f.types, typ)
	if typ == decoder.SysEnter {
		f.enters++
	}
	drop := 0
	for f.enters > calls {
		if f.types[drop] == decoder.SysEnter {
			f.enters--
		}
		drop++
	}
	// and what came with the dropped calls, up to the first kept one
	for drop > 0 && drop < len(f.types) && f.types[drop] != decoder.SysEnter {
		drop++
	}
	f.recs, f.types = f.recs[drop:], f.types[drop:]
}

// handle acts on a process record: a process's end prints its recording
// if it ended badly, and forgets it.
func (r *flightRecorder) handle(ev *decoder.Event) error {
	if ev.Type != decoder.TaskExit {
		return nil
	}
	var why string
	if ev.ExitCode != 0 {
		why = ev.ExitCode.String()
	}
	if ev.Tid != ev.Tgid {
		if why != "" && !r.ended[ev.Tgid] {
			return nil // the process is going down: its leader prints
		}
		return r.src.ForgetFlight(bpf.FlightThread{Tgid: ev.Tgid, Tid: ev.Tid})
	}
	r.ended[ev.Tgid] = true
	switch {
	case why != "":
		return r.print(ev.Tgid, why, true)
	case ev.Tgid == r.keep:
		// the command: its end is the trace's
		return r.print(ev.Tgid, "exited with 0", true)
	}
	delete(r.known, ev.Tgid)
	return r.forget(ev.Tgid)
}

// threads lists the threads with kept records, by process.
func (r *flightRecorder) threads() (map[uint32][]bpf.FlightThread, error) {
	ths, err := r.src.FlightThreads()
	if err != nil {
		return nil, err
	}
	by := map[uint32][]bpf.FlightThread{}
	for _, th := range ths {
		by[th.Tgid] = append(by[th.Tgid], th)
	}
	return by, nil
}

func (r *flightRecorder) forget(pid uint32) error {
	by, err := r.threads()
	if err != nil {
		return err
	}
	for _, th := range by[pid] {
		if err := r.src.ForgetFlight(th); err != nil {
			return err
		}
	}
	return nil
}

// dumpAll prints every process's recording, in pid order, and forgets
// them if the trace has ended.
func (r *flightRecorder) dumpAll(why string, end bool) error {
	by, err := r.threads()
	if err != nil {
		return err
	}
	pids := slices.Collect(maps.Keys(by))
	for pid := range r.known {
		if by[pid] == nil {
			pids = append(pids, pid)
		}
	}
	slices.Sort(pids)
	for _, pid := range pids {
		if err := r.print(pid, why, end); err != nil {
			return err
		}
	}
	return nil
}

// print prints process pid's recording, and forgets it if told to.
func (r *flightRecorder) print(pid uint32, why string, forget bool) error {
	by, err := r.threads()
	if err != nil {
		return err
	}
	var all [][]byte
	var unkept uint64
	for _, th := range by[pid] {
		recs, n, err := r.src.FlightRecords(th)
		if err != nil {
			return err
		}
		all = append(all, recs...)
		unkept += n
		if forget {
			if err := r.src.ForgetFlight(th); err != nil {
				return err
			}
		}
	}
	if forget {
		delete(r.known, pid)
	}
	// the threads' records in the order they were made
	slices.SortStableFunc(all, func(a, b []byte) int {
		ta, tb := binary.LittleEndian.Uint64(a), binary.LittleEndian.Uint64(b)
		return cmpU(ta, tb)
	})
	var f flight
	for _, raw := range all {
		f.push(raw, r.calls)
	}
	if unkept > 0 {
		why += fmt.Sprintf(" (%d records over 16 KiB not kept)", unkept)
	}
	r.header(pid, f.enters, why)
	p := r.newPrinter()
	// a task per thread recorded: with several, lines carry their pid
	tids := map[uint32]bool{}
	for _, raw := range f.recs {
		tids[binary.LittleEndian.Uint32(raw[8:])] = true
	}
	for range max(1, len(tids)) {
		p.AddTask()
	}
	// the records go through a pairing point of their own, as the
	// trace's went through the trace's
	pairer := decoder.NewPairer()
	var ev decoder.Event
	for _, raw := range f.recs {
		if err := decoder.Decode(raw, &ev); err != nil {
			continue // torn: written while it was read (SIGUSR1)
		}
		if r.fix != nil {
			r.fix(&ev)
		}
		if ev.Type == decoder.Stack && r.stacks != nil {
			r.stacks.Observe(&ev) // a new stack to unwind
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

func cmpU(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// quiet is the trace's output while the flight recorder records: it
// prints nothing of the records, only the -c table at the end.
type quiet struct{ tracePrinter }

func (quiet) Handle(*decoder.Event)  {}
func (quiet) HasPending() bool       { return false }
func (quiet) FlushPending() error    { return nil }
func (quiet) Detach([]*decoder.Call) {}
