package e2e

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gotrace/gotrace/internal/latency"
)

// The kernel's latency counts (-C --json --histogram) against the calls'
// own durations in the same trace, which come from the same clock
// readings: count, sum, min and max exact, the histogram's buckets exact,
// and each percentile within 1/32 of the exact nearest-rank percentile.
func TestLatencyHistogram(t *testing.T) {
	need(t)
	objs := jsonLines(t, "-C", "--histogram=nanosleep", "-e", "trace=nanosleep", "--", progs["lat_sleeps"])
	var durs []uint64
	var sum map[string]any
	for _, o := range objs {
		switch {
		case o["type"] == "syscall" && o["syscall"] == "nanosleep":
			durs = append(durs, uint64(o["duration_ns"].(float64)))
		case o["type"] == "summary":
			for _, s := range o["syscalls"].([]any) {
				if s := s.(map[string]any); s["syscall"] == "nanosleep" {
					sum = s
				}
			}
		}
	}
	if len(durs) != 110 || sum == nil {
		t.Fatalf("%d nanosleep calls traced, want 110; summary %v", len(durs), sum)
	}
	num := func(k string) uint64 { return uint64(sum[k].(float64)) }
	sorted := slices.Sorted(slices.Values(durs))
	var total uint64
	var want latency.Histogram
	for _, d := range durs {
		total += d
		want.Add(d)
	}
	if num("calls") != 110 || num("total_ns") != total || num("min_ns") != sorted[0] || num("max_ns") != sorted[109] {
		t.Errorf("summary %v: want 110 calls, %d ns, min %d, max %d", sum, total, sorted[0], sorted[109])
	}
	if sorted[0] < 1e6 {
		t.Errorf("a 1 ms nanosleep took %d ns", sorted[0])
	}
	var got latency.Histogram
	for _, b := range sum["histogram"].([]any) {
		b := b.([]any)
		lo, hi, n := uint64(b[0].(float64)), uint64(b[1].(float64)), uint64(b[2].(float64))
		i := latency.Bucket(lo)
		if latency.Lower(i) != lo || latency.Upper(i) != hi {
			t.Errorf("histogram bucket [%d, %d] is not one of latency's", lo, hi)
		}
		got[i] = n
	}
	if got != want {
		t.Errorf("the kernel's histogram differs from the calls' durations")
	}
	for _, p := range []struct {
		name string
		p    int
	}{{"p50_ns", 50}, {"p90_ns", 90}, {"p99_ns", 99}} {
		exact := sorted[(p.p*110+99)/100-1] // nearest rank
		est := num(p.name)
		if diff := max(est, exact) - min(est, exact); diff*32 > exact {
			t.Errorf("%s = %d, exact %d: off by more than 1/32", p.name, est, exact)
		}
	}
	if num("p99_9_ns") != sorted[109] {
		t.Errorf("p99.9 of 110 calls = %d, want the longest, %d", num("p99_9_ns"), sorted[109])
	}
}

// -U takes strace 7.1's and gotrace's latency columns, and --histogram
// prints bpftrace's hist() after the table.
func TestLatencyColumns(t *testing.T) {
	need(t)
	r := trace(t, "", "-c", "-U", "name,calls,min-time,max-time,wall-avg,p50,p90,p99,p99.9", "--histogram=nanosleep", "--", progs["lat_sleeps"])
	if r.lines[0] != "syscall              calls shortest  longest    wall-avg      p50      p90      p99    p99.9" {
		t.Errorf("header %q", r.lines[0])
	}
	sec := `(\d+\.\d{6})`
	m := hasMatch(t, r.lines, `nanosleep +110 `+sec+` +`+sec+` +\d+ `+sec+` +`+sec+` +`+sec+` +`+sec)
	if m != nil {
		var v [6]float64
		for i := range 6 {
			fmt.Sscan(m[i+1], &v[i])
		}
		min, max, p50, p90, p99, p999 := v[0], v[1], v[2], v[3], v[4], v[5]
		if min < 0.001 || p50 < min || p90 < p50 || p99 < p90 || max < p99 || p999 != max {
			t.Errorf("nanosleep's latencies are not in order 1 ms <= min <= p50 <= p90 <= p99 <= max = p99.9: %q", m[0])
		}
	}
	i := slices.Index(r.lines, "@ns[nanosleep]:")
	if i < 0 {
		t.Fatalf("no histogram:\n%s", strings.Join(r.lines, "\n"))
	}
	bar := regexp.MustCompile(`^\[\d+[KMGT]?, \d+[KMGT]?\) +(\d+) \|@* *\|$`)
	n := 0
	for _, l := range r.lines[i+1:] {
		m := bar.FindStringSubmatch(l)
		if m == nil {
			break
		}
		var c int
		fmt.Sscan(m[1], &c)
		n += c
	}
	if n != 110 {
		t.Errorf("the histogram counts %d calls, want 110:\n%s", n, strings.Join(r.lines[i:], "\n"))
	}
}

