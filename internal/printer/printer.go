// Package printer renders decoded events as strace prints them. It follows
// strace's model of one shared output: a syscall's line is begun at its enter
// and ended at its exit; a line of another task in between closes it with
// " <unfinished ...>", and the exit then resumes with "<... name resumed>".
package printer

import (
	"bufio"
	"io"
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/filter"
	"github.com/gotrace/gotrace/internal/format"
	"github.com/gotrace/gotrace/internal/xlat"
)

// PidPrefix says how lines name their task.
type PidPrefix uint8

// Pid prefix modes, as strace chooses them.
const (
	// PrefixWhenMany prints "[pid  1234] " while more than one task is
	// traced (the trace goes to stderr).
	PrefixWhenMany PidPrefix = iota
	// PrefixAlways prints "1234  " on every line (-o FILE with -f, or with
	// several tasks from the start).
	PrefixAlways
	// PrefixNever prints no prefix (-o FILE with one task and no -f).
	PrefixNever
)

// DefaultColumn is where strace aligns " = " (its -a default).
const DefaultColumn = 40

// Timestamp formats of -t, -tt and -ttt.
const (
	NoTimestamps   = iota
	TimeOfDay      // -t: 12:58:36
	TimeOfDayMicro // -tt: 12:58:36.902215
	EpochMicro     // -ttt: 1795352316.955706
)

// Options are the strace options that change how lines look.
type Options struct {
	format.Options
	Prefix     PidPrefix
	Column     int  // -a: column of " = "; 0 means DefaultColumn
	Timestamps int  // -t, -tt, -ttt
	Relative   bool // -r: time since the previous line
	Durations  bool // -T: time spent in each syscall
	HideExits  bool // -qq: no "+++ exited with" lines
	// -qqq, -e quiet=thread-execve: no "+++ superseded by execve" lines
	HideSuperseded bool
	Silent         bool // -c: print no lines, only follow the tasks
	// AbsPrecision, RelPrecision and DurPrecision are the decimals of
	// the -t, -r and -T columns (--timestamps=...,PRECISION).
	AbsPrecision, RelPrecision, DurPrecision Precision
	// Color writes names, return values, signals and exits in colour
	// (--color).
	Color bool
	// SummaryColumns are the columns of the -c table (-U); nil for
	// strace's default.
	SummaryColumns []SummaryColumn
	// Explain, when set, appends a plain-language note on a syscall
	// whose line was just printed (--explain); nothing appended, no note.
	Explain func(b []byte, c *decoder.Call) []byte
	// ManyTasks prefixes lines with the pid even while one task is
	// known: the kernel selects tasks (--cgroup, --all, --descendants)
	// that come without a fork.
	ManyTasks bool
	// LinePrefix starts every line (--context=container: "[web] ").
	LinePrefix string
	// SyscallNumbers prefixes lines with the number of the task's latest
	// syscall, "[ NR] " (-n).
	SyscallNumbers bool
	// InstructionPointer prefixes lines with where the task was in user
	// space, as strace's -i: "[00007f...] ", "[????????????????] " where
	// the records do not say.
	InstructionPointer bool
	// DumpRead and DumpWrite are the descriptors whose data is dumped in
	// hex after the line (-e read=, -e write=); nil for none.
	DumpRead, DumpWrite *filter.FdSet
}

