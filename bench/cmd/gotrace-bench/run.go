package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/gotrace/gotrace/bpf"
)

// workload is one benchmarked program. syscalls, the number of syscalls
// it makes, turns a slowdown into a cost per syscall; calls are the ones
// a complete trace prints, want of them in all.
type workload struct {
	name, title string
	argv        []string
	syscalls    int
	calls       []call
	want        int64
}

// call is a syscall a trace line can show: its name, its number (for
// bpftrace, which prints numbers) and, when fd >= 0, its first argument.
type call struct {
	name string
	nr   int
	fd   int
}

// format is how a tool writes a syscall to its trace.
type format int

const (
	noTrace     format = iota
	straceFmt          // strace and gotrace: "[pid] write(1, ...) = 1"
	perfFmt            // perf trace: "dd/12 write(fd: 1, buf: ...) = 1"
	bpftraceFmt        // bpftraceProgram: "tid nr arg0"
)

// tool runs a workload's command line traced (or not), writing its trace to out.
type tool struct {
	name string
	bin  string // the program that must be installed, from Debian package pkg
	pkg  string
	// argv is the command line that runs cmd under the tool.
	argv   func(out string, cmd []string) []string
	format format
	// lostIn says where the tool reports records it dropped: "stderr",
	// "output" or "" when it cannot drop any (ptrace stops the tracee).
	lostIn string
	// everyRound exempts the rows the targets are about from the time
	// budget: they run in every round.
	everyRound bool
	// only names the one workload the tool runs ("" for all).
	only string
	// env is added to the tool's environment.
	env []string
}

// floorTool is the row the gotrace rows are compared with: gotrace -f
// whose syscall programs return at once (bpf.BenchFloorEnv), what any
// program attached to the syscall tracepoints costs every syscall.
const floorTool = "floor: gotrace -f, empty syscall programs"

// floorEnv is the environment that makes gotrace's syscall programs empty.
var floorEnv = []string{bpf.BenchFloorEnv + "=1"}

// lostRe matches the tools' reports of dropped records: gotrace's
// "gotrace: N events lost", bpftrace's "Lost N events", perf's "LOST N events!".
var lostRe = regexp.MustCompile(`(?mi)^gotrace: (\d+) events? lost|\blost (\d+) events`)

func tools(gotrace string) []tool {
	gt := func(flags ...string) func(string, []string) []string {
		return func(out string, cmd []string) []string {
			argv := append([]string{gotrace}, flags...)
			argv = append(argv, "-o", out, "--")
			return append(argv, cmd...)
		}
	}
	st := func(flags ...string) func(string, []string) []string {
		return func(out string, cmd []string) []string {
			argv := append([]string{"strace"}, flags...)
			argv = append(argv, "-o", out, "--")
			return append(argv, cmd...)
		}
	}
	return []tool{
		{name: "untraced", argv: func(_ string, cmd []string) []string { return cmd }, everyRound: true},
		{name: "gotrace -f", bin: gotrace, argv: gt("-f"), format: straceFmt, lostIn: "stderr", everyRound: true},
		{name: floorTool, bin: gotrace, argv: gt("-f"), lostIn: "stderr", everyRound: true, env: floorEnv},
		{name: "gotrace -f --no-drop", bin: gotrace, argv: gt("-f", "--no-drop"), format: straceFmt, lostIn: "stderr"},
		{name: "gotrace -f -c", bin: gotrace, argv: gt("-f", "-c"), lostIn: "stderr"},
		{name: "gotrace -f --flight-recorder", bin: gotrace, argv: gt("-f", "--flight-recorder"), lostIn: "stderr"},
		{name: "gotrace -f -e trace=none", bin: gotrace, argv: gt("-f", "-e", "trace=none"), lostIn: "stderr"},
		{name: "gotrace -f -e inject=getppid:retval=1", bin: gotrace, argv: gt("-f", "-e", "inject=getppid:retval=1"), format: straceFmt, lostIn: "stderr"},
		{name: "gotrace -f -e inject=getppid:when=65535", bin: gotrace, argv: gt("-f", "-e", "inject=getppid:retval=1:when=65535"), format: straceFmt, lostIn: "stderr"},
		{name: "gotrace -f -e inject=chdir:error=EIO", bin: gotrace, argv: gt("-f", "-e", "inject=chdir:error=EIO"), format: straceFmt, lostIn: "stderr"},
		// -k: the kernel copies each call's registers and stack top, the
		// reader unwinds and names every frame (W1's are 5 deep)
		{name: "gotrace -f -k", bin: gotrace, argv: gt("-f", "-k"), format: straceFmt, lostIn: "stderr", only: "W1"},
		{name: "strace -f", bin: "strace", pkg: "strace", argv: st("-f"), format: straceFmt},
		{name: "strace -f -k", bin: "strace", pkg: "strace", argv: st("-f", "-k"), format: straceFmt, only: "W1"},
		{name: "strace -f --seccomp-bpf", bin: "strace", pkg: "strace", argv: st("-f", "--seccomp-bpf"), format: straceFmt},
		{name: "perf trace", bin: "perf", pkg: "linux-perf", argv: func(out string, cmd []string) []string {
			return append([]string{"perf", "trace", "-o", out, "--"}, cmd...)
		}, format: perfFmt, lostIn: "output"},
		{name: "bpftrace", bin: "bpftrace", pkg: "bpftrace", argv: func(out string, cmd []string) []string {
			return []string{"bpftrace", "-o", out, "-c", strings.Join(cmd, " "), "-e", bpftraceProgram}
		}, format: bpftraceFmt, lostIn: "output"},
	}
}

