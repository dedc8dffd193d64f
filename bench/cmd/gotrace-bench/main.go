// Command gotrace-bench measures, in one run, how much gotrace, strace,
// perf trace and bpftrace slow down the same workloads, and writes the
// table to docs/performance.md. It times things, so it is not a test: run
// it by hand with `make bench` (as root).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/gotrace/gotrace/bench"
)

// options are the command's flags.
type options struct {
	gotrace string
	out     string
	rounds  int
	budget  time.Duration
	quick   bool
	install bool
	only    *regexp.Regexp
}

func main() {
	var o options
	flag.StringVar(&o.gotrace, "gotrace", "bin/gotrace", "the gotrace binary to measure")
	flag.StringVar(&o.out, "out", "docs/performance.md", "where to write the report")
	flag.IntVar(&o.rounds, "rounds", 5, "rounds of measurements (the median is reported)")
	flag.DurationVar(&o.budget, "budget", 20*time.Second, "a tool stops repeating a workload once its runs took this long")
	flag.BoolVar(&o.quick, "quick", false, "workloads a fifth of the size, 3 rounds, a 3s budget: a check that everything runs")
	flag.BoolVar(&o.install, "install", false, "install strace, perf and bpftrace with apt-get when missing")
	only := flag.String("only", "", "measure only the rows whose name matches this `regexp` (and no bystanders): a check of a few rows, not a report to keep")
	flag.Parse()
	if *only != "" {
		re, err := regexp.Compile(*only)
		if err != nil {
			fmt.Fprintf(os.Stderr, "gotrace-bench: -only: %v\n", err)
			os.Exit(2)
		}
		o.only = re
	}
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "gotrace-bench: unexpected argument %q\n", flag.Arg(0))
		os.Exit(2)
	}
	if o.quick {
		o.rounds, o.budget = 3, 3*time.Second
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "gotrace-bench:", err)
		os.Exit(1)
	}
}

