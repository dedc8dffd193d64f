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
