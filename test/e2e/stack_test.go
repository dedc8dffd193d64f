package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
)

// stackCall is a syscall line of a -k trace and the frames after it (for
// exit_group, those strace prints after the "+++ exited" line).
type stackCall struct {
	line   string
	name   string
	frames []string
}

// stackCalls splits a -k trace into its syscalls.
func stackCalls(lines []string) []stackCall {
	var calls []stackCall
	cur := -1
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, " > "):
			if cur >= 0 {
				calls[cur].frames = append(calls[cur].frames, l)
			}
		case strings.HasPrefix(l, "+++ "):
			// exit_group's stack follows
		default:
			cur = -1
			if m := syscallName.FindStringSubmatch(l); m != nil {
				calls = append(calls, stackCall{line: l, name: m[1]})
				cur = len(calls) - 1
			}
		}
	}
	return calls
}

// buildStackProg compiles testdata/stack/SRC with gcc and flags into dir.
func buildStackProg(t *testing.T, dir, out, src string, flags ...string) string {
	t.Helper()
	bin := filepath.Join(dir, out)
	args := append(append([]string{}, flags...), "-o", bin, filepath.Join(repoRoot(), "testdata", "stack", src))
	if strings.HasSuffix(out, ".so") {
		args = append([]string{"-shared", "-fPIC"}, args...)
	} else {
		args = append(args, "-ldl")
	}
	if o, err := exec.Command("gcc", args...).CombinedOutput(); err != nil {
		t.Fatalf("gcc %q: %v\n%s", args, err, o)
	}
	return bin
}

// runTrace runs a tracer with -o and returns the trace's lines.
func runTrace(t *testing.T, tool string, args ...string) []string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "trace")
	cmd := exec.Command(tool, append([]string{"-o", out}, args...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatalf("%s %q: %v", tool, args, err)
		}
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("%s %q wrote no trace: %v\n%s", tool, args, err, stderr.String())
	}
	if strings.Contains(stderr.String(), "lost") {
		t.Fatalf("%s %q: %s", tool, args, stderr.String())
	}
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
}

// compareStacks traces args with strace -k and with gotrace -k, and checks
// gotrace's frames against strace's, call by call: at least 95% of the
// calls have the very same frames, every call has strace's first frame,
// and no call has fewer frames than strace's where they agree (an unwinding
// cut short; a program may also take another path to the same call from
// one run to the next, as Python's allocator does). With superset,
// gotrace's frames need only start as strace's and not be fewer (strace's
// libunwind stops after the first frame of a static program).
func compareStacks(t *testing.T, superset bool, args ...string) {
	t.Helper()
	straceBin, err := exec.LookPath("strace")
	if err != nil {
		t.Fatalf("strace is needed for the comparison (make deps installs it): %v", err)
	}
	args = append([]string{"-k"}, args...)
	want := stackCalls(runTrace(t, straceBin, args...))
	got := stackCalls(runTrace(t, gotrace, args...))
	if len(want) == 0 || len(got) != len(want) {
		t.Fatalf("strace traced %d calls, gotrace %d:\nstrace: %s\ngotrace: %s", len(want), len(got), callNames(want), callNames(got))
	}
	same := 0
	for i, w := range want {
		g := got[i]
		if g.name != w.name {
			t.Fatalf("call %d: strace's is %q, gotrace's %q", i, w.line, g.line)
		}
		show := fmt.Sprintf("call %d, %s:\nstrace:\n%s\ngotrace:\n%s", i, w.line, strings.Join(w.frames, "\n"), strings.Join(g.frames, "\n"))
		if strings.Join(g.frames, "\n") == strings.Join(w.frames, "\n") {
			same++
			continue
		}
		switch {
		case len(w.frames) > 0 && (len(g.frames) == 0 || g.frames[0] != w.frames[0]):
			t.Errorf("first frame differs: %s", show)
		case len(g.frames) < len(w.frames) && (superset || strings.Join(g.frames, "\n") == strings.Join(w.frames[:len(g.frames)], "\n")):
			t.Errorf("fewer frames than strace's: %s", show)
		case !superset:
			t.Logf("frames differ: %s", show)
		}
	}
	if !superset && same*100 < 95*len(want) {
		t.Errorf("%d of %d calls have strace's frames, less than 95%%", same, len(want))
	}
	t.Logf("%d of %d calls have strace's frames", same, len(want))
}

