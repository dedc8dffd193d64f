package inject

import (
	"encoding/binary"
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
)

// shimName is the argv[0] gotrace gives itself when it re-executes
// through /proc/self/exe as the shim: gotrace-inject-shim NRS PATH ARGV...
const shimName = "gotrace-inject-shim"

// shimSocket is the shim's descriptor of its socket to gotrace.
const shimSocket = 3

func init() {
	if len(os.Args) > 0 && os.Args[0] == shimName {
		// main then runs on the main thread, which the shim keeps
		// free of the filter (see Shim)
		runtime.LockOSThread()
	}
}

// Shim runs the shim and does not return when gotrace was started as one;
// otherwise it returns at once. cmd/gotrace calls it first.
//
// The shim installs the filter on one thread, T, which then execs the
// command; T makes no syscall gotrace has not been told of: its listener
// descriptor goes to gotrace from the main thread, which the filter does
// not cover (a filter applies to the thread that installs it), so a
// selected syscall T makes before gotrace listens only waits. gotrace
// answers everything the filter stops until the first execve, which is
// the shim's, by letting it run.
func Shim() {
	if len(os.Args) < 4 || os.Args[0] != shimName {
		return
	}
	debug.SetGCPercent(-1) // short-lived: no collection while T waits
	unix.CloseOnExec(shimSocket)
	nrs, err := parseNrs(os.Args[1])
	if err != nil {
		shimFail(err)
	}
	path, argv := os.Args[2], os.Args[3:]
	prog := filterProgram(nrs)

	var tid, listener atomic.Int32
	listener.Store(-1)
	failed := make(chan error, 1)
	proceed := make(chan struct{})
	go func() {
		runtime.LockOSThread() // T: never the main thread, which main holds
		tid.Store(int32(unix.Gettid()))
		fd, err := installFilter(prog)
		if err != nil {
			failed <- err
			return
		}
		listener.Store(int32(fd))
		<-proceed
		err = syscall.Exec(path, argv, os.Environ())
		failed <- fmt.Errorf("exec %s: %w", path, err)
	}()
	// T tells nothing by a syscall, which the filter may stop before
	// gotrace listens: its listener shows in memory within microseconds
	for listener.Load() < 0 {
		select {
		case err := <-failed:
			shimFail(err)
		case <-time.After(20 * time.Microsecond):
		}
	}
	var msg [4]byte
	binary.LittleEndian.PutUint32(msg[:], uint32(tid.Load()))
	if err := unix.Sendmsg(shimSocket, msg[:], unix.UnixRights(int(listener.Load())), nil, 0); err != nil {
		shimFail(fmt.Errorf("send listener: %w", err))
	}
	// gotrace traces T from its execve and listens: go on
	var b [1]byte
	if n, err := unix.Read(shimSocket, b[:]); n != 1 {
		shimFail(fmt.Errorf("wait for gotrace: %v", err))
	}
	close(proceed)
	shimFail(<-failed) // the exec failed; on success T's exec ends this thread
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
