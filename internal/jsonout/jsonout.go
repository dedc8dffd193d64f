// Package jsonout writes the trace as JSON lines (--json): one object per
// completed syscall, process event, signal and gap of lost records. The
// schema is in docs/json.md; Version changes when it does.
package jsonout

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/filter"
	"github.com/gotrace/gotrace/internal/format"
	"github.com/gotrace/gotrace/internal/latency"
	"github.com/gotrace/gotrace/internal/stack"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

// Version is the schema version every object carries as "v".
const Version = 1

// Writer renders events as JSON lines.
type Writer struct {
	w   *bufio.Writer
	fmt *format.Formatter
	// clockOffset turns the kernel's CLOCK_MONOTONIC into the epoch.
	clockOffset int64
	comms       map[uint32]string // by tid, read at first sight and at exec
	// ReadComm reads a task's name: from /proc/TID/comm, unless a replay
	// of a recording, whose tasks are gone, replaces it.
	ReadComm func(tid uint32) string
	cgroups  map[uint32]uint64 // by tid, read at first sight
	// ReadCgroup reads the id of a task's cgroup v2 (0: unknown), as
	// ReadComm its name.
	ReadCgroup func(tid uint32) uint64
	fds        format.FdDescriber       // -y: follows the descriptor table; nil without
	opt        format.Options           // which calls show: Hide, ShowStatus, ShowCall
	lastTid    uint32                   // the task whose syscall was written last, for -k
	queued     map[uint32][]stack.Frame // -k stacks captured at a syscall's entry, by task
	obj        object
	text       []byte
}

// New returns a Writer to w; opt gives how argument values are decoded
// (-s, -y) and the clock offset.
func New(w io.Writer, opt format.Options) *Writer {
	return &Writer{
		w:           bufio.NewWriterSize(w, 64<<10),
		fmt:         format.New(opt),
		clockOffset: opt.ClockOffset,
		comms:       map[uint32]string{},
		ReadComm:    procComm,
		cgroups:     map[uint32]uint64{},
		ReadCgroup:  procCgroup,
		fds:         opt.Fds,
		opt:         opt,
	}
}

// comm is the task's name: read once per task and again after exec.
func (j *Writer) comm(tid uint32) string {
	if c, ok := j.comms[tid]; ok {
		return c
	}
	c := j.ReadComm(tid)
	j.comms[tid] = c
	return c
}

// procComm is the name of a running task; empty once the task is gone.
func procComm(tid uint32) string {
	data, _ := os.ReadFile("/proc/" + strconv.FormatUint(uint64(tid), 10) + "/comm")
	return strings.TrimSuffix(string(data), "\n")
}

// head starts an object with the fields every one has.
func (j *Writer) head(typ string, ev *decoder.Event, t uint64) {
	o := &j.obj
	o.begin()
	o.int("v", Version)
	o.str("type", typ)
	o.int("time", int64(t)+j.clockOffset)
	o.uint("pid", uint64(ev.Tgid))
	o.uint("tid", uint64(ev.Tid))
	o.str("comm", j.comm(ev.Tid))
	if id := j.cgroup(ev.Tid); id != 0 {
		o.uint("cgroup_id", id)
	}
	if j.opt.Container != "" {
		o.str("container", j.opt.Container)
	}
}

func (j *Writer) emit() { j.w.Write(j.obj.end()) }

// Handle writes what ev, paired (decoder.Pairer), completes.
func (j *Writer) Handle(ev *decoder.Event) {
	if ev.Lost != 0 {
		o := &j.obj
		o.begin()
		o.int("v", Version)
		o.str("type", "lost")
		o.int("time", int64(ev.Time)+j.clockOffset)
		o.uint("count", uint64(ev.Lost))
		j.emit()
	}
	switch ev.Type {
	case decoder.SysExit:
		c := ev.Call
		if j.fds != nil {
			j.fds.Returned(c)
		}
		j.syscall(ev, c, false)
		if j.fds != nil {
			j.fds.Released(c)
		}
	case decoder.Fork:
		j.fork(ev)
	case decoder.Exec:
		j.exec(ev)
	case decoder.TaskExit:
		j.exit(ev)
	case decoder.Signal:
		j.signal(ev)
	case decoder.Stack:
		j.stack(ev)
	}
}

