package printer

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// SummaryRow is what was counted for one syscall, for -c and -C.
type SummaryRow struct {
	Nr          int
	Calls       uint64
	Errors      uint64
	Nanoseconds uint64 // time between entry and exit, summed
}

// sortKeys are the orders of -S, by the column named.
var sortKeys = [numColumns]func(a, b SummaryRow) int{
	ColTimePercent: byTime,
	ColTotalTime:   byTime,
	ColAvgTime:     byAvg,
	ColCalls:       func(a, b SummaryRow) int { return -cmpU(a.Calls, b.Calls) },
	ColErrors:      func(a, b SummaryRow) int { return -cmpU(a.Errors, b.Errors) },
	ColName:        func(a, b SummaryRow) int { return strings.Compare(syscallName(int64(a.Nr)), syscallName(int64(b.Nr))) },
}

func byTime(a, b SummaryRow) int { return -cmpU(a.Nanoseconds, b.Nanoseconds) }

func byAvg(a, b SummaryRow) int { return -cmpU(avgNs(a), avgNs(b)) }

func avgNs(r SummaryRow) uint64 {
	if r.Calls == 0 {
		return 0
	}
	return r.Nanoseconds / r.Calls
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

// SortKey resolves a -S value: any of strace's column names (-U's), or
// none/nothing. The kernel keeps totals, not each call's time: strace's
// min-time and max-time sort by the average.
func SortKey(name string) (func(a, b SummaryRow) int, error) {
	switch {
	case name == "none" || name == "nothing":
		return func(a, b SummaryRow) int { return 0 }, nil
	case minMaxColumns[name]:
		return byAvg, nil
	}
	if c, ok := columnNames[name]; ok {
		return sortKeys[c], nil
	}
	return nil, fmt.Errorf("invalid sortby: '%s'", name)
}

// WriteSummary writes strace's -c table: one row per syscall made, sorted
// by sortBy (stable, so ties stay in syscall number order), and the total,
// with the columns of Options.SummaryColumns (-U).
func (p *Printer) WriteSummary(rows []SummaryRow, sortBy func(a, b SummaryRow) int) error {
	p.closeLine()
	rows = slices.DeleteFunc(slices.Clone(rows), func(r SummaryRow) bool { return r.Calls == 0 })
	slices.SortStableFunc(rows, sortBy)
	cols := p.opt.SummaryColumns
	if len(cols) == 0 {
		cols = DefaultSummaryColumns
	}
	var total SummaryRow
	nameWidth := 16
	var maxAvg uint64
	for _, r := range rows {
		total.Calls += r.Calls
		total.Errors += r.Errors
		total.Nanoseconds += r.Nanoseconds
		nameWidth = max(nameWidth, len(syscallName(int64(r.Nr)))+1)
		maxAvg = max(maxAvg, r.Nanoseconds/r.Calls/1000)
	}
	totalSec := float64(total.Nanoseconds) / 1e9
	widths := [numColumns]int{
		ColTimePercent: 6,
		ColTotalTime:   max(11, len(strconv.FormatFloat(totalSec, 'f', 6, 64))),
		ColAvgTime:     max(11, len(strconv.FormatUint(maxAvg, 10))),
		ColCalls:       max(9, len(strconv.FormatUint(total.Calls, 10))),
		ColErrors:      max(9, len(strconv.FormatUint(total.Errors, 10))),
		ColName:        nameWidth,
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
	row := func(pct float64, r SummaryRow, name string) {
		sec := float64(r.Nanoseconds) / 1e9
		for i, c := range cols {
			if i > 0 {
				p.w.WriteByte(' ')
			}
			switch c {
			case ColTimePercent:
				fmt.Fprintf(p.w, "%*.2f", widths[c], pct)
			case ColTotalTime:
				fmt.Fprintf(p.w, "%*.6f", widths[c], sec)
			case ColAvgTime:
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
	for _, r := range rows {
		var pct float64
		if r.Nanoseconds > 0 {
			pct = 100 * float64(r.Nanoseconds) / float64(total.Nanoseconds)
		}
		row(pct, r, syscallName(int64(r.Nr)))
	}
	dashes()
	row(100, total, "total")
	return p.w.Flush()
}
