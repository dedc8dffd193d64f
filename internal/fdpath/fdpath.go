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

// Level is what -y says about a descriptor: a set of strace's
// --decode-fds items.
type Level int

// Levels of -y, and the items of --decode-fds.
const (
	Track   Level = 0                         // follow descriptors only, print nothing (-P)
	Paths   Level = 1                         // path, -y: the path (socket:[INODE] for a socket)
	Sockets Level = 2                         // socket: a socket's protocol and endpoints
	Devices Level = 4                         // dev: a device file's type and numbers
	Details       = Paths | Sockets | Devices // -yy: all of them
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
	// owners maps a thread to the tid its descriptors are kept under:
	// its process's first traced task.
	owners map[uint32]uint32
	// startDir is gotrace's working directory, which the command
	// inherits: the AT_FDCWD of its tasks until they change directory.
	startDir string
	// sockProtos names the protocols of sockets the kernel side saw
	// made (socket()), by inode: what their system.sockprotoname says
	// once they are gone from /proc.
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
}

// NewResolver returns a Resolver for -y (Paths) or -yy (Details) whose
// paths print quoted in mode (-x).
func NewResolver(level Level, mode quote.Mode) *Resolver {
	dir, _ := os.Getwd()
	return &Resolver{level: level, targets: map[uint64]string{}, owners: map[uint32]uint32{}, sockProtos: map[uint64]string{}, startDir: dir, quote: mode, net: netCache{quote: mode},
		Readlink: os.Readlink, EvalSymlinks: evalSymlinks}
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
	if len(out) > len(b) || r.level&Paths == 0 {
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
	deleted := false
	if strings.HasPrefix(t, "/") {
		t, deleted = strings.CutSuffix(t, " (deleted)")
	}
	if r.level&Sockets != 0 && fd >= 0 {
		if inode, ok := socketInode(t); ok {
			if d := r.net.describe(tid, procFd(tid, fd), inode, r.sockProtos[inode]); d != "" {
				return append(append(append(b, '<'), d...), '>')
			}
		}
	}
	if r.level&Devices != 0 && fd >= 0 {
		if dev, ok := device(t); ok {
			b = append(b, '<')
			b = appendAngled(b, t, r.quote)
			return append(append(b, dev...), '>')
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
