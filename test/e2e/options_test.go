package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"syscall"
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

// -y and -yy print what descriptors refer to as strace does: files, the
// working directory, devices; the lines of a file's and a device's
// descriptors are strace's.
func TestDecodeFds(t *testing.T) {
	need(t)
	for _, y := range []string{"-y", "-yy", "--decode-fds=path", "--decode-fds=all"} {
		s, g := traceBoth(t, y, "-qq", "-e", "trace=openat,read,dup,lseek,close,write", "--", progs["opt_fds"])
		pick := func(lines []string) string {
			var out []string
			for _, l := range lines {
				if strings.Contains(l, "/etc/hostname") || strings.Contains(l, "/dev/null") {
					out = append(out, l)
				}
			}
			return strings.Join(out, "\n")
		}
		if pick(s) != pick(g) {
			t.Errorf("%s:\nstrace:\n%s\ngotrace:\n%s", y, pick(s), pick(g))
		}
		if !strings.Contains(pick(g), "</etc/hostname>") {
			t.Errorf("%s: no descriptor of /etc/hostname:\n%s", y, strings.Join(g, "\n"))
		}
	}
	r := trace(t, "", "-y", "-e", "trace=openat,read", "--", progs["opt_fds"])
	cwd, _ := os.Getwd()
	has(t, r.lines, `openat(AT_FDCWD<`+cwd+`>, "/etc/hostname", O_RDONLY) = 3</etc/hostname>`)
	hasMatch(t, r.lines, `read\(3</etc/hostname>, ".*", 1\) += 1`)
	// the calls that make descriptors are followed even when not shown
	r = trace(t, "", "-y", "-e", "trace=read,lseek", "--", progs["opt_fds"])
	hasMatch(t, r.lines, `read\(3</etc/hostname>, ".*", 1\) += 1`)
	has(t, r.lines, line("", "lseek(4</etc/hostname>, 0, SEEK_SET)", "0"))
	for _, l := range r.lines {
		if strings.HasPrefix(l, "openat(") || strings.HasPrefix(l, "close(") || strings.HasPrefix(l, "dup(") {
			t.Errorf("trace=read,lseek printed %q", l)
		}
	}
}

// -yy describes an inherited socket by its endpoints: a UNIX socket pair
// as "UNIX-STREAM:[INODE->PEER]".
func TestDecodeFdsSocket(t *testing.T) {
	need(t)
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	ours, theirs := os.NewFile(uintptr(fds[0]), "ours"), os.NewFile(uintptr(fds[1]), "theirs")
	defer ours.Close()
	var st [2]syscall.Stat_t
	syscall.Fstat(fds[0], &st[0])
	syscall.Fstat(fds[1], &st[1])
	out := filepath.Join(t.TempDir(), "trace")
	cmd := exec.Command(gotrace, "-yy", "-o", out, "-e", "trace=write", "--", "/bin/echo", "x")
	cmd.Stdout = theirs
	err = cmd.Run()
	theirs.Close()
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(out)
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	has(t, lines, fmt.Sprintf(`write(1<UNIX-STREAM:[%d->%d]>, "x\n", 2) = 2`, st[1].Ino, st[0].Ino))
}

// -P prints only the calls that use the path or a descriptor of it, as
// strace does; --trace-fds only those that use the descriptors.
func TestTracePath(t *testing.T) {
	need(t)
	s, g := traceBoth(t, "-P", "/etc/hostname", "-P", "/dev/null", "--", progs["opt_fds"])
	if strings.Join(s, "\n") != strings.Join(g, "\n") {
		t.Errorf("-P:\nstrace:\n%s\ngotrace:\n%s", strings.Join(s, "\n"), strings.Join(g, "\n"))
	}
	if len(g) < 9 {
		t.Errorf("-P: want the calls on /etc/hostname and /dev/null, got:\n%s", strings.Join(g, "\n"))
	}
	r := trace(t, "", "--trace-fds=1", "--", "/bin/echo", "hi")
	has(t, r.lines, line("", `write(1, "hi\n", 3)`, "3"))
	for _, l := range r.lines {
		if !strings.Contains(l, "(1, ") && !strings.Contains(l, "(1)") && !strings.HasPrefix(l, "+++") {
			t.Errorf("--trace-fds=1 printed %q", l)
		}
	}
}