// --summary-interval on -p: a table of the calls since the previous one,
// headed with its times, every interval; Ctrl-C prints the totals.
func TestSummaryInterval(t *testing.T) {
	need(t)
	prog := startLoop(t)
	g := exec.Command(gotrace, "--summary-interval=300ms", "-U", "calls,name", "-p", fmt.Sprint(prog.Process.Pid))
	stderr, err := g.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	title := regexp.MustCompile(`^--- calls from \d\d:\d\d:\d\d\.\d{3} to \d\d:\d\d:\d\d\.\d{3} ---$`)
	var lines []string
	tables := 0
	for tables < 2 && sc.Scan() {
		lines = append(lines, sc.Text())
		if title.MatchString(sc.Text()) {
			tables++
		}
	}
	g.Process.Signal(syscall.SIGINT)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	g.Wait()
	if tables < 2 {
		t.Fatalf("no two interval tables:\n%s", strings.Join(lines, "\n"))
	}
	// each interval's writes are its own: a 300 ms interval holds at most
	// 7 of the loop's 50 ms ticks; the totals hold them all
	writes := regexp.MustCompile(`^ +(\d+) write$`)
	var counts []int
	for _, l := range lines {
		if m := writes.FindStringSubmatch(l); m != nil {
			var n int
			fmt.Sscan(m[1], &n)
			counts = append(counts, n)
		}
	}
	last := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "--- total, calls from ") })
	if last < 0 || len(counts) < 3 {
		t.Fatalf("no totals after Ctrl-C, or no writes counted:\n%s", strings.Join(lines, "\n"))
	}
	sum := 0
	for _, n := range counts[:len(counts)-1] {
		if n > 7 {
			t.Errorf("an interval of 300 ms counted %d writes of a 50 ms loop", n)
		}
		sum += n
	}
	if total := counts[len(counts)-1]; total < sum {
		t.Errorf("the totals count %d writes, the intervals %d", total, sum)
	}
	has(t, lines, gotrace+": Process "+fmt.Sprint(prog.Process.Pid)+" detached")
}

// --summary-interval with --json: one summary object per interval, then
// the totals.
func TestSummaryIntervalJSON(t *testing.T) {
	need(t)
	objs := jsonLines(t, "--summary-interval=200ms", "--", progs["lat_sleeps"])
	var intervals, totals int
	var calls float64
	for _, o := range objs {
		switch o["type"] {
		case "summary":
		case "syscall":
			t.Errorf("-c writes no syscalls: %v", o)
			continue
		default:
			continue
		}
		for _, s := range o["syscalls"].([]any) {
			if s := s.(map[string]any); s["syscall"] == "nanosleep" && o["interval"] == true {
				calls += s["calls"].(float64)
			}
		}
		if o["start"].(float64) >= o["end"].(float64) {
			t.Errorf("summary from %v to %v", o["start"], o["end"])
		}
		if o["interval"] == true {
			intervals++
		} else {
			totals++
		}
	}
	// the program sleeps 150 ms at least
	if totals != 1 || objs[len(objs)-1]["interval"] != false || calls > 110 {
		t.Errorf("%d interval objects counting %v nanosleeps, %d totals (last)", intervals, calls, totals)
	}
}

// The flight recorder prints nothing while the program runs, and its last
// calls when it dies of a signal.
func TestFlightRecorderCrash(t *testing.T) {
	need(t)
	r := trace(t, "", "--flight-recorder=5", "--", progs["flight_segv"])
	if r.code != 128+int(syscall.SIGSEGV) {
		t.Errorf("exit %d, want %d", r.code, 128+int(syscall.SIGSEGV))
	}
	if len(r.lines) == 0 {
		t.Fatal("nothing printed")
	}
	// getppid returns gotrace's pid
	m := hasMatch(t, r.lines, `getppid\(\) += (\d+)`)
	h := hasMatch(t, r.lines, `--- flight recorder: the last 5 calls of pid \d+, killed by SIGSEGV ---`)
	if m == nil || h == nil {
		return
	}
	want := []string{h[0],
		line("", "getppid()", m[1]), line("", "getppid()", m[1]), line("", "getppid()", m[1]), line("", "getppid()", m[1]),
		line("", `write(1, "crash\n", 6)`, "6"),
		"--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---",
		"+++ killed by SIGSEGV +++"}
	if !slices.Equal(r.lines, want) {
		t.Errorf("trace:\n%s\nwant:\n%s", strings.Join(r.lines, "\n"), strings.Join(want, "\n"))
	}
}

