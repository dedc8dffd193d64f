package e2e

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cilium/ebpf"
)

// gotracePrograms are the names of gotrace's BPF programs.
var gotracePrograms = []string{
	"sys_enter", "sys_exit", "sched_process_fork", "sched_process_exec",
	"sched_process_exit", "signal_deliver", "signal_generate",
}

// heldPrograms returns the ids of the BPF programs process pid holds a
// descriptor of, directly or through a link. Other processes' programs
// (other tracers on the machine) do not count.
func heldPrograms(pid int) map[ebpf.ProgramID]bool {
	ids := map[ebpf.ProgramID]bool{}
	dir := "/proc/" + strconv.Itoa(pid) + "/fdinfo/"
	fds, _ := os.ReadDir(dir)
	for _, fd := range fds {
		data, err := os.ReadFile(dir + fd.Name())
		if err != nil {
			continue
		}
		for line := range strings.Lines(string(data)) {
			if v, ok := strings.CutPrefix(line, "prog_id:"); ok {
				if id, err := strconv.ParseUint(strings.TrimSpace(v), 10, 32); err == nil {
					ids[ebpf.ProgramID(id)] = true
				}
			}
		}
	}
	return ids
}

// waitLoaded waits until gotrace (pid) holds its programs, attached.
func waitLoaded(t *testing.T, pid int) map[ebpf.ProgramID]bool {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		ids := heldPrograms(pid)
		if len(ids) >= len(gotracePrograms) {
			return ids
		}
		if time.Now().After(deadline) {
			t.Fatalf("gotrace (pid %d) did not load its BPF programs in a minute: it holds %d", pid, len(ids))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// gone waits until none of the programs ids exists, and reports the ids
// still there after ten seconds.
func gone(ids map[ebpf.ProgramID]bool) []ebpf.ProgramID {
	var left []ebpf.ProgramID
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		left = left[:0]
		for id := range ids {
			if prog, err := ebpf.NewProgramFromID(id); err == nil {
				prog.Close()
				left = append(left, id)
			}
		}
		if len(left) == 0 || time.Now().After(deadline) {
			return left
		}
	}
}

// No BPF program outlives gotrace: not after a normal exit, a detach, or
// SIGKILL (nothing is pinned; every object goes with gotrace's descriptors).
// Each case watches the programs that gotrace itself held.
func TestNothingLeftBehind(t *testing.T) {
	need(t)
	start := func(args ...string) (*exec.Cmd, io.Closer, map[ebpf.ProgramID]bool) {
		t.Helper()
		g := exec.Command(gotrace, append([]string{"-o", filepath.Join(t.TempDir(), "trace")}, args...)...)
		in, err := g.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := g.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { in.Close(); g.Process.Kill(); g.Wait() })
		return g, in, waitLoaded(t, g.Process.Pid)
	}

	// a normal exit: cat ends when its input does
	g, in, ids := start("--", "cat")
	in.Close()
	if err := g.Wait(); err != nil {
		t.Errorf("gotrace -- cat: %v", err)
	}
	if left := gone(ids); len(left) > 0 {
		t.Errorf("after a normal exit: programs %v are still loaded", left)
	}

	loop := exec.Command(progs["loop"])
	if err := loop.Start(); err != nil {
		t.Fatal(err)
	}
	defer loop.Process.Kill()
	g, _, ids = start("-p", strconv.Itoa(loop.Process.Pid))
	g.Process.Signal(syscall.SIGKILL)
	g.Wait()
	if left := gone(ids); len(left) > 0 {
		t.Errorf("after SIGKILL: programs %v are still loaded", left)
	}

	g, _, ids = start("-p", strconv.Itoa(loop.Process.Pid))
	g.Process.Signal(syscall.SIGINT)
	g.Wait()
	if left := gone(ids); len(left) > 0 {
		t.Errorf("after a SIGINT detach: programs %v are still loaded", left)
	}
	if err := loop.Process.Signal(syscall.Signal(0)); err != nil {
		t.Errorf("the traced process died with gotrace: %v", err)
	}
}

