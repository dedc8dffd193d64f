// Package e2e traces real programs (testdata/progs, built with gcc) with the
// gotrace binary, checks exact lines, and compares with the real strace.
//
// It needs root; without it, or without gcc, every tracing test skips
// saying why. As root, a missing kernel feature fails the tests.
//
// Environment:
//
//	GOTRACE_E2E_BIN=/path/to/tracer  trace with this binary instead of
//	    building ./cmd/gotrace; GOTRACE_E2E_BIN=/usr/bin/strace checks the
//	    harness itself: the comparison and the exact-line tests pass with
//	    strace in gotrace's place.
//	GOTRACE_E2E_STRACE=/path/to/strace  the reference strace (6.1) for the
//	    comparison; by default the strace in $PATH.
//	GOTRACE_E2E_KEEP=DIR  keep both traces of every compared program in
//	    DIR (NAME.strace, NAME.gotrace) to look at after the run.
package e2e

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gotrace/gotrace/internal/decoder"
)

var (
	workDir  string            // the suite's temporary directory, removed at its end
	gotrace  string            // the tracer under test: the built binary, or $GOTRACE_E2E_BIN
	toolName string            // its name (its messages start with its path, as strace's)
	progs    map[string]string // program name -> built binary
	skipMsg  string            // why every test skips, if they do
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "gotrace-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := func() int {
		defer os.RemoveAll(dir)
		if err := setup(dir); err != nil {
			fmt.Fprintln(os.Stderr, "e2e setup:", err)
			return 1
		}
		return m.Run()
	}()
	os.Exit(code)
}

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// setup builds the tracer and the test programs into dir, or says in
// skipMsg why the tracing tests cannot run here.
func setup(dir string) error {
	workDir = dir
	if os.Geteuid() != 0 {
		skipMsg = "needs root (or CAP_BPF+CAP_PERFMON): run the tests with sudo"
		return nil
	}
	if _, err := exec.LookPath("gcc"); err != nil {
		skipMsg = "needs gcc to build the test programs in testdata/progs (make deps installs it)"
		return nil
	}
	root := repoRoot()
	if bin := os.Getenv("GOTRACE_E2E_BIN"); bin != "" {
		path, err := exec.LookPath(bin)
		if err != nil {
			return fmt.Errorf("GOTRACE_E2E_BIN: %w", err)
		}
		if gotrace, err = filepath.Abs(path); err != nil {
			return err
		}
	} else {
		gotrace = filepath.Join(dir, "gotrace")
		build := exec.Command("go", "build", "-o", gotrace, "./cmd/gotrace")
		build.Dir = root
		if out, err := build.CombinedOutput(); err != nil {
			return fmt.Errorf("build gotrace: %v\n%s", err, out)
		}
	}
	toolName = filepath.Base(gotrace)
	srcs, err := filepath.Glob(filepath.Join(root, "testdata", "progs", "*.c"))
	if err != nil || len(srcs) == 0 {
		return fmt.Errorf("no test programs in testdata/progs: %v", err)
	}
	progs = map[string]string{}
	for _, src := range srcs {
		name := strings.TrimSuffix(filepath.Base(src), ".c")
		bin := filepath.Join(dir, name)
		if out, err := exec.Command("gcc", "-O0", "-pthread", "-o", bin, src).CombinedOutput(); err != nil {
			return fmt.Errorf("gcc %s: %v\n%s", src, err, out)
		}
		progs[name] = bin
	}
	return nil
}

// straceBehaviour lists the tests that check only what strace 6.1 does
// too. With GOTRACE_E2E_BIN pointing at strace, they run against strace and
// must pass: that checks the harness and the expected lines. The other
// tests then skip: those of gotrace's own features (BPF objects, lost
// events, --ring-buffer-size, -c in the kernel, its error messages) and
// those where gotrace is meant to differ from strace 6.1
// (TestSignalsToGotrace: strace -o FILE CMD blocks SIGINT and SIGTERM, -I3).
var straceBehaviour = map[string]bool{
	"TestExitStatusAndFirstLine":  true,
	"TestOpenatAndExecve":         true,
	"TestOpenatFail":              true,
	"TestStdinPassesThrough":      true,
	"TestSignalToSelf":            true,
	"TestForkAndWait":             true,
	"TestThreads":                 true,
	"TestKilledChild":             true,
	"TestSigkillChild":            true,
	"TestCloneFlags":              true,
	"TestAttachAndDetach":         true,
	"TestSegfault":                true,
	"TestNoFollowWithoutF":        true,
	"TestUnknownSyscalls":         true,
	"TestExecFromThread":          true,
	"TestTimeOptions":             true,
	"TestRunOptions":              true,
	"TestSignalSelection":         true,
	"TestStatusSelection":         true,
	"TestQuiet":                   true,
	"TestLeaderEndsFirst":         true,
	"TestZombieChild":             true,
	"TestCompareWithStrace":       true,
	"TestSummaryCountsLikeStrace": true,
	"TestInjectCpENOSPC":          true,
	"TestInjectCatEACCES":         true,
	"TestInjectDelayedRead":       true,
	"TestInjectSignal":            true,
	"TestInjectForms":             true,
}

// isStrace says that the tracer under test is strace itself
// (GOTRACE_E2E_BIN=/usr/bin/strace).
func isStrace() bool { return toolName == "strace" }

