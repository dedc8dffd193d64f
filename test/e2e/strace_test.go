package e2e

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// comparedSyscalls are the syscalls whose decoding gotrace completes so far;
// the comparison traces these with both tools.
const comparedSyscalls = "trace=execve,clone,clone3,fork,vfork,wait4,kill,tgkill,openat,open,close,read,write,unlink,getpid,exit,exit_group,rt_sigreturn,stat,lstat,fstat,newfstatat,pipe,rt_sigaction,pipe2,mmap,mprotect,munmap,brk,access,arch_prctl,prlimit64,rt_sigprocmask,clock_nanosleep,set_tid_address,set_robust_list,rseq,pread64,newfstatat,madvise"

var (
	leadPid    = regexp.MustCompile(`^(\d+) +`)
	anyPid     = regexp.MustCompile(`\b\d{2,7}\b`)
	address    = regexp.MustCompile(`0x[0-9a-f]{6,}`)
	cpuTimes   = regexp.MustCompile(`si_utime=\d+( /\* [\d.]+ s \*/)?, si_stime=\d+( /\* [\d.]+ s \*/)?`)
	unfinished = " <unfinished ...>"
	resumed    = regexp.MustCompile(`^<\.\.\. ([a-z0-9_]+) resumed>`)
	padding    = regexp.MustCompile(`\) +(= .*)$`)
)

// normalize turns a strace -f -o trace into per-task streams of whole lines,
// with what legitimately differs between two runs replaced: pids (numbered
// in order of appearance), addresses, and CPU times. Lines split by
// <unfinished ...> / <... resumed> are joined, since two tracers may
// interleave tasks differently.
func normalize(trace string) map[string][]string {
	lines := strings.Split(strings.TrimSuffix(trace, "\n"), "\n")
	// every traced task starts some line: those numbers are the pids
	pids := map[string]string{}
	for _, l := range lines {
		if m := leadPid.FindStringSubmatch(l); m != nil {
			if _, ok := pids[m[1]]; !ok {
				pids[m[1]] = fmt.Sprintf("P%d", len(pids)+1)
			}
		}
	}
	streams := map[string][]string{}
	open := map[string]string{}
	for _, l := range lines {
		m := leadPid.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		task := pids[m[1]]
		rest := l[len(m[0]):]
		if prefix, ok := open[task]; ok {
			if r := resumed.FindString(rest); r != "" {
				rest = prefix + rest[len(r):]
				delete(open, task)
			}
		}
		if strings.HasSuffix(rest, unfinished) {
			open[task] = strings.TrimSuffix(rest, unfinished)
			continue
		}
		rest = address.ReplaceAllString(rest, "0xADDR")
		rest = cpuTimes.ReplaceAllString(rest, "si_utime=T, si_stime=T")
		rest = padding.ReplaceAllString(rest, ") $1")
		rest = anyPid.ReplaceAllStringFunc(rest, func(s string) string {
			if n, ok := pids[s]; ok {
				return n
			}
			return s
		})
		streams[task] = append(streams[task], rest)
	}
	return streams
}

// matched counts the lines of want that got reproduces, in order (longest
// common subsequence), and lists those it does not.
func matched(want, got []string) (int, []string) {
	n, m := len(want), len(got)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if want[i] == got[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var diff []string
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case want[i] == got[j]:
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			diff = append(diff, "- "+want[i])
			i++
		default:
			diff = append(diff, "+ "+got[j])
			j++
		}
	}
	for ; i < n; i++ {
		diff = append(diff, "- "+want[i])
	}
	for ; j < m; j++ {
		diff = append(diff, "+ "+got[j])
	}
	return lcs[0][0], diff
}

