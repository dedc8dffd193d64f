package printer

import (
	"fmt"
	"strings"
)

// SummaryColumn is a column of the -c table (-U).
type SummaryColumn uint8

// The -c columns: strace's (7.1's wall-* included), and percentiles. The
// kernel measures each call from entry to exit, so the wall-* columns are
// the same times as the others, as with strace -w.
const (
	ColTimePercent SummaryColumn = iota
	ColTotalTime
	ColMinTime
	ColMaxTime
	ColAvgTime
	ColCalls
	ColErrors
	ColName
	ColWallTotal
	ColWallMin
	ColWallMax
	ColWallAvg
	ColP50
	ColP90
	ColP99
	ColP999
	numColumns
)

var columnTitles = [numColumns]string{
	"% time", "seconds", "shortest", "longest", "usecs/call", "calls", "errors", "syscall",
	"wall-total", "wall-min", "wall-max", "wall-avg", "p50", "p90", "p99", "p99.9",
}

// columnPercentiles are the percentile columns' percentiles, in
// thousandths of a percent (latency.Histogram.Percentile).
var columnPercentiles = map[SummaryColumn]uint64{ColP50: 50000, ColP90: 90000, ColP99: 99000, ColP999: 99900}

// DefaultSummaryColumns are strace's columns without -U.
var DefaultSummaryColumns = []SummaryColumn{ColTimePercent, ColTotalTime, ColAvgTime, ColCalls, ColErrors, ColName}

// columnNames are the names -U and -S accept, with strace's aliases.
var columnNames = map[string]SummaryColumn{
	"time": ColTimePercent, "time_percent": ColTimePercent, "time-percent": ColTimePercent,
	"time_total": ColTotalTime, "time-total": ColTotalTime, "total_time": ColTotalTime, "total-time": ColTotalTime,
	"min_time": ColMinTime, "min-time": ColMinTime, "shortest": ColMinTime, "time_min": ColMinTime, "time-min": ColMinTime,
	"max_time": ColMaxTime, "max-time": ColMaxTime, "longest": ColMaxTime, "time_max": ColMaxTime, "time-max": ColMaxTime,
	"avg_time": ColAvgTime, "avg-time": ColAvgTime, "time_avg": ColAvgTime, "time-avg": ColAvgTime,
	"calls": ColCalls, "count": ColCalls,
	"error": ColErrors, "errors": ColErrors,
	"name": ColName, "syscall": ColName, "syscall_name": ColName, "syscall-name": ColName,
	"wall_total": ColWallTotal, "wall-total": ColWallTotal, "total_wall": ColWallTotal, "total-wall": ColWallTotal,
	"wall_min": ColWallMin, "wall-min": ColWallMin, "min_wall": ColWallMin, "min-wall": ColWallMin,
	"wall_max": ColWallMax, "wall-max": ColWallMax, "max_wall": ColWallMax, "max-wall": ColWallMax,
	"wall_avg": ColWallAvg, "wall-avg": ColWallAvg, "avg_wall": ColWallAvg, "avg-wall": ColWallAvg,
	"p50": ColP50, "p90": ColP90, "p99": ColP99, "p99.9": ColP999,
}

// ParseSummaryColumns reads -U COLUMNS as strace does: names separated by
// commas, each once; the syscall name is always shown, last if not given.
func ParseSummaryColumns(s string) ([]SummaryColumn, error) {
	var cols []SummaryColumn
	seen := map[SummaryColumn]bool{}
	for name := range strings.SplitSeq(s, ",") {
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
