// Package filter parses strace's -e expressions into the set of syscalls to
// trace.
package filter

import (
	"fmt"
	"strings"

	"github.com/gotrace/gotrace/internal/syscalltbl"
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

// Parse applies -e expressions to the default of tracing every syscall; as
// in strace, each trace= expression replaces the selection before it. An expression is [qualifier=][!]value[,value...]; without a
// qualifier it is trace=. Values are syscall names, "all" and "none".
func Parse(exprs []string) (*Set, error) {
	s := All()
	for _, e := range exprs {
		if err := s.apply(e); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (s *Set) apply(expr string) error {
	qual, list := "trace", expr
	if i := strings.IndexByte(expr, '='); i >= 0 {
		qual, list = expr[:i], expr[i+1:]
	}
	switch qual {
	case "trace", "t":
	default:
		return fmt.Errorf("invalid -e qualifier %q: only trace= is supported", qual)
	}
	// each leading ! inverts the rest, as in strace
	negate := false
	for strings.HasPrefix(list, "!") {
		negate = !negate
		list = list[1:]
	}
	if list == "" {
		return fmt.Errorf("invalid -e expression %q: empty syscall list", expr)
	}
	want := make([]bool, len(s.sel))
	for _, name := range strings.Split(list, ",") {
		switch name {
		case "all":
			for i := range want {
				want[i] = true
			}
		case "none":
		case "":
			return fmt.Errorf("invalid -e expression %q: empty syscall name", expr)
		default:
			sc := syscalltbl.ByName(name)
			if sc == nil {
				if near := closest(name); near != "" {
					return fmt.Errorf("invalid system call '%s' (did you mean '%s'?)", name, near)
				}
				return fmt.Errorf("invalid system call '%s'", name)
			}
			want[sc.Nr] = true
		}
	}
	for i := range s.sel {
		s.sel[i] = want[i] != negate
	}
	return nil
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