func need(t *testing.T) {
	t.Helper()
	if skipMsg != "" {
		t.Skip(skipMsg)
	}
	if isStrace() && !straceBehaviour[strings.Split(t.Name(), "/")[0]] {
		t.Skip("tests a feature of gotrace's own, and GOTRACE_E2E_BIN is strace")
	}
}

// exitStatus is a finished command's status as a shell reports it: its
// exit code, or 128+N if signal N killed it. When signal N killed its
// command, gotrace, as strace 6.1, dies by N itself.
func exitStatus(err error) (int, bool) {
	ee, ok := err.(*exec.ExitError)
	if !ok {
		return 0, err == nil
	}
	if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal()), true
	}
	return ee.ExitCode(), true
}

type result struct {
	code   int
	lines  []string // the trace
	stdout string
	stderr string
}

// trace runs gotrace with args, the trace going to a file, and returns it.
func trace(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	out := filepath.Join(t.TempDir(), "trace")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, gotrace, append([]string{"-o", out}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(stdin), &stdout, &stderr
	err := cmd.Run()
	r := result{stdout: stdout.String(), stderr: stderr.String()}
	code, ok := exitStatus(err)
	if !ok {
		t.Fatalf("gotrace %q: %v\n%s", args, err, stderr.String())
	}
	r.code = code
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("gotrace %q wrote no trace: %v\nstderr: %s", args, err, stderr.String())
	}
	r.lines = strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	return r
}

// line is a syscall line as strace pads it: " = " at column 40, after a
// prefix of pfx.
func line(pfx, call, ret string) string {
	l := pfx + call + " "
	for len(l) < 40 {
		l += " "
	}
	return l + "= " + ret
}

// pid is the prefix of a line of tid in a -f -o trace.
func pid(tid string) string { return fmt.Sprintf("%-5s ", tid) }

// waitTrace waits until the trace file at path holds want: until gotrace
// is tracing, however long loading its BPF programs takes on a busy machine.
func waitTrace(t *testing.T, path, want string) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if data, _ := os.ReadFile(path); strings.Contains(string(data), want) {
			return
		}
	}
	t.Fatalf("the trace never showed %q", want)
}

func has(t *testing.T, lines []string, want string) {
	t.Helper()
	for _, l := range lines {
		if l == want {
			return
		}
	}
	t.Errorf("trace has no line\n\t%s\ntrace:\n%s", want, strings.Join(lines, "\n"))
}

// hasSeq checks that want are consecutive lines of the trace.
func hasSeq(t *testing.T, lines []string, want ...string) {
	t.Helper()
	for i := range lines {
		if len(lines)-i >= len(want) && slices.Equal(lines[i:i+len(want)], want) {
			return
		}
	}
	t.Errorf("trace has no lines\n\t%s\ntrace:\n%s", strings.Join(want, "\n\t"), strings.Join(lines, "\n"))
}

// ofTask keeps the lines of task tid of a -f trace.
func ofTask(lines []string, tid string) []string {
	var own []string
	for _, l := range lines {
		if strings.HasPrefix(l, pid(tid)) {
			own = append(own, l)
		}
	}
	return own
}

// whole joins each call a -f trace shows split, "PID call( <unfinished
// ...>" then "PID <... call resumed>rest", into the one line strace prints
// when nothing comes between, padded as strace pads it, where the call
// started. Exact lines can then be checked whatever the interleaving.
func whole(lines []string) []string {
	out := make([]string, 0, len(lines))
	open := map[string]int{} // pid -> index in out of its unfinished call
	for _, l := range lines {
		m := pidPrefix.FindStringSubmatch(l)
		if m == nil {
			out = append(out, l)
			continue
		}
		rest := l[len(m[0]):]
		if r := resumed.FindString(rest); r != "" {
			if i, ok := open[m[1]]; ok {
				delete(open, m[1])
				joined := out[i] + rest[len(r):]
				if locs := resultSep.FindAllStringIndex(joined+"\n", -1); locs != nil {
					loc := locs[len(locs)-1]
					eq := loc[1] - 2 // the '=' of " = "
					joined = line(joined[:loc[0]+1], "", joined[min(eq+2, len(joined)):])
				}
				out[i] = joined
				continue
			}
		}
		if strings.HasSuffix(rest, unfinished) {
			open[m[1]] = len(out)
			out = append(out, strings.TrimSuffix(l, unfinished))
			continue
		}
		out = append(out, l)
	}
	return out
}

func hasMatch(t *testing.T, lines []string, pattern string) []string {
	t.Helper()
	re := regexp.MustCompile("^" + pattern + "$")
	for _, l := range lines {
		if m := re.FindStringSubmatch(l); m != nil {
			return m
		}
	}
	t.Errorf("trace has no line matching\n\t%s\ntrace:\n%s", pattern, strings.Join(lines, "\n"))
	return nil
}

func TestExitStatusAndFirstLine(t *testing.T) {
	need(t)
	r := trace(t, "", "--", progs["exit3"])
	if r.code != 3 {
		t.Errorf("gotrace exited %d, want the command's 3", r.code)
	}
	// nothing of gotrace's own set-up: the first line is the command's execve
	p := regexp.QuoteMeta(progs["exit3"])
	if re := regexp.MustCompile(`^execve\("` + p + `", \["` + p + `"\], 0x[0-9a-f]+ /\* \d+ vars \*/\) = 0$`); !re.MatchString(r.lines[0]) {
		t.Errorf("first line %q is not the command's execve", r.lines[0])
	}
	n := len(r.lines)
	if n < 2 || r.lines[n-2] != "exit_group(3)                           = ?" || r.lines[n-1] != "+++ exited with 3 +++" {
		t.Errorf("trace does not end with exit_group(3) = ? and +++ exited with 3 +++:\n%s", strings.Join(r.lines, "\n"))
	}
}

