package e2e

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// injectBoth traces with strace and gotrace (-f -o FILE ARGS...), stdin
// given, and fails unless both traces are the same once normalised
// (pids, addresses), task by task. It returns gotrace's raw lines.
func injectBoth(t *testing.T, stdin []byte, args ...string) []string {
	t.Helper()
	straceBin, err := exec.LookPath("strace")
	if err != nil {
		t.Fatalf("strace is needed for the comparison (make deps installs it): %v", err)
	}
	dir := t.TempDir()
	run := func(tool string) string {
		out := filepath.Join(dir, filepath.Base(tool)+".txt")
		cmd := exec.Command(tool, append([]string{"-f", "-o", out}, args...)...)
		// stdout a pipe, not /dev/null, which never touches the
		// buffers written (see README's known limits)
		var stderr strings.Builder
		cmd.Stdin, cmd.Stdout, cmd.Stderr, cmd.Dir = bytes.NewReader(stdin), io.Discard, &stderr, dir
		if err := cmd.Run(); err != nil {
			if _, ok := err.(*exec.ExitError); !ok {
				t.Fatalf("%s: %v", tool, err)
			}
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatalf("%s %q wrote no trace: %v\n%s", tool, args, err, stderr.String())
		}
		return string(data)
	}
	rawWant, rawGot := run(straceBin), run(gotrace)
	want, got := normalize(rawWant), normalize(rawGot)
	var tasks []string
	for task := range want {
		tasks = append(tasks, task)
	}
	for task := range got {
		if _, ok := want[task]; !ok {
			tasks = append(tasks, task)
		}
	}
	sort.Slice(tasks, func(i, j int) bool { return taskIndex(tasks[i]) < taskIndex(tasks[j]) })
	var diffs strings.Builder
	for _, task := range tasks {
		if !slices.Equal(want[task], got[task]) {
			_, ops := diffLines(want[task], got[task])
			diffs.WriteString(unified(task, ops, 3))
		}
	}
	if diffs.Len() > 0 {
		t.Errorf("gotrace %s differs from strace:\n%s\nstrace:\n%s\ngotrace:\n%s", strings.Join(args, " "), diffs.String(), rawWant, rawGot)
	}
	return strings.Split(strings.TrimSuffix(rawGot, "\n"), "\n")
}

// cp meets a full disk on its second write (copy_file_range made to fail
// with ENOSYS first, so that cp falls back to read and write): both specs
// at once, strace's lines exactly.
func TestInjectCpENOSPC(t *testing.T) {
	need(t)
	src := filepath.Join(t.TempDir(), "src")
	if err := os.WriteFile(src, bytes.Repeat([]byte("0123456789abcdef"), 20000), 0o644); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "dst")
	lines := injectBoth(t, nil, "-e", "trace=copy_file_range,read,write", "-e", "inject=copy_file_range:error=ENOSYS",
		"--inject=write:error=ENOSPC:when=2", "cp", src, dst)
	hasMatch(t, lines, `^\d+ +write\(4, "0123456789abcdef0123456789abcdef"\.\.\., 131072\) = -1 ENOSPC \(No space left on device\) \(INJECTED\)$`)
	hasMatch(t, lines, `^\d+ +copy_file_range\(3, NULL, 4, NULL, \d+, 0\) = -1 ENOSYS \(Function not implemented\) \(INJECTED\)$`)
	hasMatch(t, lines, `^\d+ +\+\+\+ exited with 1 \+\+\+$`)
}

