package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// run is how one tracer ran: its exit status and what it wrote on stderr
// (the trace, with no -o), its own path, addresses and pids made alike.
type run struct {
	code   int
	stderr []string
}

var pidField = regexp.MustCompile(`si_pid=\d+|\[pid +\d+`)

// runTracer runs tool with args in dir, stdin empty.
func runTracer(t *testing.T, tool, dir string, args ...string) run {
	t.Helper()
	cmd := exec.Command(tool, args...)
	var stderr strings.Builder
	cmd.Stderr, cmd.Dir = &stderr, dir
	code, ok := exitStatus(cmd.Run())
	if !ok {
		t.Fatalf("%s %q did not run", tool, args)
	}
	out := strings.ReplaceAll(stderr.String(), tool+":", "TRACER:")
	out = address.ReplaceAllString(out, "0xADDR")
	out = pidField.ReplaceAllStringFunc(out, func(s string) string {
		if strings.HasPrefix(s, "[pid") {
			return "[pid PID" // strace pads pids to a width
		}
		return "si_pid=PID"
	})
	return run{code, strings.Split(strings.TrimSuffix(out, "\n"), "\n")}
}

// sameAsStrace runs strace and the tracer under test with args and fails
// unless both exit alike and write the same lines.
func sameAsStrace(t *testing.T, dir string, args ...string) run {
	t.Helper()
	straceBin, err := exec.LookPath("strace")
	if err != nil {
		t.Fatalf("strace is needed for the comparison (make deps installs it): %v", err)
	}
	want, got := runTracer(t, straceBin, dir, args...), runTracer(t, gotrace, dir, args...)
	if got.code != want.code || strings.Join(got.stderr, "\n") != strings.Join(want.stderr, "\n") {
		t.Errorf("%q: exit %d, stderr:\n%s\nstrace: exit %d, stderr:\n%s", args, got.code,
			strings.Join(got.stderr, "\n"), want.code, strings.Join(want.stderr, "\n"))
	}
	return got
}

// A command whose execve fails is traced: its failed execve shows, then
// why and its exit with status 1, as strace's child tells it and exits.
func TestFailingExec(t *testing.T) {
	need(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "plain"), []byte("data"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "garbage"), []byte("garbage\n\x00\x00"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"/"},
		{"./plain"},
		{"./garbage"},
		{"-qq", "/"},
		{"-f", "-e", "trace=execve,write", "./garbage"},
		// through the inject shim, whose own calls after the failed
		// execve must not show
		{"-e", "inject=write:error=EIO", "/"},
	} {
		r := sameAsStrace(t, dir, args...)
		if r.code != 1 {
			t.Errorf("%q: exit %d, want 1", args, r.code)
		}
	}
}

// The command inherits gotrace's descriptors 0 to 2 as they were, closed
// ones closed (the Go runtime opens them on /dev/null), and SIGHUP and
// SIGINT ignored if they were (nohup, a shell's background job), as
// strace's command does. The program's status says what it got.
func TestInherited(t *testing.T) {
	need(t)
	straceBin, err := exec.LookPath("strace")
	if err != nil {
		t.Fatalf("strace is needed for the comparison (make deps installs it): %v", err)
	}
	for _, c := range []struct {
		setup, redir string // shell commands before the tracer, its redirections
		want         int    // the program's status
	}{
		{"", "", 0b111},
		{"", "<&-", 0b110},
		{"", "<&- >&-", 0b100},
		{"", ">&- 2>&-", 0b001},
		{"", "</dev/null >/dev/null 2>/dev/null", 0b111},
		{"", "<&- >&- 2>&-", 0b000},
		{`trap "" HUP INT`, "", 0b11111},
		{`trap "" INT`, "2>&-", 0b10011},
	} {
		for _, args := range [][]string{
			{"-e", "trace=none"},
			{"-f", "-e", "inject=getpid:error=EIO"},
		} {
			status := func(tracer string) int {
				script := c.setup + "\nexec \"$@\" " + c.redir
				cmd := append([]string{"-c", script, "sh", tracer, "-o", "/dev/null"}, args...)
				code, ok := exitStatus(exec.Command("sh", append(cmd, progs["inherited"])...).Run())
				if !ok {
					t.Fatalf("%s did not run", tracer)
				}
				return code
			}
			want, got := status(straceBin), status(gotrace)
			if got != want || got != c.want {
				t.Errorf("%s; exec TRACER %q %s: the command got %05b, under strace %05b, want %05b",
					c.setup, args, c.redir, got, want, c.want)
			}
		}
	}
}