func TestOpenatAndExecve(t *testing.T) {
	need(t)
	r := trace(t, "", "--", progs["execve"])
	if r.code != 0 || r.stdout != "hello world with spaces \ttab\n" {
		t.Errorf("exit %d, stdout %q: the command must keep its stdout", r.code, r.stdout)
	}
	has(t, r.lines, `openat(AT_FDCWD, "/nonexistent/file", O_RDONLY) = -1 ENOENT (No such file or directory)`)
	has(t, r.lines, `execve("/bin/echo", ["/bin/echo", "hello", "world with spaces", "\ttab"], `+
		hasMatch(t, r.lines, `execve\("/bin/echo", .*(0x[0-9a-f]+) /\* 2 vars \*/\) = 0`)[1]+` /* 2 vars */) = 0`)

	r = trace(t, "", "--", progs["openat"])
	has(t, r.lines, `openat(AT_FDCWD, "/tmp/gotrace-e2e-openat", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 3`)
	has(t, r.lines, line("", `write(3, "data\n", 5)`, "5"))
	has(t, r.lines, line("", "close(3)", "0"))
	has(t, r.lines, line("", `unlink("/tmp/gotrace-e2e-openat")`, "0"))
}

// execveat.c: execveat returns in the new image with the registers of an
// execve; its line still ends "= 0", and --json has its record.
func TestExecveat(t *testing.T) {
	need(t)
	r := trace(t, "", "-e", "trace=execveat", "--", progs["execveat"])
	has(t, r.lines, `execveat(AT_FDCWD, "/nonexistent/true", ["true"], `+
		hasMatch(t, r.lines, `execveat\(AT_FDCWD, .*(0x[0-9a-f]+) /\* 1 var \*/, 0\) = -1 ENOENT .*`)[1]+
		` /* 1 var */, 0) = -1 ENOENT (No such file or directory)`)
	has(t, r.lines, `execveat(3, "", ["true"], `+
		hasMatch(t, r.lines, `execveat\(3, "", .*(0x[0-9a-f]+) /\* 1 var \*/, AT_EMPTY_PATH\) = 0`)[1]+
		` /* 1 var */, AT_EMPTY_PATH) = 0`)

	r = trace(t, "", "--json", "-e", "trace=execveat", "--", progs["execveat"])
	n := 0
	for _, l := range r.lines {
		if strings.Contains(l, `"syscall":"execveat"`) && strings.Contains(l, `"ret":0`) {
			n++
		}
	}
	if n != 1 {
		t.Errorf("--json has %d execveat records returning 0, want 1:\n%s", n, strings.Join(r.lines, "\n"))
	}
}

// openat_fail.c: a failing openat, then a file created with open(),
// closed and removed, in that order, and the end of the trace.
func TestOpenatFail(t *testing.T) {
	need(t)
	r := trace(t, "", "--", progs["openat_fail"])
	if r.code != 0 {
		t.Errorf("exit %d", r.code)
	}
	hasSeq(t, r.lines,
		`openat(AT_FDCWD, "/nonexistent/file", O_RDONLY) = -1 ENOENT (No such file or directory)`,
		`openat(AT_FDCWD, "/tmp/gotrace-e2e-openat-fail", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 3`,
		line("", "close(3)", "0"),
		line("", `unlink("/tmp/gotrace-e2e-openat-fail")`, "0"),
		line("", "exit_group(0)", "?"),
		"+++ exited with 0 +++")
	if n := len(r.lines); n == 0 || r.lines[n-1] != "+++ exited with 0 +++" {
		t.Errorf("the trace does not end with +++ exited with 0 +++")
	}
}

// sigkill_child.c: a child blocked in pause() is killed by its parent
// with SIGKILL; its trace ends with "+++ killed by SIGKILL +++" and the
// parent's wait4 decodes the status.
func TestSigkillChild(t *testing.T) {
	need(t)
	r := trace(t, "", "-f", "--", progs["sigkill_child"])
	if r.code != 0 {
		t.Errorf("exit %d, want 0", r.code)
	}
	lines := whole(r.lines)
	m := hasMatch(t, lines, `(\d+) +clone\(child_stack=NULL, flags=CLONE_CHILD_CLEARTID\|CLONE_CHILD_SETTID\|SIGCHLD, child_tidptr=0x[0-9a-f]+\) = (\d+)`)
	if m == nil {
		return
	}
	parent, child := m[1], m[2]
	hasSeq(t, ofTask(lines, parent),
		line(pid(parent), "clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=0, tv_nsec=200000000}, NULL)", "0"),
		line(pid(parent), "kill("+child+", SIGKILL)", "0"))
	has(t, lines, pid(parent)+"wait4("+child+", [{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}], 0, NULL) = "+child)
	has(t, lines, line(pid(parent), "exit_group(0)", "?"))
	has(t, lines, pid(parent)+"+++ exited with 0 +++")
	// the child: pause, cut short, then killed; nothing after that
	own := ofTask(lines, child)
	if n := len(own); n < 2 || own[n-2] != line(pid(child), "pause()", "?") || own[n-1] != pid(child)+"+++ killed by SIGKILL +++" {
		t.Errorf("the child's trace does not end with pause() = ? and +++ killed by SIGKILL +++:\n%s", strings.Join(own, "\n"))
	}
}

