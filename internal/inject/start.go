package inject

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"

	"golang.org/x/sys/unix"
)

// Launch is a command started under the shim, waiting for Go.
type Launch struct {
	// Listener is the seccomp listener of the command's filter.
	Listener int
	sock     *os.File
}

// Start starts cmd (Path, Args, Env, credentials as the caller set them)
// through the shim, with a filter that stops the syscalls nrs, and waits
// until the shim has handed over its listener. The command runs once Go is
// called.
func Start(cmd *exec.Cmd, nrs []int) (*Launch, error) {
	pair, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_SEQPACKET|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("inject: socketpair: %w", err)
	}
	ours, theirs := os.NewFile(uintptr(pair[0]), "shim"), os.NewFile(uintptr(pair[1]), "shim")
	defer theirs.Close()
	cmd.Args = append([]string{shimName, formatNrs(nrs), cmd.Path}, cmd.Args...)
	if cmd.Env == nil {
		cmd.Env = os.Environ()
	}
	cmd.Env = append([]string{shimGodebug}, cmd.Env...)
	cmd.Path = "/proc/self/exe"
	cmd.ExtraFiles = append([]*os.File{theirs}, cmd.ExtraFiles...)
	if err := cmd.Start(); err != nil {
		ours.Close()
		return nil, err
	}
	theirs.Close()
	l, err := receive(ours)
	if err != nil {
		ours.Close()
		cmd.Process.Kill()
		cmd.Wait()
		return nil, err
	}
	return l, nil
}

// receive reads the shim's message: its listener, as SCM_RIGHTS.
func receive(sock *os.File) (*Launch, error) {
	buf := make([]byte, 1)
	oob := make([]byte, unix.CmsgSpace(4))
	n, oobn, _, _, err := unix.Recvmsg(int(sock.Fd()), buf, oob, unix.MSG_CMSG_CLOEXEC)
	if err != nil {
		return nil, fmt.Errorf("inject: receive the shim's listener: %w", err)
	}
	if n != 1 {
		// the shim printed why it failed and exited
		return nil, errors.New("inject: the shim could not install the seccomp filter")
	}
	msgs, err := unix.ParseSocketControlMessage(oob[:oobn])
	if err != nil || len(msgs) != 1 {
		return nil, fmt.Errorf("inject: the shim's message has no descriptor (%v)", err)
	}
	fds, err := unix.ParseUnixRights(&msgs[0])
	if err != nil || len(fds) != 1 {
		return nil, fmt.Errorf("inject: the shim's message has no descriptor (%v)", err)
	}
	return &Launch{Listener: fds[0], sock: sock}, nil
}

// Go lets the command exec.
func (l *Launch) Go() error {
	defer l.sock.Close()
	if _, err := l.sock.Write([]byte{1}); err != nil {
		return fmt.Errorf("inject: start the command: %w", err)
	}
	return nil
}

// Filtered returns the syscalls the command's filter stops: those with a
// rule that the trace selects (strace tampers only with the calls it
// traces).
func (s *Spec) Filtered(traced func(nr int) bool) []int {
	return slices.DeleteFunc(s.Numbers(), func(nr int) bool { return !traced(nr) })
}
