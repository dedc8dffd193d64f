package inject

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"github.com/gotrace/gotrace/internal/stdfds"
)

// shimName is the argv[0] gotrace gives itself when it re-executes
// through /proc/self/exe as the shim: gotrace-inject-shim NRS PATH ARGV...
const shimName = "gotrace-inject-shim"

// shimSocket is the shim's descriptor of its socket to gotrace.
const shimSocket = 3

// shimGodebug comes first in the shim's environment, which the Go runtime
// then reads before any GODEBUG of the command's, and leaves it before the
// exec. Without it the runtime may preempt the main thread while its
// execve waits for the shim's other threads to go: the SIGURG would stay
// pending into the command, which would show it.
const shimGodebug = "GODEBUG=asyncpreemptoff=1"

func init() {
	if len(os.Args) > 0 && os.Args[0] == shimName {
		// main then runs on the main thread, the one that installs
		// the filter and execs the command (see Shim)
		runtime.LockOSThread()
	}
}

// Shim runs the shim and does not return when gotrace was started as one;
// otherwise it returns at once. cmd/gotrace calls it first.
//
// The main thread installs the filter and execs the command, so that the
// command keeps the pid gotrace started. A filter covers only the thread
// that installs it, so the listener goes to gotrace from another thread
// of the shim, which no call of the filtered thread waits for: a selected
// syscall the main thread makes before gotrace listens (the Go runtime's)
// only waits. gotrace lets every call the filter stops run, uncounted,
// until the first execve, which is the shim's.
func Shim() {
	if len(os.Args) < 4 || os.Args[0] != shimName {
		return
	}
	debug.SetGCPercent(-1) // short-lived: no collection while main waits
	unix.CloseOnExec(shimSocket)
	nrs, err := parseNrs(os.Args[1])
	if err != nil {
		shimFail(err)
	}
	path, argv := os.Args[2], os.Args[3:]

	var listener atomic.Int32
	listener.Store(-1)
	proceed := make(chan error)
	go handOver(&listener, proceed)
	fd, err := installFilter(filterProgram(nrs))
	if err != nil {
		shimFail(err)
	}
	listener.Store(int32(fd))
	if err := <-proceed; err != nil {
		shimFail(err)
	}
	env := os.Environ()
	if len(env) > 0 && env[0] == shimGodebug {
		env = env[1:]
	}
	// gotrace started the shim with the descriptors it was started
	// without closed, which the Go runtime opened again
	for fd := range 3 {
		if stdfds.Closed(fd) {
			unix.Close(fd)
		}
	}
	syscall.Exec(path, argv, env)
	// the trace shows the failed execve, and gotrace says why: as
	// strace's child, the command exits 1 (no syscall here may make
	// it through the filter unchanged)
	os.Exit(1)
}

// handOver sends the listener to gotrace once the main thread has it, and
// says when gotrace is ready. The main thread tells of its listener by no
// syscall, which the filter might stop before gotrace listens: it shows
// in memory within microseconds of the shim's start.
func handOver(listener *atomic.Int32, proceed chan<- error) {
	for listener.Load() < 0 {
		time.Sleep(20 * time.Microsecond)
	}
	if err := unix.Sendmsg(shimSocket, []byte{0}, unix.UnixRights(int(listener.Load())), nil, 0); err != nil {
		proceed <- fmt.Errorf("send listener: %w", err)
		return
	}
	// gotrace traces the command from its execve and listens: go on
	var b [1]byte
	if n, err := unix.Read(shimSocket, b[:]); n != 1 {
		proceed <- fmt.Errorf("wait for gotrace: %v", err)
		return
	}
	proceed <- nil
}

func shimFail(err error) {
	fmt.Fprintf(os.Stderr, "gotrace: %v\n", err)
	os.Exit(127)
}

// parseNrs reads the shim's list of syscall numbers, "1,2,3" or "".
func parseNrs(s string) ([]int, error) {
	var nrs []int
	for _, f := range strings.Split(s, ",") {
		if f == "" {
			continue
		}
		nr, err := strconv.Atoi(f)
		if err != nil {
			return nil, fmt.Errorf("shim: bad syscall number %q", f)
		}
		nrs = append(nrs, nr)
	}
	return nrs, nil
}

// formatNrs is parseNrs's inverse.
func formatNrs(nrs []int) string {
	s := make([]string, len(nrs))
	for i, nr := range nrs {
		s[i] = strconv.Itoa(nr)
	}
	return strings.Join(s, ",")
}
