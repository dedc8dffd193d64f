// Package fdpath says what a traced task's descriptor refers to, for -y and
// -yy: the path behind /proc/TID/fd/N, and with -yy the endpoints of a
// socket or the numbers of a device, printed as strace prints them.
package fdpath

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"syscall"

	"github.com/gotrace/gotrace/internal/quote"
	"golang.org/x/sys/unix"
)

// Level is what -y says about a descriptor: the set of --decode-fds.
type Level int

// What -y shows, --decode-fds's SET.
const (
	Track   Level = 0      // follow descriptors only, print nothing (-P)
	Paths   Level = 1 << 0 // path (-y): the path (socket:[INODE] for a socket)
	Sockets Level = 1 << 1 // socket: a socket's endpoints
	Devices Level = 1 << 2 // dev: a device's type and numbers
	Pidfds  Level = 1 << 3 // pidfd: the pid a pidfd refers to
	// Details is -yy, --decode-fds=all
	Details = Paths | Sockets | Devices | Pidfds
)

// pathMax is strace's buffer for a descriptor's path: a longer one (the
// kernel refuses to read it back) prints as nothing.
const pathMax = 4096

// Resolver tells what descriptors refer to when their line prints. The
// traced task runs on while gotrace prints, so /proc/TID/fd/N may by then
// name another file, or nothing: the Resolver follows the descriptor table
// through the calls it sees (open, dup, close ...), and reads /proc only
// for descriptors it has not seen created (inherited, or made before -p
// attached), and for details (socket endpoints, device numbers). A
// descriptor created by another call (socket, pipe, accept ...) prints as
// a bare number, as nothing tells which socket or pipe it was.
type Resolver struct {
	level Level
	// targets holds, by tid<<32|fd, what readlink gives for a descriptor;
	// "" for one whose target gotrace cannot know (created as a socket
	// or pipe, whose /proc entry may already name a later descriptor).
	targets map[uint64]string
	// pidfds holds, under the same keys, the pid each pidfd the table saw
	// created refers to (pidfd_open's argument, clone's child): the
	// process may be gone, and its fdinfo with it, when the line prints
	pidfds map[uint64]int32
	// owners maps a thread to the tid its descriptors are kept under:
	// its process's first traced task.
	owners map[uint32]uint32
	// startDir is gotrace's working directory, which the command
	// inherits: the AT_FDCWD of its tasks until they change directory.
	startDir string
	// sockProtos names the protocols of sockets the kernel side saw
	// made (socket(), accept()), by inode: what their
	// system.sockprotoname says once they are gone from /proc.
	sockProtos map[uint64]string
	// inherited is what the descriptors a command gotrace runs inherits
	// refer to (gotrace's 0, 1, 2 and those it has without close-on-exec,
	// such as a shell's 9>>FILE): the fallback for those of a task that
	// exited before its line printed.
	inherited map[int32]string
	net       netCache
	quote     quote.Mode // -x
	// Readlink reads a link of /proc, and EvalSymlinks resolves the
	// links of a path a task opened: os.Readlink and evalSymlinks,
	// which a replay of a recording, whose tasks are gone, replaces.
	Readlink, EvalSymlinks func(path string) (string, error)
	// ReadFile reads a file of /proc (a pidfd's fdinfo): os.ReadFile
	ReadFile func(path string) ([]byte, error)
}

// NewResolver returns a Resolver for -y (Paths) or -yy (Details) whose
// paths print quoted in mode (-x).
func NewResolver(level Level, mode quote.Mode) *Resolver {
	dir, _ := os.Getwd()
	return &Resolver{level: level, targets: map[uint64]string{}, pidfds: map[uint64]int32{}, sockProtos: map[uint64]string{}, owners: map[uint32]uint32{}, startDir: dir, quote: mode, net: netCache{quote: mode},
		Readlink: os.Readlink, EvalSymlinks: evalSymlinks, ReadFile: os.ReadFile}
}

// key is where descriptor fd of tid is kept: under its process, whose
// threads share their descriptors.
func (r *Resolver) key(tid uint32, fd int32) uint64 {
	if owner, ok := r.owners[tid]; ok {
		tid = owner
	}
	return uint64(tid)<<32 | uint64(uint32(fd))
}

func procFd(tid uint32, fd int32) string {
	if fd == atFdcwd {
		return "/proc/" + strconv.FormatUint(uint64(tid), 10) + "/cwd"
	}
	return "/proc/" + strconv.FormatUint(uint64(tid), 10) + "/fd/" + strconv.FormatInt(int64(fd), 10)
}

const atFdcwd = -100

