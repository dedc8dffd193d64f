package e2e

import (
	"bufio"
	"bytes"
	"debug/elf"
	"encoding/json"
	"fmt"
	"io"
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

	"golang.org/x/sys/unix"
)

// lockedBuffer collects a command's stderr while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// tracing is a gotrace running in the background, its trace going to a file.
type tracing struct {
	cmd    *exec.Cmd
	out    string
	stderr *lockedBuffer
	done   chan error
}

// startTracing starts gotrace -o FILE args and waits until its stderr says
// ready (the notice it prints once its programs are attached).
func startTracing(t *testing.T, ready string, args ...string) *tracing {
	t.Helper()
	tr := &tracing{out: filepath.Join(t.TempDir(), "trace"), stderr: &lockedBuffer{}, done: make(chan error, 1)}
	tr.cmd = exec.Command(gotrace, append([]string{"-o", tr.out}, args...)...)
	tr.cmd.Stderr = tr.stderr
	if err := tr.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { tr.done <- tr.cmd.Wait() }()
	t.Cleanup(func() {
		tr.cmd.Process.Kill()
		<-tr.done
	})
	for deadline := time.Now().Add(30 * time.Second); !strings.Contains(tr.stderr.String(), ready); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("gotrace %q never printed %q; stderr:\n%s", args, ready, tr.stderr.String())
		}
	}
	return tr
}

// wait waits for gotrace to end by itself, and returns its status and trace.
func (tr *tracing) wait(t *testing.T) (int, []string) {
	t.Helper()
	var err error
	select {
	case err = <-tr.done:
		tr.done <- err // for the cleanup
	case <-time.After(30 * time.Second):
		t.Fatalf("gotrace did not end by itself; stderr:\n%s", tr.stderr.String())
	}
	code, ok := exitStatus(err)
	if !ok {
		t.Fatalf("gotrace: %v", err)
	}
	data, err := os.ReadFile(tr.out)
	if err != nil {
		t.Fatal(err)
	}
	return code, strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
}

// interrupt ends gotrace with SIGINT, as Ctrl-C does.
func (tr *tracing) interrupt(t *testing.T) (int, []string) {
	t.Helper()
	tr.cmd.Process.Signal(syscall.SIGINT)
	return tr.wait(t)
}

// pidsOf are the tasks that have lines in a -f -o trace.
func pidsOf(lines []string) map[string]bool {
	pids := map[string]bool{}
	for _, l := range lines {
		if f := strings.Fields(l); len(f) > 0 {
			pids[f[0]] = true
		}
	}
	return pids
}

// readPids reads n "pid N" lines from a program's output.
func readPids(t *testing.T, r *bufio.Reader, n int) []string {
	t.Helper()
	var pids []string
	for len(pids) < n {
		l, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("reading the program's pids: %v", err)
		}
		pids = append(pids, strings.TrimPrefix(strings.TrimSpace(l), "pid "))
	}
	return pids
}

