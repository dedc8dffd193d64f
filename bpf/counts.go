package bpf

import (
	"fmt"

	"github.com/gotrace/gotrace/internal/latency"
)

// the kernel's histograms are internal/latency's: this fails to compile
// when latency.h and the package disagree on their size
var _ = latency.Histogram(gotraceSyscallStats{}.Hist)

// CountsPerProcess bounds the syscalls of processes -c counts apart
// (--summary-per-process); past it, calls are counted in
// RingStats.Uncounted.
const CountsPerProcess = 1 << 14

// countsEntries is the size of the kernel's table of counts: every
// syscall number, and past the table's numbers as many again, or
// CountsPerProcess.
func countsEntries(perProcess bool) uint32 {
	if perProcess {
		return CountsPerProcess
	}
	return 2 * MaxSyscallNr
}

// StatsKey names what the kernel counted: a syscall, of one process with
// --summary-per-process (Tgid 0 otherwise).
type StatsKey struct {
	Tgid, Nr uint32
}

// SyscallStats is what the kernel counted of one syscall, over all CPUs.
type SyscallStats struct {
	Calls, Errors uint64
	Nanoseconds   uint64 // summed
	Min, Max      uint64 // the shortest and the longest call, ns
	Hist          latency.Histogram
}

// SyscallStats reads what the kernel has counted so far.
func (p *Probe) SyscallStats() (map[StatsKey]*SyscallStats, error) {
	out := map[StatsKey]*SyscallStats{}
	var key gotraceStatsKey
	var per []gotraceSyscallStats
	it := p.objs.Counts.Iterate()
	for it.Next(&key, &per) {
		st := &SyscallStats{}
		for i := range per {
			c := &per[i]
			if c.Calls == 0 {
				continue
			}
			if st.Calls == 0 || c.MinNs < st.Min {
				st.Min = c.MinNs
			}
			st.Max = max(st.Max, c.MaxNs)
			st.Calls += c.Calls
			st.Errors += c.Errors
			st.Nanoseconds += c.Ns
			st.Hist.Merge((*latency.Histogram)(&c.Hist))
		}
		out[StatsKey{key.Tgid, key.Nr}] = st
	}
	if err := it.Err(); err != nil {
		return nil, fmt.Errorf("read syscall stats: %w", err)
	}
	return out, nil
}
