// Package pidns translates the pids a tracee in a child pid namespace sees
// into gotrace's (--pidns-translation): the kernel side tells the ids each
// new task has in its namespace, and a pid is translated while the task
// it names is alive, as strace finds it in /proc.
package pidns

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
)

type nsPid struct{ inum, pid uint32 }

// Map knows the tasks that live in child pid namespaces.
type Map struct {
	ns   map[uint32]nsPid // host tid -> its namespace and tid there
	host map[nsPid]uint32 // namespace and pid there -> host tid or tgid
}

// New returns an empty Map.
func New() *Map {
	return &Map{ns: make(map[uint32]nsPid), host: make(map[nsPid]uint32)}
}

// Handle learns from PidNS records and forgets tasks that exit.
func (m *Map) Handle(ev *decoder.Event) {
	switch ev.Type {
	case decoder.PidNS:
		m.ns[ev.Tid] = nsPid{ev.NsInum, ev.NsTid}
		m.host[nsPid{ev.NsInum, ev.NsTid}] = ev.Tid
	case decoder.TaskExit:
		if k, ok := m.ns[ev.Tid]; ok {
			delete(m.ns, ev.Tid)
			delete(m.host, k)
		}
	}
}

// Host returns the host's pid of pid as task tid sees it.
func (m *Map) Host(tid uint32, pid int64) (uint32, bool) {
	k, ok := m.ns[tid]
	if !ok || pid <= 0 || pid > 1<<31-1 {
		return 0, false
	}
	h, ok := m.host[nsPid{k.inum, uint32(pid)}]
	return h, ok
}

// AppendNote appends strace's " /* 12345 in strace's PID NS */" after a
// pid that task tid printed, when it is known.
func (m *Map) AppendNote(b []byte, tid uint32, pid int64) []byte {
	h, ok := m.Host(tid, pid)
	if !ok {
		return b
	}
	b = append(b, " /* "...)
	b = strconv.AppendUint(b, uint64(h), 10)
	return append(b, " in strace's PID NS */"...)
}
