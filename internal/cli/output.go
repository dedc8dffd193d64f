package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/gotrace/gotrace/internal/xlat"
)

// outputCommand is -o '|COMMAND' (or '!COMMAND'): the trace goes to the
// standard input of COMMAND, run by /bin/sh, which gotrace waits for at
// the end, as strace does.
type outputCommand struct {
	cmd *exec.Cmd
	in  io.WriteCloser
}

func startOutputCommand(command, name string) (*outputCommand, error) {
	c := exec.Command("/bin/sh", "-c", command)
	c.Stdout, c.Stderr = os.Stdout, os.Stderr
	in, err := c.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("pipe: %w", err)
	}
	if err := c.Start(); err != nil {
		return nil, fmt.Errorf("Can't execute '/bin/sh': %w", err)
	}
	return &outputCommand{cmd: c, in: in}, nil
}

func (p *outputCommand) Write(b []byte) (int, error) { return p.in.Write(b) }

// Close ends the command's input and waits for it.
func (p *outputCommand) Close() error {
	err := p.in.Close()
	var ee *exec.ExitError
	if werr := p.cmd.Wait(); werr != nil && !errors.As(werr, &ee) {
		err = errors.Join(err, werr)
	}
	return err
}

// dieBy ends gotrace by signal sig, with the kernel's default action: the
// Go runtime's handler is bypassed, and the signal goes to this thread,
// which the kernel then ends with the process before the call returns.
// As strace, gotrace dumps no core of its own (a command's SIGSEGV).
func dieBy(sig syscall.Signal) {
	unix.Setrlimit(unix.RLIMIT_CORE, &unix.Rlimit{})
	runtime.LockOSThread()
	var dfl [4]uint64 // struct sigaction: SIG_DFL, no flags, no mask
	unix.RawSyscall6(unix.SYS_RT_SIGACTION, uintptr(sig), uintptr(unsafe.Pointer(&dfl)), 0, 8, 0, 0)
	unix.Tgkill(os.Getpid(), unix.Gettid(), sig)
}

// reportingFile is -o FILE as strace writes it: a failed write (a full
// disk, /dev/full) is reported once, "PROG: FILE: No space left on
// device", and the trace goes on, the command's exit status unchanged. A
// reader that went away (EPIPE) ends gotrace quietly instead, as SIGPIPE
// ends the other programs of a pipeline.
type reportingFile struct {
	*os.File
	name     string // gotrace's, for the message
	stderr   io.Writer
	reported bool
}

func (f *reportingFile) Write(b []byte) (int, error) {
	n, err := f.File.Write(b)
	if err == nil || errors.Is(err, syscall.EPIPE) {
		return n, err
	}
	if !f.reported {
		f.reported = true
		msg := err.Error()
		var errno syscall.Errno
		if errors.As(err, &errno) {
			msg = xlat.ErrnoMessage(int(errno))
		}
		fmt.Fprintf(f.stderr, "%s: %s: %s\n", f.name, f.File.Name(), msg)
	}
	return len(b), nil
}