// stack writes the -k frames of the syscall just written; a stack
// captured at a syscall's entry (execve, exit, exit_group) waits for its
// syscall's object.
func (j *Writer) stack(ev *decoder.Event) {
	s := j.opt.Stacks
	if s == nil {
		return
	}
	if ev.Stack.AtEnter {
		if j.queued == nil {
			j.queued = map[uint32][]stack.Frame{}
		}
		j.queued[ev.Tid] = append(j.queued[ev.Tid][:0], s.StackFrames(ev)...)
		return
	}
	if ev.Tid != j.lastTid {
		return // its syscall was not written
	}
	j.lastTid = 0
	j.writeStack(ev, s.StackFrames(ev))
}

// writeStack writes a stack object: each frame's pc, the file, function
// and offsets strace prints, its source line with -kk, and strace's line.
func (j *Writer) writeStack(ev *decoder.Event, frames []stack.Frame) {
	o := &j.obj
	j.head("stack", ev, ev.Time)
	o.key("frames")
	o.b = append(o.b, '[')
	for i := range frames {
		f := &frames[i]
		if i > 0 {
			o.b = append(o.b, ',')
		}
		o.b = append(o.b, '{')
		switch {
		case f.TooMany:
			o.str("error", "too many stack frames")
		case f.Path == "":
			o.uint("ip", f.PC)
			o.str("error", "unexpected_backtracing_error")
		default:
			o.uint("ip", f.PC)
			o.str("file", f.Path)
			if f.Symbol != "" {
				o.str("symbol", f.Symbol)
				o.uint("offset", f.Off)
			} else {
				o.null("symbol")
			}
			o.uint("address", f.Addr)
			if j.opt.Stacks.Source() {
				if f.Source != "" {
					o.str("source", f.Source)
					o.int("line", int64(f.Line))
				} else {
					o.null("source")
				}
			}
		}
		line := stack.AppendLine(j.text[:0], f, false)
		j.text = line
		o.bytes("text", line[3:len(line)-1]) // without " > " and the newline
		o.b = append(o.b, '}')
	}
	o.b = append(o.b, ']')
	j.emit()
}

// arguments chosen (-e status=, -z, -Z, -P, --trace-fds).
func (j *Writer) shows(c *decoder.Call, unfinished bool) bool {
	if j.opt.Hide != nil && j.opt.Hide(int(c.Nr)) {
		return false
	}
	if j.opt.ShowCall != nil && !j.opt.ShowCall(c) {
		return false
	}
	if j.opt.ShowStatus == nil {
		return true
	}
	switch {
	case unfinished:
		return j.opt.ShowStatus(filter.Unfinished)
	case c.Failed():
		return j.opt.ShowStatus(filter.Failed)
	}
	return j.opt.ShowStatus(filter.Successful)
}

// syscall writes a completed call, or one the task never returned from
// (unfinished).
func (j *Writer) syscall(ev *decoder.Event, c *decoder.Call, unfinished bool) {
	j.lastTid = 0
	if !j.shows(c, unfinished) {
		delete(j.queued, ev.Tid)
		return
	}
	j.lastTid = ev.Tid
	o := &j.obj
	j.head("syscall", ev, c.EnterTime)
	o.str("syscall", c.Name())
	o.uint("nr", uint64(c.Nr))
	if c.Entered {
		j.args(c)
	} else {
		o.null("args") // the enter was before -p attached
	}
	switch {
	case unfinished:
		o.null("ret")
		o.bool("unfinished", true)
	default:
		o.int("ret", c.Ret)
		if c.Failed() {
			if name, ok := xlat.ErrnoName(c.Errno()); ok {
				o.str("errno", name)
			} else {
				o.null("errno")
			}
		}
		if c.Entered {
			o.uint("duration_ns", c.ExitTime-c.EnterTime)
		}
		j.text = j.fmt.AppendReturn(j.text[:0], c)
		o.bytes("ret_text", j.text[2:]) // without "= "
		// -e inject='s tampering, as strace's notes say it
		if c.Note&decoder.NoteInjected != 0 {
			o.bool("injected", true)
		}
		if c.Note&decoder.NotePoked != 0 {
			o.bool("poked", true)
		}
		if c.Note&decoder.NoteDelayed != 0 {
			o.bool("delayed", true)
		}
	}
	j.emit()
	if q, ok := j.queued[ev.Tid]; ok {
		delete(j.queued, ev.Tid)
		j.lastTid = 0
		j.writeStack(ev, q)
	}
}