// clone_flags.c: children made by vfork, by clone() with flags and a
// stack, and by a raw clone3 with CLONE_PIDFD, each reaped with wait4.
func TestCloneFlags(t *testing.T) {
	need(t)
	r := trace(t, "", "-f", "--", progs["clone_flags"])
	if r.code != 0 {
		t.Errorf("exit %d, want 0", r.code)
	}
	lines := whole(r.lines)
	m := hasMatch(t, lines, `(\d+) +vfork\(\) += (\d+)`)
	if m == nil {
		return
	}
	parent, v := m[1], m[2]
	has(t, lines, line(pid(parent), "vfork()", v))
	has(t, lines, line(pid(v), "exit_group(5)", "?"))
	has(t, lines, pid(v)+"+++ exited with 5 +++")
	has(t, lines, pid(parent)+"wait4("+v+", [{WIFEXITED(s) && WEXITSTATUS(s) == 5}], 0, NULL) = "+v)

	m = hasMatch(t, lines, parent+` +clone\(child_stack=0x[0-9a-f]+, flags=CLONE_VM\|CLONE_FS\|CLONE_FILES\|SIGCHLD\) = (\d+)`)
	if m == nil {
		return
	}
	c := m[1]
	hasSeq(t, ofTask(lines, c),
		line(pid(c), `write(1, "clone\n", 6)`, "6"),
		line(pid(c), "exit(6)", "?"),
		pid(c)+"+++ exited with 6 +++")
	has(t, lines, pid(parent)+"wait4("+c+", [{WIFEXITED(s) && WEXITSTATUS(s) == 6}], 0, NULL) = "+c)

	m = hasMatch(t, lines, parent+` +clone3\(\{flags=CLONE_PIDFD, pidfd=0x[0-9a-f]+, exit_signal=SIGCHLD, stack=NULL, stack_size=0\} => \{pidfd=\[3\]\}, 88\) = (\d+)`)
	if m == nil {
		return
	}
	k := m[1]
	has(t, lines, line(pid(k), "exit_group(7)", "?"))
	has(t, lines, pid(k)+"+++ exited with 7 +++")
	has(t, lines, pid(parent)+"wait4("+k+", [{WIFEXITED(s) && WEXITSTATUS(s) == 7}], 0, NULL) = "+k)
	has(t, lines, line(pid(parent), "close(3)", "0"))
	if n := len(lines); lines[n-1] != pid(parent)+"+++ exited with 0 +++" {
		t.Errorf("the trace does not end with the parent's exit: %q", lines[n-1])
	}
}

func TestStdinPassesThrough(t *testing.T) {
	need(t)
	r := trace(t, "abc\n", "-e", "trace=read", "--", "cat")
	if r.stdout != "abc\n" {
		t.Errorf("cat printed %q, want its stdin", r.stdout)
	}
	has(t, r.lines, line("", `read(0, "abc\n", 131072)`, "4"))
}

func TestSignalToSelf(t *testing.T) {
	need(t)
	r := trace(t, "", "--", progs["signal_self"])
	self := hasMatch(t, r.lines, `getpid\(\) += (\d+)`)
	if self == nil {
		return
	}
	has(t, r.lines, line("", "kill("+self[1]+", SIGUSR1)", "0"))
	has(t, r.lines, "--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid="+self[1]+", si_uid=0} ---")
	has(t, r.lines, line("", "rt_sigreturn({mask=[]})", "0"))
}

func TestForkAndWait(t *testing.T) {
	need(t)
	r := trace(t, "", "-f", "--", progs["fork"])
	m := hasMatch(t, r.lines, `(\d+) +clone\(child_stack=NULL, flags=CLONE_CHILD_CLEARTID\|CLONE_CHILD_SETTID\|SIGCHLD, child_tidptr=0x[0-9a-f]+\) = (\d+)`)
	if m == nil {
		return
	}
	parent, child := m[1], m[2]
	has(t, r.lines, line(pid(child), `write(1, "child\n", 6)`, "6"))
	has(t, r.lines, fmt.Sprintf("%-5s +++ exited with 0 +++", child))
	hasMatch(t, r.lines, parent+` +(<\.\.\. wait4 resumed>|wait4\(-1, )\[\{WIFEXITED\(s\) && WEXITSTATUS\(s\) == 0\}\], 0, NULL\) += `+child)
	has(t, r.lines, fmt.Sprintf("%-5s --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=%s, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---", parent, child))
}

func TestThreads(t *testing.T) {
	need(t)
	r := trace(t, "", "-f", "--", progs["pthread"])
	m := hasMatch(t, r.lines, `\d+ +clone3\(\{flags=CLONE_VM\|CLONE_FS\|CLONE_FILES\|CLONE_SIGHAND\|CLONE_THREAD\|CLONE_SYSVSEM\|CLONE_SETTLS\|CLONE_PARENT_SETTID\|CLONE_CHILD_CLEARTID, child_tid=0x[0-9a-f]+, parent_tid=0x[0-9a-f]+, exit_signal=0, stack=0x[0-9a-f]+, stack_size=0x[0-9a-f]+, tls=0x[0-9a-f]+\} => \{parent_tid=\[(\d+)\]\}, 88\) = (\d+)`)
	if m == nil {
		return
	}
	if m[1] != m[2] {
		t.Errorf("clone3 wrote parent_tid %s but returned %s", m[1], m[2])
	}
	has(t, r.lines, line(pid(m[2]), `write(1, "thread\n", 7)`, "7"))
	has(t, r.lines, line(pid(m[2]), "exit(0)", "?"))
}