// -ff -o FILE writes each task's lines, without pid prefix, to FILE.PID,
// as strace does.
func TestOutputSeparately(t *testing.T) {
	need(t)
	straceBin, err := exec.LookPath("strace")
	if err != nil {
		t.Fatal(err)
	}
	expr := "trace=clone,clone3,wait4,exit_group,execve,write"
	// Whether SIGCHLD lands before or after the parent's wait4 is a race
	// between the two processes, so the comparison leaves signals out.
	script := "echo a; (echo b); wait"
	files := func(tool string) []string {
		dir := t.TempDir()
		cmd := exec.Command(tool, "-ff", "-o", filepath.Join(dir, "out"), "-e", expr, "-e", "signal=none", "--", "/bin/sh", "-c", script)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s -ff: %v\n%s", tool, err, out)
		}
		names, _ := filepath.Glob(filepath.Join(dir, "out.*"))
		sort.Strings(names) // pids grow: the parent first
		var traces []string
		for _, n := range names {
			data, _ := os.ReadFile(n)
			s := address.ReplaceAllString(string(data), "0xADDR")
			s = regexp.MustCompile(`\b\d{3,7}\b`).ReplaceAllString(s, "PID")
			traces = append(traces, s)
		}
		return traces
	}
	want, got := files(straceBin), files(gotrace)
	if len(want) != 2 || strings.Join(want, "\n====\n") != strings.Join(got, "\n====\n") {
		t.Errorf("-ff:\nstrace:\n%s\ngotrace:\n%s", strings.Join(want, "\n====\n"), strings.Join(got, "\n====\n"))
	}
}

// --always-show-pid prefixes lines with the pid even with one task.
func TestAlwaysShowPid(t *testing.T) {
	need(t)
	r := trace(t, "", "--always-show-pid", "-e", "trace=write", "--", "/bin/echo", "hi")
	m := hasMatch(t, r.lines, `(\d+) +write\(1, "hi\\n", 3\) += 3`)
	if m != nil {
		has(t, r.lines, pid(m[1])+"+++ exited with 0 +++")
	}
}

// The --timestamps, -r and -T forms print their columns as strace's do:
// same shape, digits aside.
func TestTimestampForms(t *testing.T) {
	need(t)
	digits := regexp.MustCompile(`\d`)
	for _, args := range [][]string{
		{"--timestamps=unix,ns"}, {"--timestamps=time,ms"}, {"--timestamps=s"},
		{"--timestamps=format:unix,precision:s"}, {"--absolute-timestamps=ns"},
		{"--timestamps=unix"}, {"--timestamps=none"}, {"-tt"},
		{"--relative-timestamps=ms"}, {"--relative-timestamps=ns"},
		{"-t", "--relative-timestamps=s"}, {"--syscall-times=ns"}, {"--syscall-times=ms"},
	} {
		s, g := traceBoth(t, append(args, "-e", "trace=write", "--", "/bin/echo", "hi")...)
		if digits.ReplaceAllString(s[0], "D") != digits.ReplaceAllString(g[0], "D") {
			t.Errorf("%q:\nstrace:  %q\ngotrace: %q", args, s[0], g[0])
		}
	}
	// A bad argument gets strace's message and exit status; each tool
	// names itself as it was started.
	straceBin, err := exec.LookPath("strace")
	if err != nil {
		t.Fatal(err)
	}
	refused := func(tool string) (string, int) {
		out, err := exec.Command(tool, "--timestamps=bogus", "--", "/bin/true").CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatalf("%s: %v", tool, err)
		}
		return strings.ReplaceAll(string(out), tool, "NAME"), code
	}
	want, wantCode := refused(straceBin)
	got, gotCode := refused(gotrace)
	if got != want || gotCode != wantCode {
		t.Errorf("--timestamps=bogus: strace exits %d with %q; gotrace exits %d with %q", wantCode, want, gotCode, got)
	}
}

