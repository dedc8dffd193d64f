package latency

// Row is what was counted for one syscall, for -c and -C.
type Row struct {
	Nr          int
	Calls       uint64
	Errors      uint64
	Nanoseconds uint64 // time between entry and exit, summed
	// Min and Max are the shortest and the longest call, in ns.
	Min, Max uint64
	// Hist is the calls' latencies; nil when none were kept.
	Hist *Histogram
}

// Avg is the mean latency of the row's calls, in ns.
func (r *Row) Avg() uint64 {
	if r.Calls == 0 {
		return 0
	}
	return r.Nanoseconds / r.Calls
}

// Percentile is the p-th percentile of the row's latencies (p in
// thousandths of a percent), 0 without a histogram.
func (r *Row) Percentile(p uint64) uint64 {
	if r.Hist == nil {
		return 0
	}
	return r.Hist.Percentile(p, r.Min, r.Max)
}

// Summary is one -c table.
type Summary struct {
	Rows []Row
	// Title, when set, is written on a line above the table: the interval
	// or the process the table counts.
	Title string
	// Pid is the process a per-process table counts; 0 for all.
	Pid uint32
	// Start and End are when counting started and ended (CLOCK_REALTIME,
	// ns since the epoch); zero when not known.
	Start, End int64
	// Interval is set on the tables --summary-interval writes, which count
	// the calls since the previous table; the others count since the start.
	Interval bool
}
