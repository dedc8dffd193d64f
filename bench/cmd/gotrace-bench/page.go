package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gotrace/gotrace/bpf"
)

// page writes docs/performance.md: the machine, the workloads and the
// method, one table per workload, the bystander check, what gotrace's cost
// is made of and issue 6's targets against the figures.
func page(m machine, o options, ws []workload, results [][]row, bystanders []row) string {
	var b strings.Builder
	b.WriteString("# Performance\n\n")
	b.WriteString("How much gotrace slows a traced program down, next to strace, perf trace and bpftrace on the same\n")
	b.WriteString("workloads. This page is written by `make bench` (bench/cmd/gotrace-bench, as root; it installs\n")
	b.WriteString("strace, perf and bpftrace from Debian's packages when they are missing); rerun it to refresh the\n")
	b.WriteString("figures. `make bench BENCH_QUICK=1` is a quick check with smaller workloads and fewer runs.\n")
	b.WriteString("Two more checks by hand: `bench/soak.sh SECONDS` traces a busy program for a while and prints\n")
	b.WriteString("gotrace's resident memory over time; `BenchmarkGetppid` in bench/ is W1's call from Go, to run\n")
	b.WriteString("under a tracer (see its comment). `go test ./...` times nothing.\n\n")
	fmt.Fprintf(&b, "The figures below are from one run on %s, which took %s", m.date, m.took)
	if o.quick {
		b.WriteString(", **in quick mode** (workloads a fifth of their size, fewer runs): rerun `make bench` for real figures")
	}
	b.WriteString(".\n\n## Machine\n\n")
	fmt.Fprintf(&b, "- CPU: %s, %d cores\n- kernel: %s\n- Go: %s\n", m.cpu, m.cores, m.kernel, m.goVersion)
	for _, v := range m.versions {
		fmt.Fprintf(&b, "- %s\n", v)
	}
	fmt.Fprintf(&b, "- load average (1, 5, 15 min) at the start: %s, at the end: %s. The machine may be shared: compare\n  the ratios within one run, not absolute times across runs.\n\n", m.loadStart, m.loadEnd)
	b.WriteString(workloadsText)
	b.WriteString(method(o))
	for wi, w := range ws {
		fmt.Fprintf(&b, "## %s: %s\n\n", w.name, w.title)
		b.WriteString(table(w, results[wi]))
		b.WriteString("\n")
	}
	b.WriteString("## Bystander: an untraced W1 while gotrace traces another process\n\n")
	b.WriteString(bystanderTable(bystanders))
	b.WriteString("\n")
	b.WriteString(bystanderText(bystanders))
	b.WriteString(breakdown(ws[0], results[0]))
	b.WriteString(machineSpeed(ws[0], results[0]))
	b.WriteString(targets(ws, results, bystanders))
	return b.String()
}

// bystanderText says where a bystander's cost comes from, with the
// floor's row (the fifth neighbour) against gotrace's (the fourth).
func bystanderText(rows []row) string {
	var b strings.Builder
	b.WriteString(`What an untraced process pays is almost all the kernel's: once any program is attached to
the raw syscall tracepoints, every task on the machine takes the slow path into and out of each
syscall (the tracepoint flag is global) and runs the programs, which for an untraced task find
no task-local state and return. `)
	if len(rows) >= 5 {
		alone, ok1 := find(rows, rows[0].tool)
		idle, ok2 := find(rows, rows[3].tool)
		floor, ok3 := find(rows, rows[4].tool)
		if ok1 && ok2 && ok3 {
			fmt.Fprintf(&b, "In this run, an untraced W1 next to a sleep traced by a gotrace whose two syscall programs\nreturn at once took %s its time alone, against %s with gotrace's real programs: the\nfirst is this kernel's floor for syscall tracepoints, the difference what gotrace's filtering adds.\n",
				ratio(floor.run(), alone.run()), ratio(idle.run(), alone.run()))
		}
	}
	b.WriteString("Per-syscall fentry programs would spare the other syscalls, not W1's getppid.\n\n")
	return b.String()
}

