package decoder

// Call is one syscall of one thread: its enter, and its exit once seen.
type Call struct {
	Tid       uint32
	Nr        int64
	Args      [maxSyscallArg]uint64
	EnterTime uint64
	Enter     []Capture // copies owned by the Call
	Entered   bool      // false for an exit whose enter was not seen (-p attach)

	Exited   bool
	Ret      int64
	Note     Note // -e inject='s tampering
	ExitTime uint64
	Exit     []Capture // alias the exit record: valid until the next Decode

	store []byte // backing storage for Enter's data
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

// Pairer keeps each thread's syscall in progress between its enter and exit
// records. The Call of a thread is reused from one syscall to the next.
type Pairer struct {
	calls map[uint32]*Call
}

// NewPairer returns an empty Pairer.
func NewPairer() *Pairer { return &Pairer{calls: make(map[uint32]*Call)} }

func (p *Pairer) get(tid uint32) *Call {
	c := p.calls[tid]
	if c == nil {
		c = &Call{Tid: tid}
		p.calls[tid] = c
	}
	return c
}

// Enter starts the syscall of ev (a SysEnter event), copying its captures.
func (p *Pairer) Enter(ev *Event) *Call {
	c := p.get(ev.Tid)
	c.Nr, c.Args, c.EnterTime = ev.Nr, ev.Args, ev.Time
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

// Exit completes the thread's syscall with ev (a SysExit event). For an exit
// whose enter was not seen (lost), the Call has Entered false and no arguments.
func (p *Pairer) Exit(ev *Event) *Call {
	c := p.get(ev.Tid)
	if !c.Entered || c.Exited || c.Nr != ev.Nr {
		c.Nr, c.Args, c.EnterTime = ev.Nr, [maxSyscallArg]uint64{}, 0
		c.Entered = false
		c.Enter = c.Enter[:0]
	}
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

// Move hands the syscall in progress of thread from over to thread to: after a
// multithreaded execve the thread that called it takes over the leader's tid.
func (p *Pairer) Move(from, to uint32) {
	c := p.calls[from]
	delete(p.calls, from)
	if c == nil {
		return
	}
	c.Tid = to
	p.calls[to] = c
}

// Forget drops a thread that has exited.
func (p *Pairer) Forget(tid uint32) { delete(p.calls, tid) }
