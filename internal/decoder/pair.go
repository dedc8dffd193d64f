package decoder

import (
	"cmp"
	"slices"

	"github.com/gotrace/gotrace/internal/syscalltbl"
)

// MaxErrno is the largest errno a syscall returns, negated: a return value
// in [-MaxErrno, -1] is a failure, as the kernel's IS_ERR_VALUE says.
const MaxErrno = 4095

// IsError reports whether a syscall's return value is a failure.
func IsError(ret int64) bool { return ret < 0 && ret >= -MaxErrno }

// Call is one syscall of one thread: its enter, and its exit once seen.
// Pairer makes one per thread and hands the same Call to every output:
// outputs read it and do not change it.
type Call struct {
	Tid, Tgid uint32
	Nr        int64
	Args      [maxSyscallArg]uint64
	EnterTime uint64
	Enter     []Capture // copies owned by the Call
	Entered   bool      // false for an exit whose enter was not seen (-p attach)
	IP        uint64    // -i: the instruction pointer the call was made from, 0 if unknown

	Exited   bool
	Ret      int64
	Note     Note // -e inject='s tampering
	ExitTime uint64
	Exit     []Capture // alias the exit record: valid until the next Decode

	// Prev is the number of the task's syscall before this one, -1 if
	// none was seen: the call a restart_syscall resumes
	Prev int64

	store []byte // backing storage for Enter's data
}

// Syscall is the table's entry for the call, nil for a number the table
// does not know.
func (c *Call) Syscall() *syscalltbl.Syscall { return syscalltbl.Lookup(int(c.Nr)) }

// Name is the syscall's name, syscall_0x1f4 for a number the table does
// not know.
func (c *Call) Name() string { return syscalltbl.Name(int(c.Nr)) }

// Failed reports whether the call returned an error.
func (c *Call) Failed() bool { return c.Exited && c.Note&NoteRetval == 0 && IsError(c.Ret) }

// Errno is the error number of a failed call, else 0.
func (c *Call) Errno() int {
	if !c.Failed() {
		return 0
	}
	return int(-c.Ret)
}

// Capture returns the capture of argument arg of the given kind, read at
// enter or exit, or nil.
func (c *Call) Capture(arg uint8, kind CapKind) *Capture {
	for _, list := range [2][]Capture{c.Enter, c.Exit} {
		for i := range list {
			if list[i].Arg == arg && list[i].Kind == kind {
				return &list[i]
			}
		}
	}
	return nil
}

// ArgOfKind is the index of the first argument of kind k, or -1.
func (c *Call) ArgOfKind(k syscalltbl.Kind) int {
	sc := c.Syscall()
	if sc == nil {
		return -1
	}
	for i, a := range sc.Args {
		if a.Kind == k {
			return i
		}
	}
	return -1
}

// ExecPath is the path of the program an exec call runs, as read at its
// enter: its path argument (execve's first, execveat's second). ok is false
// when the call has none or it could not be read.
func (c *Call) ExecPath() (path []byte, ok bool) {
	i := c.ArgOfKind(syscalltbl.Path)
	if i < 0 || !c.Entered {
		return nil, false
	}
	cp := c.Capture(uint8(i), CapPath)
	if cp == nil || cp.Fault() {
		return nil, false
	}
	return cp.Data, true
}

// CloneFlags returns the clone flags of a clone call (without the exit
// signal in their low byte) or clone3 call (from its struct clone_args),
// and the exit signal it asks for. ok is false for other calls and when
// clone3's struct could not be read; exitSig is 0 when clone3's struct
// was read too short to hold it.
func (c *Call) CloneFlags() (flags uint64, exitSig int, ok bool) {
	if i := c.ArgOfKind(syscalltbl.CloneFlags); i >= 0 {
		return c.Args[i] &^ 0xff, int(c.Args[i] & 0xff), true
	}
	i := c.ArgOfKind(syscalltbl.Clone3Args)
	if i < 0 {
		return 0, 0, false
	}
	cp := c.Capture(uint8(i), CapMemIn)
	if cp == nil || cp.Fault() || len(cp.Data) < 8 {
		return 0, 0, false
	}
	flags = le.Uint64(cp.Data)
	if len(cp.Data) >= 40 {
		exitSig = int(le.Uint64(cp.Data[32:])) // clone_args.exit_signal
	}
	return flags, exitSig, true
}

// Pairer is the trace's pairing point: it keeps each thread's syscall in
// progress between its enter and exit records, and tells every record the
// call it belongs to (Event.Call). The Call of a thread is reused from one
// syscall to the next.
type Pairer struct {
	calls map[uint32]*Call
	// last is the Call get returned last, found again without the map
	// while one thread makes syscall after syscall
	last *Call
}

