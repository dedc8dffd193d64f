package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A ring buffer of one page loses records under busy's 200000 getppid
// calls; with --no-drop it loses none: each call prints, and the pauses
// that made it so do not show.
func TestNoDrop(t *testing.T) {
	need(t)
	ring := fmt.Sprint(os.Getpagesize())
	lossy := trace(t, "", "--ring-buffer-size", ring, "--", progs["busy"])
	if !strings.Contains(lossy.stderr, "events lost") {
		t.Fatalf("without --no-drop the small ring lost nothing, so this test shows nothing: %q", lossy.stderr)
	}
	r := trace(t, "", "--no-drop", "--ring-buffer-size", ring, "--", progs["busy"])
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("--no-drop: exit %d, stderr %q", r.code, r.stderr)
	}
	whole := regexp.MustCompile(`^getppid\(\) += \d+$`)
	calls := 0
	for _, l := range r.lines {
		switch {
		case whole.MatchString(l):
			calls++
		case strings.Contains(l, "events lost"), strings.Contains(l, "SIGSTOP"):
			t.Errorf("--no-drop printed %q", l)
		}
	}
	if calls != 200000 {
		t.Errorf("--no-drop: %d whole getppid lines, want 200000", calls)
	}
}

// Under --no-drop, gotrace ptraces the tasks only to catch its pauses:
// signals and job control work as untraced. jobctl's child stops itself;
// its parent sees it stopped, continues it and sees it continue, and exits
// 0 only if each step went right.
func TestNoDropJobControl(t *testing.T) {
	need(t)
	r := trace(t, "", "--no-drop", "-f", "--", progs["jobctl"])
	if r.code != 0 {
		t.Fatalf("jobctl under --no-drop exited %d (1: not seen stopped, 2: not continued, 3: bad exit)\n%s", r.code, strings.Join(r.lines, "\n"))
	}
	// -f: the parent's wait4 lines may be split by the child's
	for _, want := range []string{
		`--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_TKILL, `,
		`--- SIGSTOP {si_signo=SIGSTOP, si_code=SI_TKILL, `,
		`[{WIFSTOPPED(s) && WSTOPSIG(s) == SIGSTOP}], WSTOPPED, NULL) = `,
		`[{WIFCONTINUED(s)}], WCONTINUED, NULL) = `,
		`[{WIFEXITED(s) && WEXITSTATUS(s) == 7}], 0, NULL) = `,
	} {
		n := 0
		for _, l := range r.lines {
			if strings.Contains(l, want) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d lines hold %q, want 1:\n%s", n, want, strings.Join(r.lines, "\n"))
		}
	}
}

// gotrace -p --no-drop leaves the process as it found it: running, and no
// longer ptraced once gotrace has detached.
func TestNoDropAttach(t *testing.T) {
	need(t)
	prog := startLoop(t)
	status := filepath.Join("/proc", fmt.Sprint(prog.Process.Pid), "status")
	out := filepath.Join(t.TempDir(), "trace")
	g := exec.Command(gotrace, "--no-drop", "-o", out, "-p", fmt.Sprint(prog.Process.Pid))
	var stderr bytes.Buffer
	g.Stderr = &stderr
	if err := g.Start(); err != nil {
		t.Fatal(err)
	}
	waitTrace(t, out, `write(1, "tick\n", 5)`)
	if data, _ := os.ReadFile(status); !regexp.MustCompile(`(?m)^TracerPid:\s+[1-9]`).Match(data) {
		t.Errorf("--no-drop -p: the process is not ptraced:\n%s", data)
	}
	g.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- g.Wait() }()
	select {
	case err := <-done:
		// it detaches, then dies by the SIGINT, as strace
		if status, _ := exitStatus(err); status != 128+int(syscall.SIGINT) {
			t.Errorf("gotrace --no-drop -p after SIGINT: %v\n%s", err, stderr.String())
		}
	case <-time.After(10 * time.Second):
		g.Process.Kill()
		t.Fatal("gotrace --no-drop -p did not detach on SIGINT")
	}
	data, err := os.ReadFile(status)
	if err != nil {
		t.Fatalf("the process did not survive the detach: %v", err)
	}
	if !regexp.MustCompile(`(?m)^TracerPid:\s+0$`).Match(data) || regexp.MustCompile(`(?m)^State:\s+[Tt]`).Match(data) {
		t.Errorf("after the detach the process is still ptraced or stopped:\n%s", data)
	}
}
