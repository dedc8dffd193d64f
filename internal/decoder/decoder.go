// Package decoder turns the kernel side's ring-buffer records into typed
// events and pairs each syscall's exit with its enter, per thread. It is pure:
// it imports neither cilium/ebpf nor anything that touches the kernel. The
// record layout is defined once, in bpf/event.h; layout_test.go checks the
// offsets used here against the Go types bpf2go generates from it.
package decoder

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"

	"github.com/gotrace/gotrace/internal/xlat"
)

// RecordType is the kind of a record (enum rec_type in bpf/event.h).
type RecordType uint16

// Record types.
const (
	SysEnter RecordType = 1
	SysExit  RecordType = 2
	Fork     RecordType = 3
	Exec     RecordType = 4
	TaskExit RecordType = 5
	Signal   RecordType = 6
	PidNS    RecordType = 7
	Stack    RecordType = 8 // -k: the user stack of the syscall that just exited
	Map      RecordType = 9 // -k: a process mapped a file executable, or unmapped a range
)

// CapKind is what a capture holds (enum cap_kind in bpf/event.h).
type CapKind uint8

// Capture kinds.
const (
	CapStr       CapKind = 1
	CapPath      CapKind = 2
	CapBufIn     CapKind = 3
	CapBufOut    CapKind = 4
	CapMemIn     CapKind = 5
	CapMemOut    CapKind = 6
	CapArgv      CapKind = 7
	CapEnvc      CapKind = 8
	CapClone3Out CapKind = 10
	CapDirents   CapKind = 12 // how many directory entries getdents64 returned (uint32)
	// CapSizedIn is a plan's kind only: a struct its caller sizes, whose
	// capture comes as CapMemIn (CapPart when only the struct was read)
	CapSizedIn CapKind = 13
	// CapClone3In is a plan's kind only: a struct clone_args as
	// CapSizedIn, then the pids of its set_tid (CapClone3SetTid)
	CapClone3In     CapKind = 14
	CapClone3SetTid CapKind = 15
	CapIov          CapKind = 11 // an iovec element (base, len), its bytes, ...; an end marker
	CapArrayIn      CapKind = 32
	CapArrayOut     CapKind = 33
	CapLenptrOut    CapKind = 34
	// a struct msghdr and what it points to, in this order
	CapMsghdr     CapKind = 35
	CapMsgName    CapKind = 36
	CapMsgIov     CapKind = 37
	CapMsgData    CapKind = 38
	CapMsgControl CapKind = 39
	CapIoctlIn    CapKind = 40
	CapIoctlOut   CapKind = 41
	CapSigsetPack CapKind = 42
	CapFdsetIn    CapKind = 43
	CapFdsetOut   CapKind = 44
	CapSock       CapKind = 45 // the socket behind a descriptor: family, type, protocol (uint16 each), a pad, its inode (uint64)
	// a struct sock_fprog an argument points to (its readable part), then
	// its classic BPF instructions
	CapFprog      CapKind = 48
	CapFprogInsns CapKind = 49
	// what an ioctl's struct points to: an array's elements, then the
	// buffer of each element whose buffer length is not 0
	CapIoctlArray   CapKind = 51
	CapIoctlElemBuf CapKind = 52
	// what a struct argument points to, one capture per pointer in the
	// order its decoder reads them (bpf(2)'s BPF_PROG_LOAD)
	CapNested CapKind = 55
	// capIP ends an enter record under -i: the call's instruction
	// pointer, taken out into Event.IP
	capIP CapKind = 60
)

// enum task_exit_flags.
const (
	exitByExec      = 1
	exitLeaderEarly = 2
	exitGroupDead   = 4
	exitExecFailed  = 8

	signalStopped = 1
)

// enum exec_flags.
const execDetached = 1

// Note is enum call_note: how gotrace tampered with a call (-e inject=).
type Note uint8

// Notes, as strace prints them after the return value.
const (
	NoteInjected Note = 1 // the return value is gotrace's: "(INJECTED)"
	NotePoked    Note = 2 // memory was written: "(INJECTED: args)"
	NoteDelayed  Note = 4 // the call waited: "(DELAYED)"
	// NoteRetval: the return value is retval='s, a success whatever its
	// value, as strace's syscall_tampered_nofail
	NoteRetval Note = 8
)

// Capture flags (enum cap_flags).
const (
	CapFault uint16 = 1 // the tracee's memory could not be read
	CapMore  uint16 = 2 // the data goes on beyond what was captured
	CapExit  uint16 = 4 // read at syscall exit
	CapEnd   uint16 = 8 // closes a CapArgv or CapIov array
	// CapPart: a struct whose caller gave its size, of which only the
	// bytes of the struct the kernel side knows could be read
	CapPart uint16 = 16
)