// Two instances tracing two commands at once each see only their own.
func TestIsolation(t *testing.T) {
	need(t)
	dir := t.TempDir()
	run := func(prog, out string) *exec.Cmd {
		cmd := exec.Command(gotrace, "-f", "-o", filepath.Join(dir, out), "--", progs[prog])
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	a, b := run("fork", "a"), run("pthread", "b")
	a.Wait()
	b.Wait()
	for out, own := range map[string]string{"a": progs["fork"], "b": progs["pthread"]} {
		data, err := os.ReadFile(filepath.Join(dir, out))
		if err != nil {
			t.Fatal(err)
		}
		execs := 0
		for _, l := range strings.Split(string(data), "\n") {
			if strings.Contains(l, " execve(") {
				execs++
				if !strings.Contains(l, `execve("`+own+`"`) {
					t.Errorf("trace %s holds another command's execve: %q", out, l)
				}
			}
		}
		if execs != 1 {
			t.Errorf("trace %s has %d execve lines, want its own one", out, execs)
		}
	}
}

// tracedEntries counts the entries of gotrace's map of traced tasks.
func tracedEntries(t *testing.T) int {
	t.Helper()
	var id ebpf.MapID
	for {
		next, err := ebpf.MapGetNextID(id)
		if errors.Is(err, os.ErrNotExist) {
			t.Fatal("no map named traced: is gotrace running?")
		}
		if err != nil {
			t.Fatalf("list BPF maps: %v", err)
		}
		id = next
		m, err := ebpf.NewMapFromID(id)
		if err != nil {
			continue
		}
		info, err := m.Info()
		if err != nil || info.Name != "traced" {
			m.Close()
			continue
		}
		n := 0
		var k, v uint32
		for it := m.Iterate(); it.Next(&k, &v); {
			n++
		}
		m.Close()
		return n
	}
}

// Per-thread state is freed with the thread: after 100000 threads have come
// and gone, the map of traced tasks holds the one thread left.
func TestNoLeftoverThreadState(t *testing.T) {
	need(t)
	g := exec.Command(gotrace, "-f", "-e", "trace=none", "-o", filepath.Join(t.TempDir(), "trace"), "--", progs["threads100k"])
	stdout, err := g.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Start(); err != nil {
		t.Fatal(err)
	}
	defer g.Wait()
	buf := make([]byte, 5)
	if _, err := io.ReadFull(stdout, buf); err != nil || string(buf) != "done\n" {
		t.Fatalf("the program did not finish its threads: %q %v", buf, err)
	}
	if n := tracedEntries(t); n != 1 {
		t.Errorf("after 100000 threads the traced map holds %d entries, want 1", n)
	}
}

// A setuid program keeps its privileges under gotrace (eBPF does not stop
// it as ptrace does): passwd run by nobody can still read /etc/shadow.
func TestSetuidProgram(t *testing.T) {
	need(t)
	passwd, err := exec.LookPath("passwd")
	if err != nil {
		t.Skip("no passwd program to try a setuid binary with")
	}
	if st, err := os.Stat(passwd); err != nil || st.Mode()&os.ModeSetuid == 0 {
		t.Skip("passwd is not setuid here")
	}
	r := trace(t, "", "-u", "nobody", "-e", "trace=getuid", "--", passwd, "-S", "nobody")
	if !strings.HasPrefix(r.stdout, "nobody ") {
		t.Errorf("passwd -S as nobody printed %q (stderr %q): the setuid bit did not take", r.stdout, r.stderr)
	}
	has(t, r.lines, line("", "getuid()", "65534"))
}

// A child that stays a zombie (its parent does not wait) has exited: its
// "+++ exited" line comes at once, and gotrace ends with its parent.
func TestZombieChild(t *testing.T) {
	need(t)
	r := trace(t, "", "-f", "-e", "trace=exit_group", "--", progs["zombie"])
	if r.code != 0 {
		t.Errorf("exit %d", r.code)
	}
	m := hasMatch(t, r.lines, `(\d+) +exit_group\(4\) += \?`)
	if m != nil {
		has(t, r.lines, pid(m[1])+"+++ exited with 4 +++")
	}
}

// Output into a pipe that closes ends gotrace quietly: no Go panic, no
// message.
func TestClosedPipe(t *testing.T) {
	need(t)
	cmd := exec.Command("sh", "-c", gotrace+" -o /dev/stdout -- "+progs["busy"]+" | head -1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	done := make(chan error, 1)
	go func() { done <- cmd.Run() }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("gotrace did not end when its output pipe closed")
	}
	if stderr.Len() != 0 {
		t.Errorf("stderr %q, want nothing", stderr.String())
	}
}

// A pid that a traced task had, given to an untraced process after the task
// exited, is not traced: the kernel side forgets tasks when they exit.
func TestPidReuse(t *testing.T) {
	need(t)
	out := filepath.Join(t.TempDir(), "trace")
	g := exec.Command(gotrace, "-f", "-o", out, "--", progs["pidreuse"])
	stdout, err := g.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Start(); err != nil {
		t.Fatal(err)
	}
	var child int
	if _, err := fmt.Fscan(stdout, &child); err != nil {
		t.Fatalf("read the child's pid: %v", err)
	}
	// the next process created gets the dead child's pid
	if err := os.WriteFile("/proc/sys/kernel/ns_last_pid", []byte(strconv.Itoa(child-1)), 0); err != nil {
		t.Skipf("cannot choose the next pid: %v", err)
	}
	reuse := exec.Command("/bin/sh", "-c", "echo $$; exec /bin/true reused-pid-marker")
	got, err := reuse.Output()
	if err != nil {
		t.Fatal(err)
	}
	g.Wait()
	if strings.TrimSpace(string(got)) != strconv.Itoa(child) {
		t.Skipf("another process took pid %d first", child)
	}
	data, _ := os.ReadFile(out)
	if strings.Contains(string(data), "reused-pid-marker") {
		t.Errorf("a process that reused pid %d was traced:\n%s", child, data)
	}
}

// Bad invocations: one line on stderr, a non-zero status, no panic.
func TestBadInvocations(t *testing.T) {
	need(t)
	cases := []struct {
		name string
		cmd  *exec.Cmd
		want string
	}{
		// strace's words (a command whose execve fails: TestFailingExec)
		{"missing command", exec.Command(gotrace, "--", "/nonexistent/cmd"), gotrace + ": Can't stat '/nonexistent/cmd': No such file or directory\n"},
		{"unwritable output", exec.Command(gotrace, "-o", "/proc/nonexistent/trace", "--", "true"), gotrace + ": Can't fopen '/proc/nonexistent/trace': No such file or directory\n"},
		{"own pid", exec.Command("sh", "-c", "exec "+gotrace+" -p $$"), gotrace + ": I'm sorry, I can't let you do that, Dave."},
	}
	if _, err := exec.LookPath("setpriv"); err == nil {
		cases = append(cases, struct {
			name string
			cmd  *exec.Cmd
			want string
		}{"no privileges", exec.Command("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", gotrace, "--", "true"),
			gotrace + ": tracing needs root, or the CAP_BPF and CAP_PERFMON capabilities: run gotrace with sudo"})
	}
	for _, c := range cases {
		var stderr strings.Builder
		c.cmd.Stderr = &stderr
		err := c.cmd.Run()
		if err == nil {
			t.Errorf("%s: exit status 0", c.name)
		}
		if !strings.HasPrefix(stderr.String(), c.want) || strings.Count(stderr.String(), "\n") != 1 {
			t.Errorf("%s: stderr %q, want one line starting %q", c.name, stderr.String(), c.want)
		}
	}
}