// TestCompareWithStrace traces each program with strace and with gotrace
// and requires every line strace prints for the compared syscalls.
func TestCompareWithStrace(t *testing.T) {
	need(t)
	straceBin, err := exec.LookPath("strace")
	if err != nil {
		t.Fatalf("strace is needed for the comparison (make deps installs it): %v", err)
	}
	names := make([]string, 0, len(progs))
	for name := range progs {
		// loop is for -p; busy only makes a lot of getppid calls;
		// threadexec races its leader's pause against the exec; trapint waits
		// for a signal
		if name != "loop" && name != "busy" && name != "threadexec" && name != "trapint" && name != "threads100k" && name != "zombie" && name != "pidreuse" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	total, same := 0, 0
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			run := func(tool, out string) string {
				cmd := exec.Command(tool, "-f", "-e", comparedSyscalls, "-o", out, "--", progs[name])
				// a pipe, not /dev/null: a write to /dev/null never
				// touches its buffer, and BPF cannot fault in a page
				// the program has not touched (see README)
				var stderr strings.Builder
				cmd.Stdout, cmd.Stderr, cmd.Dir = io.Discard, &stderr, dir
				if err := cmd.Run(); err != nil {
					if _, ok := err.(*exec.ExitError); !ok {
						t.Fatalf("%s: %v", tool, err)
					}
				}
				data, err := os.ReadFile(out)
				if err != nil {
					t.Fatalf("%s wrote no trace: %v\n%s", tool, err, stderr.String())
				}
				return string(data)
			}
			want := normalize(run(straceBin, filepath.Join(dir, "strace.txt")))
			got := normalize(run(gotrace, filepath.Join(dir, "gotrace.txt")))
			tasks := make([]string, 0, len(want))
			for task := range want {
				tasks = append(tasks, task)
			}
			sort.Strings(tasks)
			lines, ok := 0, 0
			for _, task := range tasks {
				n, diff := matched(want[task], got[task])
				lines += len(want[task])
				ok += n
				if len(diff) > 0 {
					t.Errorf("task %s: gotrace differs from strace:\n%s", task, strings.Join(diff, "\n"))
				}
			}
			if len(got) != len(want) {
				t.Errorf("strace traced %d tasks, gotrace %d", len(want), len(got))
			}
			t.Logf("%s: gotrace reproduced %d of strace's %d lines", name, ok, lines)
			total += lines
			same += ok
		})
	}
	t.Logf("all programs: gotrace reproduced %d of strace's %d lines", same, total)
}

// The normaliser must keep real differences: only pids, addresses and CPU
// times may change.
func TestNormalizeKeepsDifferences(t *testing.T) {
	a := normalize("100 write(1, \"a\", 1) = 1\n100 +++ exited with 0 +++\n")
	b := normalize("200 write(1, \"b\", 1) = 1\n200 +++ exited with 0 +++\n")
	if n, _ := matched(a["P1"], b["P1"]); n != 1 {
		t.Errorf("writes of different data matched: %d lines alike", n)
	}
	c := normalize("5 clone(child_stack=NULL, flags=SIGCHLD) = 6 <unfinished ...>\n6 exit_group(0) = ?\n")
	d := normalize("7 clone(child_stack=NULL, flags=SIGCHLD <unfinished ...>\n8 exit_group(0) = ?\n7 <... clone resumed>) = 8\n")
	if fmt.Sprint(c) == fmt.Sprint(d) {
		t.Errorf("an unfinished line without resume matched a joined one: %v", c)
	}
}

// summaryCounts reads a -c table: syscall -> "calls errors", and the total.
func summaryCounts(t *testing.T, table string) map[string]string {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(table, "\n"), "\n")
	if len(lines) < 4 || lines[0] != "% time     seconds  usecs/call     calls    errors syscall" ||
		lines[1] != "------ ----------- ----------- --------- --------- ----------------" {
		t.Fatalf("not strace's -c table:\n%s", table)
	}
	counts := map[string]string{}
	row := regexp.MustCompile(`^ *\d+\.\d\d +\d+\.\d{6} +\d+ +(\d+) +(\d*) (\S+)$`)
	for _, l := range lines[2:] {
		if strings.HasPrefix(l, "------") {
			continue
		}
		m := row.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("bad -c row %q in\n%s", l, table)
		}
		counts[m[3]] = m[1] + " " + m[2]
	}
	return counts
}

// -c counts in the kernel what strace counts: the same syscalls, calls and
// errors (times differ from run to run, and gotrace counts latency, as -w).
func TestSummaryCountsLikeStrace(t *testing.T) {
	need(t)
	straceBin, err := exec.LookPath("strace")
	if err != nil {
		t.Fatal(err)
	}
	for _, prog := range []string{"structs", "fork", "openat"} {
		dir := t.TempDir()
		var tables [2]map[string]string
		for i, tool := range []string{straceBin, gotrace} {
			out := filepath.Join(dir, fmt.Sprint(i))
			cmd := exec.Command(tool, "-f", "-c", "-o", out, "--", progs[prog])
			cmd.Stdout = io.Discard
			cmd.Run()
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatalf("%s wrote no table: %v", tool, err)
			}
			tables[i] = summaryCounts(t, string(data))
		}
		if fmt.Sprint(tables[0]) != fmt.Sprint(tables[1]) {
			t.Errorf("%s: strace counted\n%v\ngotrace counted\n%v", prog, tables[0], tables[1])
		}
	}
}
