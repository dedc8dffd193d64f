package main

import (
	"strings"
	"testing"
	"time"

	"github.com/gotrace/gotrace/bpf"
)

func TestParseResult(t *testing.T) {
	r, err := parseResult([]byte("1500000000 200000000 300000000 2048 0\n"))
	if err != nil {
		t.Fatal(err)
	}
	if r.wall != 1500*time.Millisecond || r.cpu != 500*time.Millisecond || r.maxRSS != 2048 {
		t.Errorf("got %+v", r)
	}
	for _, bad := range []string{"", "1 2 3 4", "1 2 x 4 0", "1 2 3 4 256"} {
		if _, err := parseResult([]byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestPrintsCall(t *testing.T) {
	getppid := call{name: "getppid", nr: 110, fd: -1}
	read0 := call{name: "read", nr: 0, fd: 0}
	write1 := call{name: "write", nr: 1, fd: 1}
	for _, tc := range []struct {
		f    format
		line string
		c    call
		want bool
	}{
		{straceFmt, `getppid()                               = 4242`, getppid, true},
		{straceFmt, `[pid  4243] getppid( <unfinished ...>`, getppid, true},
		{straceFmt, `4243  <... getppid resumed>)          = 4242`, getppid, false},
		{straceFmt, `4244 write(1, "\0", 1)                = 1`, write1, true},
		{straceFmt, `4244 write(10, "\0", 1)               = 1`, write1, false},
		{straceFmt, `4244 write(2, "1+0 records in\n", 15) = 15`, write1, false},
		{straceFmt, `4244 pwrite64(1, "\0", 1, 0)          = 1`, write1, false},
		{straceFmt, `4244 read(0, "\0", 1)                 = 1`, read0, true},
		{straceFmt, `4244 read(3, "\177ELF", 832)          = 832`, read0, false},
		{perfFmt, `  33.421 ( 0.010 ms): loop/1090 getppid()          = 1089`, getppid, true},
		{perfFmt, `  33.421 ( 0.010 ms): loop/1091  ... [continued]: getppid()) = 1089`, getppid, false},
		{perfFmt, `  10.459 ( 0.009 ms): dd/12667 write(fd: 1</dev/null>, buf: 0x5, count: 1) = 1`, write1, true},
		{perfFmt, `  10.459 ( 0.009 ms): dd/12667 write(fd: 1, buf: 0x5, count: 1) = 1`, write1, true},
		{perfFmt, `  10.735 ( 0.009 ms): dd/12667 write(fd: 2</dev/null>, buf: 0x7, count: 31) = 31`, write1, false},
		{perfFmt, `  10.418 ( 0.020 ms): dd/12667 read(buf: 0x562f7087c000, count: 1) = 1`, read0, true},
		{perfFmt, `  10.418 ( 0.020 ms): dd/12667 read(fd: 3</usr/lib/libc.so.6>, buf: 0x5, count: 832) = 832`, read0, false},
		{bpftraceFmt, `27839 110 94166283341392`, getppid, true},
		{bpftraceFmt, `27839 1 1`, write1, true},
		{bpftraceFmt, `27839 1 2`, write1, false},
		{bpftraceFmt, `27839 0 0`, read0, true},
		{bpftraceFmt, `Attaching 1 probe...`, getppid, false},
		{noTrace, `getppid() = 1`, getppid, false},
	} {
		if got := printsCall(tc.f, []byte(tc.line), tc.c); got != tc.want {
			t.Errorf("format %d, %s in %q: got %v", tc.f, tc.c.name, tc.line, got)
		}
	}
}

func TestScanTrace(t *testing.T) {
	trace := "Attaching 1 probe...\n5 110 1\n5 110 1\n5 39 0\n6 110 1\nLost 17 events\n"
	c, err := scanTrace(strings.NewReader(trace), bpftraceFmt, []call{{name: "getppid", nr: 110, fd: -1}}, true)
	if err != nil {
		t.Fatal(err)
	}
	if c != (traceCount{printed: 3, lost: 17}) {
		t.Errorf("got %+v", c)
	}
	dd := "9 read(0, \"\\0\", 1) = 1\n9 write(1, \"\\0\", 1) = 1\n9 write(2, \"x\", 1) = 1\n"
	c, err = scanTrace(strings.NewReader(dd), straceFmt, []call{{name: "read", fd: 0}, {name: "write", nr: 1, fd: 1}}, false)
	if err != nil {
		t.Fatal(err)
	}
	if c != (traceCount{printed: 2}) {
		t.Errorf("got %+v", c)
	}
}

func TestSumLost(t *testing.T) {
	for _, tc := range []struct {
		out  string
		want int64
	}{
		{"gotrace: Process 42 attached\ngotrace: 12 events lost (the ring buffer was full)\n", 12},
		{"gotrace: Process 42 attached\n", 0},
		{"LOST 4 events!\nsomething\nLOST 5 events!\n", 9},
		{"Lost 3915 events\n", 3915},
	} {
		if got := sumLost([]byte(tc.out)); got != tc.want {
			t.Errorf("%q: got %d, want %d", tc.out, got, tc.want)
		}
	}
}

func TestMedian(t *testing.T) {
	runs := func(ds ...time.Duration) []sample {
		s := make([]sample, len(ds))
		for i, d := range ds {
			s[i].run = d
		}
		return s
	}
	for _, tc := range []struct {
		runs []sample
		want time.Duration
	}{
		{runs(5), 5},
		{runs(9, 1, 5), 5},
		{runs(9, 1, 5, 7), 5}, // the lower middle: a measured value
		{runs(3, 3, 1, 8, 2), 3},
	} {
		if got := median(tc.runs, func(s sample) time.Duration { return s.run }); got != tc.want {
			t.Errorf("median of %v: got %v, want %v", tc.runs, got, tc.want)
		}
	}
}

func TestTable(t *testing.T) {
	w := workload{name: "W1", syscalls: 1000, want: 1000}
	rows := []row{
		{tool: "untraced", runs: []sample{{run: 2 * time.Millisecond, wall: 3 * time.Millisecond, printed: -1, lost: -1}}},
		{tool: "gotrace -f", runs: []sample{
			{run: 3 * time.Millisecond, wall: 300 * time.Millisecond, cpuTotal: 100 * time.Millisecond, cpuWork: 4 * time.Millisecond, maxRSS: 20480, printed: 1000, lost: 0},
			{run: 5 * time.Millisecond, wall: 400 * time.Millisecond, cpuTotal: 120 * time.Millisecond, cpuWork: 4 * time.Millisecond, maxRSS: 30720, printed: 998, lost: 2},
			{run: 4 * time.Millisecond, wall: 350 * time.Millisecond, cpuTotal: 110 * time.Millisecond, cpuWork: 4 * time.Millisecond, maxRSS: 25600, printed: 1000, lost: 0},
		}},
		{tool: floorTool, runs: []sample{{run: 2500 * time.Microsecond, wall: 250 * time.Millisecond, cpuTotal: 90 * time.Millisecond, cpuWork: 3 * time.Millisecond, maxRSS: 20480, printed: -1, lost: 0}}},
		{tool: "strace -f", runs: []sample{{run: 80 * time.Millisecond, wall: 81 * time.Millisecond, cpuTotal: 50 * time.Millisecond, cpuWork: 60 * time.Millisecond, maxRSS: 3072, printed: 1000, lost: -1}}},
		{tool: "perf trace", failure: "not installed: no apt-get | none"},
	}
	want := `| tool | runs | run time | × untraced | added ns/syscall above the floor | added ns/syscall | × strace -f | command wall | tracer CPU | max RSS | calls printed | lost |
|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|
| untraced | 1 | 2.0 ms | 1.00× | – | 0 | 0.03× | 3.0 ms | – | – | – | – |
| gotrace -f | 3 | 4.0 ms | 2.00× | 1500 | 2000 | 0.05× | 350.0 ms | 106.0 ms | 25.0 MiB | 998 of 1000 | 2 |
| floor: gotrace -f, empty syscall programs | 1 | 2.5 ms | 1.25× | 0 | 500 | 0.03× | 250.0 ms | 87.0 ms | 20.0 MiB | – | 0 |
| strace -f | 1 | 80.0 ms | 40.00× | – | 78000 | 1.00× | 81.0 ms | 50.0 ms | 3.0 MiB | 1000 of 1000 | – |
| perf trace | 0 | not run: not installed: no apt-get / none | | | | | | | | | |
`
	if got := table(w, rows); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestPageWithoutFigures checks that a run where every tool failed still
// makes a page, saying why, without a panic.
func TestPageWithoutFigures(t *testing.T) {
	ws := define("/nonexistent/getppid_loop", 1)
	results := make([][]row, len(ws))
	for wi := range ws {
		results[wi] = []row{{tool: "untraced", failure: "untraced: exit status 1: boom"}, {tool: "gotrace -f"}}
	}
	bystanders := []row{{tool: "alone", failure: "x"}, {tool: "b"}, {tool: "c"}, {tool: "d"}, {tool: "e"}}
	doc := page(machine{}, options{rounds: 5, budget: time.Second}, ws, results, bystanders)
	for _, want := range []string{"## W1: 200000 getppid() calls", "not run: untraced: exit status 1: boom", "| gotrace -f | 0 | not run: no run |", "## Targets (issue 6)"} {
		if !strings.Contains(doc, want) {
			t.Errorf("page lacks %q:\n%s", want, doc)
		}
	}
	for _, unwanted := range []string{"What gotrace's cost is made of", "In this run"} {
		if strings.Contains(doc, unwanted) {
			t.Errorf("%q without figures", unwanted)
		}
	}
}

// TestPageFloor checks that the page puts gotrace's figures above the
// floor's: in the tables, the breakdown, the bystander's text and what a
// fast and a slow machine pay.
func TestPageFloor(t *testing.T) {
	ws := define("/nonexistent/getppid_loop", 1000) // 200 syscalls in W1
	run := func(name string, d time.Duration) row {
		return row{tool: name, runs: []sample{{run: d, wall: d, cpuTotal: d, cpuWork: d, printed: -1, lost: 0}}}
	}
	results := make([][]row, len(ws))
	for wi := range ws {
		results[wi] = []row{
			run("untraced", 100*time.Microsecond),
			run("gotrace -f", 200*time.Microsecond),
			run("gotrace -f -c", 160*time.Microsecond),
			run("gotrace -f -e trace=none", 150*time.Microsecond),
			run(floorTool, 140*time.Microsecond),
		}
	}
	bystanders := []row{
		run("alone", 100*time.Millisecond),
		run("next to an untraced W1", 101*time.Millisecond),
		run("next to a W1 traced by gotrace -p", 150*time.Millisecond),
		run("next to a sleep traced by gotrace -p", 122*time.Millisecond),
		run("next to a sleep traced by gotrace -p, empty syscall programs (the floor)", 120*time.Millisecond),
	}
	doc := page(machine{}, options{rounds: 1, budget: time.Second}, ws, results, bystanders)
	for _, want := range []string{
		// W1 has 200 syscalls: 60 µs above the floor's 140 is 300 ns each
		"| gotrace -f | 1 | 0.2 ms | 2.00× | 300 | 500 |",
		"| gotrace -f -e trace=none | 1 | 0.1 ms | 1.50× | 50 | 250 |",
		"| floor: gotrace -f, empty syscall programs | 1 | 0.1 ms | 1.40× | 0 | 200 |",
		"- 200 ns are the floor: two empty programs",
		"- 50 ns more with -e trace=none",
		"- 250 ns more than that for full tracing",
		"took 1.20× its time alone, against 1.22× with gotrace's real programs",
		"| an untraced W1 pays at most 10% while gotrace traces another (idle) process | 1.22× alone (see below) | **no** |",
		bpf.BenchFloorEnv + "=1",
		// in CPU time, 200 ns of floor and 300 above it on a 1 µs and a
		// 170 ns call
		"200 ns for the floor\nand 300 ns above it per getppid() call, which untraced takes 500 ns",
		"runs 1.50× untraced where a call costs 1000 ns, and 3.94× untraced where a call costs 170 ns",
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("page lacks %q:\n%s", want, doc)
		}
	}
}

func TestDefineQuick(t *testing.T) {
	ws := define("loop", 5)
	if ws[0].want != 40000 || ws[1].syscalls != 200000 || ws[1].argv[4] != "count=100000" || ws[2].want != 80000 {
		t.Errorf("quick workloads: %+v", ws)
	}
}

// A run whose CPU times put the floor below the untraced program says it
// cannot split the cost rather than print negative figures.
func TestMachineSpeedDisturbed(t *testing.T) {
	ws := define("/nonexistent/getppid_loop", 1000)
	run := func(name string, cpu time.Duration) row {
		return row{tool: name, runs: []sample{{run: cpu, wall: cpu, cpuTotal: cpu, cpuWork: cpu, printed: -1}}}
	}
	rows := []row{run("untraced", 100*time.Microsecond), run("gotrace -f", 200*time.Microsecond), run(floorTool, 90*time.Microsecond)}
	got := machineSpeed(ws[0], rows)
	if !strings.Contains(got, "too disturbed") || strings.Contains(got, "× untraced") {
		t.Errorf("a floor below the untraced run:\n%s", got)
	}
}
