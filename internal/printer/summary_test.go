package printer

import (
	"bytes"
	"testing"

	"github.com/gotrace/gotrace/internal/format"
	"github.com/gotrace/gotrace/internal/latency"
)

func TestWriteSummary(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	p := New(&out, Options{})
	rows := []latency.Row{
		{Nr: nrRead, Calls: 4, Nanoseconds: 30000},
		{Nr: nrClose, Calls: 2, Nanoseconds: 10000},
		{Nr: nrOpenat, Calls: 3, Errors: 1, Nanoseconds: 60000},
		{Nr: nrWrite},
	}
	if err := p.WriteSummary(&latency.Summary{Rows: rows}, byTime); err != nil {
		t.Fatal(err)
	}
	check(t, out.String(), `% time     seconds  usecs/call     calls    errors syscall
------ ----------- ----------- --------- --------- ----------------
 60.00    0.000060          20         3         1 openat
 30.00    0.000030           7         4           read
 10.00    0.000010           5         2           close
------ ----------- ----------- --------- --------- ----------------
100.00    0.000100          11         9         1 total
`)
}

// hist counts the latencies given.
func hist(ns ...uint64) *latency.Histogram {
	h := new(latency.Histogram)
	for _, v := range ns {
		h.Add(v)
	}
	return h
}

func TestWriteSummaryLatencies(t *testing.T) {
	var out bytes.Buffer
	cols, err := ParseSummaryColumns("min-time,max-time,avg-time,wall-total,wall-min,wall-max,wall-avg,p50,p90,p99,p99.9,calls")
	if err != nil {
		t.Fatal(err)
	}
	p := New(&out, Options{Options: format.Options{Histograms: func(nr int) bool { return nr == nrRead }}, SummaryColumns: cols})
	var reads []uint64
	for i := range uint64(1000) {
		reads = append(reads, 1_000_000+i*100) // 1 ms to 1.1 ms
	}
	reads[999] = 12_500_000_000 // and one of 12.5 s
	var sum uint64
	for _, v := range reads {
		sum += v
	}
	rows := []latency.Row{
		{Nr: nrRead, Calls: 1000, Nanoseconds: sum, Min: 1_000_000, Max: 12_500_000_000, Hist: hist(reads...)},
		{Nr: nrClose, Calls: 2, Nanoseconds: 3000, Min: 1000, Max: 2000, Hist: hist(1000, 2000)},
	}
	if err := p.WriteSummary(&latency.Summary{Rows: rows, Title: "--- total ---"}, columnSorts[ColMaxTime]); err != nil {
		t.Fatal(err)
	}
	// read's p50 is 1.0499 ms, p90 1.0899 ms, p99 1.0989 ms, p99.9 1.0998
	// ms: all in the bucket [1048576, 1114111] ns, whose middle is within
	// 1/32 of each
	check(t, out.String(), `--- total ---
shortest   longest  usecs/call  wall-total wall-min  wall-max    wall-avg      p50      p90      p99    p99.9     calls syscall
-------- --------- ----------- ----------- -------- --------- ----------- -------- -------- -------- -------- --------- ----------------
0.001000 12.500000       13548   13.548850 0.001000 12.500000       13548 0.001081 0.001081 0.001081 0.001081      1000 read
0.000001  0.000002           1    0.000003 0.000001  0.000002           1 0.000001 0.000002 0.000002 0.000002         2 close
-------- --------- ----------- ----------- -------- --------- ----------- -------- -------- -------- -------- --------- ----------------
0.000001 12.500000       13521   13.548853 0.000001 12.500000       13521 0.001081 0.001081 0.001081 0.001081      1002 total

@ns[read]:
[512K, 1M)           486 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@   |
[1M, 2M)             513 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
[2M, 4M)               0 |                                                    |
[4M, 8M)               0 |                                                    |
[8M, 16M)              0 |                                                    |
[16M, 32M)             0 |                                                    |
[32M, 64M)             0 |                                                    |
[64M, 128M)            0 |                                                    |
[128M, 256M)           0 |                                                    |
[256M, 512M)           0 |                                                    |
[512M, 1G)             0 |                                                    |
[1G, 2G)               0 |                                                    |
[2G, 4G)               0 |                                                    |
[4G, 8G)               0 |                                                    |
[8G, 16G)              1 |                                                    |

`)
}

// A table of no calls (an idle interval) keeps its columns' widths.
func TestWriteSummaryEmpty(t *testing.T) {
	var out bytes.Buffer
	cols, _ := ParseSummaryColumns("calls,p50,p99.9,max-time")
	p := New(&out, Options{SummaryColumns: cols})
	if err := p.WriteSummary(&latency.Summary{Title: "--- idle ---"}, byTime); err != nil {
		t.Fatal(err)
	}
	check(t, out.String(), `--- idle ---
    calls      p50    p99.9  longest syscall
--------- -------- -------- -------- ----------------
--------- -------- -------- -------- ----------------
        0 0.000000 0.000000 0.000000 total
`)
}

func TestSortKey(t *testing.T) {
	t.Parallel()
	for _, k := range []string{"time", "total_time", "calls", "count", "errors", "name", "syscall", "nothing", "none",
		"min-time", "shortest", "longest", "avg_time", "wall-total", "wall_max", "p99", "p99.9"} {
		if _, err := SortKey(k); err != nil {
			t.Errorf("-S %s: %v", k, err)
		}
	}
	if _, err := SortKey("bogus"); err == nil || err.Error() != "invalid sortby: 'bogus'" {
		t.Errorf("-S bogus: %v", err)
	}
}

func TestParseSummaryColumns(t *testing.T) {
	for s, want := range map[string]string{
		"calls,bogus":       "unknown column name: 'bogus'",
		"p99,p99":           "call summary column has been provided more than once: 'p99'",
		"shortest,min-time": "call summary column has been provided more than once: 'min-time'",
		"p95":               "unknown column name: 'p95'",
		"":                  "unknown column name: ''",
	} {
		if _, err := ParseSummaryColumns(s); err == nil || err.Error() != want {
			t.Errorf("-U %q: %v, want %q", s, err, want)
		}
	}
	cols, err := ParseSummaryColumns("p50,wall-avg")
	if err != nil || len(cols) != 3 || cols[0] != ColP50 || cols[1] != ColWallAvg || cols[2] != ColName {
		t.Errorf("-U p50,wall-avg: %v %v", cols, err)
	}
}