// target returns what fd of tid refers to, as readlink spells it.
func (r *Resolver) target(tid uint32, fd int32) (string, bool) {
	if t, ok := r.targets[r.key(tid, fd)]; ok {
		return t, t != ""
	}
	if fd == atFdcwd && r.inherited != nil && r.startDir != "" {
		// a task of the command gotrace runs works where gotrace started
		// it until a chdir the table follows; /proc would show where it
		// is by the time the line prints
		r.targets[r.key(tid, fd)] = r.startDir
		return r.startDir, true
	}
	t, err := r.Readlink(procFd(tid, fd))
	if err != nil {
		if t, ok := r.inherited[fd]; ok {
			return t, true
		}
		return "", false
	}
	r.targets[r.key(tid, fd)] = t
	return t, true
}

// AppendFdBefore is AppendFd for a descriptor a call is about to replace
// (the new one of dup2), printed once the call has returned: what the
// table knew of it, without asking /proc, which already shows the new one.
func (r *Resolver) AppendFdBefore(b []byte, tid uint32, fd int32) []byte {
	if _, known := r.targets[r.key(tid, fd)]; !known && r.inherited[fd] == "" {
		return b
	}
	return r.AppendFd(b, tid, fd)
}

// AppendSocket is AppendFd for a descriptor the kernel side saw was the
// socket of inode at the call: one made by socket() or accept(), which the
// table does not know, prints under -y as /proc showed it then,
// socket:[INODE] (-yy's details need /proc: it prints as AppendFd).
func (r *Resolver) AppendSocket(b []byte, tid uint32, fd int32, inode uint64) []byte {
	out := r.AppendFd(b, tid, fd)
	if len(out) > len(b) || r.level&Sockets != 0 {
		return out
	}
	return append(strconv.AppendUint(append(b, "<socket:["...), inode, 10), "]>"...)
}

// AppendFd appends "<what fd refers to>" for descriptor fd of task tid, or
// nothing when that is unknown; fd -100 (AT_FDCWD) is the working
// directory.
func (r *Resolver) AppendFd(b []byte, tid uint32, fd int32) []byte {
	if r.level == Track {
		return b
	}
	t, ok := r.target(tid, fd)
	if !ok || len(t) >= pathMax {
		return b
	}
	return r.appendTarget(b, tid, fd, t)
}

// appendTarget appends "<...>" for descriptor fd of task tid, which
// refers to t (as readlink spells it), as --decode-fds selects.
func (r *Resolver) appendTarget(b []byte, tid uint32, fd int32, t string) []byte {
	deleted := false
	if strings.HasPrefix(t, "/") {
		t, deleted = strings.CutSuffix(t, " (deleted)")
	}
	if fd >= 0 {
		// strace's printfd_pid: the first of socket, dev and pidfd that
		// --decode-fds selects and fd is, else its path
		if inode, ok := socketInode(t); ok && r.level&Sockets != 0 {
			if d := r.net.describe(tid, procFd(tid, fd), inode, r.sockProtos[inode]); d != "" {
				return append(append(append(b, '<'), d...), '>')
			}
			if r.level&Paths == 0 {
				return append(append(append(b, '<'), t...), '>')
			}
		}
		if dev, ok := device(t); ok && r.level&Devices != 0 {
			b = append(b, '<')
			b = appendAngled(b, t, r.quote)
			return append(append(b, dev...), '>')
		}
		if t == pidfdTarget && r.level&Pidfds != 0 {
			if pid, ok := r.pidfdPid(tid, fd); ok {
				return append(strconv.AppendInt(append(b, "<pid:"...), int64(pid), 10), '>')
			}
			return append(append(append(b, '<'), t...), '>')
		}
	}
	if r.level&Paths == 0 {
		return b
	}
	b = append(b, '<')
	b = appendAngled(b, t, r.quote)
	b = append(b, '>')
	if deleted {
		b = append(b, "(deleted)"...)
	}
	return b
}

// pidfdTarget is what /proc/PID/fd/N says of a pidfd.
const pidfdTarget = "anon_inode:[pidfd]"

// pidfdPid returns the pid that pidfd fd of task tid refers to, as its
// /proc fdinfo says (Pid:), when it can be read and the process lives.
func (r *Resolver) pidfdPid(tid uint32, fd int32) (int, bool) {
	if pid, ok := r.pidfds[r.key(tid, fd)]; ok {
		return int(pid), true
	}
	data, err := r.ReadFile("/proc/" + strconv.FormatUint(uint64(tid), 10) + "/fdinfo/" + strconv.FormatInt(int64(fd), 10))
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "Pid:"); ok {
			pid, err := strconv.Atoi(strings.TrimSpace(v))
			return pid, err == nil && pid > 0
		}
	}
	return 0, false
}