const workloadsText = `## Workloads

- **W1**: a C loop (bench/workloads/getppid_loop.c) calling getppid() through syscall(2) with a
  55-byte string as an extra argument, which the kernel ignores: nearly the cheapest syscall, so
  the tracer's cost per call dominates. A tracer that reads string arguments has one to read.
- **W2**: ` + "`dd if=/dev/zero of=/dev/null bs=1 count=500000`" + `: a million one-byte read and write
  calls of a common program, with buffers and descriptors to decode.
- **W3**: the W1 loop in 2 threads at full speed on the 2 cores: the most events per second, the
  test of lost events.

`

func method(o options) string {
	return fmt.Sprintf(`## Method

- Each workload runs under a small launcher (bench/workloads/timed.c) that forks it, waits for it
  with wait4 and records its wall and CPU time. **run time** is that wall time: the traced
  program's own slowdown, without the tracer's start-up and tear-down (loading BPF, starting
  perf or bpftrace, flushing output), which **command wall** includes. The tracers trace the
  launcher too (a fork, a wait4, a file write: a few dozen syscalls).
- Every tracer writes its trace to a file (`+"`-o FILE`"+`; gotrace and strace with -f); the file is
  deleted after each run. **calls printed** counts the workload's calls in the file (getppid, or
  dd's read(0, ...) and write(1, ...)), the fewest of any run, against the number it makes.
  The bpftrace one-liner prints one line per syscall entry:
  `+"`%s`"+`
- The rounds interleave: within a round every tool runs each workload once, starting with a
  different tool each round, so that drifts of the machine's load hit all of them alike. %d
  rounds; untraced and gotrace -f run in every round, the others stop repeating a workload once
  their runs there took %v (strace on W2 runs about a minute): **runs** says how many runs the
  medians are over.
- **× untraced** and **× strace -f** divide the median run times; **added ns/syscall** is the
  difference to the untraced median divided by the workload's number of syscalls.
- **tracer CPU** is the CPU time (user + system) of the tracer's processes, start-up included:
  the rusage that wait4 returns for the whole tracer command, minus the workload's own. BPF
  programs run in the traced task's context, so their cost is in the workload's time, not here.
  **max RSS** is ru_maxrss of the tracer (a second timed launcher runs it; the workloads and the
  launcher are about 1 MiB). Both are the medians of the runs.
- **lost** is the largest count of dropped records a run reported: gotrace's stderr line
  "N events lost", bpftrace's "Lost N events", perf's "LOST N events"; "–" for strace, whose
  ptrace stops the tracee and so cannot drop anything.
- strace --seccomp-bpf only helps when -e selects some syscalls: with every syscall traced it
  warns that there is nothing to filter and behaves as strace -f. It is measured as asked for.
- **floor** is gotrace -f with its two syscall programs returning at once (a setting only the
  benchmark makes, through gotrace's environment: `+"`"+bpf.BenchFloorEnv+"=1`"+`): what attaching any
  program to the syscall tracepoints costs each syscall, which no tracer using them can go
  below. **added ns/syscall above the floor** is a gotrace row's difference to the floor's
  median, per syscall: gotrace's own cost.
- gotrace -f -c (counting in the kernel, no records sent) and gotrace -f -e trace=none (the
  tracepoints run and look the task up, no syscall is recorded) separate gotrace's kernel-side
  cost from the cost of sending, reading and printing records.
- gotrace -f --flight-recorder builds the records in each thread's ring in the kernel, in
  place, a call with nothing to read at its enter as one enter and exit pair at its exit,
  sending gotrace nothing per syscall, and prints the last 32 calls at the end
  (docs/analysis.md).
- gotrace -f --no-drop ptraces the workload to pause it, instead of losing records, while the
  ring is half full (docs/no-drop.md); with the default 8 MiB ring it never needs to here.
- The inject rows measure -e inject= (docs/inject.md), which runs the workload under a seccomp
  filter gotrace answers: inject=getppid:retval=1 answers every getppid of W1 and W3 from
  gotrace (a round trip to gotrace per call; in W2 getppid is not called); when=65535 lets
  those calls run after the round trip (only the 65535th would be answered); inject=chdir
  selects a syscall none of the workloads makes, which leaves only the filter's own cost on
  every other syscall.
- gotrace -f -k and strace -f -k (W1 only) print each call's stack, 5 frames in W1: gotrace's
  kernel copies the registers and the stack's top (32 KiB at most, W1's is a few hundred bytes)
  into each record, and the reader unwinds it with libc's .eh_frame and names every frame, with
  what it read of each object cached by device and inode (BenchmarkFrames in internal/stack
  measures the frames per second one core names). Without -k none of this runs: the kernel
  side's code is removed at load time and the records are the same.
- The bystander check times an untraced W1 alone, next to another untraced W1 (the share of
  the two cores it loses to any busy neighbour), next to gotrace -p tracing such a W1, and next
  to gotrace -p tracing an idle sleep (what gotrace's tracepoints add to every other process's
  syscalls). gotrace is attached ("Process N attached") before the timing starts.

`, bpftraceProgram, o.rounds, o.budget)
}