// args writes the arguments: each with its name, kind, raw value and
// decoded text, and the whole list as strace prints it.
func (j *Writer) args(c *decoder.Call) {
	o := &j.obj
	sc := c.Syscall()
	o.key("args")
	o.b = append(o.b, '[')
	n := len(c.Args)
	if sc != nil {
		n = len(sc.Args)
	}
	for i := 0; i < n; i++ {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		o.b = append(o.b, '{')
		if sc != nil {
			o.str("name", sc.Args[i].Name)
			o.str("kind", sc.Args[i].Kind.String())
		}
		o.uint("raw", c.Args[i])
		j.text = j.fmt.AppendArg(j.text[:0], c, i)
		o.bytes("text", j.text)
		if sc != nil && (sc.Args[i].Kind == syscalltbl.Path || sc.Args[i].Kind == syscalltbl.Str) {
			kind := decoder.CapPath
			if sc.Args[i].Kind == syscalltbl.Str {
				kind = decoder.CapStr
			}
			if cp := c.Capture(uint8(i), kind); cp != nil && !cp.Fault() {
				o.bytes("str", cp.Data)
			}
		}
		o.b = append(o.b, '}')
	}
	o.b = append(o.b, ']')
	j.text = j.fmt.AppendArgs(j.text[:0], c)
	o.bytes("args_text", j.text)
}

func (j *Writer) fork(ev *decoder.Event) {
	o := &j.obj
	j.head("fork", ev, ev.Time)
	o.uint("child_pid", uint64(ev.ChildTgid))
	o.uint("child_tid", uint64(ev.ChildTid))
	o.bool("thread", ev.ChildTgid != ev.ChildTid)
	// the clone call in progress says how
	if c := ev.Call; c != nil {
		name := c.Name()
		o.str("syscall", name)
		if name == "clone" {
			o.uint("flags", c.Args[0])
			j.text = j.fmt.AppendCloneFlags(j.text[:0], c.Args[0])
			o.bytes("flags_text", j.text)
		}
	}
	j.emit()
	if c, ok := j.comms[ev.Tid]; ok {
		j.comms[ev.ChildTid] = c
	}
	if id, ok := j.cgroups[ev.Tid]; ok {
		j.cgroups[ev.ChildTid] = id
	}
	if j.fds != nil {
		j.fds.Cloned(ev.Tid, ev.ChildTid, ev.ChildTgid)
	}
}

func (j *Writer) exec(ev *decoder.Event) {
	delete(j.comms, ev.Tid)
	delete(j.comms, ev.OldTid)
	var path []byte
	ok := false
	if c := ev.Call; c != nil {
		path, ok = c.ExecPath()
	}
	if name := execComm(path); name != "" {
		// known without /proc, where a task that exited at once has
		// no name left to read
		j.comms[ev.Tid] = name
	}
	o := &j.obj
	j.head("exec", ev, ev.Time)
	o.uint("old_tid", uint64(ev.OldTid))
	if ok {
		o.bytes("filename", path)
	}
	j.emit()
}

// execComm is the name the kernel gives a task that execs path: its last
// component, cut to 15 bytes (TASK_COMM_LEN); "" for an exec by
// descriptor (execveat's empty path), named otherwise.
func execComm(path []byte) string {
	name := path[bytes.LastIndexByte(path, '/')+1:]
	if len(name) > 15 {
		name = name[:15]
	}
	return string(name)
}