// -U chooses the -c columns; without times, the table is strace's.
func TestSummaryColumns(t *testing.T) {
	need(t)
	s, g := traceBoth(t, "-c", "-U", "name,calls,errors", "-S", "name", "--", progs["opt_classes"])
	if strings.Join(s, "\n") != strings.Join(g, "\n") {
		t.Errorf("-U name,calls,errors:\nstrace:\n%s\ngotrace:\n%s", strings.Join(s, "\n"), strings.Join(g, "\n"))
	}
	s, g = traceBoth(t, "-c", "-U", "count,time", "--", progs["opt_classes"])
	if s[0] != g[0] || s[1] != g[1] {
		t.Errorf("-U count,time header:\nstrace:\n%s\n%s\ngotrace:\n%s\n%s", s[0], s[1], g[0], g[1])
	}
	out, err := exec.Command(gotrace, "-c", "-U", "calls,bogus", "--", "/bin/true").CombinedOutput()
	if err == nil || string(out) != gotrace+": unknown column name: 'bogus'\nTry '"+gotrace+" -h' for more information.\n" {
		t.Errorf("-U calls,bogus: %v, %q", err, out)
	}
}

// -u drops root wholly: the command runs with the user's uid, gid and
// supplementary groups, not root's.
func TestRunAsUser(t *testing.T) {
	need(t)
	want, err := exec.Command("id", "-G", "nobody").Output()
	if err != nil {
		t.Fatal(err)
	}
	r := trace(t, "", "-u", "nobody", "-e", "trace=setgroups,setgid,setuid", "--", "/bin/sh", "-c", "id -u; id -g; id -G")
	if got := r.stdout; got != "65534\n"+strings.Fields(string(want))[0]+"\n"+string(want) {
		t.Errorf("-u nobody: the command ran as\n%s", got)
	}
	out, err := exec.Command(gotrace, "-u", "no-such-user-gotrace", "--", "/bin/true").CombinedOutput()
	if err == nil || string(out) != gotrace+": Cannot find user 'no-such-user-gotrace'\n" {
		t.Errorf("-u unknown user: %v, %q", err, out)
	}
}

// --color=always colours names, return values and errors without moving
// " = "; auto leaves a file plain.
func TestColor(t *testing.T) {
	need(t)
	r := trace(t, "", "--color=always", "-e", "trace=openat", "--", progs["openat"])
	want := "\x1b[1mopenat\x1b[0m(AT_FDCWD, \"/nonexistent/file\", O_RDONLY) \x1b[31m= -1 ENOENT (No such file or directory)\x1b[0m"
	has(t, r.lines, want)
	r = trace(t, "", "--color=always", "-e", "trace=unlink", "--", progs["openat"])
	has(t, r.lines, "\x1b[1munlink\x1b[0m(\"/tmp/gotrace-e2e-openat\")       \x1b[32m= 0\x1b[0m")
	has(t, r.lines, "\x1b[36m+++ exited with 0 +++\x1b[0m")
	r = trace(t, "", "-e", "trace=unlink", "--", progs["openat"])
	for _, l := range r.lines {
		if strings.Contains(l, "\x1b") {
			t.Errorf("--color=auto coloured a file: %q", l)
		}
	}
}