func bystanderTable(rows []row) string {
	var alone time.Duration
	if len(rows) > 0 && rows[0].ran() {
		alone = rows[0].run()
	}
	var b strings.Builder
	b.WriteString("| W1 runs | runs | run time | × alone |\n|---|--:|--:|--:|\n")
	for _, r := range rows {
		if !r.ran() {
			b.WriteString("| " + r.tool + " | 0 | " + r.notRun() + " | |\n")
			continue
		}
		fmt.Fprintf(&b, "| %s | %d | %s | %s |\n", r.tool, len(r.runs), ms(r.run()), ratio(r.run(), alone))
	}
	return b.String()
}

func perSyscall(d time.Duration, w workload) int64 { return int64(d) / int64(w.syscalls) }

// breakdown states, from W1's figures, where gotrace's added time goes.
func breakdown(w workload, rows []row) string {
	base, ok1 := find(rows, "untraced")
	none, ok2 := find(rows, "gotrace -f -e trace=none")
	count, ok3 := find(rows, "gotrace -f -c")
	full, ok4 := find(rows, "gotrace -f")
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return ""
	}
	added := func(r row) int64 { return perSyscall(r.run()-base.run(), w) }
	var b strings.Builder
	b.WriteString("## What gotrace's cost is made of (W1)\n\n")
	fmt.Fprintf(&b, "Per getppid() call, gotrace -f adds %d ns to the traced program's run time. Of these:\n\n", added(full))
	if floor, ok := find(rows, floorTool); ok {
		fmt.Fprintf(&b, "- %d ns are the floor: two empty programs on the syscall tracepoints, which any tracer using them pays;\n", added(floor))
		fmt.Fprintf(&b, "- %d ns more with -e trace=none: gotrace's programs find the task traced, and nothing is recorded;\n", added(none)-added(floor))
	} else {
		fmt.Fprintf(&b, "- %d ns are there with -e trace=none already: the raw tracepoints run on entry and exit and find the task traced, and nothing is recorded;\n", added(none))
	}
	fmt.Fprintf(&b, "- %d ns more than that for full tracing: reserving, filling and submitting the records in the ring buffer (getppid, which takes no argument and never blocks, sends its enter and exit records together, in one reservation; the reader is woken only past a quarter full: it reads every 10 ms), and the reader decoding and printing them on the other core. Records carry no time unless the trace shows times.\n\n", added(full)-added(none))
	fmt.Fprintf(&b, "With -c instead, the kernel counts calls and time per syscall and sends no record: %d ns more than -e trace=none, mostly the two clock reads per call that its times need.\n\n", added(count)-added(none))
	if flight, ok := find(rows, "gotrace -f --flight-recorder"); ok {
		fmt.Fprintf(&b, "With --flight-recorder, the records are built in the thread's ring in the kernel, not sent: %d ns per call in the program's run time (%d more than -e trace=none) against %d fully traced, and %s of gotrace's CPU against %s.\n\n",
			added(flight), added(flight)-added(none), added(full), ms(flight.tracerCPU()), ms(full.tracerCPU()))
	}
	reading := full.tracerCPU() - none.tracerCPU()
	fmt.Fprintf(&b, "The workload's own CPU time (which includes the BPF programs, run in its context) grows from %s untraced to %s with -e trace=none, %s with -c and %s fully traced. gotrace's process used %s of CPU in all: %s to start and stop (loading and verifying the BPF programs; what it used with -e trace=none) and %s, %d ns per syscall, to read, decode and print the trace.\n\n",
		ms(base.workCPU()), ms(none.workCPU()), ms(count.workCPU()), ms(full.workCPU()),
		ms(full.tracerCPU()), ms(none.tracerCPU()), ms(reading), perSyscall(reading, w))
	return b.String()
}

