package e2e

import (
	"errors"
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

// bpfPrograms counts the BPF programs loaded in the kernel.
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
		n++
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
	before := bpfPrograms(t)
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
