package fdpath

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/quote"
)

// resolver follows descriptors of tasks that /proc does not show: their
// working directory is /home/user, and nothing else is read from the host.
func resolver(level Level) *Resolver {
	r := NewResolver(level, quote.Default)
	r.Readlink = func(path string) (string, error) {
		if strings.HasSuffix(path, "/cwd") {
			return "/home/user", nil
		}
		return "", os.ErrNotExist
	}
	r.EvalSymlinks = func(path string) (string, error) { return path, nil }
	return r
}

// call is a call of task tid that entered and returned ret.
func call(tid uint32, nr int64, ret int64, args [6]uint64, caps ...decoder.Capture) *decoder.Call {
	return &decoder.Call{Tid: tid, Nr: nr, Args: args, Enter: caps, Entered: true, Exited: true, Ret: ret}
}

func path(arg uint8, p string) decoder.Capture {
	return decoder.Capture{Arg: arg, Kind: decoder.CapPath, Data: []byte(p)}
}

func fd(r *Resolver, tid uint32, fd int32) string { return string(r.AppendFd(nil, tid, fd)) }

// The descriptor table follows opens (relative to the working directory),
// dups, closes and other creations, per process: threads share it, a child
// process gets a copy.
func TestResolverFollowsTable(t *testing.T) {
	t.Parallel()
	r := resolver(Paths)
	const atFdcwd = uint64(0xffffff9c)
	r.Returned(call(10, unix.SYS_OPENAT, 3, [6]uint64{atFdcwd, 0x1000}, path(1, "notes.txt")))
	if got := fd(r, 10, 3); got != "</home/user/notes.txt>" {
		t.Errorf("fd 3 after a relative openat: %s", got)
	}
	if got := fd(r, 10, -100); got != "</home/user>" {
		t.Errorf("AT_FDCWD: %s", got)
	}
	r.Returned(call(10, unix.SYS_DUP, 4, [6]uint64{3}))
	r.Cloned(10, 11, 10) // a thread
	r.Cloned(10, 20, 20) // a process
	c := call(10, unix.SYS_CLOSE, 0, [6]uint64{3})
	r.Returned(c)
	r.Released(c)
	for _, tc := range []struct {
		tid  uint32
		fd   int32
		want string
	}{
		{10, 3, ""}, {10, 4, "</home/user/notes.txt>"}, {11, 3, ""}, {11, 4, "</home/user/notes.txt>"},
		{20, 3, "</home/user/notes.txt>"}, // the child's copy stays open
	} {
		if got := fd(r, tc.tid, tc.fd); got != tc.want {
			t.Errorf("task %d fd %d: %q, want %q", tc.tid, tc.fd, got, tc.want)
		}
	}
	// a socket's descriptor prints bare: nothing tells which socket it is
	r.Returned(call(10, unix.SYS_SOCKET, 5, [6]uint64{1, 1}))
	if got := fd(r, 10, 5); got != "" {
		t.Errorf("socket fd: %q", got)
	}
	// unless the kernel side named its socket at the call (sendto,
	// recvfrom, sendmsg, recvmsg): -y shows its inode, as /proc did then;
	// -yy's details come from /proc only
	if got := string(r.AppendSocket(nil, 10, 5, 1234)); got != "<socket:[1234]>" {
		t.Errorf("socket fd named at the call: %q", got)
	}
	if got := string(r.AppendSocket(nil, 10, 4, 1234)); got != "</home/user/notes.txt>" {
		t.Errorf("a known descriptor named as a socket: %q", got)
	}
	if got := string(resolver(Details).AppendSocket(nil, 10, 5, 1234)); got != "" {
		t.Errorf("-yy, socket fd named at the call: %q", got)
	}
	r.Forget(10)
	r.Forget(11)
	if got := fd(r, 10, 4); got != "" {
		t.Errorf("fd of an exited process: %q", got)
	}
}

// Paths print as strace quotes them between angle brackets.
func TestAngledQuoting(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"/tmp/a b":   "/tmp/a b",
		"/tmp/<x>":   `/tmp/\74x\76`,
		"/tmp/tab\t": `/tmp/tab\t`,
		"/tmp/\"q\"": `/tmp/\"q\"`,
	} {
		if got := string(appendAngled(nil, in, quote.Default)); got != want {
			t.Errorf("%q: %s, want %s", in, got, want)
		}
	}
	if got := string(appendAngled(nil, "/é", quote.NonASCIIHex)); got != `\x2f\xc3\xa9` {
		t.Errorf("-x: %s", got)
	}
}