// machineSpeed says, from W1's figures, what a user pays on a machine whose
// syscalls are fast and on one where they are slow, why the floor is the
// floor, and what fentry programs would change.
func machineSpeed(w workload, rows []row) string {
	base, ok1 := find(rows, "untraced")
	full, ok2 := find(rows, "gotrace -f")
	floor, ok3 := find(rows, floorTool)
	if !ok1 || !ok2 || !ok3 {
		return ""
	}
	// the workload's CPU time, which holds the BPF programs' and which
	// a loaded machine disturbs less than the wall time
	per := func(r row) float64 { return float64(r.workCPU()) / float64(w.syscalls) }
	null := per(base)
	aboveFloor := per(full) - per(floor)
	floorCost := per(floor) - null
	var b strings.Builder
	b.WriteString("## Fast and slow machines, the floor, fentry\n\n")
	if null <= 0 || floorCost < 0 || aboveFloor < 0 {
		b.WriteString("What gotrace adds to a syscall is a time, not a ratio, but this run's CPU times are too disturbed\n" +
			"to split it (the floor or gotrace's share came out negative): rerun `make bench` on a quieter machine.\n\n")
	} else {
		fmt.Fprintf(&b, "What gotrace adds to a syscall is a time, not a ratio: in W1's CPU time (the traced program's, which\n"+
			"holds the BPF programs' and which a loaded machine disturbs less than the run time), %.0f ns for the floor\n"+
			"and %.0f ns above it per getppid() call, which untraced takes %.0f ns (a loop iteration: the syscall and libc's wrapper).\n",
			floorCost, aboveFloor, null)
		b.WriteString("The ratio depends on what a syscall costs on the machine: with page-table isolation or\n" +
			"other mitigations, or in some virtual machines, a null syscall costs about 1 µs; on a recent machine\n" +
			"without them, about 170 ns. With the figures of this run, a traced getppid() loop runs")
		for _, n := range []float64{1000, 170} {
			fmt.Fprintf(&b, " %.2f× untraced where a call costs %.0f ns", (n+floorCost+aboveFloor)/n, n)
			if n == 1000 {
				b.WriteString(", and")
			}
		}
		b.WriteString(" (taking the floor and gotrace's share as the same time on both, which they\n" +
			"roughly are: neither crosses into user space). A real program does work between its syscalls, and\n" +
			"pays the same time per call over a longer run.\n\n")
	}
	b.WriteString(`The floor is the kernel's, and no tracer built on the syscall tracepoints goes below it. Attaching
any program to raw_syscalls:sys_enter or sys_exit sets a flag on every task of the machine that sends
each syscall through the slow path of syscall entry and exit (syscall_trace_enter/exit), where the
tracepoint calls the BPF dispatcher, which disables migration, takes the RCU read lock, checks for
recursion and runs the program. The floor row runs gotrace with programs that return at once: what
remains is that path. gotrace's own work above it, in the traced task, is finding the task's state
(task-local storage), the syscall's plan (an array), saving the arguments, and for each record
reserving ring space, filling it and committing it; in the reader, reading, decoding and printing.

Per-syscall fentry/fexit programs (a BPF trampoline on __x64_sys_getppid and its like) would not set
that global flag: untraced syscalls and untraced tasks would pay nothing, and -e trace=openat would
cost nothing to the other syscalls. A traced call would still pay a trampoline and the program, so
W1's own cost would change less than a bystander's. It would take a program pair per traced syscall
(hundreds for -e trace=all, each loaded and attached at start-up), would miss syscalls entered
through other paths (the compat entry, syscalls restarted by the kernel), and needs a kernel that
allows fentry on these functions: this one refuses it ("fentry __x64_sys_getppid not supported"), so
gotrace stays on the tracepoints, which every kernel it supports has.

`)
	return b.String()
}

