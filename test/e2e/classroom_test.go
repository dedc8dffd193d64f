package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var (
	examplesOnce sync.Once
	examples     map[string]string // examples/NAME.c -> built binary
	examplesErr  error
)

// example builds the examples/ programs once and returns one of them.
func example(t *testing.T, name string) string {
	t.Helper()
	need(t)
	examplesOnce.Do(func() {
		// inside the suite's directory, which TestMain removes
		dir := filepath.Join(workDir, "examples")
		if err := os.Mkdir(dir, 0o755); err != nil {
			examplesErr = err
			return
		}
		srcs, _ := filepath.Glob(filepath.Join(repoRoot(), "examples", "*.c"))
		examples = map[string]string{}
		for _, src := range srcs {
			n := strings.TrimSuffix(filepath.Base(src), ".c")
			bin := filepath.Join(dir, n)
			if out, err := exec.Command("gcc", "-O0", "-pthread", "-o", bin, src).CombinedOutput(); err != nil {
				examplesErr = fmt.Errorf("gcc %s: %v\n%s", src, err, out)
				return
			}
			examples[n] = bin
		}
	})
	if examplesErr != nil {
		t.Fatal(examplesErr)
	}
	bin, ok := examples[name]
	if !ok {
		t.Fatalf("no examples/%s.c", name)
	}
	return bin
}

// tree runs gotrace tree with the locale env and returns the tree.
func tree(t *testing.T, env string, args ...string) string {
	t.Helper()
	cmd := exec.Command(gotrace, append([]string{"tree"}, args...)...)
	cmd.Env = append(os.Environ(), "LC_ALL="+env)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("gotrace tree %q: %v\n%s", args, err, stderr.String())
	}
	return stdout.String()
}

func treeHas(t *testing.T, tree, pattern string) []string {
	t.Helper()
	m := regexp.MustCompile("(?m)^" + pattern + "$").FindStringSubmatch(tree)
	if m == nil {
		t.Errorf("tree has no line matching\n\t%s\ntree:\n%s", pattern, tree)
	}
	return m
}

// fork() makes a process, pthread_create() a thread of the same process:
// the tree says so from the kernel's tgids, with each creating syscall.
func TestTreeForkVersusThread(t *testing.T) {
	bin := example(t, "fork_vs_thread")
	out := tree(t, "C.UTF-8", "--", bin)
	root := treeHas(t, out, `(\d+) fork_vs_thread: process \(tgid (\d+)\), traced from the start`)
	if root == nil {
		return
	}
	treeHas(t, out, `├─ \d+ fork_vs_thread: process \(tgid \d+\), clone by `+root[1])
	treeHas(t, out, `│     flags: CLONE_CHILD_CLEARTID\|CLONE_CHILD_SETTID\|SIGCHLD`)
	treeHas(t, out, `│     exited with 7`)
	treeHas(t, out, `└─ \d+ fork_vs_thread: thread of `+root[1]+` \(tgid `+root[1]+`\), clone3 by `+root[1])
	treeHas(t, out, `      flags: CLONE_VM\|CLONE_FS\|CLONE_FILES\|CLONE_SIGHAND\|CLONE_THREAD\|.*`)
	treeHas(t, out, `│  exec ".*/fork_vs_thread" \[".*/fork_vs_thread"\]`)

	// ASCII when the locale is not UTF-8
	ascii := tree(t, "C", "--", bin)
	treeHas(t, ascii, "`- \\d+ fork_vs_thread: thread of \\d+ .*")
}

// The raw fork syscall shows as fork, glibc's fork() as clone.
func TestTreeRawFork(t *testing.T) {
	out := tree(t, "C", "--", example(t, "rawfork"))
	treeHas(t, out, `\|- \d+ rawfork: process \(tgid \d+\), fork by \d+`)
	treeHas(t, out, "`- \\d+ rawfork: process \\(tgid \\d+\\), clone by \\d+")
	treeHas(t, out, `      exited with 2`)
}

func TestTreeVforkAndSpawn(t *testing.T) {
	out := tree(t, "C", "--", example(t, "vfork_spawn"))
	treeHas(t, out, `\|- \d+ true: process \(tgid \d+\), vfork by \d+`)
	treeHas(t, out, "`- \\d+ true: process \\(tgid \\d+\\), clone3 by \\d+")
	treeHas(t, out, `      flags: CLONE_VM\|CLONE_VFORK\|SIGCHLD`)
	treeHas(t, out, `      exec "/bin/true" \["true"\]`)
}

