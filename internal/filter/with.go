package filter

import "slices"

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