func TestKilledChild(t *testing.T) {
	need(t)
	r := trace(t, "", "-f", "--", progs["killed"])
	if r.code != 3 {
		t.Errorf("exit %d, want 3", r.code)
	}
	m := hasMatch(t, r.lines, `\d+ +kill\((\d+), SIGKILL\) += 0`)
	if m == nil {
		return
	}
	has(t, r.lines, fmt.Sprintf("%-5s +++ killed by SIGKILL +++", m[1]))
	has(t, r.lines, line(pid(m[1]), "<... read resumed> <unfinished ...>)", "?"))

	r = trace(t, "", "--", "sh", "-c", "kill -9 $$")
	if r.code != 128+9 {
		t.Errorf("a command killed by SIGKILL: gotrace exited %d, want 137", r.code)
	}
	has(t, r.lines, "+++ killed by SIGKILL +++")
}

// startLoop starts the loop program, to attach to with -p; it is killed at
// the end of the test.
func startLoop(t *testing.T) *exec.Cmd {
	t.Helper()
	prog := exec.Command(progs["loop"])
	// a pipe, not /dev/null: writing to /dev/null never touches the
	// buffer, so a page of it not yet faulted in stays unreadable to BPF
	prog.Stdout = io.Discard
	if err := prog.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { prog.Process.Kill() })
	return prog
}

// -p PID: attach to a running program, detach on SIGINT, quickly, leaving
// it running; the trace shows its syscalls.
func TestAttachAndDetach(t *testing.T) {
	need(t)
	prog := startLoop(t)
	out := filepath.Join(t.TempDir(), "trace")
	g := exec.Command(gotrace, "-o", out, "-p", fmt.Sprint(prog.Process.Pid))
	var stderr bytes.Buffer
	g.Stderr = &stderr
	if err := g.Start(); err != nil {
		t.Fatal(err)
	}
	waitTrace(t, out, `write(1, "tick\n", 5)`)
	g.Process.Signal(syscall.SIGINT)
	sent := time.Now()
	done := make(chan error, 1)
	go func() { done <- g.Wait() }()
	select {
	case err := <-done:
		if d := time.Since(sent); d > 2*time.Second {
			t.Errorf("gotrace -p took %v to detach after SIGINT", d)
		}
		// both detach, then die by the SIGINT (TestDetachSignalStatus)
		if status, _ := exitStatus(err); status != 128+int(syscall.SIGINT) {
			t.Errorf("gotrace -p after SIGINT: exit status %d (%v), want %d\n%s", status, err, 128+int(syscall.SIGINT), stderr.String())
		}
	case <-time.After(10 * time.Second):
		g.Process.Kill()
		t.Fatal("gotrace -p did not detach on SIGINT")
	}
	if err := prog.Process.Signal(syscall.Signal(0)); err != nil {
		t.Errorf("the traced process did not survive the detach: %v", err)
	}
	// both name themselves by their argv[0]
	pid := fmt.Sprint(prog.Process.Pid)
	attached := strings.Contains(stderr.String(), gotrace+": Process "+pid+" attached\n")
	detached := strings.Contains(stderr.String(), gotrace+": Process "+pid+" detached\n")
	if !attached || !detached {
		t.Errorf("stderr lacks the attach and detach notices: %q", stderr.String())
	}
	data, _ := os.ReadFile(out)
	lines := strings.Split(string(data), "\n")
	if !strings.HasSuffix(string(data), " <detached ...>\n") {
		t.Errorf("the syscall in progress at detach does not end with <detached ...>: %q", data)
	}
	has(t, lines, line("", `write(1, "tick\n", 5)`, "5"))
	has(t, lines, "clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=0, tv_nsec=50000000}, NULL) = 0")
	for _, l := range lines {
		if strings.HasPrefix(l, "+++ ") || strings.HasPrefix(l, "exit_group(") {
			t.Errorf("the program seems to have ended under -p: %q", l)
		}
	}
}