// bpftraceProgram prints every syscall entry of the timed launcher's child
// (the workload, all its threads) and of the launcher, with the number and
// first argument.
const bpftraceProgram = `tracepoint:raw_syscalls:sys_enter /curtask->real_parent->tgid == (int32)cpid || pid == cpid/ { printf("%d %d %d\n", tid, args->id, args->args[0]); }`

// printsCall says whether a line of a trace in format f shows c.
func printsCall(f format, line []byte, c call) bool {
	switch f {
	case straceFmt, perfFmt:
		if f == perfFmt && bytes.Contains(line, []byte("[continued]")) {
			return false // the second half of a call perf already counted
		}
		name := []byte(c.name + "(")
		i := bytes.Index(line, name)
		if i < 0 || i > 0 && line[i-1] != ' ' {
			return false
		}
		if c.fd < 0 {
			return true
		}
		rest := line[i+len(name):]
		if f == perfFmt {
			var named bool
			if rest, named = bytes.CutPrefix(rest, []byte("fd: ")); !named {
				return c.fd == 0 // perf leaves out arguments that are 0
			}
		}
		fd := strconv.Itoa(c.fd)
		return bytes.HasPrefix(rest, []byte(fd)) && len(rest) > len(fd) && strings.IndexByte(",<)", rest[len(fd)]) >= 0
	case bpftraceFmt:
		f := bytes.Fields(line)
		return len(f) == 3 && string(f[1]) == strconv.Itoa(c.nr) && (c.fd < 0 || string(f[2]) == strconv.Itoa(c.fd))
	}
	return false
}

// sample is one run of one tool on one workload.
type sample struct {
	run      time.Duration // the workload alone, measured by the timed launcher
	wall     time.Duration // the whole command, tracer start-up and tear-down included
	cpuTotal time.Duration // user+sys of the tool and everything it waited for
	cpuWork  time.Duration // user+sys of the workload (BPF programs run in its context)
	maxRSS   int64         // KiB, the largest of the tool and the processes it waited for
	printed  int64         // the workload's calls found in the trace, -1 without a trace
	lost     int64         // records the tool reported dropped, -1 if it cannot drop
}

// runner runs commands in a scratch directory.
type runner struct {
	dir     string
	timed   string // the launcher that times the workload
	timeout time.Duration
}

func (r *runner) path(name string) string { return filepath.Join(r.dir, name) }

