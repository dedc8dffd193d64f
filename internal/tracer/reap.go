package tracer

import (
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// reapOthers reaps, until stop is closed, the children of gotrace that are
// neither the command nor one of known: a task the command cloned with
// CLONE_PARENT, or one gotrace inherited. Left as zombies they would stay
// visible to the command (kill(pid, 0) succeeds) forever. As strace does,
// each says "Exit of unknown pid N ignored" unless exits are quiet.
func (t *trace) reapOthers(known []int, stop <-chan struct{}) {
	sigchld := make(chan os.Signal, 1)
	signal.Notify(sigchld, unix.SIGCHLD)
	defer signal.Stop(sigchld)
	for {
		for _, pid := range ownChildren() {
			if slices.Contains(known, pid) {
				continue
			}
			var ws unix.WaitStatus
			if got, err := unix.Wait4(pid, &ws, unix.WNOHANG, nil); err != nil || got != pid {
				continue
			}
			if !t.cfg.Printer.HideExits {
				fmt.Fprintf(t.cfg.Notices, "%s: Exit of unknown pid %d ignored\n", t.cfg.Name, pid)
			}
		}
		select {
		case <-stop:
			return
		case <-sigchld:
		}
	}
}

// ownChildren lists the children of every thread of gotrace.
func ownChildren() []int {
	files, _ := filepath.Glob("/proc/self/task/*/children")
	var pids []int
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, field := range strings.Fields(string(data)) {
			if pid, err := strconv.Atoi(field); err == nil {
				pids = append(pids, pid)
			}
		}
	}
	return pids
}