// A ring buffer too small for the load loses records: never silently. The
// trace shows each gap where it happened, stderr gives the total and how
// many records the kernel side tried to write, and the accounting is exact:
// every record the kernel saw was either read (--record keeps each one) or
// counted as lost, and the gaps add up to the lost ones.
func TestLostEventsAreReported(t *testing.T) {
	need(t)
	recording := filepath.Join(t.TempDir(), "records")
	r := trace(t, "", "--ring-buffer-size", fmt.Sprint(os.Getpagesize()), "--record", recording, "--", progs["busy"])
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	total := regexp.MustCompile(`gotrace: (\d+) events lost of (\d+) \(the ring buffer was full\)`).FindStringSubmatch(r.stderr)
	if total == nil {
		t.Fatalf("no total of lost events on stderr: %q", r.stderr)
	}
	var lost, seen int
	fmt.Sscan(total[1], &lost)
	fmt.Sscan(total[2], &seen)
	gap := regexp.MustCompile(`^<\.\.\. (\d+) events lost \.\.\.>$`)
	gaps := 0
	for _, l := range r.lines {
		if m := gap.FindStringSubmatch(l); m != nil {
			n := 0
			fmt.Sscan(m[1], &n)
			gaps += n
		}
	}
	if lost == 0 || gaps != lost {
		t.Errorf("gaps in the trace add up to %d, stderr says %d lost", gaps, lost)
	}
	f, err := os.Open(recording)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	read := 0
	if err := decoder.Replay(f, func([]byte) error { read++; return nil }); err != nil {
		t.Fatalf("replay the recording: %v", err)
	}
	if read+lost != seen {
		t.Errorf("the kernel side saw %d records; %d were read and %d lost (%d unaccounted for)", seen, read, lost, seen-read-lost)
	}
	complete := 0
	whole := regexp.MustCompile(`^getppid\(\) += \d+$`)
	for _, l := range r.lines {
		if whole.MatchString(l) {
			complete++
		}
	}
	if complete == 0 || complete >= 200000 {
		t.Errorf("%d whole getppid lines of 200000 calls with %d events lost", complete, lost)
	}
}

func TestSegfault(t *testing.T) {
	need(t)
	r := trace(t, "", "--", progs["segv"])
	if r.code != 128+11 {
		t.Errorf("a command killed by SIGSEGV: gotrace exited %d, want 139", r.code)
	}
	has(t, r.lines, "--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---")
	last := r.lines[len(r.lines)-1]
	if last != "+++ killed by SIGSEGV +++" && last != "+++ killed by SIGSEGV (core dumped) +++" {
		t.Errorf("last line %q, want +++ killed by SIGSEGV [(core dumped)] +++", last)
	}
}

// Without -f only the command is traced, not the children it forks.
func TestNoFollowWithoutF(t *testing.T) {
	need(t)
	r := trace(t, "", "--", progs["fork"])
	for _, l := range r.lines {
		if strings.HasPrefix(l, "write(") || regexp.MustCompile(`^\d+ `).MatchString(l) {
			t.Errorf("a child's line without -f: %q", l)
		}
	}
	has(t, r.lines, "+++ exited with 0 +++")
	hasMatch(t, r.lines, `wait4\(-1, \[\{WIFEXITED\(s\) && WEXITSTATUS\(s\) == 0\}\], 0, NULL\) += \d+`)
}

// Numbers the syscall table does not know print raw, as strace prints them.
func TestUnknownSyscalls(t *testing.T) {
	need(t)
	r := trace(t, "", "--", progs["unknown"])
	has(t, r.lines, "syscall_0x1f4(0x1, 0x2, 0x3, 0x4, 0x5, 0x6) = -1 ENOSYS (Function not implemented)")
	has(t, r.lines, line("", "syscall_0x3e8(0, 0, 0, 0, 0, 0)", "-1 ENOSYS (Function not implemented)"))
	// strace traces unknown numbers whatever -e says
	r = trace(t, "", "-e", "trace=none", "--", progs["unknown"])
	has(t, r.lines, "syscall_0x1f4(0x1, 0x2, 0x3, 0x4, 0x5, 0x6) = -1 ENOSYS (Function not implemented)")
}

// An execve from a thread that is not the leader: the leader is superseded,
// not exited, and the process goes on under the leader's pid.
func TestExecFromThread(t *testing.T) {
	need(t)
	r := trace(t, "", "-f", "-e", "trace=execve,exit_group", "--", progs["threadexec"])
	if r.code != 0 {
		t.Errorf("exit %d", r.code)
	}
	m := hasMatch(t, r.lines, `(\d+) +\+\+\+ superseded by execve in pid (\d+) \+\+\+`)
	if m == nil {
		return
	}
	leader := m[1]
	// the thread's execve line, left open, is closed as strace 6.1 does
	hasMatch(t, r.lines, m[2]+` +execve\((0x[0-9a-f]+|"/bin/true"), \[(0x[0-9a-f]+|"/bin/true")\], NULL <pid changed to `+leader+` \.\.\.>`)
	has(t, r.lines, line(pid(leader), "<... execve resumed>)", "0"))
	exits := 0
	for _, l := range r.lines {
		if strings.HasPrefix(l, pid(leader)+"+++ exited with 0 +++") {
			exits++
		}
	}
	if exits != 1 || r.lines[len(r.lines)-1] != pid(leader)+"+++ exited with 0 +++" {
		t.Errorf("the leader must exit once, at the end:\n%s", strings.Join(r.lines, "\n"))
	}
	// -qqq and -e quiet=thread-execve leave out the superseded line
	for _, q := range [][]string{{"-qqq"}, {"-e", "quiet=thread-execve"}} {
		r := trace(t, "", append(q, "-f", "-e", "trace=execve", "--", progs["threadexec"])...)
		for _, l := range r.lines {
			if strings.Contains(l, "superseded") {
				t.Errorf("%s: %s", q, l)
			}
		}
		hasMatch(t, r.lines, `\d+ +<\.\.\. execve resumed>\) += 0`)
	}
}