// Printer renders events to an output. It is not safe for concurrent use.
type Printer struct {
	w     *bufio.Writer
	opt   Options
	args  *format.Formatter // each argument's and return value's text
	buf   []byte            // the piece being formatted
	col   int               // column of the open line; 0 when no line is open
	owner uint32            // task that printed last (strace's printing_tcp)
	// pidText is the bare pid prefix of tid pidTextOf, kept while one
	// task prints line after line
	pidText   []byte
	pidTextOf uint32
	live      int // tasks being traced (strace's nprocs)
	// pending is a syscall whose enter is not written yet: if its exit
	// comes next, the whole line is written then, with what was read at
	// exit too. pendingLive is live at its enter, for the prefix.
	pending     *decoder.Call
	pendingLive int
	now         uint64 // time of the event being handled
	lastLeader  uint64 // time of the previous line, for -r
	// deferred holds, per task in a syscall, whether part of its arguments
	// are printed at exit.
	deferred map[uint32]bool
	// stagedLive holds, per task in a syscall whose line is staged until
	// its outcome is known (ShowStatus), live at its enter: strace stages
	// the prefix with the line.
	stagedLive map[uint32]int
	// stackTid is the task whose syscall line was just printed: its -k
	// stack record comes next.
	stackTid uint32
	// queuedStacks are the -k stacks captured at the entry of a syscall
	// (execve, exit, exit_group), by task, until its line ends.
	queuedStacks map[uint32][]byte
	// lineIP is the instruction pointer the next line's leader shows
	// (-i), 0 for unknown; the leader resets it.
	lineIP uint64
	// lastNr holds, per task, the number of its latest syscall seen (-n).
	lastNr map[uint32]int64
	// leaders that ended before the threads they follow, by tgid: strace
	// prints their end after the last thread's, or never when a thread's
	// execve takes their pid
	heldLeaders map[uint32]bool
	// the status of processes whose last thread ended before their
	// leader's early end was read (the records of two CPUs), by tgid
	deadGroups map[uint32]decoder.WaitStatus
}

// New returns a Printer writing to w.
func New(w io.Writer, opt Options) *Printer {
	if opt.Column == 0 {
		opt.Column = DefaultColumn
	}
	return &Printer{
		w:           bufio.NewWriterSize(w, 64<<10),
		opt:         opt,
		args:        format.New(opt.Options),
		deferred:    make(map[uint32]bool),
		stagedLive:  make(map[uint32]int),
		lastNr:      make(map[uint32]int64),
		heldLeaders: make(map[uint32]bool),
		deadGroups:  make(map[uint32]decoder.WaitStatus),
	}
}

// AddTask counts a task traced from the start (the command, or -p threads).
func (p *Printer) AddTask() { p.live++ }

// Live returns how many traced tasks are alive.
func (p *Printer) Live() int { return p.live }

// Flush writes out the complete lines that are buffered.
func (p *Printer) Flush() error { return p.w.Flush() }

// HasPending reports whether a syscall's enter is held back, waiting for
// its exit.
func (p *Printer) HasPending() bool { return p.pending != nil }

// FlushPending writes out everything, including the enter part of a
// syscall still in progress, as strace shows a blocked call.
func (p *Printer) FlushPending() error {
	p.writePending()
	return p.w.Flush()
}

// Handle renders one event, paired (decoder.Pairer).
func (p *Printer) Handle(ev *decoder.Event) {
	p.now = ev.Time
	defer p.follow(ev)
	if p.opt.SyscallNumbers && (ev.Type == decoder.SysEnter || ev.Type == decoder.SysExit) {
		p.lastNr[ev.Tid] = ev.Call.Nr
	}
	if p.opt.Silent {
		return
	}
	if ev.Lost != 0 {
		p.lost(ev.Lost)
	}
	switch ev.Type {
	case decoder.SysEnter:
		p.enter(ev)
	case decoder.SysExit:
		p.exit(ev)
	case decoder.Exec:
		p.exec(ev)
	case decoder.TaskExit:
		p.taskExit(ev)
		p.queuedStack(ev.Tid)
	case decoder.Signal:
		p.signal(ev)
	case decoder.Stack:
		p.stack(ev)
	}
}

// follow keeps count of the traced tasks (strace's nprocs), once the event
// is printed.
func (p *Printer) follow(ev *decoder.Event) {
	switch ev.Type {
	case decoder.Fork:
		p.live++
		if p.opt.Fds != nil {
			p.opt.Fds.Cloned(ev.Tid, ev.ChildTid, ev.ChildTgid)
		}
	case decoder.TaskExit:
		switch {
		case ev.LeaderEarly:
			// held until the last thread ends, unless that came first
			if !p.heldLeaders[ev.Tgid] {
				p.live--
			}
		case !ev.ByExec || ev.Tid != ev.Tgid:
			p.live--
		}
		if ev.GroupDead && p.heldLeaders[ev.Tgid] {
			delete(p.heldLeaders, ev.Tgid)
			p.live--
		}
		delete(p.lastNr, ev.Tid)
	case decoder.Exec:
		if ev.OldTid != ev.Tid {
			p.live--
			delete(p.heldLeaders, ev.Tid)
		}
		if ev.Detached {
			p.live--
		}
	}
}