// -p PID --descendants: the subtree as it is at attach, selected in the
// kernel; a child forked later only with -f; nothing else.
func TestDescendants(t *testing.T) {
	need(t)
	for _, follow := range []bool{false, true} {
		t.Run(fmt.Sprintf("follow=%v", follow), func(t *testing.T) {
			prog := exec.Command(progs["subtree"])
			stdout, err := prog.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := prog.Start(); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { prog.Process.Kill(); prog.Wait() })
			r := bufio.NewReader(stdout)
			tree := readPids(t, r, 4) // the top process, 2 children, a grandchild
			other := startLoop(t)     // not in the subtree
			top := strconv.Itoa(prog.Process.Pid)
			args := []string{"-p", top, "--descendants", "-e", "trace=getppid"}
			if follow {
				args = append(args, "-f")
			}
			tr := startTracing(t, "Process "+top+" attached", args...)
			for _, p := range tree {
				waitTrace(t, tr.out, pid(p)+"getppid()")
			}
			prog.Process.Signal(syscall.SIGUSR1)
			late := readPids(t, r, 1)[0] // it has called getppid once
			for _, p := range append(tree, late) {
				n, _ := strconv.Atoi(p)
				syscall.Kill(n, syscall.SIGKILL)
			}
			code, lines := tr.wait(t) // every traced task is gone
			if code != 0 {
				t.Errorf("exit status %d, want 0; stderr:\n%s", code, tr.stderr.String())
			}
			seen := pidsOf(lines)
			for _, p := range tree {
				if !seen[p] {
					t.Errorf("task %s of the subtree has no line", p)
				}
			}
			if seen[late] != follow {
				t.Errorf("the child forked after attach traced: %v, want %v (-f)", seen[late], follow)
			}
			if seen[strconv.Itoa(other.Process.Pid)] {
				t.Errorf("a process outside the subtree was traced")
			}
			if t.Failed() {
				t.Logf("subtree %v, late %s; trace:\n%s", tree, late, strings.Join(lines, "\n"))
			}
		})
	}
}

// --all: every process but gotrace, narrowed by -P and --comm in the kernel.
func TestAllProcesses(t *testing.T) {
	need(t)
	// a directory others may enter: --uid's test reads the file as nobody
	dir, err := os.MkdirTemp("", "gotrace-all")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	file := filepath.Join(dir, "secret")
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte("x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(name string) string {
		cmd := exec.Command(name, file)
		cmd.Stdout = io.Discard
		if err := cmd.Run(); err != nil {
			t.Fatal(err)
		}
		return strconv.Itoa(cmd.Process.Pid)
	}
	t.Run("path", func(t *testing.T) {
		tr := startTracing(t, "Tracing every process", "--all", "-P", file)
		cat, head := run("cat"), run("head")
		code, lines := tr.interrupt(t)
		// Ctrl-C detaches and gotrace dies by it, as strace -p does
		if code != 128+int(syscall.SIGINT) {
			t.Errorf("exit status %d after SIGINT, want %d", code, 128+int(syscall.SIGINT))
		}
		hasMatch(t, lines, pid(cat)+`openat\(AT_FDCWD, "`+file+`", O_RDONLY\) += 3`)
		hasMatch(t, lines, pid(head)+`openat\(AT_FDCWD, "`+file+`", O_RDONLY\) += 3`)
		for _, l := range lines {
			if !strings.Contains(l, "3") || strings.Contains(l, "+++") || strings.Contains(l, "---") {
				t.Errorf("a line that is not about %s: %s", file, l)
			}
		}
		if pidsOf(lines)[strconv.Itoa(tr.cmd.Process.Pid)] {
			t.Error("gotrace traced itself")
		}
	})
	t.Run("uid", func(t *testing.T) {
		tr := startTracing(t, "Tracing every process", "--all", "--uid", "65534", "-e", "trace=openat")
		root := run("cat")
		nobody := exec.Command("cat", file)
		nobody.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		nobody.Stdout = io.Discard
		if err := nobody.Run(); err != nil {
			t.Fatal(err)
		}
		_, lines := tr.interrupt(t)
		hasMatch(t, lines, pid(strconv.Itoa(nobody.Process.Pid))+`openat\(AT_FDCWD, "`+file+`", O_RDONLY\) += 3`)
		if pidsOf(lines)[root] {
			t.Errorf("--uid 65534 traced root's cat:\n%s", strings.Join(lines, "\n"))
		}
	})
	t.Run("comm", func(t *testing.T) {
		tr := startTracing(t, "Tracing every process", "--all", "--comm", "head", "-e", "trace=openat")
		cat, head := run("cat"), run("head")
		_, lines := tr.interrupt(t)
		hasMatch(t, lines, pid(head)+`openat\(AT_FDCWD, "`+file+`", O_RDONLY\) += 3`)
		if pidsOf(lines)[cat] {
			t.Errorf("--comm head traced cat:\n%s", strings.Join(lines, "\n"))
		}
		for p := range pidsOf(lines) {
			if data, err := os.ReadFile("/proc/" + p + "/comm"); err == nil && string(data) != "head\n" {
				t.Errorf("--comm head traced %s, a running %s", p, data)
			}
		}
	})
}