// targets checks the figures against issue 6's targets.
func targets(ws []workload, results [][]row, bystanders []row) string {
	var b strings.Builder
	b.WriteString("## Targets (issue 6)\n\n| target | measured | met |\n|---|---|---|\n")
	line := func(target, measured string, met bool) {
		verdict := "**no**"
		if met {
			verdict = "yes"
		}
		b.WriteString("| " + target + " | " + measured + " | " + verdict + " |\n")
	}
	x := func(a, b row) float64 { return float64(a.run()) / float64(b.run()) }
	for wi, w := range ws[:2] {
		base, ok1 := find(results[wi], "untraced")
		full, ok2 := find(results[wi], "gotrace -f")
		if !ok1 || !ok2 {
			continue
		}
		r := x(full, base)
		line(w.name+" traced with -f to a file: at most 1.5× untraced, every call printed",
			fmt.Sprintf("%.2f×, %d of %d calls printed, %d lost", r, full.printed(), w.want, full.lost()),
			r <= 1.5 && full.printed() >= w.want && full.lost() == 0)
	}
	if full, ok := find(results[2], "gotrace -f"); ok {
		line("W3: no event lost with the default buffer",
			fmt.Sprintf("%d lost in the worst run, %d of %d calls printed", full.lost(), full.printed(), ws[2].want),
			full.lost() == 0 && full.printed() >= ws[2].want)
	}
	if len(bystanders) >= 4 { // the first four neighbours in run()
		alone, ok1 := find(bystanders, bystanders[0].tool)
		busy, ok2 := find(bystanders, bystanders[1].tool)
		busyTraced, ok3 := find(bystanders, bystanders[2].tool)
		idleTraced, ok4 := find(bystanders, bystanders[3].tool)
		if ok1 && ok4 {
			r := x(idleTraced, alone)
			line("an untraced W1 pays at most 10% while gotrace traces another (idle) process", strconv.FormatFloat(r, 'f', 2, 64)+"× alone (see below)", r <= 1.10)
		}
		if ok2 && ok3 {
			// not a target: with 2 cores, gotrace's reader competes
			// with the two programs for them
			r := x(busyTraced, busy)
			b.WriteString("| (for information) an untraced W1 next to a busy W1 traced by gotrace -p, against next to an untraced W1 | " +
				strconv.FormatFloat(r, 'f', 2, 64) + "×: on 2 cores, gotrace's reader competes with both programs | – |\n")
		}
	}
	var rss int64
	var cpu []string
	for wi, w := range ws {
		if full, ok := find(results[wi], "gotrace -f"); ok {
			for _, s := range full.runs {
				rss = max(rss, s.maxRSS)
			}
			cpu = append(cpu, w.name+" "+ms(full.tracerCPU()))
		}
	}
	if len(cpu) > 0 {
		line("gotrace's resident memory at most 50 MiB", mib(rss)+" in the largest run", rss <= 50*1024)
		line("gotrace's CPU time reported", strings.Join(cpu, ", "), true)
	}
	return b.String()
}
