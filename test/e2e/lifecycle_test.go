package e2e

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
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

// isGotraces reports whether a program name, which the kernel may have cut
// to 15 characters, is one of gotrace's.
func isGotraces(name string) bool {
	return name != "" && slices.ContainsFunc(gotracePrograms, func(full string) bool {
		return strings.HasPrefix(full, name)
	})
}

// bpfPrograms counts the BPF programs in the kernel that are gotrace's
// (by name: the kernel keeps 15 characters of it).
func bpfPrograms(t *testing.T) int {
	t.Helper()
	n := 0
	var id ebpf.ProgramID
	for {
		next, err := ebpf.ProgramGetNextID(id)
		if errors.Is(err, os.ErrNotExist) {
			return n
		}
		if err != nil {
			t.Fatalf("list BPF programs: %v", err)
		}
		id = next
		prog, err := ebpf.NewProgramFromID(id)
		if err != nil {
			continue // freed meanwhile
		}
		info, err := prog.Info()
		prog.Close()
		if err == nil && isGotraces(info.Name) {
			n++
		}
	}
}

// settle waits for the kernel to free what a dead process held.
func settle(t *testing.T, want int) int {
	t.Helper()
	got := bpfPrograms(t)
	for i := 0; i < 50 && got != want; i++ {
		time.Sleep(100 * time.Millisecond)
		got = bpfPrograms(t)
	}
	return got
}

// No BPF program outlives gotrace: not after a normal exit, a detach, or
// SIGKILL (nothing is pinned; every object goes with gotrace's descriptors).
func TestNothingLeftBehind(t *testing.T) {
	need(t)
	// programs of an earlier test's gotrace may still be being freed
	before := settle(t, 0)
	trace(t, "", "--", progs["exit3"])
	if got := settle(t, before); got != before {
		t.Errorf("after a normal exit: %d BPF programs, %d before", got, before)
	}

	loop := exec.Command(progs["loop"])
	if err := loop.Start(); err != nil {
		t.Fatal(err)
	}
	defer loop.Process.Kill()
	g := exec.Command(gotrace, "-o", filepath.Join(t.TempDir(), "trace"), "-p", strconv.Itoa(loop.Process.Pid))
	if err := g.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	if got := bpfPrograms(t); got <= before {
		t.Fatalf("gotrace -p loaded no BPF programs (%d, %d before)", got, before)
	}
	g.Process.Signal(syscall.SIGKILL)
	g.Wait()
	if got := settle(t, before); got != before {
		t.Errorf("after SIGKILL: %d BPF programs, %d before", got, before)
	}

	g = exec.Command(gotrace, "-o", filepath.Join(t.TempDir(), "trace"), "-p", strconv.Itoa(loop.Process.Pid))
	if err := g.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	g.Process.Signal(syscall.SIGINT)
	g.Wait()
	if got := settle(t, before); got != before {
		t.Errorf("after a SIGINT detach: %d BPF programs, %d before", got, before)
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
	notExec := filepath.Join(t.TempDir(), "plain")
	os.WriteFile(notExec, []byte("data"), 0o644)
	cases := []struct {
		name string
		cmd  *exec.Cmd
		want string
	}{
		{"missing command", exec.Command(gotrace, "--", "/nonexistent/cmd"), gotrace + `: cannot run "/nonexistent/cmd": `},
		{"not executable", exec.Command(gotrace, "--", notExec), gotrace + `: cannot run "` + notExec + `": `},
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