// lost reports records the kernel could not write, where the gap is.
func (p *Printer) lost(n uint32) {
	p.closeLine()
	p.buf = append(p.buf[:0], "<... "...)
	p.buf = strconv.AppendUint(p.buf, uint64(n), 10)
	p.buf = append(p.buf, " events lost ...>\n"...)
	p.owner = 0
	p.write(p.buf)
	p.col = 0
}

// detachTask lets go of one task, as strace does at its execve with -b
// execve: its call, begun, ends with " <detached ...>" if its line is the
// one open, and nothing more of it shows.
func (p *Printer) detachTask(tid uint32) {
	p.writePending()
	if p.col != 0 && p.owner == tid {
		p.writeString(" <detached ...>")
		p.newline()
	}
	delete(p.deferred, tid)
}

// Detach ends every open line as strace does when it lets go of its
// tracees. Under -e status=, whose lines wait for their outcome, the calls
// in progress (inFlight) show with " <detached ...>" if status=detached
// selects them.
func (p *Printer) Detach(inFlight []*decoder.Call) {
	if p.opt.ShowStatus != nil {
		for _, c := range inFlight {
			live, staged := p.stagedLive[c.Tid]
			delete(p.stagedLive, c.Tid)
			if !staged || p.hidden(c.Nr) || !p.opt.ShowStatus(filter.Detached) || !p.showCall(c) {
				continue
			}
			p.closeLine()
			p.writeEnter(c, live)
			p.writeString(" <detached ...>\n")
			p.col = 0
		}
	}
	if p.col != 0 {
		p.writeString(" <detached ...>\n")
		p.col = 0
	}
}

// CloseLine ends a call still in progress with " <unfinished ...>", as
// when another line interrupts it: the end of a flight recording.
func (p *Printer) CloseLine() {
	p.closeLine()
}

func (p *Printer) write(b []byte) {
	p.w.Write(b)
	p.col += len(b)
}

func (p *Printer) writeString(s string) {
	p.w.WriteString(s)
	p.col += len(s)
}

func (p *Printer) newline() {
	p.w.WriteByte('\n')
	p.col = 0
}

// closeLine ends an open line that another line is about to interrupt.
func (p *Printer) closeLine() {
	p.writePending()
	if p.col != 0 {
		p.writeString(" <unfinished ...>")
		p.newline()
	}
}

// leader starts a line for task tid: strace's printleader.
func (p *Printer) leader(tid uint32) {
	p.closeLine()
	p.leaderAt(tid, p.live, p.now)
}

// leaderAt writes the prefix of a line of tid, as it was when live tasks
// were traced, at time ts.
func (p *Printer) leaderAt(tid uint32, live int, ts uint64) {
	p.buf = p.appendLeader(p.buf[:0], tid, live, ts)
	p.write(p.buf)
}

// appendLeader appends the prefix of a line of tid (see leaderAt), which
// is the task printing from now on.
func (p *Printer) appendLeader(b []byte, tid uint32, live int, ts uint64) []byte {
	p.owner = tid
	b = append(b, p.opt.LinePrefix...)
	switch {
	case p.opt.Prefix == PrefixAlways:
		if p.pidText == nil || p.pidTextOf != tid {
			p.pidText = strconv.AppendUint(p.pidText[:0], uint64(tid), 10)
			for len(p.pidText) < 5 {
				p.pidText = append(p.pidText, ' ')
			}
			p.pidText = append(p.pidText, ' ')
			p.pidTextOf = tid
		}
		b = append(b, p.pidText...)
	case p.opt.Prefix == PrefixWhenMany && (live > 1 || p.opt.ManyTasks):
		b = append(b, "[pid "...)
		b = appendPadded(b, uint64(tid), 5)
		b = append(b, "] "...)
	}
	b = p.appendTimes(b, ts)
	if p.opt.SyscallNumbers {
		// strace's print_syscall_number: "[%4u] ", or "[???] "
		b = append(b, '[')
		if nr, ok := p.lastNr[tid]; ok {
			b = appendPadded(b, uint64(nr), 4)
		} else {
			b = append(b, "???"...)
		}
		b = append(b, "] "...)
	}
	if p.opt.InstructionPointer {
		// strace's print_instruction_pointer
		b = append(b, '[')
		if p.lineIP != 0 {
			b = appendHex16(b, p.lineIP)
		} else {
			b = append(b, "????????????????"...)
		}
		b = append(b, "] "...)
		p.lineIP = 0
	}
	return b
}

