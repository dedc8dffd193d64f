// Package perfetto writes a trace as Chrome's trace-event JSON (gotrace
// --perfetto FILE), which ui.perfetto.dev and chrome://tracing load: one
// track per thread grouped by process, each syscall a complete slice with
// its strace line as argument, and forks drawn as flow arrows. Events are
// written as they come; only the calls in progress are held.
package perfetto

import (
	"bufio"
	"io"
	"path/filepath"
	"strconv"
	"unicode/utf8"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/format"
	"github.com/gotrace/gotrace/internal/xlat"
)

// Writer streams the events it is given as a JSON array.
type Writer struct {
	w     *bufio.Writer
	lines *format.Formatter // formats each call's line
	names map[uint32]string
	seen  map[uint32]bool // tids whose thread_name is written
	flows map[uint32]bool // children whose incoming fork arrow is not ended yet
	buf   []byte
	line  []byte
	n     int // events written
	// group starts each process's name when tracing a container
	// ("[web] "), so that its processes sort together
	group string
}

// New returns a Writer to w; opt says how lines are formatted (-s ...).
func New(w io.Writer, opt format.Options) *Writer {
	pw := &Writer{
		w:     bufio.NewWriterSize(w, 64<<10),
		lines: format.New(opt),
		names: make(map[uint32]string),
		seen:  make(map[uint32]bool),
		flows: make(map[uint32]bool),
	}
	if opt.Container != "" {
		pw.group = "[" + opt.Container + "] "
	}
	pw.w.WriteString("[")
	return pw
}

// Close ends the array and flushes; the Writer's output is then valid JSON.
func (pw *Writer) Close() error {
	pw.w.WriteString("\n]\n")
	return pw.w.Flush()
}

// Handle writes what ev, paired (decoder.Pairer), adds to the timeline.
func (pw *Writer) Handle(ev *decoder.Event) {
	pw.thread(ev.Tid, ev.Tgid)
	switch ev.Type {
	case decoder.SysExit:
		pw.slice(ev.Tgid, ev.Call, ev.Time)
	case decoder.Fork:
		pw.fork(ev)
	case decoder.Exec:
		pw.exec(ev)
	case decoder.TaskExit:
		if c := ev.Call; c != nil {
			pw.slice(ev.Tgid, c, ev.Time) // exit_group, or killed in a call
		}
		pw.instant(ev, taskEnd(ev))
	case decoder.Signal:
		if ev.Stopped {
			pw.instant(ev, "--- stopped by "+xlat.SignalName(int(ev.Sig))+" ---")
		} else {
			pw.instant(ev, "--- "+xlat.SignalName(int(ev.Sig))+" ---")
		}
	}
}

func taskEnd(ev *decoder.Event) string {
	switch {
	case ev.ByExec:
		return "+++ superseded by execve +++"
	case ev.ExitCode.Signal() != 0:
		return "+++ killed by " + xlat.SignalName(ev.ExitCode.Signal()) + " +++"
	}
	return "+++ exited with " + strconv.Itoa(ev.ExitCode.Status()) + " +++"
}

// begin starts an event object: {"ph":"X","pid":1,"tid":2,"ts":3.000
func (pw *Writer) begin(ph string, pid, tid uint32, ns uint64) {
	b := pw.buf[:0]
	if pw.n > 0 {
		b = append(b, ',')
	}
	pw.n++
	b = append(b, "\n{\"ph\":\""...)
	b = append(b, ph...)
	b = append(b, "\",\"pid\":"...)
	b = strconv.AppendUint(b, uint64(pid), 10)
	b = append(b, ",\"tid\":"...)
	b = strconv.AppendUint(b, uint64(tid), 10)
	b = append(b, ",\"ts\":"...)
	pw.buf = appendMicros(b, ns)
}

func (pw *Writer) end() {
	pw.buf = append(pw.buf, '}')
	pw.w.Write(pw.buf)
}

// appendMicros writes ns as microseconds with three decimals.
func appendMicros(b []byte, ns uint64) []byte {
	b = strconv.AppendUint(b, ns/1000, 10)
	frac := ns % 1000
	b = append(b, '.', byte('0'+frac/100), byte('0'+frac/10%10), byte('0'+frac%10))
	return b
}

