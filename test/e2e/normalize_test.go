package e2e

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The comparison with strace reads two `-f -o FILE` traces of the same
// program and normalises away only what legitimately differs between two
// runs, or between two tracers that see the same run:
//
//   - pids: each task is named P1, P2... by its place in the tree of tasks
//     (the command first, then the children each task creates, in the order
//     it creates them, breadth first), and so is every pid inside a line in
//     a place that holds a pid (getpid() = N, clone(...) = N, kill(N, ...,
//     si_pid=N, parent_tid=[N], ...); pids that are not traced tasks (the
//     tracer's own, from getppid) are numbered after them, in order of
//     appearance. Pids are numbered by the tree, not by first appearance in
//     the file, because two tracers may print a child's first line and its
//     parent's clone line in either order;
//   - addresses: 0x followed by 6 or more hex digits becomes 0xADDR;
//   - CPU times: si_utime and si_stime;
//   - getrandom's random bytes (strace prints them in hex: \xRR);
//   - ephemeral ports, which the kernel picks (32768 and up):
//     htons(PORT); the programs bind fixed ports below that;
//   - the current time the kernel tells: the timespec or timeval that
//     clock_gettime and gettimeofday fill in, time's return value and the
//     date strace prints after it;
//   - the state of the system sysinfo tells (uptime, loads, memory, number
//     of processes);
//   - interleaving: lines are grouped by task, and a call split in
//     `<unfinished ...>` and `<... NAME resumed>` is joined back into the
//     one line strace prints when nothing comes between;
//   - where an asynchronous SIGCHLD lands: the kernel delivers it at the
//     parent's first return to user space after the child exited, which
//     may come before the wait4 that reaps the child or right after it. A
//     SIGCHLD line between the clone that made the child and the line after
//     the wait4 that reaped it is moved to right after that wait4.
//
// The alignment of " = " is checked, not ignored: strace starts it at
// column 40 (-a) counting the pid prefix, so a line's padding depends on
// how many digits its pids have, which changes from run to run. Each line's
// padding is checked against that rule before pids are replaced, then
// reduced to one space; a line padded otherwise keeps a visible note that
// fails the comparison. The prefix itself must be the pid padded to 5
// characters and a space, as strace prints it.
//
// Everything else must be identical: /* N vars */ counts (both tools run
// the program with the same environment), strings, flags, return values.

// straceColumn is the column where strace starts " = " (its -a default).
const straceColumn = 40

// note starts what the normaliser adds to a line printed against strace's
// rules, so that it cannot match strace's line.
const note = "  [e2e: "

var (
	pidPrefix  = regexp.MustCompile(`^(\d+) +`)
	resultSep  = regexp.MustCompile(`\) +=[ \n]`)
	address    = regexp.MustCompile(`0x[0-9a-f]{6,}`)
	cpuTimes   = regexp.MustCompile(`si_utime=\d+( /\* [\d.]+ s \*/)?, si_stime=\d+( /\* [\d.]+ s \*/)?`)
	randomHex  = regexp.MustCompile(`^getrandom\("(?:\\x[0-9a-f]{2})*"`)
	ephemeral  = regexp.MustCompile(`htons\((3276[89]|327[7-9]\d|32[89]\d\d|3[3-9]\d{3}|[4-5]\d{4}|6[0-5]\d{3})\)`)
	sysinfo    = regexp.MustCompile(`^sysinfo\(`)
	number     = regexp.MustCompile(`(=|=\[|, )\d+`)
	clockRead  = regexp.MustCompile(`^(?:clock_gettime|gettimeofday|adjtimex|getrusage)\(`)
	timeFields = regexp.MustCompile(`\b(tv_sec|tv_nsec|tv_usec)=\d+`)
	timeReturn = regexp.MustCompile(`^(time\(.*\) = )\d+ \(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}\)$`)
	hexByte    = regexp.MustCompile(`\\x[0-9a-f]{2}`)
	resumed    = regexp.MustCompile(`^<\.\.\. ([a-z0-9_]+) resumed>`)
	unfinished = " <unfinished ...>"
	created    = regexp.MustCompile(`^(?:clone|clone3|fork|vfork)\(.*\) = (\d+)$`)
	createdP   = regexp.MustCompile(`^(?:clone|clone3|fork|vfork)\(.*\) = (P\d+)$`)
	sigchld    = regexp.MustCompile(`^--- SIGCHLD \{.*\bsi_pid=(P\d+)\b`)
	reaped     = regexp.MustCompile(`^wait4\(.*\) = (P\d+)$`)
)

