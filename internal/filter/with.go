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