// Namespaces created by clone flags, by unshare and joined by setns are named.
func TestTreeNamespaces(t *testing.T) {
	out := tree(t, "C", "--", example(t, "uts_ns"))
	treeHas(t, out, `      flags: CLONE_NEWUTS\|CLONE_NEWUSER\|SIGCHLD`)
	treeHas(t, out, `      new namespaces: hostname \(CLONE_NEWUTS\), user \(CLONE_NEWUSER\)`)

	out = tree(t, "C", "--", example(t, "unshare"))
	treeHas(t, out, `\|  unshare\(CLONE_NEWUTS\): new hostname \(CLONE_NEWUTS\)`)
	treeHas(t, out, `\|  setns\(3, CLONE_NEWUTS\): joined hostname \(CLONE_NEWUTS\)`)
	treeHas(t, out, `\|  unshare\(CLONE_NEWPID\): new pid \(CLONE_NEWPID\)`)
}

// A runtime re-executing itself: the child runs /proc/self/exe, which the
// kernel names "exe", in new pid and hostname namespaces; -o writes the tree
// to a file.
func TestTreeReexecToFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "tree.txt")
	if out := tree(t, "C", "-o", file, "--", example(t, "reexec")); strings.Contains(out, "traced from the start") {
		t.Errorf("with -o the tree went to stdout too: %q", out)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	out := string(data)
	treeHas(t, out, "`- \\d+ exe: process \\(tgid \\d+; 1 in its pid namespace\\), clone by \\d+")
	treeHas(t, out, `      new namespaces: hostname \(CLONE_NEWUTS\), pid \(CLONE_NEWPID\)`)
	treeHas(t, out, `      exec "/proc/self/exe" \["reexec", "init"\]`)
}

// tree -p attaches to a running process and prints once it is gone.
func TestTreeAttach(t *testing.T) {
	need(t)
	prog := exec.Command("sleep", "1000")
	if err := prog.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { prog.Process.Kill() })
	pid := fmt.Sprint(prog.Process.Pid)
	_, out, done := startTree(t, "Process "+pid+" attached", "-p", pid)
	prog.Process.Kill()
	prog.Wait()
	if err := <-done; err != nil {
		t.Fatalf("gotrace tree: %v", err)
	}
	treeHas(t, out.String(), pid+` sleep: process \(tgid `+pid+`\), traced from the start`)
	treeHas(t, out.String(), `   killed by SIGKILL`)
}

func TestTreeBadInput(t *testing.T) {
	need(t)
	for _, args := range [][]string{{"tree"}, {"tree", "-p", "x"}, {"tree", "-p", "1", "true"}} {
		cmd := exec.Command(gotrace, args...)
		out, err := cmd.CombinedOutput()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || strings.Count(string(out), "\n") != 1 || !strings.HasPrefix(string(out), gotrace+": ") {
			t.Errorf("gotrace %q: %v, %q; want one error line and status 1", args, err, out)
		}
	}
}

const demoCalls = "trace=fork,vfork,clone,clone3,execve,execveat,unshare,setns,exit,exit_group,wait4,kill"

// afterLine returns the line that follows the first one matching pattern.
func afterLine(t *testing.T, lines []string, pattern string) string {
	t.Helper()
	re := regexp.MustCompile("^" + pattern + "$")
	for i, l := range lines {
		if re.MatchString(l) && i+1 < len(lines) {
			return lines[i+1]
		}
	}
	t.Errorf("trace has no line matching\n\t%s\ntrace:\n%s", pattern, strings.Join(lines, "\n"))
	return ""
}

