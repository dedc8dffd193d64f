package tracer

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/gotrace/gotrace/bpf"
	"github.com/gotrace/gotrace/internal/latency"
)

// summaries writes the -c tables: the totals at the end and, with
// --summary-interval, the calls of each interval as it ends. The kernel's
// counts only grow; an interval's table is the difference between two
// readings.
type summaries struct {
	probe    *bpf.Probe
	printer  tracePrinter
	sortBy   func(a, b latency.Row) int
	interval time.Duration
	// perProcess: a table per process (--summary-per-process)
	perProcess bool
	start      time.Time
	// last is when the previous interval ended, prev what was counted then
	last time.Time
	prev map[bpf.StatsKey]*bpf.SyscallStats
}

func newSummaries(t *trace) *summaries {
	now := time.Now()
	return &summaries{
		probe:      t.probe,
		printer:    t.printer,
		sortBy:     t.cfg.SortBy,
		interval:   t.cfg.SummaryInterval,
		perProcess: t.cfg.SummaryPerProcess,
		start:      now,
		last:       now,
	}
}

// due reports whether an interval has ended by now.
func (s *summaries) due(now time.Time) bool {
	return s.interval > 0 && now.Sub(s.last) >= s.interval
}

// tick writes the table of the interval that ended now.
func (s *summaries) tick(now time.Time) error {
	cur, err := s.probe.SyscallStats()
	if err != nil {
		return err
	}
	delta := make(map[bpf.StatsKey]*bpf.SyscallStats, len(cur))
	for k, c := range cur {
		d := *c
		if p := s.prev[k]; p != nil {
			d.Calls -= p.Calls
			d.Errors -= p.Errors
			d.Nanoseconds -= p.Nanoseconds
			d.Hist.Sub(&p.Hist)
			// the extremes of the interval are known to a bucket,
			// within those of the whole trace
			lo, hi, _ := d.Hist.Range()
			d.Min, d.Max = max(lo, c.Min), min(hi, c.Max)
		}
		delta[k] = &d
	}
	err = s.write(delta, s.last, now, true)
	s.prev, s.last = cur, now
	return err
}

// total writes the tables of everything counted since the start.
func (s *summaries) total() error {
	cur, err := s.probe.SyscallStats()
	if err != nil {
		return err
	}
	return s.write(cur, s.start, time.Now(), false)
}

// write writes one table, or one per process, of counts from start to end.
func (s *summaries) write(counts map[bpf.StatsKey]*bpf.SyscallStats, start, end time.Time, interval bool) error {
	byPid := map[uint32][]latency.Row{}
	for k, c := range counts {
		if c.Calls == 0 {
			continue
		}
		byPid[k.Tgid] = append(byPid[k.Tgid], latency.Row{
			Nr: int(k.Nr), Calls: c.Calls, Errors: c.Errors, Nanoseconds: c.Nanoseconds,
			Min: c.Min, Max: c.Max, Hist: &c.Hist,
		})
	}
	pids := slices.Sorted(maps.Keys(byPid))
	if !s.perProcess {
		pids = []uint32{0}
	}
	for _, pid := range pids {
		rows := byPid[pid]
		// the table lists syscalls in number order, then sorts stably
		slices.SortFunc(rows, func(a, b latency.Row) int { return a.Nr - b.Nr })
		sum := &latency.Summary{Rows: rows, Pid: pid, Interval: interval}
		if s.interval > 0 || s.perProcess {
			sum.Start, sum.End = start.UnixNano(), end.UnixNano()
			sum.Title = title(pid, start, end, interval, s.interval > 0)
		}
		if err := s.printer.WriteSummary(sum, s.sortBy); err != nil {
			return fmt.Errorf("write summary: %w", err)
		}
	}
	return nil
}

// title heads a table: the process it counts, and with intervals the time
// the calls it counts ended in.
func title(pid uint32, start, end time.Time, interval, intervals bool) string {
	b := []byte("---")
	if pid != 0 {
		b = append(b, " pid "...)
		b = strconv.AppendUint(b, uint64(pid), 10)
		if intervals {
			b = append(b, ',')
		}
	}
	if intervals {
		if !interval {
			b = append(b, " total,"...)
		}
		b = append(b, " calls from "...)
		b = start.AppendFormat(b, "15:04:05.000")
		b = append(b, " to "...)
		b = end.AppendFormat(b, "15:04:05.000")
	}
	return string(append(b, " ---"...))
}