// Containers: real ones, started with podman on a rootfs of busybox-static
// made here (no registry is reachable), with runc (crun refuses hybrid
// cgroup hosts) and the limits these machines allow.
func needPodman(t *testing.T) string {
	t.Helper()
	need(t)
	for _, tool := range []string{"podman", "runc", "busybox"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing: scripts/deps.sh installs podman, runc and busybox-static", tool)
		}
	}
	return rootfs(t)
}

var (
	rootfsOnce sync.Once
	rootfsDir  string
	rootfsErr  error
)

// rootfs is a directory with a static busybox and its applets.
func rootfs(t *testing.T) string {
	t.Helper()
	rootfsOnce.Do(func() {
		bb, _ := exec.LookPath("busybox")
		if f, err := elf.Open(bb); err != nil {
			rootfsErr = err
			return
		} else {
			defer f.Close()
			for _, p := range f.Progs {
				if p.Type == elf.PT_INTERP {
					rootfsErr = fmt.Errorf("%s is linked dynamically: install busybox-static", bb)
					return
				}
			}
		}
		dir, err := os.MkdirTemp("", "gotrace-rootfs")
		if err != nil {
			rootfsErr = err
			return
		}
		rootfsDir = dir
		if err := os.MkdirAll(filepath.Join(dir, "bin"), 0o755); err != nil {
			rootfsErr = err
			return
		}
		data, err := os.ReadFile(bb)
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, "bin", "busybox"), data, 0o755)
		}
		for _, applet := range []string{"sh", "sleep", "cat", "true"} {
			if err == nil {
				err = os.Symlink("busybox", filepath.Join(dir, "bin", applet))
			}
		}
		rootfsErr = err
	})
	if rootfsErr != nil {
		t.Fatalf("container rootfs: %v", rootfsErr)
	}
	return rootfsDir
}