// pidContexts are the places in a line (without its prefix) that hold
// pids: the first group of each match is one.
var pidContexts = []*regexp.Regexp{
	regexp.MustCompile(`^(?:getpid|getppid|gettid|getpgrp|setsid|set_tid_address|clone|clone3|fork|vfork|wait4)\(.*\) = (\d+)$`),
	regexp.MustCompile(`^(?:kill|tkill|tgkill|wait4|getpgid|getsid|setpgid|prlimit64|pidfd_open|sched_[a-z_]+|process_vm_readv|process_vm_writev|rt_sigqueueinfo|rt_tgsigqueueinfo)\((\d+)`),
	regexp.MustCompile(`^ptrace\([A-Z_]+, (\d+)`),
	regexp.MustCompile(`^(?:tgkill|rt_tgsigqueueinfo)\((?:\d+|P\d+), (\d+)`),
	regexp.MustCompile(`^waitid\((?:P_PID|0x1|0x1 /\* P_PID \*/), (\d+)`),
	regexp.MustCompile(`\bsi_pid=(\d+)`),
	regexp.MustCompile(`\b(?:parent_tid|child_tid)=\[(\d+)\]`),
	regexp.MustCompile(`superseded by execve in pid (\d+)`),
	regexp.MustCompile(`<pid changed to (\d+) \.\.\.>`),
}

// stream is one task's lines.
type stream struct {
	pid   string
	lines []string
	notes []string // what is wrong with each line, if anything
	open  int      // index in lines of a call left <unfinished ...>, or -1
	name  string   // that call's name
}

// normalize turns a strace -f -o trace into per-task streams of whole,
// normalised lines, keyed by task name (P1, P2...; "?" holds lines
// without a pid prefix).
func normalize(trace string) map[string][]string {
	byPid := map[string]*stream{}
	var order []*stream
	get := func(pid string) *stream {
		s := byPid[pid]
		if s == nil {
			s = &stream{pid: pid, open: -1}
			byPid[pid] = s
			order = append(order, s)
		}
		return s
	}
	for at, l := range strings.Split(strings.TrimSuffix(trace, "\n"), "\n") {
		if l == "" && at == 0 {
			continue // an empty trace
		}
		l, bad := checkPadding(l)
		m := pidPrefix.FindStringSubmatch(l)
		if m == nil {
			s := get("?")
			s.lines, s.notes = append(s.lines, l), append(s.notes, bad)
			continue
		}
		s := get(m[1])
		rest := l[len(m[0]):]
		if want := fmt.Sprintf("%-5s ", m[1]); m[0] != want {
			bad += fmt.Sprintf(note+"pid prefix %q, strace prints %q]", m[0], want)
		}
		if r := resumed.FindStringSubmatch(rest); r != nil && s.open >= 0 && r[1] == s.name {
			s.lines[s.open] += rest[len(r[0]):]
			s.notes[s.open] += bad
			s.open = -1
			continue
		}
		if strings.HasSuffix(rest, unfinished) {
			call := strings.TrimSuffix(rest, unfinished)
			s.open, s.name = len(s.lines), call[:max(0, strings.IndexByte(call, '('))]
			s.lines, s.notes = append(s.lines, call), append(s.notes, bad)
			continue
		}
		s.lines, s.notes = append(s.lines, rest), append(s.notes, bad)
	}
	for _, s := range order {
		if s.open >= 0 {
			// never resumed: show it as printed
			s.lines[s.open] += unfinished
		}
	}

	// name the tasks by the tree of who created whom
	children := map[string][]string{}
	parent := map[string]bool{}
	for _, s := range order {
		for _, l := range s.lines {
			if m := created.FindStringSubmatch(l); m != nil && m[1] != "0" {
				children[s.pid] = append(children[s.pid], m[1])
				parent[m[1]] = true
			}
		}
	}
	names := map[string]string{}
	name := func(pid string) {
		if _, ok := names[pid]; !ok && pid != "0" {
			names[pid] = fmt.Sprintf("P%d", len(names)+1)
		}
	}
	var queue []string
	for _, s := range order {
		if s.pid != "?" && !parent[s.pid] {
			queue = append(queue, s.pid)
		}
	}
	for len(queue) > 0 {
		pid := queue[0]
		queue = queue[1:]
		if _, ok := names[pid]; ok {
			continue
		}
		name(pid)
		queue = append(queue, children[pid]...)
	}
	// tasks created by no task seen (a filter without clone) by first
	// appearance, then the other pids lines mention
	for _, s := range order {
		if s.pid != "?" {
			name(s.pid)
		}
	}
	tasks := slices.Clone(order)
	slices.SortStableFunc(tasks, func(a, b *stream) int {
		return taskIndex(names[a.pid]) - taskIndex(names[b.pid])
	})
	for _, s := range tasks {
		for _, l := range s.lines {
			for _, re := range pidContexts {
				replaceGroups(l, re, func(pid string) string { name(pid); return pid })
			}
		}
	}

	streams := map[string][]string{}
	for _, s := range tasks {
		key := "?"
		if s.pid != "?" {
			key = names[s.pid]
		}
		out := make([]string, 0, len(s.lines))
		for i, l := range s.lines {
			for _, re := range pidContexts {
				l = replaceGroups(l, re, func(pid string) string {
					if n, ok := names[pid]; ok {
						return n
					}
					return pid
				})
			}
			l = address.ReplaceAllString(l, "0xADDR")
			l = cpuTimes.ReplaceAllString(l, "si_utime=T, si_stime=T")
			if m := randomHex.FindString(l); m != "" {
				l = hexByte.ReplaceAllString(m, `\xRR`) + l[len(m):]
			}
			l = ephemeral.ReplaceAllString(l, "htons(PORT)")
			if sysinfo.MatchString(l) {
				l = number.ReplaceAllString(l, "${1}N")
			}
			if clockRead.MatchString(l) {
				l = timeFields.ReplaceAllString(l, "${1}=T")
			}
			l = timeReturn.ReplaceAllString(l, "${1}T (DATE)")
			out = append(out, l+s.notes[i])
		}
		streams[key] = placeSigchld(out)
	}
	return streams
}