// strace's other spellings: -e decode-fds=SET is --decode-fds=SET, and
// --follow-forks --output-separately is -ff. strace 6.1 lets a short -f
// decide -ff's part (output_separately = -f's count >= 2), so -f
// --output-separately writes one file there: the files must be strace's.
func TestOptionSpellings(t *testing.T) {
	need(t)
	r := trace(t, "", "-e", "decode-fds=path", "-e", "trace=read", "--", progs["opt_fds"])
	hasMatch(t, r.lines, `read\(3</etc/hostname>, ".*", 1\) += 1`)
	straceBin, err := exec.LookPath("strace")
	if err != nil {
		t.Fatalf("strace is needed for the comparison (make deps installs it): %v", err)
	}
	for _, follow := range [][]string{{"--follow-forks", "--output-separately"}, {"-f", "--output-separately"}} {
		files := func(tool string) int {
			out := filepath.Join(t.TempDir(), "out")
			args := append(append([]string{}, follow...), "-o", out, "-e", "trace=write", "--", "/bin/sh", "-c", "echo a; (echo b)")
			if err := exec.Command(tool, args...).Run(); err != nil {
				t.Fatalf("%s %q: %v", tool, args, err)
			}
			names, _ := filepath.Glob(out + "*")
			return len(names)
		}
		s, g := files(straceBin), files(gotrace)
		if s != g {
			t.Errorf("%q: gotrace wrote %d files, strace %d", follow, g, s)
		}
		if follow[0] == "--follow-forks" && g != 2 {
			t.Errorf("%q: %d files, want one per task", follow, g)
		}
	}
}

// -y follows a descriptor its process's threads share, as strace shows it.
func TestDecodeFdsThreads(t *testing.T) {
	need(t)
	s, g := traceBoth(t, "-f", "-qq", "-y", "-e", "trace=read,close", "--", progs["opt_fds_thread"])
	pick := func(lines []string) string {
		tasks := normalize(strings.Join(lines, "\n"))
		out := tasks["P2"] // the thread
		for _, l := range tasks["P1"] {
			if strings.Contains(l, "hostname") {
				out = append(out, l)
			}
		}
		return strings.Join(out, "\n")
	}
	if pick(s) != pick(g) || !strings.Contains(pick(g), `read(3</etc/hostname>, "`) {
		t.Errorf("-f -y with threads:\nstrace:\n%s\ngotrace:\n%s", pick(s), pick(g))
	}
}

// -n prefixes each line with the number of the task's latest syscall:
// its own on a syscall line, the one it was in on a signal or exit line.
func TestSyscallNumbers(t *testing.T) {
	need(t)
	s, g := traceBoth(t, "-n", "-e", "trace=rt_sigaction,kill,rt_sigreturn,exit_group", "--", progs["signal_self"])
	pids := regexp.MustCompile(`(kill\(|si_pid=)\d+`)
	want := pids.ReplaceAllString(address.ReplaceAllString(strings.Join(s, "\n"), "0xADDR"), "${1}PID")
	got := pids.ReplaceAllString(address.ReplaceAllString(strings.Join(g, "\n"), "0xADDR"), "${1}PID")
	if want != got || !strings.Contains(got, "[  62] --- SIGUSR1") {
		t.Errorf("-n:\nstrace:\n%s\ngotrace:\n%s", want, got)
	}
}

// -e read=SET and -e write=SET dump the data of read, write, pread64,
// pwrite64, sendto and recvfrom on those descriptors in hex after the
// line, whole (4096 bytes here), as strace does; the line still shows -s.
func TestDumps(t *testing.T) {
	need(t)
	s, g := traceBoth(t, "-e", "trace=read,write,pread64,pwrite64,sendto,recvfrom", "-e", "read=3,6,7", "-e", "write=!1,2", "--", progs["dump_io"])
	want, got := strings.Join(s, "\n"), strings.Join(g, "\n")
	if want != got || !strings.Contains(got, " | 00ff0  90 97 9e a5 ac b3 ba c1  c8 cf d6 dd e4 eb f2 f9  ................ |") {
		t.Errorf("dumps:\nstrace:\n%s\ngotrace:\n%s", want, got)
	}
}