// appendHex16 appends v in hex, 16 digits with leading zeros.
func appendHex16(b []byte, v uint64) []byte {
	const digits = "0123456789abcdef"
	for shift := 60; shift >= 0; shift -= 4 {
		b = append(b, digits[v>>uint(shift)&0xf])
	}
	return b
}

func appendPadded(b []byte, v uint64, width int) []byte {
	var digits [20]byte
	d := strconv.AppendUint(digits[:0], v, 10)
	for i := len(d); i < width; i++ {
		b = append(b, ' ')
	}
	return append(b, d...)
}

func (p *Printer) enter(ev *decoder.Event) {
	if p.hidden(ev.Nr) {
		return
	}
	if p.opt.ShowStatus != nil {
		// printed whole at exit, if its outcome shows
		p.stagedLive[ev.Tid] = p.live
		return
	}
	p.closeLine()
	p.pending, p.pendingLive = ev.Call, p.live
}

// writePending writes the enter part of the pending syscall: another line
// is about to interrupt it, or the output goes idle.
func (p *Printer) writePending() {
	c := p.pending
	if c == nil {
		return
	}
	p.pending = nil
	p.setDeferred(c.Tid, p.writeEnter(c, p.pendingLive))
}

// setDeferred records whether the open line of task tid has arguments
// left for its exit.
func (p *Printer) setDeferred(tid uint32, deferred bool) {
	if deferred {
		p.deferred[tid] = true
	} else if len(p.deferred) != 0 { // an empty map's delete still costs
		delete(p.deferred, tid)
	}
}

// takeDeferred says whether the open line of task tid has arguments left
// for its exit, and forgets it.
func (p *Printer) takeDeferred(tid uint32) bool {
	if len(p.deferred) == 0 {
		return false
	}
	d := p.deferred[tid]
	delete(p.deferred, tid)
	return d
}

// writeEnter writes the enter part of c's line and returns whether some
// arguments are left for the exit.
func (p *Printer) writeEnter(c *decoder.Call, live int) bool {
	// one write for the line so far: the writes were a fifth of its time
	var deferred bool
	p.buf, deferred = p.appendEnter(p.buf[:0], c, live)
	p.write(p.buf)
	return deferred
}

// appendEnter appends the enter part of c's line to b and says whether
// some arguments are left for the exit.
func (p *Printer) appendEnter(b []byte, c *decoder.Call, live int) ([]byte, bool) {
	p.lineIP = c.IP
	b = p.appendLeader(b, c.Tid, live, c.EnterTime)
	b = p.appendColor(b, colorName)
	b = append(b, c.Name()...)
	b = p.appendColor(b, colorReset)
	b = append(b, '(')
	return p.args.FormatArgs(b, c, false)
}