// AppendPidfdFd appends what descriptor fd of the process that pidfd of
// task tid refers to is (pidfd_getfd's target descriptor), as AppendFd,
// read from /proc then: nothing when that cannot be known.
func (r *Resolver) AppendPidfdFd(b []byte, tid uint32, pidfd, fd int32) []byte {
	if r.level == Track || fd < 0 {
		return b
	}
	pid, ok := r.pidfdPid(tid, pidfd)
	if !ok {
		return b
	}
	t, err := r.Readlink(procFd(uint32(pid), fd))
	if err != nil {
		return b
	}
	return r.appendTarget(b, uint32(pid), fd, t)
}

// Inherit says that the traced tasks descend from a command gotrace runs,
// so that the descriptors the command inherits, unless changed, are
// gotrace's: 0, 1 and 2, and those without close-on-exec (gotrace's own
// are all close-on-exec).
func (r *Resolver) Inherit() {
	r.inherited = make(map[int32]string)
	fds, _ := os.ReadDir("/proc/self/fd")
	for _, e := range fds {
		fd, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if fd > 2 {
			flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
			if err != nil || flags&unix.FD_CLOEXEC != 0 {
				continue
			}
		}
		if t, err := os.Readlink("/proc/self/fd/" + e.Name()); err == nil {
			r.inherited[int32(fd)] = t
		}
	}
}

// Cloned notes task child, made by parent: a thread shares its process's
// descriptors; a new process starts with a copy of them.
func (r *Resolver) Cloned(parent, child, childTgid uint32) {
	owner := parent
	if o, ok := r.owners[parent]; ok {
		owner = o
	}
	if childTgid != child {
		r.owners[child] = owner
		return
	}
	for k, t := range r.targets {
		if uint32(k>>32) == owner {
			r.targets[uint64(child)<<32|k&0xffffffff] = t
		}
	}
	for k, pid := range r.pidfds {
		if uint32(k>>32) == owner {
			r.pidfds[uint64(child)<<32|k&0xffffffff] = pid
		}
	}
}

// Forget drops what is known of tid's descriptors (it exited): all of
// its process's once the process's own task goes.
func (r *Resolver) Forget(tid uint32) {
	if _, thread := r.owners[tid]; thread {
		delete(r.owners, tid)
		return
	}
	for k := range r.targets {
		if uint32(k>>32) == tid {
			delete(r.targets, k)
		}
	}
	for k := range r.pidfds {
		if uint32(k>>32) == tid {
			delete(r.pidfds, k)
		}
	}
}

// appendAngled appends s as strace quotes a string between angle brackets:
// escaped like a string, without the quotes, with < and > in octal.
func appendAngled(b []byte, s string, mode quote.Mode) []byte {
	q := quote.Append(nil, []byte(s), false, mode)
	q = q[1 : len(q)-1]
	for i, c := range q {
		if c != '<' && c != '>' {
			b = append(b, c)
			continue
		}
		b = append(b, '\\')
		if i+1 < len(q) && q[i+1] >= '0' && q[i+1] <= '7' {
			b = append(b, '0')
		}
		b = append(b, '0'+c>>3&7, '0'+c&7)
	}
	return b
}

// socketInode reads the inode of a "socket:[INODE]" link.
func socketInode(target string) (uint64, bool) {
	s, ok := strings.CutPrefix(target, "socket:[")
	if !ok {
		return 0, false
	}
	s, ok = strings.CutSuffix(s, "]")
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseUint(s, 10, 64)
	return n, err == nil && n != 0
}

// device returns "<char 1:3>" or "<block 8:0>" for a device file.
func device(path string) (string, bool) {
	if !strings.HasPrefix(path, "/") {
		return "", false
	}
	var st syscall.Stat_t
	if err := syscall.Stat(path, &st); err != nil {
		return "", false
	}
	kind := ""
	switch st.Mode & syscall.S_IFMT {
	case syscall.S_IFCHR:
		kind = "char "
	case syscall.S_IFBLK:
		kind = "block "
	default:
		return "", false
	}
	major := (st.Rdev>>8)&0xfff | (st.Rdev>>32)&^0xfff
	minor := st.Rdev&0xff | (st.Rdev>>12)&^0xff
	var b bytes.Buffer
	b.WriteString("<" + kind)
	b.WriteString(strconv.FormatUint(major, 10) + ":" + strconv.FormatUint(minor, 10) + ">")
	return b.String(), true
}