// Record layout (bpf/event.h), checked by layout_test.go.
const (
	hdrSize       = 32
	sizeOff       = 24 // the header's size of the whole record
	sysEnterSize  = hdrSize + 8 + 6*8
	sysExitSize   = hdrSize + 16
	forkSize      = hdrSize + 8
	execSize      = hdrSize + 8
	taskExitSize  = hdrSize + 8
	SiginfoSize   = 48
	signalSize    = hdrSize + 8 + SiginfoSize
	signalIPSize  = signalSize + 8 // with the instruction pointer (-i)
	pidnsSize     = hdrSize + 16
	captureHdr    = 8
	maxSyscallArg = 6
)

// Capture is data read from the tracee for one argument. Data aliases the
// record it was decoded from unless the capture was copied by Pairer.
type Capture struct {
	Arg   uint8
	Kind  CapKind
	Flags uint16
	Data  []byte
}

// Fault reports whether the tracee's memory could not be read.
func (c *Capture) Fault() bool { return c.Flags&CapFault != 0 }

// More reports whether the data continues beyond what was captured.
func (c *Capture) More() bool { return c.Flags&CapMore != 0 }

// Part reports whether only the first bytes of a struct the caller sized
// could be read (CapPart).
func (c *Capture) Part() bool { return c.Flags&CapPart != 0 }

// Event is one decoded record. Which fields are set depends on Type.
type Event struct {
	Type RecordType
	Time uint64 // CLOCK_MONOTONIC, ns
	Tid  uint32
	Tgid uint32
	Lost uint32 // records lost on this CPU just before this one

	Nr   int64                 // SysEnter, SysExit
	Args [maxSyscallArg]uint64 // SysEnter
	Ret  int64                 // SysExit
	Note Note                  // SysExit: -e inject='s tampering
	Caps []Capture             // SysEnter, SysExit

	ChildTid, ChildTgid uint32 // Fork
	OldTid              uint32 // Exec: the thread that called execve
	Detached            bool   // Exec: -b execve, tracing of the task stopped here

	ExitCode WaitStatus // TaskExit: how the task ended
	ByExec   bool       // TaskExit: killed because another thread of its process called execve
	// TaskExit: a leader ending before the threads it follows, which
	// strace reports when the last of them ends (GroupDead), with its
	// status, or not at all when one's execve takes the leader's pid
	LeaderEarly bool
	GroupDead   bool // TaskExit: the last task of its process
	// TaskExit: the command gotrace started, whose first execve failed
	// (its exit status is then gotrace's child's)
	ExecFailed bool

	// IP is where the task was in user space (-i): for SysEnter the
	// instruction pointer the call was made from, for Signal where the
	// signal found the task; 0 when the record does not say.
	IP uint64

	Sig     int32             // Signal
	Stopped bool              // Signal: not a delivery: the task stops by Sig (a group stop)
	Siginfo [SiginfoSize]byte // Signal: struct kernel_siginfo

	Stack StackRec // Stack
	Map   MapRec   // Map

	// PidNS: the task (Tid, Tgid) is NsTid, NsTgid in the pid namespace
	// NsInum, NsLevel below the host's.
	NsTid, NsTgid, NsInum, NsLevel uint32

	// Call is set by Pairer.Pair, not by Decode: for SysEnter and SysExit
	// the syscall the record enters or completes; for other records the
	// syscall their task is in, or nil (for Exec, the call of the thread
	// that called execve).
	Call *Call
}

// WaitStatus is how a task ended, as wait(2) tells it: its exit status
// shifted left by 8, or the signal that killed it, with 0x80 if it dumped
// core.
type WaitStatus int32

// Status is the status the task exited with, when no signal killed it.
func (w WaitStatus) Status() int { return int(w >> 8 & 0xff) }

// Signal is the signal that killed the task, or 0.
func (w WaitStatus) Signal() int { return int(w & 0x7f) }

// CoreDumped reports whether the task dumped core.
func (w WaitStatus) CoreDumped() bool { return w&0x80 != 0 }

// String says how the task ended: "exited with 3", "killed by SIGSEGV
// (core dumped)".
func (w WaitStatus) String() string {
	if sig := w.Signal(); sig != 0 {
		s := "killed by " + xlat.SignalName(sig)
		if w.CoreDumped() {
			s += " (core dumped)"
		}
		return s
	}
	return "exited with " + strconv.Itoa(w.Status())
}

var le = binary.LittleEndian

// ErrShort reports a record shorter than its type requires.
var ErrShort = errors.New("short record")