// -P selects calls by path argument, or by a descriptor that refers to the
// path; --trace-fds by descriptor number.
func TestMatcher(t *testing.T) {
	t.Parallel()
	r := resolver(Paths)
	r.Returned(call(10, unix.SYS_OPEN, 3, [6]uint64{0x1000}, path(0, "/etc/hosts")))
	m := NewMatcher(r, []string{"/etc/hosts"}, nil)
	for _, tc := range []struct {
		c    *decoder.Call
		want bool
	}{
		{call(10, unix.SYS_STAT, 0, [6]uint64{0x1000}, path(0, "/etc/hosts")), true},
		{call(10, unix.SYS_STAT, 0, [6]uint64{0x1000}, path(0, "/etc/passwd")), false},
		{call(10, unix.SYS_READ, 5, [6]uint64{3}), true},
		{call(10, unix.SYS_READ, 5, [6]uint64{4}), false},
		{call(10, unix.SYS_GETPID, 10, [6]uint64{}), false},
	} {
		if got := m.Show(tc.c); got != tc.want {
			t.Errorf("%s(%d...): %v, want %v", tc.c.Name(), tc.c.Args[0], got, tc.want)
		}
	}
	fds := NewMatcher(r, nil, func(fd int) bool { return fd == 4 })
	if !fds.Show(call(10, unix.SYS_READ, 5, [6]uint64{4})) || fds.Show(call(10, unix.SYS_READ, 5, [6]uint64{3})) {
		t.Error("--trace-fds=4 does not select by descriptor 4 alone")
	}
	if !UsesPathOrFd(unix.SYS_READ) || UsesPathOrFd(unix.SYS_GETPID) {
		t.Error("UsesPathOrFd")
	}
}