// taskIndex orders task names: "?" first, then P1, P2... by number.
func taskIndex(name string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(name, "P"))
	return n
}

// checkPadding checks the spaces before a syscall line's " = " against
// strace's rule (pad to straceColumn, at least one space) and reduces
// them to one; for a line padded otherwise it also returns a note.
func checkPadding(l string) (string, string) {
	locs := resultSep.FindAllStringIndex(l+"\n", -1)
	if len(locs) == 0 {
		return l, ""
	}
	loc := locs[len(locs)-1]
	end := loc[0] + 1  // after the ')'
	eq := loc[1] - 2   // the '='
	spaces := eq - end // as printed
	want := max(1, straceColumn-end)
	if spaces != want {
		return l[:end] + " " + l[eq:], fmt.Sprintf(note+"%d spaces before \"=\", strace puts %d]", spaces, want)
	}
	return l[:end] + " " + l[eq:], ""
}

// replaceGroups replaces the first group of every match of re in s by
// f of it.
func replaceGroups(s string, re *regexp.Regexp, f func(string) string) string {
	ms := re.FindAllStringSubmatchIndex(s, -1)
	if ms == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range ms {
		if m[2] < 0 {
			continue
		}
		b.WriteString(s[last:m[2]])
		b.WriteString(f(s[m[2]:m[3]]))
		last = m[3]
	}
	b.WriteString(s[last:])
	return b.String()
}

// placeSigchld moves each SIGCHLD line that lies between the line that
// created its child and the line after the wait4 that reaped it to right
// after that wait4 (see the top of this file).
func placeSigchld(lines []string) []string {
	out := slices.Clone(lines)
	for i := 0; i < len(out); i++ {
		m := sigchld.FindStringSubmatch(out[i])
		if m == nil {
			continue
		}
		child := m[1]
		made, reap := -1, -1
		for j, l := range out {
			if c := createdP.FindStringSubmatch(l); c != nil && c[1] == child && made < 0 {
				made = j
			}
			if r := reaped.FindStringSubmatch(l); r != nil && r[1] == child && reap < 0 {
				reap = j
			}
		}
		if made < 0 || reap < 0 || i < made || i > reap {
			continue
		}
		// i is between the clone and the wait4: move it after the wait4
		line := out[i]
		out = slices.Delete(out, i, i+1)
		out = slices.Insert(out, reap, line) // reap moved up by one
		i--
	}
	return out
}

