package e2e

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// runTool runs tracer (gotrace or strace) with args and returns its stderr,
// with the tracer's path replaced by TRACER, and its wait status.
func runTool(t *testing.T, tracer string, args ...string) (string, syscall.WaitStatus) {
	t.Helper()
	cmd := exec.Command(tracer, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("%s %q: %v", tracer, args, err)
	}
	return strings.ReplaceAll(stderr.String(), tracer+": ", "TRACER: "), cmd.ProcessState.Sys().(syscall.WaitStatus)
}

// -p on a zombie is refused, with strace's message and status: there is
// nothing left to trace, and it would never exit.
func TestAttachZombie(t *testing.T) {
	need(t)
	// sleep 30 never reaps the child it inherits from the shell
	parent := exec.Command("sh", "-c", "true & exec sleep 30")
	if err := parent.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { parent.Process.Kill(); parent.Wait() })
	children := fmt.Sprintf("/proc/%d/task/%d/children", parent.Process.Pid, parent.Process.Pid)
	var zombie int
	for deadline := time.Now().Add(20 * time.Second); zombie == 0; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("no zombie child appeared")
		}
		data, _ := os.ReadFile(children)
		for _, f := range strings.Fields(string(data)) {
			stat, _ := os.ReadFile("/proc/" + f + "/stat")
			if i := bytes.LastIndexByte(stat, ')'); i >= 0 && i+2 < len(stat) && stat[i+2] == 'Z' {
				zombie, _ = strconv.Atoi(f)
			}
		}
	}
	want, wantWS := runTool(t, "strace", "-p", strconv.Itoa(zombie))
	got, gotWS := runTool(t, gotrace, "-p", strconv.Itoa(zombie))
	if got != want || gotWS.ExitStatus() != wantWS.ExitStatus() {
		t.Errorf("-p on a zombie:\nstrace:  %q, status %d\ngotrace: %q, status %d", want, wantWS.ExitStatus(), got, gotWS.ExitStatus())
	}
}

// A signal that detaches from -p ends the tracer by that signal, as
// strace does: Ctrl-C's status is 130 in a shell.
func TestDetachSignalStatus(t *testing.T) {
	need(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		for _, tracer := range []string{"strace", gotrace} {
			prog := startLoop(t)
			out := filepath.Join(t.TempDir(), "trace")
			g := exec.Command(tracer, "-o", out, "-p", strconv.Itoa(prog.Process.Pid))
			if err := g.Start(); err != nil {
				t.Fatal(err)
			}
			waitTrace(t, out, `write(1, "tick\n", 5)`)
			g.Process.Signal(sig)
			g.Wait()
			ws := g.ProcessState.Sys().(syscall.WaitStatus)
			if !ws.Signaled() || ws.Signal() != sig {
				t.Errorf("%s -p, detached by %v: wait status %#x, want killed by %v", filepath.Base(tracer), sig, uint32(ws), sig)
			}
		}
	}
}

// -ff -o FILE fails before the command runs when FILE.PID cannot be made,
// as strace does.
func TestSeparateOutputUnwritable(t *testing.T) {
	need(t)
	marker := filepath.Join(t.TempDir(), "ran")
	for _, tracer := range []string{"strace", gotrace} {
		stderr, ws := runTool(t, tracer, "-ff", "-o", "/nonexistent/dir/x", "--", "touch", marker)
		if _, err := os.Stat(marker); err == nil {
			t.Errorf("%s ran the command", filepath.Base(tracer))
			os.Remove(marker)
		}
		if ws.ExitStatus() != 1 || !strings.HasPrefix(stderr, "TRACER: Can't fopen '/nonexistent/dir/x.") || !strings.HasSuffix(stderr, "': No such file or directory\n") {
			t.Errorf("%s: %q, status %d", filepath.Base(tracer), stderr, ws.ExitStatus())
		}
	}
}

// -p without -f traces the threads the process has at the attach, not the
// ones it makes later: no lines of theirs, no "+++ exited" for them, as
// under strace.
func TestAttachNoLaterThreads(t *testing.T) {
	need(t)
	for _, tracer := range []string{"strace", gotrace} {
		prog := exec.Command(progs["late_thread"])
		in, err := prog.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := prog.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { in.Close(); prog.Process.Kill(); prog.Wait() })
		out := filepath.Join(t.TempDir(), "trace")
		g := exec.Command(tracer, "-o", out, "-e", "trace=getpid,getppid", "-p", strconv.Itoa(prog.Process.Pid))
		var stderr bytes.Buffer
		g.Stderr = &stderr
		if err := g.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { g.Process.Kill(); g.Wait() })
		for deadline := time.Now().Add(time.Minute); !strings.Contains(stderr.String(), " attached\n"); time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%s did not attach: %q", filepath.Base(tracer), stderr.String())
			}
		}
		in.Write([]byte("x"))
		waitTrace(t, out, "getppid()")
		g.Process.Signal(syscall.SIGINT)
		g.Wait()
		data, _ := os.ReadFile(out)
		if strings.Contains(string(data), "getpid()") || strings.Contains(string(data), "+++") {
			t.Errorf("%s -p traced a thread made after the attach:\n%s", filepath.Base(tracer), data)
		}
	}
}

// -o /dev/full: the write error is reported once and the trace goes on,
// the command's status unchanged, as under strace.
func TestOutputFull(t *testing.T) {
	need(t)
	want, wantWS := runTool(t, "strace", "-o", "/dev/full", "-e", "trace=write", "--", progs["exit3"])
	got, gotWS := runTool(t, gotrace, "-o", "/dev/full", "-e", "trace=write", "--", progs["exit3"])
	if got != want || gotWS.ExitStatus() != wantWS.ExitStatus() {
		t.Errorf("-o /dev/full:\nstrace:  %q, status %d\ngotrace: %q, status %d", want, wantWS.ExitStatus(), got, gotWS.ExitStatus())
	}
}