func (j *Writer) exit(ev *decoder.Event) {
	if c := ev.Call; c != nil {
		j.syscall(ev, c, true)
	}
	o := &j.obj
	j.head("exit", ev, ev.Time)
	if sig := ev.ExitCode.Signal(); sig != 0 {
		o.null("status")
		o.str("signal", xlat.SignalName(sig))
		o.bool("core_dumped", ev.ExitCode.CoreDumped())
	} else {
		o.int("status", int64(ev.ExitCode.Status()))
		o.null("signal")
	}
	o.bool("by_exec", ev.ByExec)
	j.emit()
	delete(j.comms, ev.Tid)
	delete(j.cgroups, ev.Tid)
	if j.fds != nil {
		j.fds.Forget(ev.Tid)
	}
}

func (j *Writer) signal(ev *decoder.Event) {
	o := &j.obj
	if ev.Stopped {
		j.head("stopped", ev, ev.Time)
		o.int("signo", int64(ev.Sig))
		o.str("signal", xlat.SignalName(int(ev.Sig)))
		j.emit()
		return
	}
	j.head("signal", ev, ev.Time)
	o.int("signo", int64(ev.Sig))
	o.str("signal", xlat.SignalName(int(ev.Sig)))
	j.text = j.fmt.AppendSiginfo(j.text[:0], &ev.Siginfo)
	o.bytes("siginfo_text", j.text)
	j.emit()
	j.lastTid = ev.Tid // -k: where the signal found the task
}

// AddTask is a no-op: JSON lines carry their pid.
func (j *Writer) AddTask() {}

// Flush writes out the buffered lines.
func (j *Writer) Flush() error { return j.w.Flush() }

// HasPending is false: a call is written whole when it returns.
func (j *Writer) HasPending() bool { return false }

// FlushPending writes out the buffered lines.
func (j *Writer) FlushPending() error { return j.w.Flush() }

// Detach writes nothing more: calls in progress are not reported.
func (j *Writer) Detach([]*decoder.Call) {}

// WriteSummary writes a -c table as one object: each syscall's counts and
// latencies, and with --histogram its non-empty histogram buckets.
func (j *Writer) WriteSummary(s *latency.Summary, _ func(a, b latency.Row) int) error {
	o := &j.obj
	o.begin()
	o.int("v", Version)
	o.str("type", "summary")
	o.bool("interval", s.Interval)
	if s.Start != 0 {
		o.int("start", s.Start)
		o.int("end", s.End)
	}
	if s.Pid != 0 {
		o.uint("pid", uint64(s.Pid))
	}
	o.key("syscalls")
	o.b = append(o.b, '[')
	first := true
	for i := range s.Rows {
		r := &s.Rows[i]
		if r.Calls == 0 {
			continue
		}
		if !first {
			o.b = append(o.b, ',')
		}
		first = false
		o.b = append(o.b, '{')
		o.str("syscall", syscalltbl.Name(r.Nr))
		o.uint("calls", r.Calls)
		o.uint("errors", r.Errors)
		o.uint("total_ns", r.Nanoseconds)
		if r.Hist == nil {
			o.b = append(o.b, '}')
			continue
		}
		o.uint("min_ns", r.Min)
		o.uint("max_ns", r.Max)
		for _, p := range jsonPercentiles {
			o.uint(p.name, r.Percentile(p.p))
		}
		if j.opt.Histograms != nil && j.opt.Histograms(r.Nr) {
			o.key("histogram")
			o.b = append(o.b, '[')
			sep := false
			for b, c := range r.Hist {
				if c == 0 {
					continue
				}
				if sep {
					o.b = append(o.b, ',')
				}
				sep = true
				o.b = append(o.b, '[')
				o.b = strconv.AppendUint(o.b, latency.Lower(b), 10)
				o.b = append(o.b, ',')
				o.b = strconv.AppendUint(o.b, latency.Upper(b), 10)
				o.b = append(o.b, ',')
				o.b = strconv.AppendUint(o.b, c, 10)
				o.b = append(o.b, ']')
			}
			o.b = append(o.b, ']')
		}
		o.b = append(o.b, '}')
	}
	o.b = append(o.b, ']')
	j.emit()
	return j.w.Flush()
}

// jsonPercentiles are the percentiles a summary's syscalls carry, in
// thousandths of a percent.
var jsonPercentiles = []struct {
	name string
	p    uint64
}{{"p50_ns", 50000}, {"p90_ns", 90000}, {"p99_ns", 99000}, {"p99_9_ns", 99900}}
