package inject

import "sync"

// Note is what strace marks after a tampered call's return value.
type Note uint8

// Notes, as strace's print_injected_note prints them.
const (
	Injected Note = 1 << iota // its return value is gotrace's
	Poked                     // its memory was written
	Delayed                   // it waited
)

// Notes holds, per task, the note of the call it is in: the supervisor
// sets it before the call goes on, the printer takes it when the call's
// exit prints.
type Notes struct {
	mu    sync.Mutex
	calls map[uint32]noted
}

type noted struct {
	nr   int
	note Note
}

// NewNotes returns an empty Notes.
func NewNotes() *Notes { return &Notes{calls: map[uint32]noted{}} }

func (ns *Notes) set(tid uint32, nr int, n Note) {
	ns.mu.Lock()
	ns.calls[tid] = noted{nr, n}
	ns.mu.Unlock()
}

// Append appends the note of task tid's call of nr that returned, as
// strace prints it (" (INJECTED)", " (DELAYED)"...), and forgets it.
func (ns *Notes) Append(b []byte, tid uint32, nr int64) []byte {
	ns.mu.Lock()
	c, ok := ns.calls[tid]
	if ok && int64(c.nr) == nr {
		delete(ns.calls, tid)
	}
	ns.mu.Unlock()
	if !ok || int64(c.nr) != nr {
		return b
	}
	switch {
	case c.note&(Injected|Poked) == Injected|Poked:
		b = append(b, " (INJECTED: args, retval)"...)
	case c.note&Poked != 0:
		b = append(b, " (INJECTED: args)"...)
	case c.note&Injected != 0:
		b = append(b, " (INJECTED)"...)
	}
	if c.note&Delayed != 0 {
		b = append(b, " (DELAYED)"...)
	}
	return b
}