func run(o options) error {
	if o.rounds < 1 {
		return fmt.Errorf("-rounds must be at least 1, not %d", o.rounds)
	}
	if os.Geteuid() != 0 {
		return fmt.Errorf("run as root: the tracers need it")
	}
	gotrace, err := filepath.Abs(o.gotrace)
	if err != nil {
		return fmt.Errorf("gotrace path: %w", err)
	}
	if _, err := os.Stat(gotrace); err != nil {
		return fmt.Errorf("no gotrace binary (make build): %w", err)
	}
	ts := tools(gotrace)
	missing := map[string]string{} // why a tool's program is missing
	if o.install {
		missing = installMissing(ts)
	}
	dir, err := os.MkdirTemp("", "gotrace-bench")
	if err != nil {
		return fmt.Errorf("scratch directory: %w", err)
	}
	defer os.RemoveAll(dir)
	loop, timed, err := compile(dir)
	if err != nil {
		return err
	}
	m := machineNow(gotrace, ts)
	scale := 1
	if o.quick {
		scale = 5
	}
	ws := define(loop, scale)
	r := &runner{dir: dir, timed: timed, timeout: 10 * time.Minute}
	results := make([][]row, len(ws))
	for wi := range ws {
		results[wi] = make([]row, len(ts))
		for ti, t := range ts {
			results[wi][ti].tool = t.name
			if t.only != "" && t.only != ws[wi].name {
				results[wi][ti].failure = "measured on " + t.only + " only"
				continue
			}
			if o.only != nil && !o.only.MatchString(t.name) {
				results[wi][ti].failure = "not measured (-only)"
				continue
			}
			if t.bin == "" {
				continue
			}
			if _, err := exec.LookPath(t.bin); err != nil {
				results[wi][ti].failure = "not installed"
				if why := missing[t.bin]; why != "" {
					results[wi][ti].failure += ": " + why
				}
			}
		}
	}
	neighbours := []neighbour{
		{name: "alone"},
		{name: "next to an untraced W1", tracee: []string{loop, "0"}},
		{name: "next to a W1 traced by gotrace -p", tracee: []string{loop, "0"}, traced: true},
		{name: "next to a sleep traced by gotrace -p", tracee: []string{"sleep", "1000000"}, traced: true},
		{name: "next to a sleep traced by gotrace -p, empty syscall programs (the floor)", tracee: []string{"sleep", "1000000"}, traced: true, floor: true},
		// the kernel side's selections, for the tasks they do not take
		{name: "next to a sleep traced by gotrace --cgroup", tracee: []string{"sleep", "1000000"}, traced: true,
			selection: []string{"--cgroup"}},
		{name: "while gotrace --all --comm sleep traces a sleep", tracee: []string{"sleep", "1000000"}, traced: true,
			selection: []string{"--all", "--comm", "sleep"}},
	}
	bystanders := make([]row, len(neighbours))
	for i, n := range neighbours {
		bystanders[i].tool = n.name
		if o.only != nil {
			bystanders[i].failure = "not measured (-only)"
		}
	}
	start := time.Now()
	for round := range o.rounds {
		for wi, w := range ws {
			// Rotate the order each round so that slow drifts of the
			// machine's load hit every tool alike.
			for k := range ts {
				ti := (k + round) % len(ts)
				row := &results[wi][ti]
				if row.failure != "" || !ts[ti].everyRound && row.spent() >= o.budget {
					continue
				}
				s, err := r.measure(ts[ti], w)
				if err != nil {
					row.failure = err.Error()
					fmt.Fprintf(os.Stderr, "round %d/%d %s %s: %v\n", round+1, o.rounds, w.name, ts[ti].name, err)
					continue
				}
				row.runs = append(row.runs, s)
				fmt.Fprintf(os.Stderr, "round %d/%d %s %s: %s\n", round+1, o.rounds, w.name, ts[ti].name, ms(s.run))
			}
		}
		for k := range neighbours {
			i := (k + round) % len(neighbours)
			row := &bystanders[i]
			if row.failure != "" {
				continue
			}
			d, err := r.bystander(neighbours[i], ws[0], gotrace)
			if err != nil {
				row.failure = err.Error()
				fmt.Fprintf(os.Stderr, "round %d/%d bystander W1 %s: %v\n", round+1, o.rounds, neighbours[i].name, err)
				continue
			}
			row.runs = append(row.runs, sample{run: d})
			fmt.Fprintf(os.Stderr, "round %d/%d bystander W1 %s: %s\n", round+1, o.rounds, neighbours[i].name, ms(d))
		}
	}
	m.loadEnd = loadAverage()
	m.took = time.Since(start).Round(time.Second)
	doc := page(m, o, ws, results, bystanders)
	fmt.Print(doc)
	if err := os.MkdirAll(filepath.Dir(o.out), 0o755); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if err := os.WriteFile(o.out, []byte(doc), 0o644); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// define returns W1, W2 and W3, divided by scale in quick mode.
func define(loop string, scale int) []workload {
	n := 200000 / scale
	dd := 500000 / scale
	getppid := []call{{name: "getppid", nr: 110, fd: -1}}
	return []workload{
		{name: "W1", title: fmt.Sprintf("%d getppid() calls, each passing a 55-byte string", n),
			argv: []string{loop, strconv.Itoa(n)}, syscalls: n, calls: getppid, want: int64(n)},
		{name: "W2", title: fmt.Sprintf("dd if=/dev/zero of=/dev/null bs=1 count=%d", dd),
			argv:     []string{"dd", "if=/dev/zero", "of=/dev/null", "bs=1", "count=" + strconv.Itoa(dd)},
			syscalls: 2 * dd, calls: []call{{name: "read", nr: 0, fd: 0}, {name: "write", nr: 1, fd: 1}}, want: int64(2 * dd)},
		{name: "W3", title: fmt.Sprintf("W1 in 2 threads at full speed, %d getppid() calls each", n),
			argv: []string{loop, strconv.Itoa(n), "2"}, syscalls: 2 * n, calls: getppid, want: int64(2 * n)},
	}
}

// compile builds the workload and the launcher into dir.
func compile(dir string) (loop, timed string, err error) {
	bins := map[string]string{"getppid_loop.c": "getppid_loop", "timed.c": "timed"}
	for src, bin := range bins {
		b, err := bench.Workloads.ReadFile("workloads/" + src)
		if err != nil {
			return "", "", fmt.Errorf("workload source: %w", err)
		}
		if err := os.WriteFile(filepath.Join(dir, src), b, 0o644); err != nil {
			return "", "", fmt.Errorf("workload source: %w", err)
		}
		out, err := exec.Command("gcc", "-O2", "-pthread", "-o", filepath.Join(dir, bin), filepath.Join(dir, src)).CombinedOutput()
		if err != nil {
			return "", "", fmt.Errorf("compile %s: %w: %s", src, err, out)
		}
	}
	return filepath.Join(dir, "getppid_loop"), filepath.Join(dir, "timed"), nil
}

// installMissing installs the compared tracers' Debian packages and
// returns, for each program still missing, why.
func installMissing(ts []tool) map[string]string {
	why := map[string]string{}
	var pkgs []string
	for _, t := range ts {
		if t.pkg == "" || why[t.bin] != "" {
			continue
		}
		if _, err := exec.LookPath(t.bin); err != nil {
			why[t.bin] = "apt-get install " + t.pkg + " did not provide it"
			pkgs = append(pkgs, t.pkg)
		}
	}
	if len(pkgs) == 0 {
		return why
	}
	if _, err := exec.LookPath("apt-get"); err != nil {
		for bin := range why {
			why[bin] = "no apt-get to install it"
		}
		return why
	}
	for _, argv := range [][]string{{"apt-get", "update"}, append([]string{"apt-get", "install", "-y"}, pkgs...)} {
		c := exec.Command(argv[0], argv[1:]...)
		c.Stdout, c.Stderr = os.Stderr, os.Stderr
		if err := c.Run(); err != nil {
			for bin := range why {
				why[bin] = strings.Join(argv, " ") + ": " + err.Error()
			}
			return why
		}
	}
	return why
}

// machine is what the figures depend on.
type machine struct {
	date, cpu, kernel, goVersion string
	cores                        int
	versions                     []string
	loadStart, loadEnd           string
	took                         time.Duration
}

func machineNow(gotrace string, ts []tool) machine {
	m := machine{
		date:      time.Now().UTC().Format("2006-01-02 15:04 UTC"),
		cpu:       cpuModel(),
		cores:     runtime.NumCPU(),
		goVersion: runtime.Version(),
		loadStart: loadAverage(),
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.kernel = strings.TrimSpace(string(b))
	}
	versionFlag := map[string]string{gotrace: "-V", "strace": "-V", "perf": "--version", "bpftrace": "--version"}
	seen := map[string]bool{}
	for _, t := range ts {
		if t.bin == "" || seen[t.bin] {
			continue
		}
		seen[t.bin] = true
		name := filepath.Base(t.bin)
		if b, err := exec.Command(t.bin, versionFlag[t.bin]).Output(); err == nil {
			m.versions = append(m.versions, name+": "+firstLine(string(b)))
		} else {
			m.versions = append(m.versions, name+": not available ("+err.Error()+")")
		}
	}
	return m
}

func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