func callNames(calls []stackCall) string {
	var b strings.Builder
	for _, c := range calls {
		b.WriteString(c.name + " ")
	}
	return b.String()
}

// -k prints the frames strace -k prints, for programs built without frame
// pointers (Debian's libc and ld.so, a C program built -O2
// -fomit-frame-pointer), PIE or not; they are named by the mappings of
// the moment of the syscall, though the program exits right after its
// last syscall, or unmaps the library it called.
func TestStackTraces(t *testing.T) {
	need(t)
	dir := t.TempDir()
	nofp := []string{"-O2", "-fomit-frame-pointer"}
	pie := buildStackProg(t, dir, "nofp", "nofp.c", nofp...)
	noPIE := buildStackProg(t, dir, "nofp-nopie", "nofp.c", append(nofp, "-no-pie")...)
	lib := buildStackProg(t, dir, "libstack.so", "lib.c", nofp...)
	dl := buildStackProg(t, dir, "dl", "dl.c", nofp...)
	for _, c := range []struct {
		name string
		args []string
	}{
		{"true", []string{"/bin/true"}},
		{"cat", []string{"cat", "/etc/hostname"}},
		{"nofp", []string{pie}},
		{"nofp-nopie", []string{noPIE}},
		{"dlclose", []string{dl, lib}},
		{"opt_stack", []string{progs["opt_stack"]}},
	} {
		t.Run(c.name, func(t *testing.T) { compareStacks(t, false, c.args...) })
	}
	t.Run("python3", func(t *testing.T) {
		// Debian's interpreter, not a wrapper script found in PATH
		const python = "/usr/bin/python3"
		if _, err := os.Stat(python); err != nil {
			t.Fatalf("%s is needed (make deps installs it): %v", python, err)
		}
		compareStacks(t, false, python, "-c", "pass")
	})
	t.Run("go", func(t *testing.T) {
		bin := filepath.Join(dir, "goprog")
		build := exec.Command("go", "build", "-o", bin, ".")
		build.Dir = filepath.Join(repoRoot(), "testdata", "stack", "goprog")
		build.Env = append(os.Environ(), "GO111MODULE=off", "CGO_ENABLED=0")
		if out, err := build.CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
		// the runtime's threads and preemption signals vary: the calls
		// of the main thread that do not (not exit_group, which any
		// thread may make)
		compareStacks(t, false, "-e", "trace=openat,close,read", bin)
	})
	// strace's libunwind stops after the first frame of a static
	// program; gotrace's go on to main
	t.Run("static", func(t *testing.T) {
		static := buildStackProg(t, dir, "nofp-static", "nofp.c", append(nofp, "-static")...)
		compareStacks(t, true, static)
		r := trace(t, "", "-k", "-e", "trace=getppid", "--", static)
		if !hasLine(r.lines, regexp.MustCompile(`^ > `+regexp.QuoteMeta(static)+`\(main\+0x[0-9a-f]+\) \[0x[0-9a-f]+\]$`)) {
			t.Errorf("static: no frame in main:\n%s", strings.Join(r.lines, "\n"))
		}
	})
	// without -k, no frames
	r := trace(t, "", "-e", "trace=getpid", "--", progs["opt_stack"])
	for _, l := range r.lines {
		if strings.HasPrefix(l, " > ") {
			t.Errorf("without -k: %q", l)
		}
	}
}

func hasLine(lines []string, re *regexp.Regexp) bool {
	for _, l := range lines {
		if re.MatchString(l) {
			return true
		}
	}
	return false
}