func TestExplain(t *testing.T) {
	r := trace(t, "", "-f", "--explain", "-e", demoCalls, "--", example(t, "fork_vs_thread"))
	m := hasMatch(t, r.lines, `(\d+) +clone3\(.*CLONE_THREAD.*\) = (\d+)`)
	if m == nil {
		return
	}
	want := "  # new thread " + m[2] + " in the same process as thread " + m[1] +
		", sharing memory, open files, filesystem information and signal handlers (what pthread_create does)"
	if got := afterLine(t, r.lines, `\d+ +clone3\(.*`); got != want {
		t.Errorf("after clone3:\ngot  %q\nwant %q", got, want)
	}
	if got := afterLine(t, r.lines, `\d+ +clone\(.*SIGCHLD.*`); !regexp.MustCompile(`^  # new process \d+, a copy-on-write copy of its parent \(what glibc's fork\(\) does\)$`).MatchString(got) {
		t.Errorf("after clone: %q", got)
	}
	if got := afterLine(t, r.lines, m[1]+` +execve\(.*\) = 0`); got != "  # the program image was replaced (new code, data and stack; the open files without O_CLOEXEC stay); the pid stays "+m[1] {
		t.Errorf("after execve: %q", got)
	}
	if got := afterLine(t, r.lines, `\d+ +(wait4\(|<\.\.\. wait4 resumed>).* = \d+`); !strings.HasPrefix(got, "  # reaped child ") {
		t.Errorf("after wait4: %q", got)
	}

	r = trace(t, "", "-f", "--explain", "-e", demoCalls, "--", example(t, "uts_ns"))
	if got := afterLine(t, r.lines, `\d+ +clone\(child_stack=0x[0-9a-f]+, flags=CLONE_NEWUTS\|CLONE_NEWUSER\|SIGCHLD\) = \d+`); !strings.HasSuffix(got,
		", a copy-on-write copy of its parent, in new hostname (CLONE_NEWUTS) and user (CLONE_NEWUSER) namespaces, so the child may rename its host without touching the real one") {
		t.Errorf("after clone with namespaces: %q", got)
	}
	// without --explain, no notes
	r = trace(t, "", "-f", "-e", demoCalls, "--", example(t, "uts_ns"))
	for _, l := range r.lines {
		if strings.HasPrefix(l, "  # ") {
			t.Errorf("a note without --explain: %q", l)
		}
	}
}

type traceEvent struct {
	Ph   string            `json:"ph"`
	Pid  int               `json:"pid"`
	Tid  int               `json:"tid"`
	Name string            `json:"name"`
	Dur  *float64          `json:"dur"`
	Args map[string]string `json:"args"`
}

func TestPerfettoTimeline(t *testing.T) {
	file := filepath.Join(t.TempDir(), "trace.json")
	r := trace(t, "", "-f", "--perfetto", file, "--", example(t, "fork_vs_thread"))
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var events []traceEvent
	if err := json.Unmarshal(data, &events); err != nil {
		t.Fatalf("the timeline is not JSON: %v", err)
	}
	m := hasMatch(t, r.lines, `(\d+) +clone3\(.*\) = (\d+)`)
	fork := hasMatch(t, r.lines, `\d+ +clone\(.*\) = (\d+)`)
	if m == nil || fork == nil {
		return
	}
	var parent, thread, child int
	fmt.Sscan(m[1], &parent)
	fmt.Sscan(m[2], &thread)
	fmt.Sscan(fork[1], &child)
	names := map[string]bool{}
	perTrack := map[[2]int]int{}
	arrows := map[string]int{}
	for _, e := range events {
		switch e.Ph {
		case "M":
			names[fmt.Sprint(e.Name, e.Pid, e.Tid, e.Args["name"])] = true
		case "X":
			perTrack[[2]int{e.Pid, e.Tid}]++
			if e.Dur == nil || !strings.HasPrefix(e.Args["line"], e.Name+"(") {
				t.Errorf("bad slice %+v", e)
			}
		case "s", "f":
			arrows[e.Ph]++
		}
	}
	for _, want := range []string{
		fmt.Sprint("process_name", parent, parent, "fork_vs_thread"),
		fmt.Sprint("process_name", child, child, "fork_vs_thread"),
		fmt.Sprint("thread_name", parent, thread, "fork_vs_thread ", thread),
	} {
		if !names[want] {
			t.Errorf("no metadata %q in %v", want, names)
		}
	}
	// the thread's track is in its process; the child has its own
	if perTrack[[2]int{parent, parent}] == 0 || perTrack[[2]int{parent, thread}] == 0 || perTrack[[2]int{child, child}] == 0 {
		t.Errorf("slices per track: %v", perTrack)
	}
	if arrows["s"] != 2 || arrows["f"] != 2 {
		t.Errorf("fork arrows: %v, want 2 starts and 2 ends", arrows)
	}
	var line string
	for _, e := range events {
		if e.Ph == "X" && e.Name == "clone3" {
			line = e.Args["line"]
		}
	}
	if !strings.Contains(line, "CLONE_THREAD") || !strings.HasSuffix(line, "= "+m[2]) {
		t.Errorf("the clone3 slice's line is %q", line)
	}
}