// A process exiting non-zero has its last calls printed too, and one
// exiting with 0 does not.
func TestFlightRecorderExit(t *testing.T) {
	need(t)
	r := trace(t, "", "--flight-recorder=2", "-f", "--", "/bin/sh", "-c", progs["exit3"]+"; "+progs["exit3"]+"; true")
	exitGroup3 := regexp.MustCompile(`exit_group\(3\) += \?$`)
	n := 0
	for i, l := range r.lines {
		if !strings.HasPrefix(l, "--- flight recorder: ") {
			continue
		}
		n++
		if !regexp.MustCompile(`^--- flight recorder: the last 2 calls of pid \d+, exited with [30] ---$`).MatchString(l) {
			t.Errorf("header %q", l)
		}
		if strings.HasSuffix(l, "exited with 3 ---") && (len(r.lines) <= i+3 || !exitGroup3.MatchString(r.lines[i+2]) ||
			!strings.HasSuffix(r.lines[i+3], "+++ exited with 3 +++")) {
			t.Errorf("the calls after %q do not end with exit_group(3):\n%s", l, strings.Join(r.lines, "\n"))
		}
	}
	// two exits with 3, then the shell, the command, at its end
	if n != 3 || !strings.HasSuffix(r.lines[len(r.lines)-1], "+++ exited with 0 +++") {
		t.Errorf("%d flight recordings:\n%s", n, strings.Join(r.lines, "\n"))
	}
}

// On SIGUSR1 gotrace prints what it holds and goes on; at the end (Ctrl-C
// on -p) it prints it again.
func TestFlightRecorderSIGUSR1(t *testing.T) {
	need(t)
	prog := startLoop(t)
	out := filepath.Join(t.TempDir(), "trace")
	g := exec.Command(gotrace, "--flight-recorder=4", "-o", out, "-p", fmt.Sprint(prog.Process.Pid))
	stderr, err := g.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	if !sc.Scan() || !strings.HasSuffix(sc.Text(), " attached") {
		t.Fatalf("gotrace did not say it attached: %q", sc.Text())
	}
	header := "the last \\d calls of pid " + fmt.Sprint(prog.Process.Pid)
	g.Process.Signal(syscall.SIGUSR1)
	waitTraceMatch(t, out, "--- flight recorder: "+header+", on SIGUSR1 ---")
	g.Process.Signal(syscall.SIGINT)
	for sc.Scan() {
	}
	g.Wait()
	data, _ := os.ReadFile(out)
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if !regexp.MustCompile("^--- flight recorder: " + header + ", on SIGUSR1 ---$").MatchString(lines[0]) {
		t.Errorf("the trace does not start with the SIGUSR1 recording:\n%s", data)
	}
	if !regexp.MustCompile("(?m)^--- flight recorder: " + header + ", at the end ---$").Match(data) {
		t.Errorf("no recording at the end:\n%s", data)
	}
	call := regexp.MustCompile(`^(--- flight recorder: |write\(1, "tick\\n", 5\) += 5$|clock_nanosleep\(.*(= 0| <unfinished \.\.\.>)$|<\.\.\. clock_nanosleep resumed>)`)
	for _, l := range lines {
		if !call.MatchString(l) {
			t.Errorf("unexpected line %q", l)
		}
	}
}

// A call with nothing to read at its enter (read's arguments are numbers
// and a buffer filled at exit) has its enter record held by the kernel
// side until its exit: on SIGUSR1 while the command is blocked in it, the
// recording still ends with it in progress, as strace would show it.
func TestFlightRecorderHeldEnter(t *testing.T) {
	need(t)
	out := filepath.Join(t.TempDir(), "trace")
	g := exec.Command(gotrace, "--flight-recorder=2", "-o", out, "--", "cat")
	stdin, err := g.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	g.Stdout = io.Discard
	if err := g.Start(); err != nil {
		t.Fatal(err)
	}
	defer g.Process.Kill()
	// cat, gotrace's child, blocked in read(0, ...)
	blocked := false
	for deadline := time.Now().Add(20 * time.Second); !blocked && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		// forked by any thread of gotrace's
		tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", g.Process.Pid))
		var children []string
		for _, task := range tasks {
			data, _ := os.ReadFile(task)
			children = append(children, strings.Fields(string(data))...)
		}
		for _, c := range children {
			sc, _ := os.ReadFile("/proc/" + c + "/syscall")
			comm, _ := os.ReadFile("/proc/" + c + "/comm")
			blocked = blocked || strings.TrimSpace(string(comm)) == "cat" && strings.HasPrefix(string(sc), "0 0x0 ")
		}
	}
	if !blocked {
		t.Fatal("cat never blocked in read(0, ...)")
	}
	g.Process.Signal(syscall.SIGUSR1)
	waitTraceMatch(t, out, `read\(0,  <unfinished \.\.\.>`)
	io.WriteString(stdin, "hello\n")
	stdin.Close()
	if err := g.Wait(); err != nil {
		t.Fatalf("gotrace: %v", err)
	}
	data, _ := os.ReadFile(out)
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	header := regexp.MustCompile(`^--- flight recorder: the last 2 calls of pid \d+, (on SIGUSR1|exited with 0) ---$`)
	if len(lines) < 3 || !header.MatchString(lines[0]) || lines[2] != "read(0,  <unfinished ...>" {
		t.Errorf("the SIGUSR1 recording does not end with the read in progress:\n%s", data)
	}
	if !strings.HasSuffix(string(data), "exit_group(0)                           = ?\n+++ exited with 0 +++\n") {
		t.Errorf("the recording at the end does not end with exit_group(0):\n%s", data)
	}
}

