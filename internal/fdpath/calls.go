package fdpath

import (
	"encoding/binary"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

// How the calls that change the descriptor table do it.
type tableChange uint8

const (
	opens   tableChange = iota + 1 // returns a descriptor for its path argument
	dups                           // returns a copy of its first argument
	closes                         // releases its first argument
	creates                        // returns a new descriptor of another kind
	chdirs                         // changes the working directory
	pairs                          // fills in an int[2] of new descriptors
	getfds                         // returns a copy of another process's descriptor (pidfd_getfd)
)

// pathArg gives, for each syscall that opens a path, the index of its path
// argument and of its directory descriptor (-1: none).
var pathArg = map[string][2]int{
	"open": {0, -1}, "creat": {0, -1}, "openat": {1, 0}, "openat2": {1, 0},
	"open_tree": {1, 0},
}

// anonInodes name what the descriptors some calls create refer to: an
// anonymous inode of the kernel's, whose name /proc/PID/fd shows, known
// from the call alone (strace reads it from /proc when it prints).
var anonInodes = map[string]string{
	"pidfd_open":   pidfdTarget,
	"inotify_init": "anon_inode:inotify", "inotify_init1": "anon_inode:inotify",
	"eventfd": "anon_inode:[eventfd]", "eventfd2": "anon_inode:[eventfd]",
	"signalfd": "anon_inode:[signalfd]", "signalfd4": "anon_inode:[signalfd]",
	"timerfd_create": "anon_inode:[timerfd]",
	"epoll_create":   "anon_inode:[eventpoll]", "epoll_create1": "anon_inode:[eventpoll]",
	"landlock_create_ruleset": "anon_inode:[landlock-ruleset]",
	"fanotify_init":           "anon_inode:[fanotify]",
	"userfaultfd":             "anon_inode:[userfaultfd]",
	"io_uring_setup":          "anon_inode:[io_uring]",
	"perf_event_open":         "anon_inode:[perf_event]",
}

// anonByNr is anonInodes by syscall number.
var anonByNr = func() map[int64]string {
	m := map[int64]string{}
	for name, t := range anonInodes {
		m[int64(syscalltbl.ByName(name).Nr)] = t
	}
	return m
}()

var ioctlNr = int64(syscalltbl.ByName("ioctl").Nr)

// ioctlAnon names the anonymous inode of the descriptor an ioctl request
// returns, as /proc/PID/fd shows it: KVM's VM and vcpu. (An ioctl that
// gotrace does not follow, under -e, leaves it to /proc, as other
// requests' descriptors are.)
func ioctlAnon(c *decoder.Call) (string, bool) {
	switch uint32(c.Args[1]) {
	case kvmCreateVM:
		return "anon_inode:kvm-vm", true
	case kvmCreateVcpu:
		return "anon_inode:kvm-vcpu:" + strconv.FormatUint(uint64(uint32(c.Args[2])), 10), true
	}
	return "", false
}

var (
	kvmCreateVM, _   = xlat.IoctlCode("KVM_CREATE_VM")
	kvmCreateVcpu, _ = xlat.IoctlCode("KVM_CREATE_VCPU")
)

// fcntl's commands that return a copy of its descriptor.
const fDupfd, fDupfdCloexec = 0, 1030

var fcntlNr = int64(syscalltbl.ByName("fcntl").Nr)

var fchdirNr = int64(syscalltbl.ByName("fchdir").Nr)

// landlock_create_ruleset returns no descriptor with
// LANDLOCK_CREATE_RULESET_VERSION.
const landlockCreateVersion = 1

var landlockCreateNr = int64(syscalltbl.ByName("landlock_create_ruleset").Nr)

var bpfNr = int64(syscalltbl.ByName("bpf").Nr)

var changes = func() map[int64]tableChange {
	m := map[int64]tableChange{}
	for name := range pathArg {
		m[int64(syscalltbl.ByName(name).Nr)] = opens
	}
	for _, name := range []string{"dup", "dup2", "dup3"} {
		m[int64(syscalltbl.ByName(name).Nr)] = dups
	}
	m[int64(syscalltbl.ByName("close").Nr)] = closes
	m[int64(syscalltbl.ByName("pidfd_getfd").Nr)] = getfds
	m[fcntlNr] = dups // F_DUPFD, F_DUPFD_CLOEXEC: see Returned
	m[int64(syscalltbl.ByName("chdir").Nr)] = chdirs
	m[int64(syscalltbl.ByName("fchdir").Nr)] = chdirs
	m[bpfNr] = creates // for the commands that make a descriptor: see Returned
	for _, sc := range syscalltbl.All() {
		if _, ok := m[int64(sc.Nr)]; !ok && sc.Ret == syscalltbl.RetFD {
			m[int64(sc.Nr)] = creates
		}
		for _, a := range sc.Args {
			if a.Kind == syscalltbl.PipeFds {
				m[int64(sc.Nr)] = pairs
			}
		}
	}
	return m
}()

// TableCalls returns the syscalls that change the descriptor table: -y
// must see them even when -e does not show them.
func TableCalls() []int {
	nrs := make([]int, 0, len(changes))
	for nr := range changes {
		nrs = append(nrs, int(nr))
	}
	return nrs
}

// Returned notes the descriptor a call that just returned created, before
// its line prints: the path it opened, the descriptor it copied, or, for
// other kinds (socket, pipe ...), that /proc is to be read for it.
func (r *Resolver) Returned(c *decoder.Call) {
	if c.Note&decoder.NoteInjected != 0 {
		// -e inject= answered it: the table is as it was
		return
	}
	if c.Nr == ioctlNr {
		if t, ok := ioctlAnon(c); ok && c.Ret >= 0 && c.Entered {
			r.targets[r.key(c.Tid, int32(c.Ret))] = t
		}
		return
	}
	change := changes[c.Nr]
	if c.Nr == landlockCreateNr && c.Args[2]&landlockCreateVersion != 0 {
		return // the ABI version, not a descriptor
	}
	if c.Nr == fcntlNr && (c.Args[1] == fDupfd || c.Args[1] == fDupfdCloexec) {
		change = dups
	}
	target := anonByNr[c.Nr]
	if c.Nr == bpfNr {
		// bpf(2) makes a descriptor for some commands only
		t, ok := syscalltbl.BpfNewFD(uint32(c.Args[0]))
		if !ok {
			return
		}
		change, target = creates, t
	}
	if change == pairs && c.Ret == 0 && c.Entered {
		r.unknownPair(c)
	}
	if c.Nr == cloneNr && c.Args[0]&clonePidfd != 0 && c.Ret > 0 && c.Entered {
		r.clonePidfd(c)
	}
	if change == chdirs && c.Ret == 0 {
		// the new directory, as the call names it: /proc/PID/cwd, read
		// when the line prints, may show a later one
		dir, ok := r.chdirTarget(c)
		if !ok {
			// a path gotrace could not read: /proc now is the best guess
			d, err := r.Readlink(procFd(c.Tid, atFdcwd))
			dir, ok = d, err == nil
		}
		delete(r.targets, r.key(c.Tid, atFdcwd))
		if ok {
			r.targets[r.key(c.Tid, atFdcwd)] = dir
		}
	}
	if c.Ret < 0 || !c.Entered || (change != opens && change != dups && change != creates && change != getfds) {
		return
	}
	fd := int32(c.Ret)
	if inode, proto, ok := returnedSocket(c); ok {
		// the kernel side named the socket socket() or accept() made
		target = "socket:[" + strconv.FormatUint(inode, 10) + "]"
		r.sockProtos[inode] = proto
	}
	switch change {
	case opens:
		if p, ok := r.openedPath(c); ok {
			target = p
		}
	case dups:
		// before the new descriptor's entry changes: dup2(fd, fd)
		if t, ok := r.target(c.Tid, int32(c.Args[0])); ok {
			target = t
		}
	case getfds:
		// a copy of another process's descriptor: /proc names it
		if t, err := r.Readlink(procFd(c.Tid, fd)); err == nil {
			target = t
		}
	}
	r.targets[r.key(c.Tid, fd)] = target
	delete(r.pidfds, r.key(c.Tid, fd))
	switch {
	case c.Nr == pidfdOpenNr && int32(c.Args[0]) > 0:
		r.pidfds[r.key(c.Tid, fd)] = int32(c.Args[0])
	case change == dups:
		if pid, ok := r.pidfds[r.key(c.Tid, int32(c.Args[0]))]; ok {
			r.pidfds[r.key(c.Tid, fd)] = pid
		}
	}
}

var pidfdOpenNr = int64(syscalltbl.ByName("pidfd_open").Nr)

var cloneNr = int64(syscalltbl.ByName("clone").Nr)

// clonePidfd is CLONE_PIDFD: clone stores a pidfd of the child at its
// parent_tid argument.
const clonePidfd = 0x1000

// clonePidfd notes the pidfd of its child that clone stored in the
// parent: what it refers to, and the child's pid.
func (r *Resolver) clonePidfd(c *decoder.Call) {
	cp := c.Capture(2, decoder.CapMemOut)
	if cp == nil || cp.Fault() || len(cp.Data) < 4 {
		return
	}
	k := r.key(c.Tid, int32(binary.LittleEndian.Uint32(cp.Data)))
	r.targets[k] = pidfdTarget
	r.pidfds[k] = int32(c.Ret)
}

// returnedSocket is the inode and protocol name of the socket whose
// descriptor c returned, when the kernel side named it at exit (a CapSock
// capture read then).
func returnedSocket(c *decoder.Call) (uint64, string, bool) {
	for i := range c.Exit {
		cp := &c.Exit[i]
		if cp.Kind != decoder.CapSock || len(cp.Data) < 16 {
			continue
		}
		le := binary.LittleEndian
		return le.Uint64(cp.Data[8:]), sockProtoName(le.Uint16(cp.Data), le.Uint16(cp.Data[2:]), le.Uint16(cp.Data[4:])), true
	}
	return 0, "", false
}

// chdirTarget is the directory chdir or fchdir made the working one.
func (r *Resolver) chdirTarget(c *decoder.Call) (string, bool) {
	if c.Nr == fchdirNr {
		return r.target(c.Tid, int32(c.Args[0]))
	}
	return r.absPath(c, 0, atFdcwd)
}

// unknownPair marks the two descriptors that pipe, pipe2 or socketpair
// filled in as unknown.
func (r *Resolver) unknownPair(c *decoder.Call) {
	sc := c.Syscall()
	if sc == nil {
		return
	}
	for i, a := range sc.Args {
		if a.Kind != syscalltbl.PipeFds {
			continue
		}
		if cp := c.Capture(uint8(i), decoder.CapMemOut); cp != nil && !cp.Fault() && len(cp.Data) >= 8 {
			r.targets[r.key(c.Tid, int32(binary.LittleEndian.Uint32(cp.Data)))] = ""
			r.targets[r.key(c.Tid, int32(binary.LittleEndian.Uint32(cp.Data[4:])))] = ""
		}
	}
}

// Released forgets the descriptor a call closed, once its line printed.
func (r *Resolver) Released(c *decoder.Call) {
	if changes[c.Nr] == closes && c.Entered && c.Ret == 0 && c.Note&decoder.NoteInjected == 0 {
		delete(r.targets, r.key(c.Tid, int32(c.Args[0])))
		delete(r.pidfds, r.key(c.Tid, int32(c.Args[0])))
	}
}

// openedPath is the absolute path an open call opened, with its symbolic
// links resolved as the kernel's readlink of the descriptor shows them.
func (r *Resolver) openedPath(c *decoder.Call) (string, bool) {
	args := pathArg[c.Syscall().Name]
	dirfd := int32(atFdcwd)
	if args[1] >= 0 {
		dirfd = int32(c.Args[args[1]])
	}
	return r.absPath(c, args[0], dirfd)
}

// absPath is the absolute path that argument arg of c names, relative to
// descriptor dirfd, with its symbolic links resolved as the kernel's
// readlink of a descriptor shows them.
func (r *Resolver) absPath(c *decoder.Call, arg int, dirfd int32) (string, bool) {
	cp := c.Capture(uint8(arg), decoder.CapPath)
	if cp == nil || cp.Fault() || cp.More() {
		return "", false
	}
	p, _, _ := strings.Cut(string(cp.Data), "\x00")
	if !filepath.IsAbs(p) {
		dir, ok := r.target(c.Tid, dirfd)
		if !ok || !filepath.IsAbs(dir) {
			return "", false
		}
		p = filepath.Join(dir, p)
	}
	if real, err := r.EvalSymlinks(p); err == nil {
		return real, true
	}
	return filepath.Clean(p), true
}
