package filter

import (
	"slices"

	"github.com/gotrace/gotrace/internal/syscalltbl"
)

// With returns a copy of s that also selects the syscalls nrs.
func (s *Set) With(nrs []int) *Set {
	w := &Set{sel: slices.Clone(s.sel)}
	for _, nr := range nrs {
		if nr >= 0 && nr < len(w.sel) {
			w.sel[nr] = true
		}
	}
	return w
}

// Keep returns a copy of s that selects only the syscalls keep accepts.
func (s *Set) Keep(keep func(nr int) bool) *Set {
	w := &Set{sel: slices.Clone(s.sel)}
	for nr := range w.sel {
		w.sel[nr] = w.sel[nr] && keep(nr)
	}
	return w
}

// SyscallSet reads a syscall list as -e trace= reads it ([!]NAME,%CLASS,
// /REGEX, numbers, all, none), for qualifiers that name syscalls too
// (-e inject=SET:...).
func SyscallSet(list string) (*Set, error) { return parseSyscalls(list) }

// Numbers returns the selected syscall numbers the table knows, in order.
func (s *Set) Numbers() []int {
	var nrs []int
	for nr, on := range s.sel {
		if on && syscalltbl.Lookup(nr) != nil {
			nrs = append(nrs, nr)
		}
	}
	return nrs
}
