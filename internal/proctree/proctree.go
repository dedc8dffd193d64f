// Package proctree builds the tree of the traced processes and threads from
// decoded events (gotrace tree): who created whom and with which syscall and
// flags, the namespaces each task made or joined, its execs and its end. It
// is pure: events in, a tree out.
package proctree

import (
	"path/filepath"
	"slices"
	"strconv"

	"golang.org/x/sys/unix"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

// Task is one traced process or thread.
type Task struct {
	Tid, Tgid uint32
	Parent    *Task // the task that created it; nil for the first ones
	Comm      string
	// NsTid is its tid in its own pid namespace, when that is a child
	// of the host's (0 otherwise).
	NsTid uint32
	// Thread is the kernel's fact: its tgid is its creator's.
	Thread bool
	// Via is the syscall that created it (fork, vfork, clone, clone3),
	// "" when it was traced from the start; Flags its clone flags.
	Via       string
	Flags     uint64
	HasFlags  bool
	ExitSig   int // clone's exit signal (SIGCHLD for a fork-style process)
	Events    []string
	Exited    bool
	Status    decoder.WaitStatus // how it ended, when Exited
	Superseed bool               // ended because another of its threads called execve
	// Running: it ran before the trace began (see Builder.Running)
	Running  bool
	Children []*Task
}

// Builder collects the tree. It is not safe for concurrent use.
type Builder struct {
	tasks map[uint32]*Task
	roots []*Task
	// Comm names a task first seen already running (-p), or "".
	Comm func(tid uint32) string
	// Group, when set, is a line the tree hangs under: the container or
	// cgroup traced.
	Group string
}

// New returns an empty Builder.
func New() *Builder {
	return &Builder{tasks: make(map[uint32]*Task)}
}

// task returns the task tid, adding it as a root when it is new.
func (b *Builder) task(tid, tgid uint32) *Task {
	t := b.tasks[tid]
	if t == nil {
		t = &Task{Tid: tid, Tgid: tgid}
		if b.Comm != nil {
			t.Comm = b.Comm(tid)
		}
		b.tasks[tid] = t
		// a thread of a root process hangs under its leader
		if leader := b.tasks[tgid]; leader != nil && tgid != tid {
			t.Parent, t.Thread = leader, true
			leader.Children = append(leader.Children, t)
		} else {
			b.roots = append(b.roots, t)
		}
	}
	return t
}

// Handle takes one event, paired (decoder.Pairer).
func (b *Builder) Handle(ev *decoder.Event) {
	switch ev.Type {
	case decoder.SysEnter:
		b.task(ev.Tid, ev.Tgid)
	case decoder.SysExit:
		t := b.task(ev.Tid, ev.Tgid)
		b.exit(t, ev.Call)
	case decoder.Fork:
		b.fork(ev)
	case decoder.Exec:
		b.exec(ev)
	case decoder.PidNS:
		b.task(ev.Tid, ev.Tgid).NsTid = ev.NsTid
	case decoder.TaskExit:
		t := b.task(ev.Tid, ev.Tgid)
		if c := ev.Call; c != nil {
			b.exit(t, c) // exit and exit_group never return
		}
		t.Exited, t.Status, t.Superseed = true, ev.ExitCode, ev.ByExec
	}
}

func (b *Builder) fork(ev *decoder.Event) {
	parent := b.task(ev.Tid, ev.Tgid)
	child := &Task{Tid: ev.ChildTid, Tgid: ev.ChildTgid, Parent: parent, Comm: parent.Comm}
	child.Thread = ev.ChildTgid == ev.Tgid
	if c := ev.Call; c != nil {
		child.Via = c.Name()
		child.Flags, child.ExitSig, child.HasFlags = c.CloneFlags()
		if c.Nr == unix.SYS_FORK || c.Nr == unix.SYS_VFORK {
			child.ExitSig = int(unix.SIGCHLD)
		}
	}
	if old := b.tasks[ev.ChildTid]; old != nil {
		// a record of the child came first: keep what it gathered
		child.Events, child.Comm = old.Events, old.Comm
		b.roots = slices.DeleteFunc(b.roots, func(t *Task) bool { return t == old })
	}
	b.tasks[ev.ChildTid] = child
	parent.Children = append(parent.Children, child)
}

// exec notes a successful execve, read from the call in flight.
func (b *Builder) exec(ev *decoder.Event) {
	c := ev.Call
	t := b.task(ev.Tid, ev.Tgid)
	if ev.OldTid != ev.Tid {
		// a thread called it and took over the leader's tid
		if old := b.tasks[ev.OldTid]; old != nil {
			old.Exited, old.Superseed = true, true
			old.Events = append(old.Events, "execve: became pid "+strconv.FormatUint(uint64(ev.Tid), 10))
		}
	}
	if c == nil {
		t.Events = append(t.Events, "exec (not seen)")
		return
	}
	argvArg := uint8(c.ArgOfKind(syscalltbl.Argv))
	var s []byte
	s = append(s, "exec "...)
	p, _ := c.ExecPath()
	path := string(p)
	s = quote.Append(s, p, false, quote.Default)
	s = append(s, " ["...)
	n := 0
	for _, cp := range c.Enter {
		if cp.Arg != argvArg || cp.Kind != decoder.CapStr || cp.Fault() {
			continue
		}
		if n > 0 {
			s = append(s, ", "...)
		}
		n++
		s = quote.Append(s, cp.Data, cp.More(), quote.Default)
	}
	s = append(s, ']')
	t.Events = append(t.Events, string(s))
	if path != "" {
		// the kernel names the task after the file it runs (TASK_COMM_LEN)
		t.Comm = filepath.Base(path)
		if len(t.Comm) > 15 {
			t.Comm = t.Comm[:15]
		}
	}
}

// exit notes the namespace calls that succeeded, and the exits.
func (b *Builder) exit(t *Task, c *decoder.Call) {
	if !c.Entered {
		return
	}
	failed := c.Failed()
	switch c.Nr {
	case unix.SYS_UNSHARE:
		if !failed {
			s := "unshare(" + string(xlat.ByName("unshare_flags").AppendFlags(nil, c.Args[0], xlat.Abbrev)) + ")"
			if ns := xlat.Namespaces(c.Args[0]); len(ns) > 0 {
				s += ": new " + join(ns)
			}
			t.Events = append(t.Events, s)
		}
	case unix.SYS_SETNS:
		if !failed {
			s := "setns(" + strconv.FormatUint(c.Args[0], 10) + ", " + string(xlat.ByName("setns_types").AppendValue(nil, c.Args[1], xlat.Abbrev)) + ")"
			if ns := xlat.Namespaces(c.Args[1]); len(ns) > 0 {
				s += ": joined " + join(ns)
			}
			t.Events = append(t.Events, s)
		}
	}
}

func join(items []string) string {
	s := ""
	for i, it := range items {
		if i > 0 {
			s += ", "
		}
		s += it
	}
	return s
}

// Roots returns the tasks traced from the start, in the order first seen.
func (b *Builder) Roots() []*Task { return b.roots }