func podman(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("podman", append([]string{"--runtime", "runc"}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("podman %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

var containers int

// startContainer runs cmd in a new container and returns its name; the
// container is removed when the test ends, passed or not.
func startContainer(t *testing.T, dir string, cmd ...string) string {
	t.Helper()
	containers++
	name := fmt.Sprintf("gotrace-e2e-%d-%d", os.Getpid(), containers)
	t.Cleanup(func() {
		exec.Command("podman", "--runtime", "runc", "rm", "-f", "-t", "0", name).Run()
	})
	podman(t, append([]string{"run", "-d", "--name", name,
		"--ulimit", "nofile=20000:20000", "--ulimit", "nproc=1000:1000", "--rootfs", dir}, cmd...)...)
	return name
}

// loopCmd keeps a container busy: a sleep every 50 ms.
var loopCmd = []string{"/bin/sh", "-c", "while :; do sleep 0.05; done"}

const sleepExec = `execve("/proc/self/exe", ["sleep", "0.05"]`

// --container NAME: the container's tasks, those exec'd into it later from
// their execve on, and nothing outside; when it stops, gotrace ends with
// status 0.
func TestContainer(t *testing.T) {
	dir := needPodman(t)
	name := startContainer(t, dir, loopCmd...)
	conmon := podman(t, "inspect", "--format", "{{.State.ConmonPid}}", name)
	tr := startTracing(t, "Tracing container "+name, "--container", name, "-e", "trace=execve")
	waitTrace(t, tr.out, sleepExec)
	outside := exec.Command("/bin/sh", "-c", "exit 0")
	if err := outside.Run(); err != nil {
		t.Fatal(err)
	}
	podman(t, "exec", name, "/bin/sh", "-c", "cat /proc/self/cgroup >/dev/null; cat /proc/self/stat >/dev/null; true")
	podman(t, "stop", "-t", "0", name)
	code, lines := tr.wait(t)
	if code != 0 {
		t.Errorf("exit status %d when the container stopped, want 0; stderr:\n%s", code, tr.stderr.String())
	}
	if n := strings.Count(tr.stderr.String(), "\n"); n != 1 {
		t.Errorf("stderr has %d lines, want the notice alone:\n%s", n, tr.stderr.String())
	}
	lines = whole(lines)
	// the exec'd shell from its execve, and its two children
	m := hasMatch(t, lines, `(\d+) +execve\("/bin/sh", \["/bin/sh", "-c", "cat /proc/self/cgroup >/dev/null"...\], 0x[0-9a-f]+ /\* \d+ vars \*/\) = 0`)
	for _, file := range []string{"cgroup", "stat"} {
		c := hasMatch(t, lines, `(\d+) +execve\("/proc/self/exe", \["cat", "/proc/self/`+file+`"\], 0x[0-9a-f]+ /\* \d+ vars \*/\) = 0`)
		if m != nil && c != nil && c[1] == m[1] {
			t.Errorf("cat ran in the shell's own pid %s", c[1])
		}
	}
	seen := pidsOf(lines)
	for _, p := range []string{strconv.Itoa(outside.Process.Pid), conmon, strconv.Itoa(tr.cmd.Process.Pid)} {
		if seen[p] {
			t.Errorf("task %s, outside the container, was traced:\n%s", p, strings.Join(lines, "\n"))
		}
	}
}

// --cgroup PATH, relative to the v2 mount, and --context=container,
// --pidns-translation and --json's container fields with --container.
func TestContainerCgroupAndContext(t *testing.T) {
	dir := needPodman(t)
	name := startContainer(t, dir, loopCmd...)
	pid1 := podman(t, "inspect", "--format", "{{.State.Pid}}", name)
	data, err := os.ReadFile("/proc/" + pid1 + "/cgroup")
	if err != nil {
		t.Fatal(err)
	}
	var cgPath string
	for _, l := range strings.Split(string(data), "\n") {
		if p, ok := strings.CutPrefix(l, "0::"); ok {
			cgPath = p
		}
	}
	mount := "/sys/fs/cgroup"
	var fs unix.Statfs_t
	if unix.Statfs(mount, &fs) == nil && fs.Type != unix.CGROUP2_SUPER_MAGIC {
		mount = "/sys/fs/cgroup/unified" // hybrid
	}
	var st unix.Stat_t
	if err := unix.Stat(filepath.Join(mount, cgPath), &st); err != nil {
		t.Fatalf("the container's cgroup %s: %v", cgPath, err)
	}

	t.Run("cgroup", func(t *testing.T) {
		tr := startTracing(t, "Tracing cgroup "+cgPath, "--cgroup", strings.TrimPrefix(cgPath, "/"), "-e", "trace=execve")
		waitTrace(t, tr.out, sleepExec)
		code, _ := tr.interrupt(t)
		// Ctrl-C detaches and gotrace dies by it, as strace -p does
		if code != 128+int(syscall.SIGINT) {
			t.Errorf("exit status %d after SIGINT, want %d", code, 128+int(syscall.SIGINT))
		}
	})
	t.Run("context", func(t *testing.T) {
		tr := startTracing(t, "Tracing container "+name, "--container", name, "--context=container",
			"--pidns-translation", "-e", "trace=wait4,getpid,execve")
		waitTrace(t, tr.out, "wait4(")
		podman(t, "exec", name, "/bin/sh", "-c", "true")
		_, lines := tr.interrupt(t)
		for i, l := range lines {
			rest, ok := strings.CutPrefix(l, "["+name+"] ")
			if !ok {
				t.Errorf("a line without the container: %s", l)
			}
			lines[i] = rest
		}
		lines = whole(lines)
		hasMatch(t, lines, pid1+` +wait4\(-1, \[\{WIFEXITED\(s\) && WEXITSTATUS\(s\) == 0\}\], 0, NULL\) = \d+`)
		// the shell exec'd into the container asks for its pid: the
		// container's, then the host's
		m := hasMatch(t, lines, `(\d+) +execve\("/bin/sh", \["/bin/sh", "-c", "true"\], .*\) = 0`)
		if m != nil {
			hasMatch(t, lines, m[1]+` +getpid\(\) += \d+ /\* `+m[1]+` in strace's PID NS \*/`)
		}
	})
	t.Run("json", func(t *testing.T) {
		tr := startTracing(t, "Tracing container "+name, "--container", name, "--json", "-e", "trace=execve")
		waitTrace(t, tr.out, `"syscall":"execve"`)
		_, lines := tr.interrupt(t)
		for _, l := range lines {
			var o struct {
				Container string
				CgroupID  uint64 `json:"cgroup_id"`
			}
			if err := json.Unmarshal([]byte(l), &o); err != nil {
				t.Fatalf("%v: %s", err, l)
			}
			var obj map[string]any
			json.Unmarshal([]byte(l), &obj)
			checkObject(t, obj)
			if o.Container != name || o.CgroupID != st.Ino {
				t.Errorf("container %q, cgroup_id %d; want %q, %d: %s", o.Container, o.CgroupID, name, st.Ino, l)
			}
		}
	})
}

// Bad input: one clear line and status 1 each.
func TestSelectionBadInput(t *testing.T) {
	dir := needPodman(t)
	stopped := fmt.Sprintf("gotrace-e2e-%d-stopped", os.Getpid())
	t.Cleanup(func() { exec.Command("podman", "rm", "-f", stopped).Run() })
	podman(t, "create", "--name", stopped, "--rootfs", dir, "/bin/true")
	mount := "/sys/fs/cgroup"
	var fs unix.Statfs_t
	if unix.Statfs(mount, &fs) == nil && fs.Type != unix.CGROUP2_SUPER_MAGIC {
		mount = "/sys/fs/cgroup/unified"
	}
	for _, tc := range []struct {
		args []string
		want string // the line, or its start when it ends with "..."
	}{
		{[]string{"--container", "gotrace-e2e-nosuch"}, "gotrace: container gotrace-e2e-nosuch not found: podman: ..."},
		{[]string{"--container", stopped}, "gotrace: container " + stopped + " is not running (podman)"},
		{[]string{"--cgroup", "/tmp"}, "gotrace: --cgroup /tmp: not in the cgroup v2 hierarchy (mounted at " + mount + ")"},
		{[]string{"--cgroup", "no/such/group"}, "gotrace: --cgroup no/such/group: no such cgroup (" + mount + "/no/such/group)"},
		{[]string{"--cgroup", "/", "-p", "1"}, "gotrace: --cgroup, --container and --all choose the tasks: give no PROG and no -p with them"},
		{[]string{"--comm", "sh", "-p", "1"}, "gotrace: --comm and --uid select among every process: use them with --all"},
		{[]string{"--descendants", "true"}, "gotrace: --descendants needs -p PID, whose subtree it traces"},
		{[]string{"--all", "--context=container"}, "gotrace: --context=container needs --container"},
		{[]string{"--all", "--uid", "nosuchuser-e2e"}, "gotrace: --uid: user: unknown user nosuchuser-e2e"},
	} {
		cmd := exec.Command(gotrace, tc.args...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		code, _ := exitStatus(err)
		got := stderr.String()
		// messages name gotrace as it was started, as strace's do
		want, prefix := strings.CutSuffix(gotrace+strings.TrimPrefix(tc.want, "gotrace"), "...")
		ok := strings.Count(got, "\n") == 1 && (prefix && strings.HasPrefix(got, want) || got == want+"\n")
		if code != 1 || !ok {
			t.Errorf("gotrace %s: status %d, stderr %q; want 1 and the line %q", strings.Join(tc.args, " "), code, got, tc.want)
		}
	}
}

// startTree starts gotrace tree args and waits until it says it traces.
func startTree(t *testing.T, ready string, args ...string) (*exec.Cmd, *bytes.Buffer, chan error) {
	t.Helper()
	cmd := exec.Command(gotrace, append([]string{"tree"}, args...)...)
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	var stdout bytes.Buffer
	stderr := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = &stdout, stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() { cmd.Process.Kill() })
	for deadline := time.Now().Add(30 * time.Second); !strings.Contains(stderr.String(), ready); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("gotrace tree never printed %q; stderr:\n%s", ready, stderr.String())
		}
	}
	return cmd, &stdout, done
}

// gotrace tree -p PID: the subtree that runs at attach, under its
// parents, and the child forked later.
func TestTreeSubtree(t *testing.T) {
	need(t)
	prog := exec.Command(progs["subtree"])
	stdout, err := prog.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := prog.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { prog.Process.Kill(); prog.Wait() })
	r := bufio.NewReader(stdout)
	pids := readPids(t, r, 4)
	top := strconv.Itoa(prog.Process.Pid)
	_, out, done := startTree(t, "Process "+top+" attached", "-p", top)
	prog.Process.Signal(syscall.SIGUSR1)
	late := readPids(t, r, 1)[0]
	for _, p := range append(pids, late) {
		n, _ := strconv.Atoi(p)
		syscall.Kill(n, syscall.SIGKILL)
	}
	if err := <-done; err != nil {
		t.Fatalf("gotrace tree: %v", err)
	}
	tr := out.String()
	treeHas(t, tr, top+` subtree: process \(tgid `+top+`\), traced from the start`)
	depth := map[string]int{}
	for _, p := range pids {
		if p == top {
			continue
		}
		if m := treeHas(t, tr, `([|`+"`"+` ]*)- `+p+` subtree: process \(tgid `+p+`\), running when the trace began`); m != nil {
			depth[p] = len(m[1])
		}
	}
	// two children of the top process, and a grandchild under one
	levels := map[int]int{}
	for _, d := range depth {
		levels[d]++
	}
	if len(levels) != 2 {
		t.Errorf("the subtree's processes are at depths %v, want 2 children and a grandchild", depth)
	}
	treeHas(t, tr, "[|`]- "+late+` subtree: process \(tgid `+late+`\), clone by `+top)
}

// gotrace tree --container NAME: the container's tasks under a line that
// names it.
func TestTreeContainer(t *testing.T) {
	dir := needPodman(t)
	name := startContainer(t, dir, "/bin/sh", "-c", "sleep 600 & sleep 600 & wait")
	_, out, done := startTree(t, "Tracing container "+name, "--container", name)
	podman(t, "exec", name, "/bin/true")
	podman(t, "stop", "-t", "0", name)
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("gotrace tree: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("gotrace tree did not end when the container stopped")
	}
	tr := out.String()
	treeHas(t, tr, `container `+name+` \([0-9a-f]{12}, podman\), cgroup /.*`)
	treeHas(t, tr, "[|`]- \\d+ sh: process \\(tgid \\d+; 1 in its pid namespace\\), traced from the start")
	if n := len(regexp.MustCompile(`- \d+ sleep: process \(tgid \d+; \d+ in its pid namespace\), running when the trace began\n.*killed by SIGKILL`).FindAllString(tr, -1)); n != 2 {
		t.Errorf("%d sleeps in the tree killed, want 2:\n%s", n, tr)
	}
	treeHas(t, tr, `.*exec "/bin/true" \["/bin/true"\]`)
}
