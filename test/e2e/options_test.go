package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// traceBoth runs strace and gotrace with the same arguments, each writing
// its trace to a file (-o), and returns both traces' lines.
func traceBoth(t *testing.T, args ...string) (straceLines, gotraceLines []string) {
	t.Helper()
	straceBin, err := exec.LookPath("strace")
	if err != nil {
		t.Fatalf("strace is needed for the comparison (make deps installs it): %v", err)
	}
	dir := t.TempDir()
	run := func(tool, out string) []string {
		cmd := exec.Command(tool, append([]string{"-o", out}, args...)...)
		var stderr strings.Builder
		cmd.Stderr, cmd.Dir = &stderr, dir
		if err := cmd.Run(); err != nil {
			if _, ok := err.(*exec.ExitError); !ok {
				t.Fatalf("%s: %v", tool, err)
			}
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatalf("%s %q wrote no trace: %v\n%s", tool, args, err, stderr.String())
		}
		return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	}
	return run(straceBin, filepath.Join(dir, "strace.txt")), run(gotrace, filepath.Join(dir, "gotrace.txt"))
}

var syscallName = regexp.MustCompile(`^(?:\d+ +)?([a-z0-9_]+)\(`)

// names lists the syscalls of a trace's lines, in order.
func names(lines []string) string {
	var ns []string
	for _, l := range lines {
		if m := syscallName.FindStringSubmatch(l); m != nil {
			ns = append(ns, m[1])
		}
	}
	return strings.Join(ns, " ")
}

// -e trace= with classes, regexes and numbers selects the syscalls strace
// selects, in the same order.
func TestTraceClasses(t *testing.T) {
	need(t)
	for _, expr := range []string{
		"%file", "%process", "%network", "%net", "%signal", "%ipc", "%desc",
		"%memory", "%creds", "%clock", "%stat", "%lstat", "%fstat", "%%stat",
		"%statfs", "%fstatfs", "%%statfs", "%pure", "/^get", "/stat$",
		"file,%clock,39", "!%desc", "!%memory,%file", "?nosuch,%ipc",
	} {
		s, g := traceBoth(t, "-qq", "-e", "trace="+expr, "--", progs["opt_classes"])
		if names(s) == "" {
			t.Errorf("trace=%s: strace traced nothing: the program must make such calls", expr)
		}
		if names(s) != names(g) {
			t.Errorf("trace=%s:\nstrace:  %s\ngotrace: %s", expr, names(s), names(g))
		}
	}
	// the lines of syscalls whose decoding gotrace completes are strace's
	s, g := traceBoth(t, "-qq", "-e", "trace=%creds,%stat,%lstat", "--", progs["opt_classes"])
	if strings.Join(s, "\n") != strings.Join(g, "\n") {
		t.Errorf("trace=%%creds,%%stat,%%lstat:\nstrace:\n%s\ngotrace:\n%s", strings.Join(s, "\n"), strings.Join(g, "\n"))
	}
}
