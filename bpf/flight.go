package bpf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"slices"
	"unsafe"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"
)

// recSizeOffset is where a record's header holds the record's size.
const recSizeOffset = uint64(unsafe.Offsetof(gotraceRecHdr{}.Size))

// FlightThreads is the size of the kernel's table of threads the flight
// recorder keeps records of; past it, records are counted in
// RingStats.Unkept.
const FlightThreads = 4096

// FlightThread names a thread whose records the kernel keeps.
type FlightThread struct {
	Tgid, Tid uint32
}

// FlightThreads lists the threads whose records the kernel keeps
// (--flight-recorder).
func (p *Probe) FlightThreads() ([]FlightThread, error) {
	var out []FlightThread
	var key gotraceFlightKey
	var next gotraceFlightKey
	var prev any // nil: the first key
	for {
		err := p.objs.Flight.NextKey(prev, &next)
		if errors.Is(err, ebpf.ErrKeyNotExist) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("list flight recorder threads: %w", err)
		}
		out = append(out, FlightThread{next.Tgid, next.Tid})
		key = next
		prev = &key
	}
}

// FlightRecords returns the records the kernel keeps of thread th, oldest
// first: as many of the last ones as its ring still holds whole, and how
// many were too large to keep. A record being written while it is read
// may come out torn: the decoder then rejects it.
func (p *Probe) FlightRecords(th FlightThread) (recs [][]byte, unkept uint64, err error) {
	var r gotraceFlightRing
	if err := p.objs.Flight.Lookup(gotraceFlightKey{Tgid: th.Tgid, Tid: th.Tid}, &r); err != nil {
		return nil, 0, fmt.Errorf("read flight recorder of %d: %w", th.Tid, err)
	}
	const ringBytes, slots = uint64(len(r.Data) / 2), uint64(len(r.Pos))
	for k := r.Nrec; k > 0 && r.Nrec-k < slots; k-- {
		start := r.Pos[(k-1)%slots]
		if r.Head-start > ringBytes || start >= r.Head {
			break // overwritten since
		}
		off := start % ringBytes
		size := uint64(binary.LittleEndian.Uint32(r.Data[off+recSizeOffset:]))
		if size == 0 || size > ringBytes || off+size > uint64(len(r.Data)) {
			break
		}
		recs = append(recs, slices.Clone(r.Data[off:off+size]))
	}
	slices.Reverse(recs)
	// after the ring: a call the thread entered since is in its state
	if rec := p.heldEnter(th); rec != nil {
		recs = append(recs, rec)
	}
	return recs, r.Unkept, nil
}

// heldEnter returns the enter record of the call thread th is in, which the
// kernel side holds back until the call's exit (when it has nothing to
// read at its enter: see flight_hold_enter), made from the thread's task
// state; nil if th is in no such call, or gone.
func (p *Probe) heldEnter(th FlightThread) []byte {
	if _, err := os.Stat(fmt.Sprintf("/proc/%d/task/%d", th.Tgid, th.Tid)); err != nil {
		return nil // gone: the kernel side kept the enter as it exited
	}
	fd, err := unix.PidfdOpen(int(th.Tid), pidfdThread)
	if errors.Is(err, unix.EINVAL) {
		fd, err = unix.PidfdOpen(int(th.Tid), 0) // a thread group leader
	}
	if err != nil {
		return nil
	}
	defer unix.Close(fd)
	var st gotraceTaskState
	if p.objs.TaskStates.Lookup(uint32(fd), &st) != nil || st.InSyscall == 0 || st.FlightEnterPending == 0 {
		return nil
	}
	rec := gotraceRecSysEnter{Nr: st.Nr, Args: st.Args, H: gotraceRecHdr{Ts: st.EnterNs, Tid: th.Tid, Tgid: th.Tgid,
		Type: RecSysEnterT, Size: uint32(unsafe.Sizeof(gotraceRecSysEnter{}))}}
	return slices.Clone(unsafe.Slice((*byte)(unsafe.Pointer(&rec)), unsafe.Sizeof(rec)))
}

// ForgetFlight drops what the kernel keeps of thread th.
func (p *Probe) ForgetFlight(th FlightThread) error {
	err := p.objs.Flight.Delete(gotraceFlightKey{Tgid: th.Tgid, Tid: th.Tid})
	if err != nil && !errors.Is(err, ebpf.ErrKeyNotExist) {
		return fmt.Errorf("forget flight recorder of %d: %w", th.Tid, err)
	}
	return nil
}