// --tips prints a tip in strace's box beside strace's picture when the
// trace ends, on stderr: the frame and the picture are strace's, column
// for column; the words are gotrace's own tips.
func TestTips(t *testing.T) {
	need(t)
	run := func(tool string) []string {
		cmd := exec.Command(tool, "-qqq", "-e", "none", "--tips=id:0,format:full", "--", "/bin/true")
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("%s: %v\n%s", tool, err, stderr.String())
		}
		lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
		for i, l := range lines {
			if len(l) > 47 && strings.HasPrefix(l, " | ") {
				lines[i] = l[:3] + "TEXT" + l[47:] // the tip's words
			}
		}
		return lines
	}
	want, got := strings.Join(run("strace"), "\n"), strings.Join(run(gotrace), "\n")
	if want != got || !strings.Contains(got, `/___/ /   \ \___"-.`) {
		t.Errorf("--tips:\nstrace:\n%s\ngotrace:\n%s", want, got)
	}
}

// -b execve lets each task go at its execve, the command's own first one
// excepted: its line ends " <detached ...>" and nothing more of it shows;
// with the command let go, gotrace exits 0 without waiting for it, as
// strace does.
func TestDetachOnExec(t *testing.T) {
	need(t)
	pids := regexp.MustCompile(`\b[1-9]\d{2,}\b *`) // and -f's padding
	norm := func(lines []string) string {
		return pids.ReplaceAllString(address.ReplaceAllString(strings.Join(lines, "\n"), "0xADDR"), "PID")
	}
	s, g := traceBoth(t, "-f", "-b", "execve", "-e", "trace=execve,getpid,exit_group", "--", "/bin/sh", "-c", "/bin/true; exit 3")
	if want, got := norm(s), norm(g); want != got || !strings.Contains(got, `execve("/bin/true", ["/bin/true"], 0xADDR /* `) {
		t.Errorf("-f -b execve:\nstrace:\n%s\ngotrace:\n%s", want, got)
	}
	s, g = traceBoth(t, "-b", "execve", "-e", "trace=execve", "--", "/bin/sh", "-c", "exec /bin/false")
	if want, got := norm(s), norm(g); want != got || !strings.HasSuffix(got, " <detached ...>") {
		t.Errorf("-b execve:\nstrace:\n%s\ngotrace:\n%s", want, got)
	}
	cmd := exec.Command(gotrace, "-b", "execve", "-e", "none", "--", "/bin/sh", "-c", "exec /bin/false")
	out, err := cmd.CombinedOutput()
	if err != nil || !regexp.MustCompile(`^\S*: Process \d+ detached\n$`).Match(out) {
		t.Errorf("gotrace -b execve -e none sh -c 'exec false': %v, %q; want status 0 and the detach notice", err, out)
	}
}

// -i prefixes each line with where the task was: the instruction pointer a
// syscall was made from, where a signal found the task (a segfault's
// faulting instruction), "????????????????" on the lines of its end. With
// address space randomization off (setarch -R) the addresses are strace's;
// the first execve is left out, as gotrace and strace each make it from
// their own code.
func TestInstructionPointer(t *testing.T) {
	need(t)
	setarch, err := exec.LookPath("setarch")
	if err != nil {
		t.Fatalf("setarch (util-linux) is needed to turn address randomization off: %v", err)
	}
	dir := t.TempDir()
	run := func(tool string) []string {
		out := filepath.Join(dir, filepath.Base(tool)+".txt")
		cmd := exec.Command(setarch, "x86_64", "-R", tool, "-o", out, "-f", "-i", "-e", "trace=!execve", "--", progs["segv"])
		if msg, err := cmd.CombinedOutput(); err != nil {
			if _, ok := err.(*exec.ExitError); !ok {
				t.Fatalf("%s: %v\n%s", tool, err, msg)
			}
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	}
	pids := regexp.MustCompile(`\b[1-9]\d{2,}\b *`)
	norm := func(lines []string) string { return pids.ReplaceAllString(strings.Join(lines, "\n"), "PID ") }
	want, got := norm(run("strace")), norm(run(gotrace))
	if want != got || !regexp.MustCompile(`\[0000[0-9a-f]{12}\] --- SIGSEGV `).MatchString(got) || !strings.Contains(got, "[????????????????] +++ killed by SIGSEGV") {
		t.Errorf("-i:\nstrace:\n%s\ngotrace:\n%s", want, got)
	}
}