// A task that a stop signal stops shows "--- stopped by SIG ---" after
// the signal, as strace shows its group stop: jobctl's child stops with
// SIGSTOP, stops' with SIGTSTP in a group of its own; a SIGTSTP in an
// orphaned process group stops nothing. The lines of each tool, without
// their pid prefixes, are compared as sets: tasks interleave differently.
func TestStopSignals(t *testing.T) {
	need(t)
	dir := t.TempDir()
	prefix := regexp.MustCompile(`^\[pid PID\] `)
	for _, prog := range []string{"jobctl", "stops"} {
		sorted := func(r run) []string {
			var ls []string
			for _, l := range r.stderr {
				ls = append(ls, number.ReplaceAllString(prefix.ReplaceAllString(l, ""), "${1}N"))
			}
			slices.Sort(ls)
			return ls
		}
		args := []string{"-f", "-qq", "-e", "trace=none", progs[prog]}
		straceBin, err := exec.LookPath("strace")
		if err != nil {
			t.Fatalf("strace is needed for the comparison (make deps installs it): %v", err)
		}
		want, got := runTracer(t, straceBin, dir, args...), runTracer(t, gotrace, dir, args...)
		if got.code != 0 || want.code != 0 {
			t.Errorf("%s: exit %d, under strace %d", prog, got.code, want.code)
		}
		if w, g := sorted(want), sorted(got); !slices.Equal(w, g) {
			t.Errorf("%s: lines\n%s\nstrace's\n%s", prog, strings.Join(g, "\n"), strings.Join(w, "\n"))
		}
	}
}

// A sleep a stop interrupts ends "= ? ERESTART_RESTARTBLOCK", and the
// kernel resumes it with restart_syscall, which strace names: the SIGCONT
// that ended the stop comes before it.
func TestRestartSyscall(t *testing.T) {
	need(t)
	r := sameAsStrace(t, t.TempDir(), "-q", "-f", "-e", "trace=clock_nanosleep,restart_syscall", "-e", "signal=!chld", progs["restart"])
	if len(r.stderr) < 5 || r.stderr[4] != "[pid PID] restart_syscall(<... resuming interrupted clock_nanosleep ...>) = 0" {
		t.Errorf("no restart_syscall line resuming clock_nanosleep:\n%s", strings.Join(r.stderr, "\n"))
	}
}