// cat cannot open its file: EACCES on the openat of the file, found as
// the Nth openat of an untampered run.
func TestInjectCatEACCES(t *testing.T) {
	need(t)
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, []byte("hello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	plain := trace(t, "", "-e", "trace=openat", "cat", file)
	n := slices.IndexFunc(plain.lines, func(l string) bool { return strings.Contains(l, `"`+file+`"`) })
	if n < 0 {
		t.Fatalf("cat did not open %s:\n%s", file, strings.Join(plain.lines, "\n"))
	}
	lines := injectBoth(t, nil, "-e", "trace=openat,write", "-e", "inject=openat:error=EACCES:when="+strconv.Itoa(n+1), "cat", file)
	hasMatch(t, lines, `^\d+ +openat\(AT_FDCWD, "`+regexp.QuoteMeta(file)+`", O_RDONLY\) = -1 EACCES \(Permission denied\) \(INJECTED\)$`)
}

// A delayed read: (DELAYED), and -T counts the delay, as strace's does.
func TestInjectDelayedRead(t *testing.T) {
	need(t)
	injectBoth(t, nil, "-e", "trace=read", "-e", "inject=read:delay_enter=100ms:when=3", "-e", "signal=none", progs["inject"])
	r := trace(t, "", "-T", "-e", "trace=read", "-e", "inject=read:delay_enter=200ms:when=3", progs["inject"])
	delayed := hasMatch(t, r.lines, `^read\(3, "world", 5\) += 5 \(DELAYED\) <(\d+\.\d+)>$`)
	if len(delayed) == 2 {
		if s, _ := strconv.ParseFloat(delayed[1], 64); s < 0.2 {
			t.Errorf("the delayed read took %ss, less than its 200ms delay", delayed[1])
		}
	}
}

// delay_exit= and poke_exit= of calls let run: the task stops as the call
// returns, gotrace writes the bytes and holds it (ptraced for this only),
// in the children too with -f; the lines are strace's, the read shows the
// poked bytes, and the task waits before its next call.
func TestInjectAtExit(t *testing.T) {
	need(t)
	lines := injectBoth(t, nil, "-e", "trace=umask,read", "-e", "signal=none",
		"-e", "inject=umask:delay_exit=50ms:when=2", "-e", "inject=read:poke_exit=@arg2=574f524c44:when=2", progs["inject"])
	hasMatch(t, lines, `^\d+ +read\(3, "WORLD", 5\) += 5 \(INJECTED: args\)$`)
	delayed := regexp.MustCompile(`umask\(022\) += 022 \(DELAYED\)$`)
	if n := len(slices.DeleteFunc(slices.Clone(lines), func(l string) bool { return !delayed.MatchString(l) })); n != 2 {
		t.Errorf("%d umask calls delayed, want 2 (the parent's and the child's second):\n%s", n, strings.Join(lines, "\n"))
	}
	// the flight recorder's recording shows the poked bytes too
	fr := trace(t, "", "--flight-recorder=3", "-e", "trace=read", "-e", "inject=read:poke_exit=@arg2=574f524c44:when=2", progs["inject"])
	hasMatch(t, fr.lines, `read\(3, "WORLD", 5\) += 5 \(INJECTED: args\)`)
	r := trace(t, "", "-r", "-e", "trace=umask", "-e", "inject=umask:delay_exit=300ms:when=2", progs["inject"])
	i := slices.IndexFunc(r.lines, delayed.MatchString)
	if i < 0 || i+1 >= len(r.lines) {
		t.Fatalf("no delayed umask followed by another line:\n%s", strings.Join(r.lines, "\n"))
	}
	next := regexp.MustCompile(`^ +(\d+\.\d+) umask\(022\) += 022$`).FindStringSubmatch(r.lines[i+1])
	if next == nil {
		t.Fatalf("the line after the delayed umask is %q, want the third umask", r.lines[i+1])
	}
	if s, _ := strconv.ParseFloat(next[1], 64); s < 0.3 {
		t.Errorf("the call after the delayed one came %ss after it, before its 300ms delay ended:\n%s", next[1], strings.Join(r.lines, "\n"))
	}
}

// A signal injected on a syscall arrives as the call enters: strace's
// SI_KERNEL siginfo, the handler's write, per task with -f; an answered
// call with a signal, too.
func TestInjectSignal(t *testing.T) {
	need(t)
	lines := injectBoth(t, nil, "-e", "trace=umask,write,rt_sigreturn", "-e", "signal=USR1",
		"-e", "inject=umask:signal=USR1:when=2", progs["inject"])
	hasMatch(t, lines, `^\d+ +--- SIGUSR1 \{si_signo=SIGUSR1, si_code=SI_KERNEL\} ---$`)
	injectBoth(t, nil, "-e", "trace=umask,write,rt_sigreturn", "-e", "signal=USR1",
		"-e", "inject=umask:signal=USR1:retval=0777:when=3", progs["inject"])
}

// fault= is inject= with ENOSYS by default; retval= and the when= forms
// count per task, children from their first call.
func TestInjectForms(t *testing.T) {
	need(t)
	for _, spec := range [][]string{
		{"-e", "fault=umask:when=2+"},
		{"-e", "inject=umask:retval=7:when=1..2"},
		{"--fault=umask:error=EPERM:when=1+2", "-e", "inject=read:error=EINTR:when=2"},
		{"-e", "inject=umask,read:error=ENOENT:syscall=gettid:when=3"},
	} {
		injectBoth(t, nil, append(append([]string{"-e", "trace=umask,read", "-e", "signal=none"}, spec...), progs["inject"])...)
	}
	// only calls the trace shows are tampered with: not read and pipe2
	// here, though -y makes the kernel side send them
	injectBoth(t, nil, "-y", "-e", "trace=umask", "-e", "signal=none", "-e", "inject=read,pipe2:error=EIO", progs["inject"])
}

// Without -f only the command is traced, and only its calls are tampered
// with, as strace does; its children inherit the seccomp filter but their
// calls run untouched. A shell's umask builtin prints what umask(2)
// returned, in a subshell (a child) and in the shell.
func TestInjectOnlyTracedTasks(t *testing.T) {
	need(t)
	for _, follow := range []bool{false, true} {
		var args []string
		if follow {
			args = append(args, "-f")
		}
		args = append(args, "-o", os.DevNull, "-e", "trace=umask", "-e", "inject=umask:retval=7", "/bin/sh", "-c", "(umask); umask")
		want, err := exec.Command("strace", args...).Output()
		if err != nil {
			t.Fatalf("strace %q: %v", args, err)
		}
		got, err := exec.Command(gotrace, args...).Output()
		if err != nil {
			t.Fatalf("gotrace %q: %v", args, err)
		}
		if string(got) != string(want) {
			t.Errorf("%q: the shell printed %q under gotrace, %q under strace", args, got, want)
		}
	}
}

// Bad input: one line, status 1, the command not started.
func TestInjectBadInput(t *testing.T) {
	need(t)
	marker := filepath.Join(t.TempDir(), "ran")
	for _, args := range [][]string{
		{"-e", "inject=chdir:when=0:error=EIO"},
		{"-e", "inject=chdir:error=EFOO"},
		{"-e", "inject=chdir:signal=SIGFOO"},
		{"-e", "inject=chdir:when=65536"},
		{"-e", "inject=chdir"},
		{"-e", "inject=nosuchcall:error=EIO"},
		{"-e", "inject=!all:error=EIO"},
		{"-e", "fault=chdir:retval=1"},
	} {
		cmd := exec.Command(gotrace, append(args, "touch", marker)...)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		err := cmd.Run()
		code, _ := exitStatus(err)
		msg := stderr.String()
		if code != 1 || strings.Count(msg, "\n") != 1 || !strings.HasPrefix(msg, gotrace+": ") {
			t.Errorf("%q: status %d, stderr %q; want 1 and one line", args, code, msg)
		}
		if _, err := os.Stat(marker); err == nil {
			t.Fatalf("%q: the command ran", args)
		}
	}
	cmd := exec.Command(gotrace, "-e", "inject=chdir:error=EIO", "-p", strconv.Itoa(os.Getpid()))
	out, err := cmd.CombinedOutput()
	if code, _ := exitStatus(err); code != 1 || !strings.Contains(string(out), "need a command gotrace starts") {
		t.Errorf("-p with -e inject: status %d, %q", code, out)
	}
}