// A leader that ends before the thread it leaves: strace reports its end
// when the process ends, after the thread's, with the process's status.
func TestLeaderEndsFirst(t *testing.T) {
	need(t)
	r := trace(t, "", "-f", "-e", "trace=exit", "--", progs["leader_exit"])
	if r.code != 7 {
		t.Errorf("exit %d", r.code)
	}
	if len(r.lines) != 4 {
		t.Fatalf("want 4 lines:\n%s", strings.Join(r.lines, "\n"))
	}
	leader := strings.TrimSpace(pidPrefix.FindString(r.lines[0]))
	thread := strings.TrimSpace(pidPrefix.FindString(r.lines[1]))
	want := []string{
		line(pid(leader), "exit(0)", "?"),
		line(pid(thread), "exit(7)", "?"),
		pid(thread) + "+++ exited with 7 +++",
		pid(leader) + "+++ exited with 7 +++",
	}
	if strings.Join(r.lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(r.lines, "\n"), strings.Join(want, "\n"))
	}
}

// -t, -tt, -ttt, -r and -T print strace's columns; -a moves " = ".
func TestTimeOptions(t *testing.T) {
	need(t)
	cases := []struct {
		args    []string
		pattern string
		column  int // index of "= 3" in the line, or -1
	}{
		{[]string{"-tt", "-T"}, `\d\d:\d\d:\d\d\.\d{6} write\(1, "hi\\n", 3\) += 3 <\d+\.\d{6}>`, 40},
		{[]string{"-t"}, `\d\d:\d\d:\d\d write\(1, "hi\\n", 3\) += 3`, 40},
		{[]string{"-ttt"}, `(\d{10})\.\d{6} write\(1, "hi\\n", 3\) += 3`, 40},
		{[]string{"-r"}, ` +\d+\.\d{6} write\(1, "hi\\n", 3\) += 3`, 40},
		{[]string{"-t", "-r"}, `\d\d:\d\d:\d\d \(\+ +\d+\.\d{6}\) write\(1, "hi\\n", 3\) = 3`, -1},
		{[]string{"-a", "10"}, `write\(1, "hi\\n", 3\) = 3`, 20},
	}
	for _, c := range cases {
		args := append(c.args, "-e", "trace=write", "--", "/bin/echo", "hi")
		r := trace(t, "", args...)
		m := hasMatch(t, r.lines, c.pattern)
		if m == nil {
			continue
		}
		if c.column >= 0 && strings.Index(m[0], "= 3") != c.column {
			t.Errorf("%q: \" = \" at column %d, want %d: %q", c.args, strings.Index(m[0], "= 3"), c.column, m[0])
		}
		if len(m) > 1 {
			var sec int64
			fmt.Sscan(m[1], &sec)
			if d := time.Now().Unix() - sec; d < 0 || d > 60 {
				t.Errorf("-ttt: %d is not now", sec)
			}
		}
	}
}

// -q hides the attach notices, -qq the exit status lines too.
func TestQuiet(t *testing.T) {
	need(t)
	// -o FILE with a command implies -q, as in strace: the notices would
	// go into the command's own stderr
	r := trace(t, "", "-f", "--", progs["fork"])
	if r.stderr != "" {
		t.Errorf("-o FILE: stderr %q", r.stderr)
	}
	r = trace(t, "", "-f", "--quiet=none", "--", progs["fork"])
	if !strings.Contains(r.stderr, " attached\n") {
		t.Errorf("--quiet=none: stderr has no attach notice: %q", r.stderr)
	}
	r = trace(t, "", "-f", "-q", "--", progs["fork"])
	if r.stderr != "" {
		t.Errorf("-q: stderr %q", r.stderr)
	}
	if m := hasMatch(t, r.lines, `(\d+) +exit_group\(0\).*`); m != nil {
		has(t, r.lines, pid(m[1])+"+++ exited with 0 +++")
	}
	r = trace(t, "", "-qq", "--", progs["exit3"])
	for _, l := range r.lines {
		if strings.HasPrefix(l, "+++") {
			t.Errorf("-qq printed %q", l)
		}
	}
	if r.code != 3 {
		t.Errorf("-qq: exit %d, want 3", r.code)
	}
}

// -u runs the command as the user, not as root; -E edits its environment;
// -A appends to the -o file.
func TestRunOptions(t *testing.T) {
	need(t)
	r := trace(t, "", "-u", "nobody", "-e", "trace=getuid", "--", "id", "-u")
	if strings.TrimSpace(r.stdout) != "65534" {
		t.Errorf("-u nobody: the command ran as uid %q", r.stdout)
	}
	r = trace(t, "", "-E", "GOTRACE_E2E=yes", "-E", "HOME", "--", "/bin/sh", "-c", `echo "$GOTRACE_E2E/${HOME:-unset}"`)
	if r.stdout != "yes/unset\n" {
		t.Errorf("-E: the command saw %q", r.stdout)
	}
	out := filepath.Join(t.TempDir(), "trace")
	for i := 0; i < 2; i++ {
		if err := exec.Command(gotrace, "-A", "-o", out, "-e", "trace=exit_group", "--", progs["exit3"]).Run(); err == nil {
			t.Fatal("exit3 traced: want exit status 3")
		}
	}
	data, _ := os.ReadFile(out)
	if n := strings.Count(string(data), "+++ exited with 3 +++\n"); n != 2 {
		t.Errorf("-A: %d runs in the file, want 2:\n%s", n, data)
	}
}