// thread names a thread and its process the first time they show.
func (pw *Writer) thread(tid, tgid uint32) {
	if pw.seen[tid] {
		return
	}
	pw.seen[tid] = true
	if _, ok := pw.names[tgid]; !ok {
		pw.names[tgid] = "pid " + strconv.FormatUint(uint64(tgid), 10)
	}
	if tid == tgid {
		pw.meta("process_name", tgid, tid, pw.group+pw.names[tgid])
	}
	pw.meta("thread_name", tgid, tid, pw.names[tgid]+" "+strconv.FormatUint(uint64(tid), 10))
}

func (pw *Writer) meta(kind string, pid, tid uint32, name string) {
	pw.begin("M", pid, tid, 0)
	pw.buf = append(pw.buf, ",\"name\":\""...)
	pw.buf = append(pw.buf, kind...)
	pw.buf = append(pw.buf, "\",\"args\":{\"name\":"...)
	pw.buf = appendString(pw.buf, name)
	pw.buf = append(pw.buf, '}')
	pw.end()
}

// slice writes a call that returned, or whose task ended in it, at time end
// as a complete event.
func (pw *Writer) slice(pid uint32, c *decoder.Call, end uint64) {
	start := c.EnterTime
	if !c.Entered {
		start = end
	}
	pw.begin("X", pid, c.Tid, start)
	pw.buf = append(pw.buf, ",\"dur\":"...)
	pw.buf = appendMicros(pw.buf, end-start)
	pw.buf = append(pw.buf, ",\"cat\":\"syscall\",\"name\":"...)
	pw.buf = appendString(pw.buf, c.Name())
	pw.line = pw.lines.AppendCall(pw.line[:0], c)
	pw.buf = append(pw.buf, ",\"args\":{\"line\":"...)
	pw.buf = appendString(pw.buf, pw.line)
	pw.buf = append(pw.buf, "}"...)
	pw.end()
	if pw.flows[c.Tid] {
		// the fork arrow ends on the child's first slice
		delete(pw.flows, c.Tid)
		pw.begin("f", pid, c.Tid, start)
		pw.buf = append(pw.buf, ",\"bp\":\"e\",\"cat\":\"fork\",\"name\":\"fork\",\"id\":"...)
		pw.buf = strconv.AppendUint(pw.buf, uint64(c.Tid), 10)
		pw.end()
	}
}

// fork starts an arrow from the parent's clone to the child.
func (pw *Writer) fork(ev *decoder.Event) {
	if ev.ChildTgid != ev.Tgid {
		pw.names[ev.ChildTgid] = pw.names[ev.Tgid]
	}
	pw.thread(ev.ChildTid, ev.ChildTgid)
	pw.begin("s", ev.Tgid, ev.Tid, ev.Time)
	pw.buf = append(pw.buf, ",\"cat\":\"fork\",\"name\":\"fork\",\"id\":"...)
	pw.buf = strconv.AppendUint(pw.buf, uint64(ev.ChildTid), 10)
	pw.end()
	pw.flows[ev.ChildTid] = true
}

// exec renames the process after the program it now runs.
func (pw *Writer) exec(ev *decoder.Event) {
	if ev.Call == nil {
		return
	}
	path, ok := ev.Call.ExecPath()
	if !ok {
		return
	}
	name := filepath.Base(string(path))
	pw.names[ev.Tgid] = name
	pw.meta("process_name", ev.Tgid, ev.Tid, pw.group+name)
	pw.meta("thread_name", ev.Tgid, ev.Tid, name+" "+strconv.FormatUint(uint64(ev.Tid), 10))
}

func (pw *Writer) instant(ev *decoder.Event, name string) {
	pw.begin("i", ev.Tgid, ev.Tid, ev.Time)
	pw.buf = append(pw.buf, ",\"s\":\"t\",\"cat\":\"task\",\"name\":"...)
	pw.buf = appendString(pw.buf, name)
	pw.end()
}

// appendString appends s as a JSON string; invalid UTF-8 becomes U+FFFD.
func appendString[T string | []byte](b []byte, s T) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(string(s[i:min(i+utf8.UTFMax, len(s))]))
		if r == utf8.RuneError && size == 1 {
			b = append(b, "\\ufffd"...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