// op is one line of a diff: ' ' in both, '-' only in strace's trace, '+'
// only in gotrace's.
type op struct {
	kind byte
	line string
}

// diffLines compares want (strace's) with got (gotrace's): how many lines
// of want got reproduces in order (their longest common subsequence), and
// the edit script.
func diffLines(want, got []string) (int, []op) {
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
	var ops []op
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && want[i] == got[j]:
			ops = append(ops, op{' ', want[i]})
			i, j = i+1, j+1
		case j == m || i < n && lcs[i+1][j] >= lcs[i][j+1]:
			ops = append(ops, op{'-', want[i]})
			i++
		default:
			ops = append(ops, op{'+', got[j]})
			j++
		}
	}
	return lcs[0][0], ops
}

// unified prints an edit script as a unified diff of task, with context
// lines around each change; "" if there is no change.
func unified(task string, ops []op, context int) string {
	var b strings.Builder
	for start := 0; start < len(ops); {
		// the next change
		c := start
		for c < len(ops) && ops[c].kind == ' ' {
			c++
		}
		if c == len(ops) {
			break
		}
		// the hunk: from context lines before it to context lines after
		// the last change closer than 2*context to the previous one
		from, to := max(start, c-context), c
		for k := c; k < len(ops); k++ {
			if ops[k].kind != ' ' {
				to = k + 1
			} else if k-to >= 2*context {
				break
			}
		}
		to = min(len(ops), to+context)
		wantLine, gotLine := 1, 1
		for _, o := range ops[:from] {
			if o.kind != '+' {
				wantLine++
			}
			if o.kind != '-' {
				gotLine++
			}
		}
		fmt.Fprintf(&b, "@@ %s: strace line %d, gotrace line %d @@\n", task, wantLine, gotLine)
		for _, o := range ops[from:to] {
			fmt.Fprintf(&b, "%c%s\n", o.kind, o.line)
		}
		start = to
	}
	return b.String()
}