// Decode decodes raw into ev, reusing ev.Caps. Capture data aliases raw.
func Decode(raw []byte, ev *Event) error {
	if len(raw) < hdrSize {
		return fmt.Errorf("decode record of %d bytes: %w", len(raw), ErrShort)
	}
	ev.Time = le.Uint64(raw[0:])
	ev.Tid = le.Uint32(raw[8:])
	ev.Tgid = le.Uint32(raw[12:])
	ev.Lost = le.Uint32(raw[16:])
	ev.Type = RecordType(le.Uint16(raw[20:]))
	ncaps := int(le.Uint16(raw[22:]))
	ev.Caps = ev.Caps[:0]
	ev.Call = nil
	switch ev.Type {
	case SysEnter:
		if len(raw) < sysEnterSize {
			return shortErr(ev.Type, raw)
		}
		ev.Nr = int64(le.Uint64(raw[hdrSize:]))
		for i := range ev.Args {
			ev.Args[i] = le.Uint64(raw[hdrSize+8+8*i:])
		}
		ev.IP = 0
		if err := decodeCaptures(raw[sysEnterSize:], ncaps, ev); err != nil {
			return err
		}
		// -i's instruction pointer comes last
		if n := len(ev.Caps); n > 0 && ev.Caps[n-1].Kind == capIP && len(ev.Caps[n-1].Data) == 8 {
			ev.IP = le.Uint64(ev.Caps[n-1].Data)
			ev.Caps = ev.Caps[:n-1]
		}
		return nil
	case SysExit:
		if len(raw) < sysExitSize {
			return shortErr(ev.Type, raw)
		}
		ev.Nr = int64(le.Uint64(raw[hdrSize:]))
		ev.Ret = int64(le.Uint64(raw[hdrSize+8:]))
		ev.Note = Note(le.Uint32(raw[28:]))
		return decodeCaptures(raw[sysExitSize:], ncaps, ev)
	case Fork:
		if len(raw) < forkSize {
			return shortErr(ev.Type, raw)
		}
		ev.ChildTid = le.Uint32(raw[hdrSize:])
		ev.ChildTgid = le.Uint32(raw[hdrSize+4:])
	case Exec:
		if len(raw) < execSize {
			return shortErr(ev.Type, raw)
		}
		ev.OldTid = le.Uint32(raw[hdrSize:])
		ev.Detached = le.Uint32(raw[hdrSize+4:])&execDetached != 0
	case TaskExit:
		if len(raw) < taskExitSize {
			return shortErr(ev.Type, raw)
		}
		ev.ExitCode = WaitStatus(le.Uint32(raw[hdrSize:]))
		flags := le.Uint32(raw[hdrSize+4:])
		ev.ByExec = flags&exitByExec != 0
		ev.LeaderEarly = flags&exitLeaderEarly != 0
		ev.GroupDead = flags&exitGroupDead != 0
		ev.ExecFailed = flags&exitExecFailed != 0
	case Signal:
		if len(raw) < signalSize {
			return shortErr(ev.Type, raw)
		}
		ev.Sig = int32(le.Uint32(raw[hdrSize:]))
		ev.Stopped = le.Uint32(raw[hdrSize+4:])&signalStopped != 0
		copy(ev.Siginfo[:], raw[hdrSize+8:signalSize])
		ev.IP = 0
		if len(raw) >= signalIPSize {
			ev.IP = le.Uint64(raw[signalSize:])
		}
	case Stack:
		return decodeStack(raw, ev)
	case Map:
		return decodeMap(raw, ev)
	case PidNS:
		if len(raw) < pidnsSize {
			return shortErr(ev.Type, raw)
		}
		ev.NsTid = le.Uint32(raw[hdrSize:])
		ev.NsTgid = le.Uint32(raw[hdrSize+4:])
		ev.NsInum = le.Uint32(raw[hdrSize+8:])
		ev.NsLevel = le.Uint32(raw[hdrSize+12:])
	default:
		return fmt.Errorf("decode record: unknown type %d", ev.Type)
	}
	return nil
}

// Next splits the first record off a ring buffer sample, which holds one
// record or several back to back (a call's enter and exit records, sent
// together by the kernel side when the call never blocks), each saying its
// size in its header. A size that cannot be right leaves the whole sample
// to the first record, for Decode to judge.
func Next(sample []byte) (rec, rest []byte) {
	if len(sample) < hdrSize {
		return sample, nil
	}
	n := int(le.Uint32(sample[sizeOff:]))
	if n < hdrSize || n >= len(sample) {
		return sample, nil
	}
	return sample[:n], sample[n:]
}

func shortErr(t RecordType, raw []byte) error {
	return fmt.Errorf("decode record of type %d, %d bytes: %w", t, len(raw), ErrShort)
}

func decodeCaptures(b []byte, n int, ev *Event) error {
	for i := 0; i < n; i++ {
		if len(b) < captureHdr {
			return fmt.Errorf("decode capture %d of %d: %w", i, n, ErrShort)
		}
		c := Capture{Arg: b[0], Kind: CapKind(b[1]), Flags: le.Uint16(b[2:])}
		l := int(le.Uint32(b[4:]))
		padded := (l + 7) &^ 7
		if c.Arg >= maxSyscallArg || padded > len(b)-captureHdr {
			return fmt.Errorf("decode capture %d of %d: arg %d, %d bytes in %d: %w", i, n, c.Arg, l, len(b)-captureHdr, ErrShort)
		}
		c.Data = b[captureHdr : captureHdr+l]
		ev.Caps = append(ev.Caps, c)
		b = b[captureHdr+padded:]
	}
	return nil
}