// measure runs w under t once. The tool itself runs under an outer timed
// launcher, whose wait4 gives the tool's CPU time and max RSS.
func (r *runner) measure(t tool, w workload) (sample, error) {
	inner, outer, trace := r.path("result"), r.path("result.outer"), r.path("trace")
	for _, f := range []string{inner, outer, trace} {
		os.Remove(f)
	}
	defer os.Remove(trace)
	cmd := append([]string{r.timed, inner}, w.argv...)
	argv := append([]string{r.timed, outer}, t.argv(trace, cmd)...)
	ctx, cancel := context.WithTimeout(context.Background(), r.timeout)
	defer cancel()
	c := exec.CommandContext(ctx, argv[0], argv[1:]...)
	var stderr bytes.Buffer
	c.Stderr = &stderr
	if t.env != nil {
		c.Env = append(os.Environ(), t.env...)
	}
	c.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	c.Cancel = func() error { return syscall.Kill(-c.Process.Pid, syscall.SIGKILL) }
	if err := c.Run(); err != nil {
		if ctx.Err() != nil {
			err = fmt.Errorf("killed after %v", r.timeout)
		}
		return sample{}, fmt.Errorf("%s: %w: %s", t.name, err, lastLine(stderr.String()))
	}
	tr, err := readResult(outer)
	if err != nil {
		return sample{}, fmt.Errorf("%s: %w: %s", t.name, err, lastLine(stderr.String()))
	}
	work, err := readResult(inner)
	if err != nil {
		return sample{}, fmt.Errorf("%s: %w: %s", t.name, err, lastLine(stderr.String()))
	}
	s := sample{
		run:      work.wall,
		wall:     tr.wall,
		cpuTotal: tr.cpu,
		cpuWork:  work.cpu,
		maxRSS:   tr.maxRSS,
		printed:  -1,
		lost:     -1,
	}
	if t.format != noTrace {
		f, err := os.Open(trace)
		if err != nil {
			return sample{}, fmt.Errorf("%s: no trace: %w", t.name, err)
		}
		defer f.Close()
		tc, err := scanTrace(f, t.format, w.calls, t.lostIn == "output")
		if err != nil {
			return sample{}, fmt.Errorf("%s: read the trace: %w", t.name, err)
		}
		s.printed = tc.printed
		if t.lostIn == "output" {
			s.lost = tc.lost
		}
	}
	if t.lostIn == "stderr" {
		s.lost = sumLost(stderr.Bytes())
	}
	return s, nil
}

// result is a timed launcher's line: wall_ns user_ns sys_ns maxrss_kib status.
type result struct {
	wall, cpu time.Duration
	maxRSS    int64
}

func readResult(path string) (result, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return result{}, fmt.Errorf("no timing from the launcher: %w", err)
	}
	return parseResult(b)
}

func parseResult(b []byte) (result, error) {
	f := strings.Fields(string(b))
	if len(f) != 5 {
		return result{}, fmt.Errorf("bad timing line %q", b)
	}
	var v [5]int64
	for i := range v {
		var err error
		if v[i], err = strconv.ParseInt(f[i], 10, 64); err != nil {
			return result{}, fmt.Errorf("bad timing line %q: %w", b, err)
		}
	}
	if v[4] != 0 {
		return result{}, fmt.Errorf("exited with wait status %d", v[4])
	}
	return result{wall: time.Duration(v[0]), cpu: time.Duration(v[1] + v[2]), maxRSS: v[3]}, nil
}

// traceCount is what a trace shows: the workload's calls and, when asked,
// the dropped records it reports.
type traceCount struct{ printed, lost int64 }

// scanTrace streams the trace: those of W2 are tens of MiB.
func scanTrace(r io.Reader, f format, calls []call, findLost bool) (traceCount, error) {
	var c traceCount
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Bytes()
		for _, cl := range calls {
			if printsCall(f, line, cl) {
				c.printed++
				break
			}
		}
		if findLost {
			c.lost += sumLost(line)
		}
	}
	return c, sc.Err()
}

func sumLost(b []byte) int64 {
	var n int64
	for _, m := range lostRe.FindAllSubmatch(b, -1) {
		for _, g := range m[1:] {
			if v, err := strconv.ParseInt(string(g), 10, 64); err == nil {
				n += v
			}
		}
	}
	return n
}