// The normaliser must remove only what legitimately differs: these pairs
// of traces must compare equal, or differ, as said.
func TestNormalize(t *testing.T) {
	// l is a line of a -f -o trace, padded as strace pads it
	l := func(tid, call, ret string) string {
		if ret == "" {
			return pid(tid) + call + "\n"
		}
		return line(pid(tid), call, ret) + "\n"
	}
	const chld = "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=%s, si_uid=0, si_status=0, si_utime=%d, si_stime=0} ---"
	same := []struct{ name, a, b string }{
		{"pids and addresses",
			l("100", `execve("/x", ["/x"], 0x7ffd1234abcd /* 3 vars */)`, "0") +
				l("100", "clone(child_stack=NULL, flags=SIGCHLD, child_tidptr=0x7f0011223344)", "101") +
				l("101", "getpid()", "101") +
				l("101", "getppid()", "100") +
				l("101", "getppid()", "99") +
				l("100", "wait4(-1, NULL, 0, NULL)", "101"),
			l("98765", `execve("/x", ["/x"], 0x7ffe99990000 /* 3 vars */)`, "0") +
				l("98765", "clone(child_stack=NULL, flags=SIGCHLD, child_tidptr=0x7f0055667788)", "98766") +
				l("98766", "getpid()", "98766") +
				l("98766", "getppid()", "98765") +
				l("98766", "getppid()", "12") +
				l("98765", "wait4(-1, NULL, 0, NULL)", "98766")},
		{"unfinished and resumed",
			l("7", `read(3, "x", 1)`, "1") +
				l("8", "exit_group(0)", "?") +
				l("7", "read(3,  <unfinished ...>)", "?"),
			l("7", "read(3,  <unfinished ...>", "") +
				l("8", "exit_group(0)", "?") +
				l("7", `<... read resumed>"x", 1)`, "1") +
				l("7", "read(3,  <unfinished ...>", "") +
				l("7", "<... read resumed> <unfinished ...>)", "?")},
		{"padding after pids of other widths",
			l("9999", "kill(9999, SIGUSR1)", "0"),
			l("10000", "kill(10000, SIGUSR1)", "0")},
		{"children named by the tree, not by first appearance",
			l("10", "clone(child_stack=NULL, flags=SIGCHLD)", "11") +
				l("11", "clone(child_stack=NULL, flags=SIGCHLD)", "13") +
				l("10", "clone(child_stack=NULL, flags=SIGCHLD)", "12") +
				l("13", "exit_group(0)", "?") +
				l("12", "exit_group(1)", "?"),
			l("20", "clone(child_stack=NULL, flags=SIGCHLD <unfinished ...>", "") +
				l("21", "clone(child_stack=NULL, flags=SIGCHLD <unfinished ...>", "") +
				l("23", "exit_group(0)", "?") +
				l("20", "<... clone resumed>)", "21") +
				l("21", "<... clone resumed>)", "23") +
				l("20", "clone(child_stack=NULL, flags=SIGCHLD)", "22") +
				l("22", "exit_group(1)", "?")},
		{"SIGCHLD before or after the wait4",
			l("5", "clone(child_stack=NULL, flags=SIGCHLD)", "6") +
				l("5", fmt.Sprintf(chld, "6", 1), "") +
				l("5", "wait4(-1, NULL, 0, NULL)", "6"),
			l("5", "clone(child_stack=NULL, flags=SIGCHLD)", "6") +
				l("5", "wait4(-1, NULL, 0, NULL)", "6") +
				l("5", fmt.Sprintf(chld, "6", 0), "")},
		{"random bytes",
			l("1", `getrandom("\x38\xa1", 2, GRND_NONBLOCK)`, "2"),
			l("1", `getrandom("\x00\xff", 2, GRND_NONBLOCK)`, "2")},
		{"the current time",
			l("1", "clock_gettime(CLOCK_REALTIME, {tv_sec=1795373802, tv_nsec=964513626})", "0") +
				l("1", "gettimeofday({tv_sec=1795373802, tv_usec=964513}, NULL)", "0") +
				l("1", "time(NULL)", "1795373802 (2026-11-22T18:56:42+0000)"),
			l("1", "clock_gettime(CLOCK_REALTIME, {tv_sec=1795373803, tv_nsec=88149594})", "0") +
				l("1", "gettimeofday({tv_sec=1795373803, tv_usec=88149}, NULL)", "0") +
				l("1", "time(NULL)", "1795373803 (2026-11-22T18:56:43+0000)")},
		{"ephemeral ports",
			l("1", `connect(4, {sa_family=AF_INET, sin_port=htons(57419), sin_addr=inet_addr("127.0.0.1")}, 16)`, "0"),
			l("1", `connect(4, {sa_family=AF_INET, sin_port=htons(32768), sin_addr=inet_addr("127.0.0.1")}, 16)`, "0")},
		{"the system's state",
			l("1", "sysinfo({uptime=5, loads=[1, 2, 3], totalram=9, freeram=8, sharedram=7, bufferram=6, totalswap=0, freeswap=0, procs=94, totalhigh=0, freehigh=0, mem_unit=1})", "0"),
			l("1", "sysinfo({uptime=6, loads=[3, 2, 1], totalram=9, freeram=7, sharedram=7, bufferram=5, totalswap=0, freeswap=0, procs=99, totalhigh=0, freehigh=0, mem_unit=1})", "0")},
	}
	for _, c := range same {
		a, b := normalize(c.a), normalize(c.b)
		if fmt.Sprint(a) != fmt.Sprint(b) {
			t.Errorf("%s: normalised traces differ:\n%q\n%q", c.name, a, b)
		}
		for _, lines := range a {
			for _, l := range lines {
				if strings.Contains(l, note) {
					t.Errorf("%s: a line padded as strace pads it got a note: %q", c.name, l)
				}
			}
		}
	}
	write := l("100", `write(1, "a", 1)`, "1")
	differ := []struct{ name, a, b string }{
		{"data", write, l("100", `write(1, "b", 1)`, "1")},
		{"padding", write, "100   write(1, \"a\", 1) = 1\n"},
		{"prefix", write, "100 " + line("", `write(1, "a", 1)`, "1") + "\n"},
		{"no prefix", write, line("", `write(1, "a", 1)`, "1") + "\n"},
		{"short address", l("1", "brk(0x1234)", "0"), l("1", "brk(0x1235)", "0")},
		{"env count",
			l("1", `execve("/x", ["/x"], 0x7ffd1234abcd /* 3 vars */)`, "0"),
			l("1", `execve("/x", ["/x"], 0x7ffd1234abcd /* 4 vars */)`, "0")},
		{"unfinished never resumed",
			l("5", "clone(child_stack=NULL, flags=SIGCHLD)", "6"),
			l("5", "clone(child_stack=NULL, flags=SIGCHLD <unfinished ...>", "")},
		{"pid of another task",
			l("5", "clone(child_stack=NULL, flags=SIGCHLD)", "6") + l("5", "kill(6, SIGKILL)", "0"),
			l("5", "clone(child_stack=NULL, flags=SIGCHLD)", "6") + l("5", "kill(5, SIGKILL)", "0")},
		{"SIGCHLD after the line that follows the wait4",
			l("5", "clone(child_stack=NULL, flags=SIGCHLD)", "6") +
				l("5", "wait4(-1, NULL, 0, NULL)", "6") +
				l("5", fmt.Sprintf(chld, "6", 0), "") +
				l("5", "getpid()", "5"),
			l("5", "clone(child_stack=NULL, flags=SIGCHLD)", "6") +
				l("5", "wait4(-1, NULL, 0, NULL)", "6") +
				l("5", "getpid()", "5") +
				l("5", fmt.Sprintf(chld, "6", 0), "")},
		{"SIGCHLD before its child was made",
			l("5", fmt.Sprintf(chld, "6", 0), "") +
				l("5", "clone(child_stack=NULL, flags=SIGCHLD)", "6") +
				l("5", "wait4(-1, NULL, 0, NULL)", "6"),
			l("5", "clone(child_stack=NULL, flags=SIGCHLD)", "6") +
				l("5", "wait4(-1, NULL, 0, NULL)", "6") +
				l("5", fmt.Sprintf(chld, "6", 0), "")},
		{"random bytes in octal",
			l("1", `getrandom("\x38\xa1", 2, GRND_NONBLOCK)`, "2"),
			l("1", `getrandom("8\241", 2, GRND_NONBLOCK)`, "2")},
		{"fixed ports",
			l("1", `connect(4, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}, 16)`, "0"),
			l("1", `connect(4, {sa_family=AF_INET, sin_port=htons(8081), sin_addr=inet_addr("127.0.0.1")}, 16)`, "0")},
		{"time without its date",
			l("1", "time(NULL)", "1795373802 (2026-11-22T18:56:42+0000)"),
			l("1", "time(NULL)", "1795373802")},
		{"a sleep's time",
			l("1", "nanosleep({tv_sec=0, tv_nsec=1000}, NULL)", "0"),
			l("1", "nanosleep({tv_sec=0, tv_nsec=2000}, NULL)", "0")},
	}
	for _, c := range differ {
		a, b := normalize(c.a), normalize(c.b)
		if fmt.Sprint(a) == fmt.Sprint(b) {
			t.Errorf("%s: normalised traces are the same: %q", c.name, a)
		}
	}
}

func TestDiff(t *testing.T) {
	want := []string{"a", "b", "c", "d", "e", "f", "g", "h"}
	got := []string{"a", "b", "C", "d", "e", "f", "g", "h", "i"}
	n, ops := diffLines(want, got)
	if n != 7 {
		t.Errorf("%d lines alike, want 7", n)
	}
	const u = "@@ P1: strace line 2, gotrace line 2 @@\n b\n-c\n+C\n d\n" +
		"@@ P1: strace line 8, gotrace line 8 @@\n h\n+i\n"
	if d := unified("P1", ops, 1); d != u {
		t.Errorf("unified diff:\n%s\nwant\n%s", d, u)
	}
	if d := unified("P1", ops[:2], 1); d != "" {
		t.Errorf("no change, diff %q", d)
	}
}