func (p *Printer) exit(ev *decoder.Event) {
	p.stackTid = 0
	c := ev.Call
	if p.hidden(c.Nr) {
		p.fdsReturned(c)
		p.fdsReleased(c)
		p.dropQueuedStack(ev.Tid)
		return
	}
	var deferred bool // arguments left for the exit
	// the enter part of a line printed whole here stays in p.buf, written
	// with the rest in one write
	if p.opt.ShowStatus != nil {
		outcome := filter.Successful
		if c.Failed() {
			outcome = filter.Failed
		}
		live := p.stagedLive[ev.Tid]
		delete(p.stagedLive, ev.Tid)
		if !p.opt.ShowStatus(outcome) || !c.Entered || !p.showCall(c) {
			p.fdsReturned(c)
			p.dropQueuedStack(ev.Tid)
			return
		}
		p.closeLine()
		p.buf, deferred = p.appendEnter(p.buf[:0], c, live)
	} else if p.pending == c && c.Entered {
		// nothing came between enter and exit: one line, in which the
		// enter part may use memory read again at exit
		p.pending = nil
		p.buf, deferred = p.appendEnter(p.buf[:0], c, p.pendingLive)
	} else {
		if p.owner != ev.Tid || p.col == 0 {
			p.closeLine()
			p.lineIP = c.IP
			p.leader(ev.Tid)
			p.writeString("<... ")
			p.writeString(c.Name())
			p.writeString(" resumed>")
		}
		deferred = p.takeDeferred(ev.Tid)
		p.buf = p.buf[:0] // the leader is written
	}
	// the arguments printed so far show the descriptors as they were
	// before the call (dup2's new one); what is printed from here on, as
	// they are after it
	p.fdsReturned(c)
	p.owner = ev.Tid
	b := p.buf
	if c.Entered && deferred {
		b, _ = p.args.FormatArgs(b, c, true)
	}
	// the rest of the line in one write
	b = append(b, ") "...)
	if n := p.opt.Column - p.col - len(b); n > 0 {
		b = appendSpaces(b, n) // padToReturn
	}
	if c.Failed() {
		b = p.appendColor(b, colorError)
	} else {
		b = p.appendColor(b, colorOK)
	}
	b = p.args.AppendReturn(b, c)
	if c.Note != 0 {
		b = format.AppendNote(b, c.Note)
	}
	if p.opt.Durations && c.Entered {
		b = append(b, " <"...)
		b = appendSecondsIn(b, c.ExitTime-c.EnterTime, 0, p.opt.DurPrecision.digits(6))
		b = append(b, '>')
	}
	b = p.appendColor(b, colorReset)
	p.buf = append(b, '\n')
	p.w.Write(p.buf)
	p.col = 0
	p.fdsReleased(c)
	if p.opt.DumpRead != nil || p.opt.DumpWrite != nil {
		p.dump(c)
	}
	p.stackTid = ev.Tid
	p.queuedStack(ev.Tid)
	p.explain(c)
}

const spaces = "                                        "

func (p *Printer) padToReturn() {
	for p.col < p.opt.Column {
		n := min(p.opt.Column-p.col, len(spaces))
		p.writeString(spaces[:n])
	}
}

func appendSpaces(b []byte, n int) []byte {
	for n > 0 {
		k := min(n, len(spaces))
		b = append(b, spaces[:k]...)
		n -= k
	}
	return b
}

// finishUnreturned ends the line of c, the syscall in progress of a task
// that exited or was killed in it (nil if none): strace's "= ?".
func (p *Printer) finishUnreturned(c *decoder.Call) {
	if c == nil || p.hidden(c.Nr) {
		return
	}
	tid := c.Tid
	if p.opt.ShowStatus != nil {
		live := p.stagedLive[tid]
		delete(p.stagedLive, tid)
		if !p.opt.ShowStatus(filter.Unfinished) || !p.showCall(c) {
			return
		}
		p.closeLine()
		p.setDeferred(tid, p.writeEnter(c, live))
	} else if p.pending == c {
		p.pending = nil
		p.setDeferred(tid, p.writeEnter(c, p.pendingLive))
	} else if p.owner != tid || p.col == 0 {
		p.closeLine()
		p.lineIP = c.IP
		p.leader(tid)
		p.writeString("<... ")
		p.writeString(c.Name())
		p.writeString(" resumed>")
	}
	if p.deferred[tid] {
		p.writeString(" <unfinished ...>")
	}
	delete(p.deferred, tid)
	p.writeString(") ")
	p.padToReturn()
	p.writeString("= ?")
	p.newline()
	p.owner = tid
	p.explain(c)
}

