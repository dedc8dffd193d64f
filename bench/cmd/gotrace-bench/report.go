package main

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// row is the summary of one tool's runs on one workload.
type row struct {
	tool    string
	failure string // why the tool could not run here; empty when it ran
	runs    []sample
}

// ran says whether the row has figures.
func (r row) ran() bool { return r.failure == "" && len(r.runs) > 0 }

// spent is the time the tool's runs took, start-up included.
func (r row) spent() time.Duration {
	var d time.Duration
	for _, s := range r.runs {
		d += s.wall
	}
	return d
}

// median returns the median of f over the runs (the lower middle for an
// even count, so it is always a measured value).
func median[T int64 | time.Duration](runs []sample, f func(sample) T) T {
	v := make([]T, len(runs))
	for i, s := range runs {
		v[i] = f(s)
	}
	slices.Sort(v)
	return v[(len(v)-1)/2]
}

func (r row) run() time.Duration {
	return median(r.runs, func(s sample) time.Duration { return s.run })
}

func (r row) maxRSS() int64 {
	return median(r.runs, func(s sample) int64 { return s.maxRSS })
}

// tracerCPU is the tool's CPU time without the workload's; a tool whose
// rusage does not include the workload (it did not reap it with wait4) is
// counted whole.
func (r row) tracerCPU() time.Duration {
	return median(r.runs, func(s sample) time.Duration {
		if s.cpuTotal < s.cpuWork {
			return s.cpuTotal
		}
		return s.cpuTotal - s.cpuWork
	})
}

func (r row) workCPU() time.Duration {
	return median(r.runs, func(s sample) time.Duration { return s.cpuWork })
}

// printed is the fewest calls a run's trace showed, -1 without a trace.
func (r row) printed() int64 {
	fewest := int64(-1)
	for i, s := range r.runs {
		if i == 0 || s.printed < fewest {
			fewest = s.printed
		}
	}
	return fewest
}

// lost is the worst run's count, -1 for a tool that cannot drop records:
// the target is that no run loses anything.
func (r row) lost() int64 {
	worst := int64(-1)
	for _, s := range r.runs {
		worst = max(worst, s.lost)
	}
	return worst
}

// notRun says why a row has no figures, for its table cell.
func (r row) notRun() string {
	if r.failure == "" {
		return "not run: no run"
	}
	return "not run: " + cell(r.failure)
}

// find returns the named row if it has figures.
func find(rows []row, tool string) (row, bool) {
	for _, r := range rows {
		if r.tool == tool && r.ran() {
			return r, true
		}
	}
	return row{}, false
}

// table formats one workload's rows as markdown. The untraced and
// "strace -f" rows, when they ran, are the references of the ratios; the
// floor row is that of gotrace's costs.
func table(w workload, rows []row) string {
	var base, strace, floor time.Duration
	if r, ok := find(rows, "untraced"); ok {
		base = r.run()
	}
	if r, ok := find(rows, floorTool); ok {
		floor = r.run()
	}
	if r, ok := find(rows, "strace -f"); ok {
		strace = r.run()
	}
	var b strings.Builder
	b.WriteString("| tool | runs | run time | × untraced | added ns/syscall above the floor | added ns/syscall | × strace -f | command wall | tracer CPU | max RSS | calls printed | lost |\n")
	b.WriteString("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, r := range rows {
		if !r.ran() {
			b.WriteString("| " + r.tool + " | 0 | " + r.notRun() + " | | | | | | | | | |\n")
			continue
		}
		run := r.run()
		printed := "–"
		if n := r.printed(); n >= 0 {
			printed = strconv.FormatInt(n, 10) + " of " + strconv.FormatInt(w.want, 10)
		}
		lost := "–"
		if n := r.lost(); n >= 0 {
			lost = strconv.FormatInt(n, 10)
		}
		cpu, rss := "–", "–"
		if r.tool != "untraced" {
			cpu, rss = ms(r.tracerCPU()), mib(r.maxRSS())
		}
		aboveFloor := "–"
		if r.tool == floorTool || strings.HasPrefix(r.tool, "gotrace ") {
			aboveFloor = addedNs(run, floor, w.syscalls)
		}
		cells := []string{
			r.tool,
			strconv.Itoa(len(r.runs)),
			ms(run),
			ratio(run, base),
			aboveFloor,
			addedNs(run, base, w.syscalls),
			ratio(run, strace),
			ms(median(r.runs, func(s sample) time.Duration { return s.wall })),
			cpu,
			rss,
			printed,
			lost,
		}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
	return b.String()
}

// cell makes text safe in a markdown table cell.
func cell(s string) string {
	return strings.NewReplacer("|", "/", "\n", " ").Replace(s)
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 1, 64) + " ms"
}

func mib(kib int64) string {
	return strconv.FormatFloat(float64(kib)/1024, 'f', 1, 64) + " MiB"
}

func ratio(d, ref time.Duration) string {
	if ref <= 0 {
		return "–"
	}
	return strconv.FormatFloat(float64(d)/float64(ref), 'f', 2, 64) + "×"
}

func addedNs(d, base time.Duration, syscalls int) string {
	if base <= 0 || syscalls <= 0 {
		return "–"
	}
	return strconv.FormatInt(int64(d-base)/int64(syscalls), 10)
}
