package inject

import (
	"errors"
	"fmt"
	"unsafe"

	"golang.org/x/sys/unix"
)

// The syscalls a command's first exec can be made with: the filter always
// stops them, so that gotrace knows when the shim has handed over to the
// command (see Shim).
const (
	nrExecve   = 59
	nrExecveat = 322
)

// auditArchX86_64 is AUDIT_ARCH_X86_64: seccomp_data.arch of 64-bit calls.
const auditArchX86_64 = 0xc000003e

// x32Bit marks x32 syscall numbers, which the filter lets through.
const x32Bit = 0x40000000

// filterProgram is the classic BPF seccomp program that sends the syscalls
// nrs (and execve, execveat) to the listener and lets every other call
// through: a compare for each listed number, each followed by its return
// so that no jump is longer than one instruction.
func filterProgram(nrs []int) []unix.SockFilter {
	const (
		ldW  = unix.BPF_LD | unix.BPF_W | unix.BPF_ABS
		jeq  = unix.BPF_JMP | unix.BPF_JEQ | unix.BPF_K
		jge  = unix.BPF_JMP | unix.BPF_JGE | unix.BPF_K
		ret  = unix.BPF_RET | unix.BPF_K
		nrAt = 0 // offsetof(struct seccomp_data, nr)
		arch = 4 // offsetof(struct seccomp_data, arch)
	)
	allow := unix.SockFilter{Code: ret, K: unix.SECCOMP_RET_ALLOW}
	notify := unix.SockFilter{Code: ret, K: unix.SECCOMP_RET_USER_NOTIF}
	prog := []unix.SockFilter{
		{Code: ldW, K: arch},
		{Code: jeq, K: auditArchX86_64, Jt: 1},
		allow,
		{Code: ldW, K: nrAt},
		{Code: jge, K: x32Bit, Jf: 1},
		allow,
	}
	seen := map[int]bool{}
	for _, nr := range append([]int{nrExecve, nrExecveat}, nrs...) {
		if seen[nr] {
			continue
		}
		seen[nr] = true
		prog = append(prog, unix.SockFilter{Code: jeq, K: uint32(nr), Jf: 1}, notify)
	}
	return append(prog, allow)
}

// installFilter loads the program on the calling thread and returns the
// listener descriptor. Without CAP_SYS_ADMIN (-u) the kernel requires
// no_new_privs first.
func installFilter(prog []unix.SockFilter) (int, error) {
	fprog := unix.SockFprog{Len: uint16(len(prog)), Filter: &prog[0]}
	const flags = unix.SECCOMP_FILTER_FLAG_NEW_LISTENER | unix.SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV
	for try := 0; ; try++ {
		fd, _, errno := unix.RawSyscall(unix.SYS_SECCOMP, unix.SECCOMP_SET_MODE_FILTER, flags, uintptr(unsafe.Pointer(&fprog)))
		if errno == 0 {
			return int(fd), nil
		}
		if errno == unix.EBUSY {
			return -1, errors.New("install seccomp filter: the command would run under a seccomp listener already (another gotrace -e inject, a container runtime's), and the kernel allows one")
		}
		if errno != unix.EACCES || try > 0 {
			return -1, fmt.Errorf("install seccomp filter: %w", errno)
		}
		if _, _, errno := unix.RawSyscall6(unix.SYS_PRCTL, unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0, 0); errno != 0 {
			return -1, fmt.Errorf("set no_new_privs: %w", errno)
		}
	}
}

// seccompData is struct seccomp_data.
type seccompData struct {
	Nr   int32
	Arch uint32
	IP   uint64
	Args [6]uint64
}

// notif is struct seccomp_notif.
type notif struct {
	ID    uint64
	Pid   uint32
	Flags uint32
	Data  seccompData
}

// notifResp is struct seccomp_notif_resp.
type notifResp struct {
	ID    uint64
	Val   int64
	Error int32
	Flags uint32
}

// errGone is a notification whose task is gone (killed, or its call
// interrupted) before gotrace answered.
var errGone = errors.New("notification no longer valid")

func recv(fd int, n *notif) error {
	*n = notif{}
	return ioctl(fd, unix.SECCOMP_IOCTL_NOTIF_RECV, unsafe.Pointer(n))
}

func send(fd int, r *notifResp) error {
	err := ioctl(fd, unix.SECCOMP_IOCTL_NOTIF_SEND, unsafe.Pointer(r))
	if errors.Is(err, unix.ENOENT) {
		return errGone
	}
	return err
}

// valid reports whether notification id still waits for its answer: after
// reading or writing the task's memory, this says it was still that task.
func valid(fd int, id uint64) bool {
	return ioctl(fd, unix.SECCOMP_IOCTL_NOTIF_ID_VALID, unsafe.Pointer(&id)) == nil
}

func ioctl(fd int, req uint, arg unsafe.Pointer) error {
	for {
		_, _, errno := unix.Syscall(unix.SYS_IOCTL, uintptr(fd), uintptr(req), uintptr(arg))
		switch errno {
		case 0:
			return nil
		case unix.EINTR:
			continue
		}
		return errno
	}
}
