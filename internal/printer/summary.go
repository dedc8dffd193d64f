package printer

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/gotrace/gotrace/internal/latency"
	"github.com/gotrace/gotrace/internal/syscalltbl"
)

// columnSorts sort by a column, largest first (names alphabetically).
var columnSorts = [numColumns]func(a, b latency.Row) int{
	ColTimePercent: byTime,
	ColTotalTime:   byTime,
	ColWallTotal:   byTime,
	ColMinTime:     func(a, b latency.Row) int { return -cmpU(a.Min, b.Min) },
	ColWallMin:     func(a, b latency.Row) int { return -cmpU(a.Min, b.Min) },
	ColMaxTime:     func(a, b latency.Row) int { return -cmpU(a.Max, b.Max) },
	ColWallMax:     func(a, b latency.Row) int { return -cmpU(a.Max, b.Max) },
	ColAvgTime:     func(a, b latency.Row) int { return -cmpU(a.Avg(), b.Avg()) },
	ColWallAvg:     func(a, b latency.Row) int { return -cmpU(a.Avg(), b.Avg()) },
	ColCalls:       func(a, b latency.Row) int { return -cmpU(a.Calls, b.Calls) },
	ColErrors:      func(a, b latency.Row) int { return -cmpU(a.Errors, b.Errors) },
	ColName:        func(a, b latency.Row) int { return strings.Compare(syscalltbl.Name(a.Nr), syscalltbl.Name(b.Nr)) },
	ColP50:         byPercentile(columnPercentiles[ColP50]),
	ColP90:         byPercentile(columnPercentiles[ColP90]),
	ColP99:         byPercentile(columnPercentiles[ColP99]),
	ColP999:        byPercentile(columnPercentiles[ColP999]),
}

func byTime(a, b latency.Row) int { return -cmpU(a.Nanoseconds, b.Nanoseconds) }

