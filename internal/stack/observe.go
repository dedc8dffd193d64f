package stack

import (
	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/unwind"
)

// Observe follows the records that change what processes map: -k's
// mapping records, forks, execs and exits. The tracer calls it for every
// record, before the outputs see it.
func (s *Symbolizer) Observe(ev *decoder.Event) {
	switch ev.Type {
	case decoder.Map:
		m := &ev.Map
		if m.Unmapped {
			s.Unmap(ev.Tgid, m.Start, m.End)
			return
		}
		if !s.Known(ev.Tgid) && !s.LoadProc(ev.Tgid) {
			s.procs[ev.Tgid] = nil
		}
		s.Map(ev.Tgid, Mapping{Start: m.Start, End: m.End, Off: m.Offset,
			File: FileID{Dev: KernelDev(m.Dev), Ino: m.Ino}, Path: MapPath(m.Path)})
	case decoder.Fork:
		if ev.ChildTgid != ev.Tgid && s.Known(ev.Tgid) {
			s.Fork(ev.Tgid, ev.ChildTgid)
		}
	case decoder.Exec:
		s.Exec(ev.Tgid)
	case decoder.TaskExit:
		if ev.Tid == ev.Tgid && !ev.ByExec {
			s.Exit(ev.Tgid)
		}
	case decoder.Stack:
		s.fresh = false
	}
}

// StackFrames returns the frames of a stack record, computed once however
// many outputs ask.
func (s *Symbolizer) StackFrames(ev *decoder.Event) []Frame {
	if s.fresh {
		return s.frames
	}
	s.fresh = true
	if !s.Known(ev.Tgid) {
		// a process gotrace did not see map its objects (-p): what it
		// maps now is the best guess
		s.LoadProc(ev.Tgid)
	}
	var regs unwind.Regs
	for i, v := range ev.Stack.Regs {
		regs.Set(i, v)
	}
	return s.Frames(ev.Tgid, regs, unwind.Stack{Addr: ev.Stack.Regs[unwind.RSP], Data: ev.Stack.Data})
}

// MapPath joins the names of a mapping record, from the file up to the
// root, into a path.
func MapPath(names []byte) string {
	var parts [][]byte
	start := 0
	for i, c := range names {
		if c == 0 {
			if i > start {
				parts = append(parts, names[start:i])
			}
			start = i + 1
		}
	}
	n := 0
	for _, p := range parts {
		n += 1 + len(p)
	}
	b := make([]byte, 0, n)
	for i := len(parts) - 1; i >= 0; i-- {
		b = append(b, '/')
		b = append(b, parts[i]...)
	}
	if len(b) == 0 {
		return "/"
	}
	return string(b)
}