// Pids that cannot be traced get one clear line and a non-zero status.
func TestBadPids(t *testing.T) {
	need(t)
	for pid, want := range map[string]string{
		"2":       gotrace + ": attach: pid 2 is a kernel thread: it makes no syscalls to trace\n",
		"4194304": gotrace + ": attach: pid 4194304: no such process\n",
	} {
		cmd := exec.Command(gotrace, "-p", pid)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err == nil {
			t.Errorf("-p %s: exit status 0", pid)
		}
		if stderr.String() != want {
			t.Errorf("-p %s: stderr %q, want %q", pid, stderr.String(), want)
		}
	}
}

// -c counts in the kernel and sends no syscall records: even a one-page
// ring buffer loses nothing, and every call is counted.
func TestSummaryLosesNothing(t *testing.T) {
	need(t)
	r := trace(t, "", "-c", "--ring-buffer-size", fmt.Sprint(os.Getpagesize()), "--", progs["busy"])
	if strings.Contains(r.stderr, "lost") {
		t.Errorf("-c lost events: %s", r.stderr)
	}
	hasMatch(t, r.lines, ` *\d+\.\d\d +\d+\.\d{6} +\d+ +200000 +getppid`)
	if strings.Contains(strings.Join(r.lines, "\n"), "getppid()") {
		t.Error("-c printed syscall lines")
	}
}

// -e signal= chooses the signals shown, in "---" and "+++ killed by" lines.
func TestSignalSelection(t *testing.T) {
	need(t)
	r := trace(t, "", "-e", "trace=kill", "-e", "signal=!SIGUSR1", "--", progs["signal_self"])
	for _, l := range r.lines {
		if strings.HasPrefix(l, "--- SIGUSR1") {
			t.Errorf("signal=!SIGUSR1 printed %q", l)
		}
	}
	hasMatch(t, r.lines, `kill\(\d+, SIGUSR1\) += 0`)
	r = trace(t, "", "-e", "trace=none", "-e", "signal=none", "--", progs["segv"])
	if len(r.lines) != 1 || r.lines[0] != "" {
		t.Errorf("signal=none, trace=none printed %q", r.lines)
	}
	r = trace(t, "", "-e", "trace=none", "-e", "signal=segv", "--", progs["segv"])
	has(t, r.lines, "--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---")
}

// -z, -Z and -e status= print a syscall only for the outcomes chosen, whole.
func TestStatusSelection(t *testing.T) {
	need(t)
	r := trace(t, "", "-Z", "--", progs["openat"])
	for _, l := range r.lines {
		if strings.Contains(l, " = ") && !strings.Contains(l, "= -1 ") && !strings.HasSuffix(l, "= ?") {
			t.Errorf("-Z printed a successful call: %q", l)
		}
	}
	has(t, r.lines, `openat(AT_FDCWD, "/nonexistent/file", O_RDONLY) = -1 ENOENT (No such file or directory)`)
	r = trace(t, "", "-z", "--", progs["openat"])
	for _, l := range r.lines {
		if strings.Contains(l, "= -1 ") {
			t.Errorf("-z printed a failed call: %q", l)
		}
	}
	has(t, r.lines, line("", `unlink("/tmp/gotrace-e2e-openat")`, "0"))
	r = trace(t, "", "-f", "-e", "status=unfinished", "--", progs["killed"])
	for _, l := range r.lines {
		if strings.Contains(l, " kill(") || strings.Contains(l, " wait4(") {
			t.Errorf("status=unfinished printed a finished call: %q", l)
		}
	}
	hasMatch(t, r.lines, `(\d+) +read\(3,  <unfinished \.\.\.>\) += \?`)
	hasMatch(t, r.lines, `\d+ +exit_group\(3\) += \?`)
}

// With a command, the first SIGINT/SIGTERM to gotrace goes on to the command
// and the trace shows its reaction; a second one detaches at once.
func TestSignalsToGotrace(t *testing.T) {
	need(t)
	out := filepath.Join(t.TempDir(), "trace")
	g := exec.Command(gotrace, "-e", "trace=write,exit_group,pause", "-o", out, "--", progs["trapint"])
	if err := g.Start(); err != nil {
		t.Fatal(err)
	}
	waitTrace(t, out, "pause(")
	g.Process.Signal(syscall.SIGINT)
	err := g.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 7 {
		t.Errorf("gotrace exited with %v, want the command's 7", err)
	}
	data, _ := os.ReadFile(out)
	lines := strings.Split(string(data), "\n")
	has(t, lines, fmt.Sprintf("--- SIGINT {si_signo=SIGINT, si_code=SI_USER, si_pid=%d, si_uid=0} ---", g.Process.Pid))
	has(t, lines, "+++ exited with 7 +++")

	g = exec.Command(gotrace, "-o", out, "--", progs["trapint"], "ignore")
	if err := g.Start(); err != nil {
		t.Fatal(err)
	}
	waitTrace(t, out, "clock_nanosleep(")
	g.Process.Signal(syscall.SIGINT)
	time.Sleep(200 * time.Millisecond)
	start := time.Now()
	g.Process.Signal(syscall.SIGINT)
	g.Wait()
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("a second SIGINT took %v to detach", d)
	}
	// the command ignores SIGINT and runs on, untraced
	if out, err := exec.Command("pgrep", "-f", progs["trapint"]+" ignore").Output(); err != nil || len(out) == 0 {
		t.Error("the command did not survive the detach")
	}
	exec.Command("pkill", "-f", progs["trapint"]+" ignore").Run()
}
