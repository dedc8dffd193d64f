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

// SortKeys are the -S values strace accepts.
var SortKeys = map[string]func(a, b SummaryRow) int{
	"time":    byTime,
	"calls":   func(a, b SummaryRow) int { return -cmpU(a.Calls, b.Calls) },
	"errors":  func(a, b SummaryRow) int { return -cmpU(a.Errors, b.Errors) },
	"name":    func(a, b SummaryRow) int { return strings.Compare(syscallName(int64(a.Nr)), syscallName(int64(b.Nr))) },
	"nothing": func(a, b SummaryRow) int { return 0 },
}

func byTime(a, b SummaryRow) int { return -cmpU(a.Nanoseconds, b.Nanoseconds) }

func cmpU(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// SortKey resolves a -S value, with strace's aliases.
func SortKey(name string) (func(a, b SummaryRow) int, error) {
	switch name {
	case "time_total", "total_time":
		name = "time"
	case "count":
		name = "calls"
	case "error":
		name = "errors"
	case "syscall", "syscall_name":
		name = "name"
	case "none":
		name = "nothing"
	}
	if f, ok := SortKeys[name]; ok {
		return f, nil
	}
	return nil, fmt.Errorf("invalid sortby: '%s'", name)
}

// WriteSummary writes strace's -c table: one row per syscall made, sorted
// by sortBy (stable, so ties stay in syscall number order), and the total.
func (p *Printer) WriteSummary(rows []SummaryRow, sortBy func(a, b SummaryRow) int) error {
	p.closeLine()
	rows = slices.DeleteFunc(slices.Clone(rows), func(r SummaryRow) bool { return r.Calls == 0 })
	slices.SortStableFunc(rows, sortBy)
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
	secWidth := max(11, len(strconv.FormatFloat(totalSec, 'f', 6, 64)))
	avgWidth := max(11, len(strconv.FormatUint(maxAvg, 10)))
	callsWidth := max(9, len(strconv.FormatUint(total.Calls, 10)))
	errWidth := max(9, len(strconv.FormatUint(total.Errors, 10)))

	fmt.Fprintf(p.w, "%6s %*s %*s %*s %*s %s\n", "% time", secWidth, "seconds", avgWidth, "usecs/call",
		callsWidth, "calls", errWidth, "errors", "syscall")
	dashes := fmt.Sprintf("%s %s %s %s %s %s\n", strings.Repeat("-", 6), strings.Repeat("-", secWidth),
		strings.Repeat("-", avgWidth), strings.Repeat("-", callsWidth), strings.Repeat("-", errWidth),
		strings.Repeat("-", nameWidth))
	p.w.WriteString(dashes)
	row := func(pct float64, r SummaryRow, name string) {
		sec := float64(r.Nanoseconds) / 1e9
		var avg uint64
		if r.Calls > 0 {
			avg = uint64(sec / float64(r.Calls) * 1e6)
		}
		errs := ""
		if r.Errors > 0 {
			errs = strconv.FormatUint(r.Errors, 10)
		}
		fmt.Fprintf(p.w, "%6.2f %*.6f %*d %*d %*s %s\n", pct, secWidth, sec, avgWidth, avg,
			callsWidth, r.Calls, errWidth, errs, name)
	}
	for _, r := range rows {
		var pct float64
		if r.Nanoseconds > 0 {
			pct = 100 * float64(r.Nanoseconds) / float64(total.Nanoseconds)
		}
		row(pct, r, syscallName(int64(r.Nr)))
	}
	p.w.WriteString(dashes)
	row(100, total, "total")
	return p.w.Flush()
}