// With -I2 (strace's interruptible=waiting), a SIGTERM detaches from the
// command, which runs on, and -e status=detached shows the call it was
// in, "<detached ...>"; the tracer then dies of the signal.
func TestStatusDetached(t *testing.T) {
	need(t)
	straceBin, err := exec.LookPath("strace")
	if err != nil {
		t.Fatalf("strace is needed for the comparison (make deps installs it): %v", err)
	}
	detach := func(tool string) (string, int) {
		out := filepath.Join(t.TempDir(), "trace")
		cmd := exec.Command(tool, "-o", out, "-I2", "-e", "status=detached", "sleep", "30")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// the command, once it sleeps
		var sleeper int
		for deadline := time.Now().Add(20 * time.Second); sleeper == 0; time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("%s: the command never slept", tool)
			}
			// any thread of gotrace may have forked it
			lists, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", cmd.Process.Pid))
			var children []byte
			for _, l := range lists {
				data, _ := os.ReadFile(l)
				children = append(append(children, ' '), data...)
			}
			for _, f := range strings.Fields(string(children)) {
				if sc, _ := os.ReadFile("/proc/" + f + "/syscall"); strings.HasPrefix(string(sc), fmt.Sprintf("%d ", syscall.SYS_CLOCK_NANOSLEEP)) {
					sleeper, _ = strconv.Atoi(f)
				}
			}
		}
		cmd.Process.Signal(syscall.SIGTERM)
		code, _ := exitStatus(cmd.Wait())
		// detached, it sleeps on
		alive := syscall.Kill(sleeper, 0) == nil
		syscall.Kill(sleeper, syscall.SIGKILL)
		if !alive {
			t.Errorf("%s: the command did not outlive the detach", tool)
		}
		data, _ := os.ReadFile(out)
		return string(data), code
	}
	want, wantCode := detach(straceBin)
	got, code := detach(gotrace)
	if got != want || code != wantCode {
		t.Errorf("trace %q, exit %d; strace's %q, exit %d", got, code, want, wantCode)
	}
	if !strings.HasSuffix(got, " <detached ...>\n") {
		t.Errorf("no call in progress shows detached: %q", got)
	}
}

// A process that a signal stopped before the attach shows "--- stopped
// by SIGSTOP ---" at once, as strace shows it, and stays stopped after
// the detach.
func TestAttachStopped(t *testing.T) {
	need(t)
	straceBin, err := exec.LookPath("strace")
	if err != nil {
		t.Fatalf("strace is needed for the comparison (make deps installs it): %v", err)
	}
	sleeper := exec.Command("sleep", "60")
	if err := sleeper.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		sleeper.Process.Kill()
		sleeper.Wait()
	}()
	pid := sleeper.Process.Pid
	// stopped reports whether the process is or gets group-stopped
	// within a while (strace's detach lets it run until it stops again)
	stopped := func() bool {
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			if stat, _ := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid)); strings.Contains(string(stat), ") T ") {
				return true
			}
		}
		return false
	}
	sleeper.Process.Signal(syscall.SIGSTOP)
	if !stopped() {
		t.Fatal("sleep never stopped")
	}
	attach := func(tool string) string {
		out := filepath.Join(t.TempDir(), "trace")
		cmd := exec.Command(tool, "-o", out, "-p", strconv.Itoa(pid))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		waitTrace(t, out, "--- stopped by ")
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
		if !stopped() {
			t.Errorf("%s: the process is not stopped after the detach", tool)
		}
		data, _ := os.ReadFile(out)
		return string(data)
	}
	if want, got := attach(straceBin), attach(gotrace); got != want {
		t.Errorf("trace %q; strace's %q", got, want)
	}
}

// When a signal kills the command, the tracer dies by the same signal, as
// strace does, and dumps no core of its own.
func TestDiesByCommandSignal(t *testing.T) {
	need(t)
	straceBin, err := exec.LookPath("strace")
	if err != nil {
		t.Fatalf("strace is needed for the comparison (make deps installs it): %v", err)
	}
	for _, c := range []struct {
		command []string
		sig     syscall.Signal
	}{
		{[]string{"sh", "-c", "kill -TERM $$"}, syscall.SIGTERM},
		{[]string{progs["segv"]}, syscall.SIGSEGV},
	} {
		for _, tool := range []string{straceBin, gotrace} {
			dir := t.TempDir()
			cmd := exec.Command(tool, append([]string{"-o", filepath.Join(dir, "trace")}, c.command...)...)
			cmd.Dir = dir
			err := cmd.Run()
			ee, ok := err.(*exec.ExitError)
			if !ok {
				t.Fatalf("%s %q: %v", tool, c.command, err)
			}
			if ws := ee.Sys().(syscall.WaitStatus); !ws.Signaled() || ws.Signal() != c.sig || ws.CoreDump() {
				t.Errorf("%s %q: wait status %#x, want killed by %v without a core", tool, c.command, int(ws), c.sig)
			}
		}
	}
}
