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
	// Abbrev, Verbose and Raw are the syscalls -e abbrev=, verbose= and
	// raw= select; nil where the expression was not given.
	Abbrev, Verbose, Raw *Set
	// Read and Write are the descriptors whose data -e read= and write=
	// dump; nil where not given.
	Read, Write *FdSet
	// Quiet is what -e quiet= silences; nil where not given.
	Quiet *QuietSet
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
// selection of its qualifier made before it. An expression without a
// known qualifier is a trace= list.
func Parse(exprs []string) (Selection, error) {
	sel := Selection{Syscalls: All(), Signals: &SignalSet{}}
	for i := range sel.Signals.sel {
		sel.Signals.sel[i] = true
	}
	for i := range sel.Statuses {
		sel.Statuses[i] = true
	}
	for _, expr := range exprs {
		qual, list := Qualifier(expr)
		var err error
		switch qual {
		case "trace":
			sel.Syscalls, err = parseSyscalls(list)
		case "abbrev":
			sel.Abbrev, err = parseSyscalls(list)
		case "verbose":
			sel.Verbose, err = parseSyscalls(list)
		case "raw":
			sel.Raw, err = parseSyscalls(list)
		case "signal":
			var want []bool
			if want, err = parseList(list, maxSignal+1, "signal", markOne(signalNumber)); err == nil {
				copy(sel.Signals.sel[:], want)
			}
		case "status":
			var want []bool
			if want, err = parseList(list, int(numStatuses), "status", markOne(statusNumber)); err == nil {
				copy(sel.Statuses[:], want)
			}
		case "quiet":
			var want []bool
			if want, err = parseList(list, int(numQuiet), "quiet", markQuiet); err == nil {
				sel.Quiet = &QuietSet{}
				copy(sel.Quiet.sel[:], want)
			}
		case "read":
			sel.Read, err = parseFds(list)
		case "write":
			sel.Write, err = parseFds(list)
		default:
			return Selection{}, fmt.Errorf("invalid -e qualifier %q", qual)
		}
		if err != nil {
			return Selection{}, err
		}
	}
	return sel, nil
}

// parseList reads strace's [!]...[!]all|none|ITEM[,ITEM]... into a
// selection of n numbers, each item marking what it selects with mark;
// each leading ! inverts the rest, empty items are skipped, and a list of
// none is invalid, as in strace. what names an item in errors.
func parseList(list string, n int, what string, mark func(item string, want []bool) error) ([]bool, error) {
	negate := false
	rest := list
	for strings.HasPrefix(rest, "!") {
		negate = !negate
		rest = rest[1:]
	}
	want := make([]bool, n)
	switch rest {
	case "none":
	case "all":
		for i := range want {
			want[i] = true
		}
	default:
		some := false
		for item := range strings.SplitSeq(rest, ",") {
			if item == "" {
				continue
			}
			some = true
			if err := mark(item, want); err != nil {
				return nil, err
			}
		}
		if !some {
			return nil, fmt.Errorf("invalid %s '%s'", what, list)
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

// closest returns the syscall or class name nearest to name by edit
// distance, if it is near enough to be a typo.
func closest(name string) string {
	best, bestDist := "", len(name)/3+1
	try := func(candidate string) {
		if d := distance(name, candidate); d < bestDist {
			best, bestDist = candidate, d
		}
	}
	for _, sc := range syscalltbl.All() {
		try(sc.Name)
	}
	for class := range classNames {
		if strings.HasPrefix(class, "%") {
			try(class)
		}
	}
	return best
}

// distance is the edit distance between a and b, counting the swap of two
// neighbouring letters (%fiel for %file) as one edit.
func distance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