// A command gotrace runs inherits gotrace's descriptors that lack
// close-on-exec (a shell's 9>>FILE): a task that exited before its line
// printed still has them named; gotrace's close-on-exec ones are not.
func TestInherit(t *testing.T) {
	dir := t.TempDir()
	kept, err := unix.Open(dir+"/kept", unix.O_CREAT|unix.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(kept)
	own, err := os.Create(dir + "/own") // close-on-exec, as Go opens files
	if err != nil {
		t.Fatal(err)
	}
	defer own.Close()
	r := resolver(Paths)
	r.Inherit()
	if got, want := fd(r, 1234, int32(kept)), "<"+dir+"/kept>"; got != want {
		t.Errorf("inherited descriptor %d: %q, want %q", kept, got, want)
	}
	if got := fd(r, 1234, int32(own.Fd())); got != "" {
		t.Errorf("close-on-exec descriptor %d: %q, want nothing", own.Fd(), got)
	}
}

// The working directory follows chdir and fchdir as the calls name it
// (/proc would show where the task is when the line prints); dup2 of a
// descriptor onto itself keeps it; descriptors of anonymous inodes are
// named from the call; a return -e inject= made creates nothing.
func TestResolverFollowsCalls(t *testing.T) {
	t.Parallel()
	r := resolver(Paths)
	const atFdcwd = uint64(0xffffff9c)
	r.Returned(call(10, unix.SYS_CHDIR, 0, [6]uint64{0x1000}, path(0, "sub")))
	if got := fd(r, 10, -100); got != "</home/user/sub>" {
		t.Errorf("AT_FDCWD after chdir(\"sub\"): %s", got)
	}
	r.Returned(call(10, unix.SYS_OPENAT, 3, [6]uint64{atFdcwd, 0x1000}, path(1, "/tmp")))
	r.Returned(call(10, unix.SYS_FCHDIR, 0, [6]uint64{3}))
	if got := fd(r, 10, -100); got != "</tmp>" {
		t.Errorf("AT_FDCWD after fchdir(3</tmp>): %s", got)
	}
	r.Returned(call(10, unix.SYS_DUP2, 3, [6]uint64{3, 3}))
	if got := fd(r, 10, 3); got != "</tmp>" {
		t.Errorf("fd 3 after dup2(3, 3): %s", got)
	}
	r.Returned(call(10, unix.SYS_INOTIFY_INIT1, 4, [6]uint64{}))
	if got := fd(r, 10, 4); got != "<anon_inode:inotify>" {
		t.Errorf("inotify_init1's descriptor: %s", got)
	}
	c := call(10, unix.SYS_EVENTFD2, 3, [6]uint64{})
	c.Note = decoder.NoteInjected
	r.Returned(c)
	if got := fd(r, 10, 3); got != "</tmp>" {
		t.Errorf("fd 3 after an injected return of 3: %s", got)
	}
}

// A command's task works in gotrace's directory until a chdir the table
// follows: its AT_FDCWD is never read from /proc, which shows where the
// task is by the time its line prints, a later directory.
func TestCommandWorkingDirectory(t *testing.T) {
	t.Parallel()
	r := resolver(Paths)
	r.inherited = map[int32]string{}
	r.startDir = "/srv/start"
	if got := fd(r, 10, -100); got != "</srv/start>" {
		t.Errorf("AT_FDCWD before any chdir: %s", got)
	}
	r.Returned(call(10, unix.SYS_CHDIR, 0, [6]uint64{0x1000}, path(0, "sub")))
	if got := fd(r, 10, -100); got != "</srv/start/sub>" {
		t.Errorf("AT_FDCWD after chdir(\"sub\"): %s", got)
	}
	r.Cloned(10, 11, 11)
	r.Returned(call(10, unix.SYS_CHDIR, 0, [6]uint64{0x1000}, path(0, "..")))
	if got := fd(r, 11, -100); got != "</srv/start/sub>" {
		t.Errorf("AT_FDCWD of a child forked before its parent's chdir(\"..\"): %s", got)
	}
	if got := fd(r, 10, -100); got != "</srv/start>" {
		t.Errorf("AT_FDCWD after chdir(\"..\"): %s", got)
	}
	if got := fd(r, 12, -100); got != "</srv/start>" {
		t.Errorf("AT_FDCWD of another task of the command: %s", got)
	}
}

// A pidfd prints as --decode-fds says (strace's pidfd_open-y, -yy and
// --decode-fd-* tests): its anonymous inode with path, the pid it was
// opened for with pidfd, which outlasts the process; nothing with socket.
// clone's CLONE_PIDFD pidfd refers to the child.
func TestResolverPidfds(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		level Level
		want  string
	}{
		{Paths, "<anon_inode:[pidfd]>"}, {Details, "<pid:4321>"}, {Pidfds, "<pid:4321>"},
		{Sockets, ""}, {Devices | Paths, "<anon_inode:[pidfd]>"}, {Track, ""},
	} {
		r := resolver(tc.level)
		r.Returned(call(10, unix.SYS_PIDFD_OPEN, 3, [6]uint64{4321}))
		if got := fd(r, 10, 3); got != tc.want {
			t.Errorf("level %d: pidfd_open's %q, want %q", tc.level, got, tc.want)
		}
		r.Returned(call(10, unix.SYS_DUP, 4, [6]uint64{3}))
		if got := fd(r, 10, 4); got != tc.want {
			t.Errorf("level %d: its dup %q, want %q", tc.level, got, tc.want)
		}
	}
	r := resolver(Details)
	c := call(10, unix.SYS_CLONE, 77, [6]uint64{0x1000 | 17, 0, 0x2000})
	c.Exit = []decoder.Capture{{Arg: 2, Kind: decoder.CapMemOut, Data: []byte{5, 0, 0, 0}}}
	r.Returned(c)
	if got := fd(r, 10, 5); got != "<pid:77>" {
		t.Errorf("clone's pidfd: %q", got)
	}
	c = call(10, unix.SYS_CLOSE, 0, [6]uint64{5})
	r.Returned(c)
	r.Released(c)
	if got := fd(r, 10, 5); got != "" {
		t.Errorf("closed pidfd: %q", got)
	}
}