// waitTraceMatch waits until a line of the trace file matches pattern.
func waitTraceMatch(t *testing.T, path, pattern string) {
	t.Helper()
	re := regexp.MustCompile("(?m)^" + pattern + "$")
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if data, _ := os.ReadFile(path); re.Match(data) {
			return
		}
	}
	data, _ := os.ReadFile(path)
	t.Fatalf("the trace never showed %q:\n%s", pattern, data)
}

// --summary-per-process: a table per process, each counting its own calls.
func TestSummaryPerProcess(t *testing.T) {
	need(t)
	r := trace(t, "", "-f", "--summary-per-process", "-U", "calls,name", "-e", "trace=write,wait4,exit_group", "--", progs["fork"])
	title := regexp.MustCompile(`^--- pid (\d+) ---$`)
	tables := map[string][]string{}
	pid := ""
	for _, l := range r.lines {
		if m := title.FindStringSubmatch(l); m != nil {
			pid = m[1]
			continue
		}
		if pid != "" && !strings.HasPrefix(l, "-") && !strings.Contains(l, "calls syscall") {
			tables[pid] = append(tables[pid], strings.Join(strings.Fields(l), " "))
		}
	}
	if len(tables) != 2 {
		t.Fatalf("%d tables, want the parent's and the child's:\n%s", len(tables), strings.Join(r.lines, "\n"))
	}
	var got []string
	for _, rows := range tables {
		slices.Sort(rows)
		got = append(got, strings.Join(rows, ", "))
	}
	slices.Sort(got)
	// exit_group never returns: as strace, -c does not count it
	want := []string{"1 total, 1 wait4", "1 total, 1 write"}
	if !slices.Equal(got, want) {
		t.Errorf("tables %q, want %q", got, want)
	}
}

// --flight-recorder --json -c: nothing while running, then the recording
// as JSON objects headed by a flight_recorder object, then the table.
func TestFlightRecorderJSON(t *testing.T) {
	need(t)
	objs := jsonLines(t, "--flight-recorder=2", "-c", "--", progs["flight_segv"])
	var types []string
	for _, o := range objs {
		types = append(types, fmt.Sprint(o["type"]))
	}
	want := []string{"flight_recorder", "syscall", "syscall", "signal", "exit", "summary"}
	if !slices.Equal(types, want) {
		t.Fatalf("objects %q, want %q", types, want)
	}
	if objs[0]["calls"] != float64(2) || objs[0]["why"] != "killed by SIGSEGV" || objs[2]["syscall"] != "write" {
		t.Errorf("recording %v, then %v", objs[0], objs[2])
	}
}

// A recording merges the process's threads in the order their calls
// were made, each line with its thread's pid.
func TestFlightRecorderThreads(t *testing.T) {
	need(t)
	r := trace(t, "", "-f", "--flight-recorder=8", "--", progs["flight_threads"])
	head := hasMatch(t, r.lines, `--- flight recorder: the last 8 calls of pid (\d+), killed by SIGSEGV ---`)
	if head == nil {
		return
	}
	pid := head[1]
	var order []string
	for _, l := range r.lines {
		m := regexp.MustCompile(`^(\d+) +(getpid|getppid|write)\(`).FindStringSubmatch(l)
		if m == nil {
			continue
		}
		who := "main"
		if m[1] != pid {
			who = "thread"
		}
		order = append(order, who+" "+m[2])
	}
	// the thread's calls come before the main thread's getppid, which
	// waits for the thread's write
	want := []string{"thread getpid", "thread getpid", "thread write", "main getppid"}
	if !slices.Equal(order, want) {
		t.Errorf("calls %q, want %q:\n%s", order, want, strings.Join(r.lines, "\n"))
	}
}