func byPercentile(p uint64) func(a, b latency.Row) int {
	return func(a, b latency.Row) int { return -cmpU(a.Percentile(p), b.Percentile(p)) }
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

// SortKey resolves a -S value: any column name -U accepts, as strace's,
// or nothing (none) to keep syscall number order.
func SortKey(name string) (func(a, b latency.Row) int, error) {
	if name == "nothing" || name == "none" {
		return func(a, b latency.Row) int { return 0 }, nil
	}
	if c, ok := columnNames[name]; ok {
		return columnSorts[c], nil
	}
	return nil, fmt.Errorf("invalid sortby: '%s'", name)
}

// secWidth is the width strace gives a column of seconds whose largest
// value is ns: its whole seconds and six decimals.
func secWidth(ns uint64) int {
	return len(strconv.FormatUint(ns/1e9, 10)) + 7
}

// WriteSummary writes strace's -c table: one row per syscall made, sorted
// by sortBy (stable, so ties stay in syscall number order), and the total,
// with the columns of Options.SummaryColumns (-U); then the histograms of
// the syscalls Options.Histograms names.
func (p *Printer) WriteSummary(s *latency.Summary, sortBy func(a, b latency.Row) int) error {
	p.closeLine()
	rows := slices.DeleteFunc(slices.Clone(s.Rows), func(r latency.Row) bool { return r.Calls == 0 })
	slices.SortStableFunc(rows, sortBy)
	cols := p.opt.SummaryColumns
	if len(cols) == 0 {
		cols = DefaultSummaryColumns
	}
	total := latency.Row{Min: ^uint64(0), Hist: new(latency.Histogram)}
	nameWidth := 16
	var maxAvg, maxMin uint64
	maxPct := map[SummaryColumn]uint64{ColP50: 0, ColP90: 0, ColP99: 0, ColP999: 0}
	for _, r := range rows {
		total.Calls += r.Calls
		total.Errors += r.Errors
		total.Nanoseconds += r.Nanoseconds
		total.Min = min(total.Min, r.Min)
		total.Max = max(total.Max, r.Max)
		if r.Hist != nil {
			total.Hist.Merge(r.Hist)
		}
		nameWidth = max(nameWidth, len(syscalltbl.Name(r.Nr))+1)
		maxAvg = max(maxAvg, r.Avg()/1000)
		maxMin = max(maxMin, r.Min)
		for c, pc := range columnPercentiles {
			maxPct[c] = max(maxPct[c], r.Percentile(pc))
		}
	}
	if len(rows) == 0 {
		total.Min = 0
	}
	totalSec := float64(total.Nanoseconds) / 1e9
	widths := [numColumns]int{
		ColTimePercent: 6,
		ColTotalTime:   max(11, len(strconv.FormatFloat(totalSec, 'f', 6, 64))),
		ColMinTime:     max(8, secWidth(maxMin)),
		ColMaxTime:     max(7, secWidth(total.Max)),
		ColAvgTime:     max(11, len(strconv.FormatUint(maxAvg, 10))),
		ColCalls:       max(9, len(strconv.FormatUint(total.Calls, 10))),
		ColErrors:      max(9, len(strconv.FormatUint(total.Errors, 10))),
		ColName:        nameWidth,
		ColWallTotal:   max(11, len(strconv.FormatFloat(totalSec, 'f', 6, 64))),
		ColWallMin:     max(8, secWidth(maxMin)),
		ColWallMax:     max(8, secWidth(total.Max)),
		ColWallAvg:     max(11, len(strconv.FormatUint(maxAvg, 10))),
	}
	for c, m := range maxPct {
		widths[c] = max(8, secWidth(m))
	}
	if s.Title != "" {
		p.w.WriteString(s.Title)
		p.w.WriteByte('\n')
	}
	last := len(cols) - 1
	for i, c := range cols {
		if i > 0 {
			p.w.WriteByte(' ')
		}
		switch {
		case c == ColName && i == last:
			p.w.WriteString(columnTitles[c])
		case c == ColName:
			fmt.Fprintf(p.w, "%-*s", widths[c], columnTitles[c])
		default:
			fmt.Fprintf(p.w, "%*s", widths[c], columnTitles[c])
		}
	}
	p.w.WriteByte('\n')
	dashes := func() {
		for i, c := range cols {
			if i > 0 {
				p.w.WriteByte(' ')
			}
			p.w.WriteString(strings.Repeat("-", widths[c]))
		}
		p.w.WriteByte('\n')
	}
	dashes()
	row := func(pct float64, r *latency.Row, name string) {
		sec := float64(r.Nanoseconds) / 1e9
		for i, c := range cols {
			if i > 0 {
				p.w.WriteByte(' ')
			}
			switch c {
			case ColTimePercent:
				fmt.Fprintf(p.w, "%*.2f", widths[c], pct)
			case ColTotalTime, ColWallTotal:
				fmt.Fprintf(p.w, "%*.6f", widths[c], sec)
			case ColMinTime, ColWallMin:
				fmt.Fprintf(p.w, "%*.6f", widths[c], float64(r.Min)/1e9)
			case ColMaxTime, ColWallMax:
				fmt.Fprintf(p.w, "%*.6f", widths[c], float64(r.Max)/1e9)
			case ColP50, ColP90, ColP99, ColP999:
				fmt.Fprintf(p.w, "%*.6f", widths[c], float64(r.Percentile(columnPercentiles[c]))/1e9)
			case ColAvgTime, ColWallAvg:
				var avg uint64
				if r.Calls > 0 {
					avg = uint64(sec / float64(r.Calls) * 1e6)
				}
				fmt.Fprintf(p.w, "%*d", widths[c], avg)
			case ColCalls:
				fmt.Fprintf(p.w, "%*d", widths[c], r.Calls)
			case ColErrors:
				errs := ""
				if r.Errors > 0 {
					errs = strconv.FormatUint(r.Errors, 10)
				}
				fmt.Fprintf(p.w, "%*s", widths[c], errs)
			case ColName:
				if i == last {
					p.w.WriteString(name)
				} else {
					fmt.Fprintf(p.w, "%-*s", widths[c], name)
				}
			}
		}
		p.w.WriteByte('\n')
	}
	for i := range rows {
		var pct float64
		if rows[i].Nanoseconds > 0 {
			pct = 100 * float64(rows[i].Nanoseconds) / float64(total.Nanoseconds)
		}
		row(pct, &rows[i], syscalltbl.Name(rows[i].Nr))
	}
	dashes()
	row(100, &total, "total")
	if p.opt.Histograms != nil {
		// a blank line, then each histogram ends with one
		sep := false
		for i := range rows {
			r := &rows[i]
			if r.Hist == nil || !p.opt.Histograms(r.Nr) {
				continue
			}
			if !sep {
				p.w.WriteByte('\n')
				sep = true
			}
			if err := latency.WriteHist(p.w, "ns["+syscalltbl.Name(r.Nr)+"]", r.Hist); err != nil {
				return err
			}
		}
	}
	return p.w.Flush()
}