// KVM's VM and vcpu descriptors, which ioctl returns, are named as
// /proc/PID/fd shows them when the call returns.
func TestIoctlDescriptors(t *testing.T) {
	t.Parallel()
	r := resolver(Paths)
	r.Returned(call(10, unix.SYS_IOCTL, 4, [6]uint64{3, uint64(kvmCreateVM), 0}))
	r.Returned(call(10, unix.SYS_IOCTL, 5, [6]uint64{4, uint64(kvmCreateVcpu), 2}))
	r.Returned(call(10, unix.SYS_IOCTL, 6, [6]uint64{4, 0x5401, 0}))
	for fdNum, want := range map[int32]string{4: "<anon_inode:kvm-vm>", 5: "<anon_inode:kvm-vcpu:2>"} {
		if got := fd(r, 10, fdNum); got != want {
			t.Errorf("fd %d: %q, want %q", fdNum, got, want)
		}
	}
}

// socket() whose socket the kernel side named: -y shows its inode, -yy
// and --decode-fds=socket its protocol once /proc has no entry for it,
// as strace does (socket:[N], UNIX-STREAM:[N], NETLINK:[N]).
func TestResolverSocketCall(t *testing.T) {
	t.Parallel()
	sock := func(family, typ, proto uint16, inode uint64) decoder.Capture {
		d := make([]byte, 16)
		d[0], d[1], d[2], d[3], d[4], d[5] = byte(family), byte(family>>8), byte(typ), byte(typ>>8), byte(proto), byte(proto>>8)
		for i := range 8 {
			d[8+i] = byte(inode >> (8 * i))
		}
		return decoder.Capture{Arg: 2, Kind: decoder.CapSock, Flags: decoder.CapExit, Data: d}
	}
	for _, tc := range []struct {
		level  Level
		family uint16
		typ    uint16
		proto  uint16
		want   string
	}{
		{Paths, 1, 1, 0, "<socket:[77]>"},
		{Details, 1, 1, 0, "<UNIX-STREAM:[77]>"},
		{Details, 1, 2, 0, "<UNIX:[77]>"},
		{Sockets, 16, 3, 4, "<NETLINK:[77]>"},
		{Details, 2, 1, 6, "<TCP:[77]>"},
		{Devices, 1, 1, 0, ""},
	} {
		r := resolver(tc.level)
		c := call(10, unix.SYS_SOCKET, 3, [6]uint64{uint64(tc.family), uint64(tc.typ), uint64(tc.proto)})
		c.Exit = []decoder.Capture{sock(tc.family, tc.typ, tc.proto, 77)}
		r.Returned(c)
		if got := fd(r, 10, 3); got != tc.want {
			t.Errorf("level %d, socket(%d, %d, %d): %q, want %q", tc.level, tc.family, tc.typ, tc.proto, got, tc.want)
		}
	}
}

// --decode-fds items apart: a device's numbers only with dev, a path only
// with path; AT_FDCWD only with path, and not when longer than strace's
// PATH_MAX buffer.
func TestResolverLevels(t *testing.T) {
	t.Parallel()
	const atFdcwd = uint64(0xffffff9c)
	open := call(10, unix.SYS_OPENAT, 3, [6]uint64{atFdcwd, 0x1000}, path(1, "/dev/null"))
	for _, tc := range []struct {
		level     Level
		fd, dirfd string
	}{
		{Paths, "</dev/null>", "</home/user>"},
		{Devices, "</dev/null<char 1:3>>", ""},
		{Sockets, "", ""},
		{Details, "</dev/null<char 1:3>>", "</home/user>"},
	} {
		r := resolver(tc.level)
		r.Returned(open)
		if got := fd(r, 10, 3); got != tc.fd {
			t.Errorf("level %d: fd %q, want %q", tc.level, got, tc.fd)
		}
		if got := fd(r, 10, -100); got != tc.dirfd {
			t.Errorf("level %d: AT_FDCWD %q, want %q", tc.level, got, tc.dirfd)
		}
	}
	r := resolver(Paths)
	long := "/" + strings.Repeat("x", pathMax)
	r.Returned(call(10, unix.SYS_CHDIR, 0, [6]uint64{0x1000}, path(0, long)))
	if got := fd(r, 10, -100); got != "" {
		t.Errorf("AT_FDCWD longer than PATH_MAX: %q", got)
	}
}