func (p *Printer) taskExit(ev *decoder.Event) {
	p.finishUnreturned(ev.Call)
	if p.opt.Fds != nil {
		p.opt.Fds.Forget(ev.Tid)
	}
	if ev.ByExec && ev.Tid == ev.Tgid {
		// the leader gives its tid to the thread that called execve:
		// strace says it was superseded (see exec), not that it exited
		return
	}
	if ev.LeaderEarly {
		if code, ok := p.deadGroups[ev.Tgid]; ok {
			delete(p.deadGroups, ev.Tgid)
			p.exitLine(ev.Tid, code, p.live)
			return
		}
		p.heldLeaders[ev.Tgid] = true
		return
	}
	p.exitLine(ev.Tid, ev.ExitCode, p.live)
	switch {
	case ev.GroupDead && p.heldLeaders[ev.Tgid]:
		// the process's status, the last thread's, once strace has
		// dropped that thread
		p.exitLine(ev.Tgid, ev.ExitCode, p.live-1)
	case ev.GroupDead && ev.Tid != ev.Tgid:
		// the leader ended before: its record is still to come
		p.deadGroups[ev.Tgid] = ev.ExitCode
	}
}

// exitLine prints how task tid ended, "+++ exited with 0 +++", live tasks
// being traced.
func (p *Printer) exitLine(tid uint32, code decoder.WaitStatus, live int) {
	if sig := code.Signal(); p.opt.HideExits && sig == 0 || sig != 0 && !p.showSignal(sig) {
		return
	}
	p.closeLine()
	p.leaderAt(tid, live, p.now)
	p.colorOn(colorExit)
	b := p.buf[:0]
	if sig := code.Signal(); sig != 0 {
		b = append(b, "+++ killed by "...)
		b = append(b, xlat.SignalName(sig)...) // a name whatever -X says
		b = append(b, ' ')
		if code.CoreDumped() {
			b = append(b, "(core dumped) "...)
		}
		b = append(b, "+++"...)
	} else {
		b = append(b, "+++ exited with "...)
		b = strconv.AppendInt(b, int64(code.Status()), 10)
		b = append(b, " +++"...)
	}
	p.buf = b
	p.write(b)
	p.colorOff()
	p.newline()
}

func (p *Printer) exec(ev *decoder.Event) {
	if ev.Detached {
		defer p.detachTask(ev.Tid)
	}
	if ev.OldTid == ev.Tid {
		return
	}
	// A thread other than the leader called execve: it now has the
	// leader's tid, and strace says the leader was superseded. Its call
	// shows as begun under its old tid.
	p.writePending()
	if d, ok := p.deferred[ev.OldTid]; ok {
		p.deferred[ev.Tid] = d
		delete(p.deferred, ev.OldTid)
	}
	if p.col != 0 && p.owner == ev.OldTid {
		// its execve line is open: strace ends it with the new tid
		p.buf = append(p.buf[:0], " <pid changed to "...)
		p.buf = strconv.AppendUint(p.buf, uint64(ev.Tid), 10)
		p.buf = append(p.buf, " ...>"...)
		p.write(p.buf)
		p.newline()
	}
	p.closeLine()
	if p.opt.HideSuperseded {
		return
	}
	// strace has already dropped the leader when it prints this line
	p.leaderAt(ev.Tid, p.live-1, p.now)
	p.buf = append(p.buf[:0], "+++ superseded by execve in pid "...)
	p.buf = strconv.AppendUint(p.buf, uint64(ev.OldTid), 10)
	p.buf = append(p.buf, " +++"...)
	p.write(p.buf)
	p.newline()
}

func (p *Printer) showSignal(sig int) bool {
	return p.opt.ShowSignal == nil || p.opt.ShowSignal(sig)
}

func (p *Printer) signal(ev *decoder.Event) {
	if !p.showSignal(int(ev.Sig)) {
		return
	}
	p.closeLine()
	p.lineIP = ev.IP
	p.leader(ev.Tid)
	p.colorOn(colorSignal)
	b := append(p.buf[:0], "--- "...)
	if ev.Stopped {
		b = append(b, "stopped by "...)
	}
	b = append(b, xlat.SignalName(int(ev.Sig))...) // a name whatever -X says
	if !ev.Stopped {
		b = append(b, ' ')
		b = p.args.AppendSiginfo(b, &ev.Siginfo)
	}
	b = append(b, " ---"...)
	p.buf = b
	p.write(b)
	p.colorOff()
	p.newline()
	p.stackTid = ev.Tid // -k: where the signal found the task
}
