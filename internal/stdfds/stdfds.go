// Package stdfds tells which of descriptors 0, 1 and 2 gotrace was started
// without, so that the command it runs gets them closed too, as strace's.
//
// The Go runtime opens /dev/null read-write on each of them that is closed
// (runtime.checkfds), before any package's code runs: such a descriptor is
// recognised by what it is, /dev/null opened read-write with no other
// flag. A shell's `<>/dev/null` makes the same descriptor and is taken for
// a closed one; `</dev/null`, `>/dev/null` and `2>/dev/null` are not.
package stdfds

import (
	"os"
	"strconv"
	"strings"
)

// closed[fd]: descriptor fd was closed when the process started.
var closed = opened("/proc/self")

// Closed reports whether descriptor fd (0, 1 or 2) was closed when the
// process started.
func Closed(fd int) bool {
	return fd >= 0 && fd < len(closed) && closed[fd]
}

// File is f, or nil (which os/exec and os.StartProcess give a command as
// a closed descriptor) if descriptor fd was closed when the process
// started.
func File(fd int, f *os.File) *os.File {
	if Closed(fd) {
		return nil
	}
	return f
}

const (
	oRdwr      = 0o2
	oLargefile = 0o100000 // the kernel adds it to every open on 64-bit
)

// opened reports, for descriptors 0 to 2 of the process whose /proc
// directory is proc, which look opened by the Go runtime.
func opened(proc string) [3]bool {
	var r [3]bool
	for fd := range r {
		n := strconv.Itoa(fd)
		if target, err := os.Readlink(proc + "/fd/" + n); err != nil || target != os.DevNull {
			continue
		}
		info, err := os.ReadFile(proc + "/fdinfo/" + n)
		if err != nil {
			continue
		}
		for _, l := range strings.Split(string(info), "\n") {
			if v, ok := strings.CutPrefix(l, "flags:"); ok {
				flags, err := strconv.ParseUint(strings.TrimSpace(v), 8, 64)
				r[fd] = err == nil && flags&^oLargefile == oRdwr
			}
		}
	}
	return r
}
