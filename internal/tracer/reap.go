package tracer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"github.com/gotrace/gotrace/internal/xlat"
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

// commandPath is the file strace runs for command name: name itself when
// it has a slash, which is only checked to exist (a directory or a file
// without the execute bit then fails in the execve, which the trace
// shows), else the first executable file of that name in $PATH.
func commandPath(name string) (string, error) {
	if strings.Contains(name, "/") {
		_, err := os.Stat(name)
		return name, err
	}
	return exec.LookPath(name)
}

// commandError words a command that cannot run as strace does: "Can't
// stat 'NAME': No such file or directory" when there is no such file, else
// "exec: " and the error of its execve ("Permission denied", "Exec format
// error").
func commandError(name string, err error) error {
	var errno syscall.Errno
	switch {
	case errors.Is(err, exec.ErrNotFound) || errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("Can't stat '%s': %s", name, xlat.ErrnoMessage(int(syscall.ENOENT)))
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("exec: %s", xlat.ErrnoMessage(int(syscall.EACCES)))
	case errors.As(err, &errno):
		return fmt.Errorf("exec: %s", xlat.ErrnoMessage(int(errno)))
	}
	return fmt.Errorf("exec: %w", err)
}