// A tracee in a child pid namespace: with --pidns-translation its pids
// print as strace prints them, "N /* HOST in strace's PID NS */", the same
// as the real strace does on the same program.
func TestPidnsTranslation(t *testing.T) {
	need(t)
	prog := progs["pidns"]
	calls := "trace=getpid,gettid,getppid,clone,kill,wait4"
	r := trace(t, "", "-f", "--pidns-translation", "-e", calls, "--", "unshare", "--pid", "--fork", prog)
	m := hasMatch(t, r.lines, `(\d+) +getpid\(\) += 1 /\* (\d+) in strace's PID NS \*/`)
	if m == nil {
		return
	}
	if m[1] != m[2] {
		t.Errorf("getpid of %s translated to %s", m[1], m[2])
	}
	c := hasMatch(t, r.lines, m[1]+` +clone\(.*\) += 2 /\* (\d+) in strace's PID NS \*/`)
	if c != nil {
		has(t, r.lines, line(pid(c[1]), "getppid()", "1 /* "+m[1]+" in strace's PID NS */"))
	}
	has(t, r.lines, line(pid(m[1]), "kill(1 /* "+m[1]+" in strace's PID NS */, 0)", "0"))
	has(t, r.lines, line(pid(m[1]), "gettid()", "1 /* "+m[1]+" in strace's PID NS */"))

	// the same with the real strace, pids aside
	out := filepath.Join(t.TempDir(), "strace")
	if b, err := exec.Command("strace", "-f", "--pidns-translation", "-e", calls, "-o", out, "unshare", "--pid", "--fork", prog).CombinedOutput(); err != nil {
		t.Fatalf("strace: %v\n%s", err, b)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	// each translated pid, by syscall: how lines interleave differs
	notes := func(lines []string) map[string]bool {
		name := regexp.MustCompile(`(?:<\.\.\. )?([a-z0-9_]+)(?:\(| resumed>)`)
		note := regexp.MustCompile(`\b\d+ /\* \d+ in strace's PID NS \*/`)
		pids := regexp.MustCompile(`/\* \d+ in`)
		set := map[string]bool{}
		for _, l := range lines {
			n := name.FindStringSubmatch(l)
			if n == nil || n[1] == "wait4" { // whether the child still lives at wait4 is a race
				continue
			}
			for _, m := range note.FindAllString(l, -1) {
				set[n[1]+": "+pids.ReplaceAllString(m, "/* N in")] = true
			}
		}
		return set
	}
	got, want := notes(r.lines), notes(strings.Split(strings.TrimSuffix(string(data), "\n"), "\n"))
	if len(want) == 0 {
		t.Errorf("strace translated nothing:\n%s", data)
	}
	for w := range want {
		if !got[w] {
			t.Errorf("strace has %q, gotrace not:\n%s", w, strings.Join(r.lines, "\n"))
		}
	}

	// without the option, no translation
	r = trace(t, "", "-f", "-e", calls, "--", "unshare", "--pid", "--fork", prog)
	for _, l := range r.lines {
		if strings.Contains(l, "PID NS") {
			t.Errorf("translated without --pidns-translation: %q", l)
		}
	}
}

// tree -p on a process in a child pid namespace shows its pid there.
func TestTreeAttachInPidNamespace(t *testing.T) {
	need(t)
	outer := exec.Command("unshare", "--pid", "--fork", "--kill-child", "sleep", "1000")
	if err := outer.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { outer.Process.Kill(); outer.Wait() })
	var inner string
	for i := 0; i < 50 && inner == ""; i++ {
		time.Sleep(20 * time.Millisecond)
		b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", outer.Process.Pid, outer.Process.Pid))
		inner = strings.TrimSpace(string(b))
	}
	if inner == "" {
		t.Fatal("unshare started no child")
	}
	_, out, done := startTree(t, "Process "+inner+" attached", "-p", inner)
	n, _ := strconv.Atoi(inner)
	syscall.Kill(n, syscall.SIGKILL)
	if err := <-done; err != nil {
		t.Fatalf("gotrace tree: %v", err)
	}
	treeHas(t, out.String(), inner+` sleep: process \(tgid `+inner+`; 1 in its pid namespace\), traced from the start`)
}
