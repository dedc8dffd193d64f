package filter

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// qualifiers are strace 6.1's -e qualifiers with their aliases, by the
// name Parse knows them by; fault, inject, kvm, decode-fds, decode-pids
// and secontext are the command line's.
var qualifiers = []struct{ name, canonical string }{
	{"trace", "trace"}, {"t", "trace"},
	{"abbrev", "abbrev"}, {"a", "abbrev"},
	{"verbose", "verbose"}, {"v", "verbose"},
	{"raw", "raw"}, {"x", "raw"},
	{"signal", "signal"}, {"signals", "signal"}, {"s", "signal"},
	{"status", "status"},
	{"quiet", "quiet"}, {"silent", "quiet"}, {"silence", "quiet"}, {"q", "quiet"},
	{"read", "read"}, {"reads", "read"}, {"r", "read"},
	{"write", "write"}, {"writes", "write"}, {"w", "write"},
	{"fault", "fault"}, {"inject", "inject"}, {"kvm", "kvm"},
	{"decode-fd", "decode-fds"}, {"decode-fds", "decode-fds"},
	{"decode-pid", "decode-pids"}, {"decode-pids", "decode-pids"},
	{"secontext", "secontext"},
}

// Qualifier splits an -e expression as strace does: a known qualifier
// followed by "=" (returned by its canonical name) and the rest; anything
// else is a trace= list.
func Qualifier(expr string) (qual, list string) {
	for _, q := range qualifiers {
		if rest, ok := strings.CutPrefix(expr, q.name+"="); ok {
			return q.canonical, rest
		}
	}
	return "trace", expr
}

// Quiet is a message -e quiet= silences.
type Quiet int

// What -e quiet= can silence, as strace names them.
const (
	QuietAttach       Quiet = iota // "Process N attached", "detached"
	QuietExit                      // "+++ exited with N +++"
	QuietPathResolve               // "Requested path ... resolved into ..."
	QuietPersonality               // "[ Process PID=N runs in 32 bit mode. ]"
	QuietThreadExecve              // "+++ superseded by execve in pid N +++"
	numQuiet
)

var quietNames = map[string]Quiet{
	"attach": QuietAttach, "exit": QuietExit, "exits": QuietExit,
	"path-resolution": QuietPathResolve, "personality": QuietPersonality,
	"superseded": QuietThreadExecve, "thread-execve": QuietThreadExecve,
}

// QuietSet holds what -e quiet= silences.
type QuietSet struct{ sel [numQuiet]bool }

// Has reports whether q is silenced.
func (s *QuietSet) Has(q Quiet) bool { return s != nil && s.sel[q] }

// QuietDefaults are -q's, -qq's and -qqq's lists.
var QuietDefaults = [...]string{1: "attach,personality", 2: "exit,attach,personality", 3: "all"}

func markQuiet(name string, want []bool) error {
	q, ok := quietNames[name]
	if !ok {
		return fmt.Errorf("invalid quiet '%s'", name)
	}
	want[q] = true
	return nil
}

// FdSet holds the descriptors of -e read= or -e write=.
type FdSet struct {
	not bool
	fds []int
}

// Has reports whether fd is in the set.
func (s *FdSet) Has(fd int) bool {
	return s != nil && slices.Contains(s.fds, fd) != s.not
}

// parseFds reads [!]all|none|FD[,FD]...
func parseFds(list string) (*FdSet, error) {
	negate := false
	rest := list
	for strings.HasPrefix(rest, "!") {
		negate = !negate
		rest = rest[1:]
	}
	s := &FdSet{}
	switch rest {
	case "none":
	case "all":
		s.not = true
	default:
		for item := range strings.SplitSeq(rest, ",") {
			if item == "" {
				continue
			}
			fd, err := strconv.ParseUint(item, 10, 31)
			if err != nil {
				return nil, fmt.Errorf("invalid descriptor '%s'", item)
			}
			s.fds = append(s.fds, int(fd))
		}
		if len(s.fds) == 0 {
			return nil, fmt.Errorf("invalid descriptor '%s'", list)
		}
	}
	s.not = s.not != negate
	return s, nil
}
