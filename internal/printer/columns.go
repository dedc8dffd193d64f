package printer

import (
	"fmt"
	"strings"
)

// SummaryColumn is a column of the -c table (-U).
type SummaryColumn uint8

// The -c columns gotrace counts. strace's min-time and max-time need
// per-call extremes, which the kernel does not keep.
const (
	ColTimePercent SummaryColumn = iota
	ColTotalTime
	ColAvgTime
	ColCalls
	ColErrors
	ColName
	numColumns
)

var columnTitles = [numColumns]string{"% time", "seconds", "usecs/call", "calls", "errors", "syscall"}

// DefaultSummaryColumns are strace's columns without -U.
var DefaultSummaryColumns = []SummaryColumn{ColTimePercent, ColTotalTime, ColAvgTime, ColCalls, ColErrors, ColName}

// columnNames are the names -U accepts, with strace's aliases.
var columnNames = map[string]SummaryColumn{
	"time": ColTimePercent, "time_percent": ColTimePercent, "time-percent": ColTimePercent,
	"time_total": ColTotalTime, "time-total": ColTotalTime, "total_time": ColTotalTime, "total-time": ColTotalTime,
	"avg_time": ColAvgTime, "avg-time": ColAvgTime, "time_avg": ColAvgTime, "time-avg": ColAvgTime,
	"calls": ColCalls, "count": ColCalls,
	"error": ColErrors, "errors": ColErrors,
	"name": ColName, "syscall": ColName, "syscall_name": ColName, "syscall-name": ColName,
}

// minMaxColumns are strace's names of the shortest and longest call's
// time, which the kernel does not keep.
var minMaxColumns = map[string]bool{
	"min_time": true, "min-time": true, "shortest": true, "time_min": true, "time-min": true,
	"max_time": true, "max-time": true, "longest": true, "time_max": true, "time-max": true,
}

// ParseSummaryColumns reads -U COLUMNS as strace does: names separated by
// commas, each once; the syscall name is always shown, last if not given.
func ParseSummaryColumns(s string) ([]SummaryColumn, error) {
	var cols []SummaryColumn
	seen := map[SummaryColumn]bool{}
	for name := range strings.SplitSeq(s, ",") {
		if minMaxColumns[name] {
			return nil, fmt.Errorf("call summary column '%s' is not available: gotrace counts totals, not each call's time", name)
		}
		c, ok := columnNames[name]
		if !ok {
			return nil, fmt.Errorf("unknown column name: '%s'", name)
		}
		if seen[c] {
			return nil, fmt.Errorf("call summary column has been provided more than once: '%s'", name)
		}
		seen[c] = true
		cols = append(cols, c)
	}
	if !seen[ColName] {
		cols = append(cols, ColName)
	}
	return cols, nil
}