// lastLine is the last non-empty line of a tool's stderr: the error that
// made it fail comes after its warnings.
func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return s
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// neighbour is what runs next to the bystander: nothing, an endless
// untraced W1 (loop), or gotrace attached with -p to a W1 or to a sleep.
type neighbour struct {
	name   string
	tracee []string // the background program; nil for none
	traced bool     // gotrace -p traces it
	// selection, when set, traces it with these options instead of -p:
	// "--cgroup" puts it in a cgroup of its own, which gotrace traces
	// (an untraced task then pays the kernel side's cgroup test)
	selection []string
	// floor traces it with empty syscall programs (floorEnv)
	floor bool
}

// bystander times w untraced while n runs.
func (r *runner) bystander(n neighbour, w workload, gotrace string) (time.Duration, error) {
	untraced := tool{name: "untraced", argv: func(_ string, cmd []string) []string { return cmd }}
	if n.tracee == nil {
		s, err := r.measure(untraced, w)
		return s.run, err
	}
	bg := exec.Command(n.tracee[0], n.tracee[1:]...)
	bg.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := bg.Start(); err != nil {
		return 0, fmt.Errorf("start %s: %w", n.tracee[0], err)
	}
	defer func() {
		bg.Process.Kill()
		bg.Wait()
	}()
	if n.traced {
		args := []string{"-p", strconv.Itoa(bg.Process.Pid)}
		if n.selection != nil {
			args = n.selection
		}
		if len(args) > 0 && args[0] == "--cgroup" {
			dir, err := ownCgroup(bg.Process.Pid)
			if err != nil {
				return 0, err
			}
			defer func() { // the cgroup goes once the sleep is reaped
				bg.Process.Kill()
				bg.Wait()
				os.Remove(dir)
			}()
			args = []string{"--cgroup", dir}
		}
		var env []string
		if n.floor {
			env = floorEnv
		}
		stop, err := attach(gotrace, args, env, r.path("bystander-trace"))
		if err != nil {
			return 0, err
		}
		defer stop()
	}
	time.Sleep(200 * time.Millisecond) // past the start-up bursts
	s, err := r.measure(untraced, w)
	return s.run, err
}

// ownCgroup moves pid into a new cgroup v2 of its own and returns its
// directory.
func ownCgroup(pid int) (string, error) {
	mount := "/sys/fs/cgroup"
	if _, err := os.Stat(mount + "/unified/cgroup.procs"); err == nil {
		mount += "/unified" // a hybrid host
	}
	dir := filepath.Join(mount, fmt.Sprintf("gotrace-bench-%d", pid))
	if err := os.Mkdir(dir, 0o755); err != nil {
		return "", fmt.Errorf("bystander cgroup: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "cgroup.procs"), []byte(strconv.Itoa(pid)), 0o644); err != nil {
		os.Remove(dir)
		return "", fmt.Errorf("bystander cgroup: %w", err)
	}
	return dir, nil
}

// attach starts gotrace with args (-p PID, --cgroup DIR, --all ...) and
// env added to its environment, and returns once gotrace says it traces.
func attach(gotrace string, args, env []string, out string) (stop func(), err error) {
	gt := exec.Command(gotrace, append(args, "-o", out)...)
	if env != nil {
		gt.Env = append(os.Environ(), env...)
	}
	gt.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stderr, err := gt.StderrPipe()
	if err != nil {
		return nil, fmt.Errorf("gotrace -p: %w", err)
	}
	if err := gt.Start(); err != nil {
		return nil, fmt.Errorf("start gotrace -p: %w", err)
	}
	stop = func() {
		gt.Process.Kill()
		gt.Wait()
		os.Remove(out)
	}
	attached := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		var last string
		for sc.Scan() {
			if last = sc.Text(); strings.HasSuffix(last, " attached") || strings.HasPrefix(last, "gotrace: Tracing ") {
				attached <- nil
				io.Copy(io.Discard, stderr)
				return
			}
		}
		attached <- errors.New("gotrace -p exited before attaching: " + last)
	}()
	select {
	case err = <-attached:
	case <-time.After(20 * time.Second):
		err = errors.New("gotrace -p did not attach within 20s")
	}
	if err != nil {
		stop()
		return nil, err
	}
	return stop, nil
}