// NewPairer returns an empty Pairer.
func NewPairer() *Pairer { return &Pairer{calls: make(map[uint32]*Call)} }

func (p *Pairer) get(tid uint32) *Call {
	if c := p.last; c != nil && c.Tid == tid {
		return c
	}
	c := p.calls[tid]
	if c == nil {
		c = &Call{Tid: tid}
		p.calls[tid] = c
	}
	p.last = c
	return c
}

// Pair sets ev.Call (see Event.Call). Hand ev to the outputs after it, and
// call Done once they all have it.
func (p *Pairer) Pair(ev *Event) {
	switch ev.Type {
	case SysEnter:
		ev.Call = p.enter(ev)
	case SysExit:
		ev.Call = p.exit(ev)
	case Exec:
		ev.Call = p.InFlight(ev.OldTid)
	default:
		ev.Call = p.InFlight(ev.Tid)
	}
}

// Done ends what ev changes for the calls that come after it: after a
// multithreaded execve the thread that called it takes over the leader's
// tid, and a task that exited has no call any more.
func (p *Pairer) Done(ev *Event) {
	switch ev.Type {
	case Exec:
		if ev.OldTid != ev.Tid {
			p.move(ev.OldTid, ev.Tid)
		}
		if ev.Detached { // -b execve: the task is no longer traced
			delete(p.calls, ev.Tid)
			p.last = nil
		}
	case TaskExit:
		delete(p.calls, ev.Tid)
		p.last = nil
	}
}

// Handler is an output of the trace: it is handed every record, paired.
type Handler interface {
	Handle(ev *Event)
}

// Dispatch pairs ev and hands it to each handler in turn.
func (p *Pairer) Dispatch(ev *Event, hs ...Handler) {
	p.Pair(ev)
	for _, h := range hs {
		h.Handle(ev)
	}
	p.Done(ev)
}

// enter starts the syscall of ev (a SysEnter event), copying its captures.
func (p *Pairer) enter(ev *Event) *Call {
	c := p.get(ev.Tid)
	c.Prev = -1
	if c.Entered || c.Exited {
		c.Prev = c.Nr
	}
	c.Tgid, c.Nr, c.Args, c.EnterTime, c.IP = ev.Tgid, ev.Nr, ev.Args, ev.Time, ev.IP
	c.Entered, c.Exited = true, false
	c.Ret, c.ExitTime, c.Exit = 0, 0, nil
	size := 0
	for i := range ev.Caps {
		size += len(ev.Caps[i].Data)
	}
	if cap(c.store) < size {
		c.store = make([]byte, 0, size)
	}
	c.store = c.store[:0]
	c.Enter = c.Enter[:0]
	for _, cp := range ev.Caps {
		start := len(c.store)
		c.store = append(c.store, cp.Data...)
		cp.Data = c.store[start:len(c.store):len(c.store)]
		c.Enter = append(c.Enter, cp)
	}
	return c
}

// exit completes the thread's syscall with ev (a SysExit event). For an exit
// whose enter was not seen (lost), the Call has Entered false and no arguments.
func (p *Pairer) exit(ev *Event) *Call {
	c := p.get(ev.Tid)
	if !c.Entered || c.Exited || c.Nr != ev.Nr {
		c.Prev = -1
		if c.Entered || c.Exited {
			c.Prev = c.Nr
		}
		c.Nr, c.Args, c.EnterTime, c.IP = ev.Nr, [maxSyscallArg]uint64{}, 0, 0
		c.Entered = false
		c.Enter = c.Enter[:0]
	}
	c.Tgid = ev.Tgid
	c.Exited = true
	c.Ret, c.Note, c.ExitTime, c.Exit = ev.Ret, ev.Note, ev.Time, ev.Caps
	return c
}

// InFlight returns the thread's syscall that has entered and not exited, or nil.
func (p *Pairer) InFlight(tid uint32) *Call {
	if c := p.calls[tid]; c != nil && c.Entered && !c.Exited {
		return c
	}
	return nil
}

// InFlightCalls returns the syscalls that have entered and not exited,
// by thread id.
func (p *Pairer) InFlightCalls() []*Call {
	var calls []*Call
	for _, c := range p.calls {
		if c.Entered && !c.Exited {
			calls = append(calls, c)
		}
	}
	slices.SortFunc(calls, func(a, b *Call) int { return cmp.Compare(a.Tid, b.Tid) })
	return calls
}

// move hands the syscall in progress of thread from over to thread to.
func (p *Pairer) move(from, to uint32) {
	c := p.calls[from]
	delete(p.calls, from)
	p.last = nil
	if c == nil {
		return
	}
	c.Tid = to
	p.calls[to] = c
}
