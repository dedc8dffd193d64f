// Package filter parses strace's -e expressions into the set of syscalls to
// trace.
package filter

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

// Set holds which syscall numbers are selected.
type Set struct {
	sel []bool
}

// All returns a set with every syscall selected.
func All() *Set {
	s := &Set{sel: make([]bool, syscalltbl.Max())}
	for i := range s.sel {
		s.sel[i] = true
	}
	return s
}

// Has reports whether syscall nr is selected. Numbers the syscall table
// does not know always are: strace traces them whatever -e says.
func (s *Set) Has(nr int) bool {
	if syscalltbl.Lookup(nr) == nil {
		return true
	}
	return s.sel[nr]
}

// Selection is what the -e expressions select.
type Selection struct {
	Syscalls *Set
	Signals  *SignalSet
	// Statuses are the syscall outcomes whose lines print (-e status=,
	// -z, -Z); all of them unless an expression says otherwise.
	Statuses [numStatuses]bool
}

// Status is how a syscall ended, for -e status=.
type Status int

// Syscall outcomes, named as strace names them.
const (
	Successful  Status = iota // returned without an error
	Failed                    // returned an error
	Unfinished                // never returned: the task exited in it
	Unavailable               // its return could not be read (never with eBPF)
	Detached                  // in progress when gotrace detached
	numStatuses
)

var statusNames = [numStatuses]string{"successful", "failed", "unfinished", "unavailable", "detached"}

// AllStatuses reports whether every outcome prints.
func (sel *Selection) AllStatuses() bool { return !slices.Contains(sel.Statuses[:], false) }

func statusNumber(name string) (int, error) {
	if i := slices.Index(statusNames[:], name); i >= 0 {
		return i, nil
	}
	return 0, fmt.Errorf("invalid status '%s'", name)
}

// SignalSet holds which signals print (-e signal=).
type SignalSet struct {
	sel [maxSignal + 1]bool
}

const maxSignal = 64

// Has reports whether signal sig is selected.
func (s *SignalSet) Has(sig int) bool { return sig >= 0 && sig <= maxSignal && s.sel[sig] }

// Parse applies -e expressions to the default of tracing every syscall and
// showing every signal; as in strace, each expression replaces the
// selection of its qualifier made before it.
func Parse(exprs []string) (Selection, error) {
	sel := Selection{Syscalls: All(), Signals: &SignalSet{}}
	for i := range sel.Signals.sel {
		sel.Signals.sel[i] = true
	}
	for i := range sel.Statuses {
		sel.Statuses[i] = true
	}
	for _, expr := range exprs {
		qual, list := "trace", expr
		if i := strings.IndexByte(expr, '='); i >= 0 {
			qual, list = expr[:i], expr[i+1:]
		}
		switch qual {
		case "trace", "t":
			want, err := parseList(expr, list, len(sel.Syscalls.sel), markSyscalls)
			if err != nil {
				return Selection{}, err
			}
			sel.Syscalls.sel = want
		case "signal", "signals", "s":
			want, err := parseList(expr, list, maxSignal+1, markOne(signalNumber))
			if err != nil {
				return Selection{}, err
			}
			copy(sel.Signals.sel[:], want)
		case "status":
			want, err := parseList(expr, list, int(numStatuses), markOne(statusNumber))
			if err != nil {
				return Selection{}, err
			}
			copy(sel.Statuses[:], want)
		default:
			return Selection{}, fmt.Errorf("invalid -e qualifier %q: trace=, signal= and status= are supported", qual)
		}
	}
	return sel, nil
}

// parseList reads [!]...[!]name[,name]... (or all, none) into a selection of
// n numbers, each name marking what it selects with mark; each leading !
// inverts the rest, as in strace.
func parseList(expr, list string, n int, mark func(name string, want []bool) error) ([]bool, error) {
	negate := false
	for strings.HasPrefix(list, "!") {
		negate = !negate
		list = list[1:]
	}
	if list == "" {
		return nil, fmt.Errorf("invalid -e expression %q: empty list", expr)
	}
	want := make([]bool, n)
	for _, name := range strings.Split(list, ",") {
		switch name {
		case "all":
			for i := range want {
				want[i] = true
			}
		case "none":
		case "":
			return nil, fmt.Errorf("invalid -e expression %q: empty name", expr)
		default:
			if err := mark(name, want); err != nil {
				return nil, err
			}
		}
	}
	for i := range want {
		want[i] = want[i] != negate
	}
	return want, nil
}

// markOne marks the one number that number gives for a name.
func markOne(number func(string) (int, error)) func(string, []bool) error {
	return func(name string, want []bool) error {
		nr, err := number(name)
		if err != nil {
			return err
		}
		want[nr] = true
		return nil
	}
}

func syscallNumber(name string) (int, error) {
	sc := syscalltbl.ByName(name)
	if sc == nil {
		if near := closest(name); near != "" {
			return 0, fmt.Errorf("invalid system call '%s' (did you mean '%s'?)", name, near)
		}
		return 0, fmt.Errorf("invalid system call '%s'", name)
	}
	return sc.Nr, nil
}

// signalNumber reads a signal as strace does: SIGUSR1, USR1 (any case) or 10.
func signalNumber(name string) (int, error) {
	if n, err := strconv.Atoi(name); err == nil && n >= 0 && n <= maxSignal {
		return n, nil
	}
	upper := strings.ToUpper(name)
	for sig := 1; sig <= maxSignal; sig++ {
		full := xlat.SignalName(sig)
		if upper == full || "SIG"+upper == full {
			return sig, nil
		}
	}
	return 0, fmt.Errorf("invalid signal '%s'", name)
}

// closest returns the syscall name nearest to name by edit distance, if it
// is near enough to be a typo.
func closest(name string) string {
	best, bestDist := "", len(name)/3+1
	for _, sc := range syscalltbl.All() {
		if d := distance(name, sc.Name); d < bestDist {
			best, bestDist = sc.Name, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
