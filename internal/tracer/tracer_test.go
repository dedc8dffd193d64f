package tracer

import (
	"os"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/gotrace/gotrace/internal/printer"
)

// The parts of a trace that need no kernel side: reading /proc, exit
// statuses, which options need times.

func TestKernelThread(t *testing.T) {
	t.Parallel()
	for stat, want := range map[string]bool{
		// kthreadd: PF_KTHREAD (0x00200000) in flags, the 9th field
		"2 (kthreadd) S 0 0 0 0 -1 2129984 0 0": true,
		// a command whose name holds spaces and parentheses
		"1234 (my (odd) prog) S 1 1234 1234 34816 1234 4194560 100 0": false,
		"garbage": false,
	} {
		if got := kernelThread([]byte(stat)); got != want {
			t.Errorf("%q: %v, want %v", stat, got, want)
		}
	}
	self, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		t.Fatal(err)
	}
	if kernelThread(self) {
		t.Error("this test is a kernel thread")
	}
}

func TestWaitStatus(t *testing.T) {
	t.Parallel()
	for ws, want := range map[syscall.WaitStatus]int{
		0:        0,
		3 << 8:   3,
		9:        128 + 9,
		0x80 | 6: 128 + 6, // SIGABRT, core dumped
	} {
		if got := waitStatus(ws); got != want {
			t.Errorf("wait status %#x: exit %d, want %d", uint32(ws), got, want)
		}
	}
}

func TestCheckPid(t *testing.T) {
	t.Parallel()
	for pid, want := range map[int]string{
		0:           "invalid process id: '0'",
		-5:          "invalid process id: '-5'",
		os.Getpid(): "I'm sorry, I can't let you do that, Dave.",
		1 << 30:     "no such process",
	} {
		if err := checkPid(pid); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("pid %d: %v, want %q", pid, err, want)
		}
	}
	if err := checkPid(os.Getppid()); err != nil {
		t.Errorf("the test's parent: %v", err)
	}
}

func TestShowsTimes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		cfg  Config
		want bool
	}{
		{Config{}, false},
		{Config{Printer: printer.Options{Timestamps: printer.TimeOfDay}}, true},
		{Config{Printer: printer.Options{Relative: true}}, true},
		{Config{Printer: printer.Options{Durations: true}}, true},
		{Config{JSON: true}, true},
		{Config{Observers: []Observer{nil}}, true},
	} {
		if got := showsTimes(tc.cfg); got != tc.want {
			t.Errorf("%+v: %v, want %v", tc.cfg, got, tc.want)
		}
	}
}

// threads and tasksOf list a process's threads from /proc.
func TestThreadsOfSelf(t *testing.T) {
	t.Parallel()
	tids, err := threads(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(tids, os.Getpid()) || len(tids) < 2 {
		t.Errorf("threads of this test (a Go program, several threads): %v", tids)
	}
	if got := tasksOf(os.Getpid(), false); !slices.Contains(got, os.Getpid()) {
		t.Errorf("tasksOf does not list the process's leader: %v", got)
	}
	if _, err := threads(1 << 30); err == nil {
		t.Error("threads of no process: no error")
	}
}