// -kk adds each frame's source file and line, as strace 6.7 and later
// print them after the address; --stack-trace-frame-limit cuts stacks as
// strace's does.
func TestStackSourceAndLimit(t *testing.T) {
	need(t)
	dir := t.TempDir()
	src := filepath.Join(repoRoot(), "testdata", "stack", "nofp.c")
	bin := buildStackProg(t, dir, "nofp", "nofp.c", "-O2", "-fomit-frame-pointer", "-g")
	text, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	lineOf := func(mark string) int {
		for i, l := range strings.Split(string(text), "\n") {
			if strings.Contains(l, mark) {
				return i + 1
			}
		}
		t.Fatalf("no %s in %s", mark, src)
		return 0
	}
	r := trace(t, "", "-kk", "-e", "trace=openat", "--", bin)
	calls := stackCalls(r.lines)
	var open *stackCall
	for i := range calls {
		if strings.Contains(calls[i].line, `"/etc/hostname"`) {
			open = &calls[i]
		}
	}
	if open == nil || len(open.frames) < 4 {
		t.Fatalf("no openat of /etc/hostname with frames:\n%s", strings.Join(r.lines, "\n"))
	}
	frame := regexp.MustCompile(`^ > ` + regexp.QuoteMeta(bin) + `\((\w+)[.\w]*\+0x[0-9a-f]+\) \[0x[0-9a-f]+\] (.*):(\d+)$`)
	for i, want := range []struct {
		fn   string
		line int
	}{{"inner", lineOf("LINE_OPEN")}, {"outer", lineOf("LINE_INNER")}} {
		m := frame.FindStringSubmatch(open.frames[i+1])
		if m == nil || m[1] != want.fn || m[2] != src || m[3] != fmt.Sprint(want.line) {
			t.Errorf("frame %d: %q, want %s at %s:%d", i+1, open.frames[i+1], want.fn, src, want.line)
		}
	}
	// libc has no line table: its frames stay as -k prints them
	if !regexp.MustCompile(`^ > /.*libc\.so\.6\(__open64\+0x[0-9a-f]+\) \[0x[0-9a-f]+\]$`).MatchString(open.frames[0]) {
		t.Errorf("libc frame %q", open.frames[0])
	}

	r = trace(t, "", "-k", "--stack-trace-frame-limit", "2", "-e", "trace=openat", "--", bin)
	for _, c := range stackCalls(r.lines) {
		if strings.Contains(c.line, `"/etc/hostname"`) {
			if len(c.frames) != 3 || c.frames[2] != " > too many stack frames" {
				t.Errorf("--stack-trace-frame-limit 2:\n%s", strings.Join(c.frames, "\n"))
			}
		}
	}
}

// -k -p: the mappings of a process gotrace attaches to are read from /proc
// at its first stack; its frames are named as strace names them.
func TestStackAttach(t *testing.T) {
	need(t)
	prog := startLoop(t)
	out := filepath.Join(t.TempDir(), "trace")
	g := exec.Command(gotrace, "-k", "-e", "trace=write", "-o", out, "-p", fmt.Sprint(prog.Process.Pid))
	var stderr strings.Builder
	g.Stderr = &stderr
	if err := g.Start(); err != nil {
		t.Fatal(err)
	}
	waitTrace(t, out, `write(1, "tick\n", 5)`)
	waitTrace(t, out, "(main+0x")
	g.Process.Signal(syscall.SIGINT)
	// it detaches, then dies by the SIGINT, as strace
	if status, _ := exitStatus(g.Wait()); status != 128+int(syscall.SIGINT) {
		t.Errorf("gotrace -k -p: status %d\n%s", status, stderr.String())
	}
	data, _ := os.ReadFile(out)
	calls := stackCalls(strings.Split(string(data), "\n"))
	write := regexp.MustCompile(`^ > /\S*libc\.so\.6\(__write\+0x[0-9a-f]+\) \[0x[0-9a-f]+\]$`)
	inMain := regexp.MustCompile(`^ > ` + regexp.QuoteMeta(progs["loop"]) + `\(main\+0x[0-9a-f]+\) \[0x[0-9a-f]+\]$`)
	for _, c := range calls {
		if len(c.frames) >= 2 && write.MatchString(c.frames[0]) && inMain.MatchString(c.frames[1]) {
			return
		}
	}
	t.Errorf("no write from main with its frames:\n%s", data)
}

// -k prints, after a signal's line, the stack where the signal found the
// task, as strace does.
func TestStackAtSignal(t *testing.T) {
	need(t)
	straceBin, err := exec.LookPath("strace")
	if err != nil {
		t.Fatalf("strace is needed for the comparison (make deps installs it): %v", err)
	}
	after := func(lines []string) []string {
		var frames []string
		in := false
		for _, l := range lines {
			switch {
			case strings.HasPrefix(l, "--- SIGUSR1 "):
				in = true
			case in && strings.HasPrefix(l, " > "):
				frames = append(frames, l)
			default:
				in = false
			}
		}
		return frames
	}
	args := []string{"-k", "-e", "trace=none", progs["signal_self"]}
	want, got := after(runTrace(t, straceBin, args...)), after(runTrace(t, gotrace, args...))
	if len(want) < 2 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("frames after the signal:\nstrace:\n%s\ngotrace:\n%s", strings.Join(want, "\n"), strings.Join(got, "\n"))
	}
}
