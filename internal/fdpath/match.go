package fdpath

import (
	"bytes"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
)

// Matcher selects the calls that use given paths (-P) or descriptors
// (--trace-fds): a path argument equal to one of the paths, or a
// descriptor argument that refers to one or is in the set.
type Matcher struct {
	r     *Resolver
	paths [][]byte
	fds   func(fd int) bool
}

// NewMatcher returns a Matcher of the calls using paths or fds (either may
// be empty or nil), following descriptors with r.
func NewMatcher(r *Resolver, paths []string, fds func(fd int) bool) *Matcher {
	m := &Matcher{r: r, fds: fds}
	for _, p := range paths {
		m.paths = append(m.paths, []byte(p))
	}
	return m
}

// Show reports whether c uses one of the paths or descriptors.
func (m *Matcher) Show(c *decoder.Call) bool {
	sc := c.Syscall()
	if sc == nil || !c.Entered {
		return false
	}
	for i, a := range sc.Args {
		switch a.Kind {
		case syscalltbl.Path:
			cp := c.Capture(uint8(i), decoder.CapPath)
			if cp == nil || cp.Fault() || cp.More() {
				continue
			}
			path, _, _ := bytes.Cut(cp.Data, []byte{0})
			for _, p := range m.paths {
				if bytes.Equal(path, p) {
					return true
				}
			}
		case syscalltbl.FD, syscalltbl.DirFD:
			fd := int32(c.Args[i])
			if fd < 0 {
				continue
			}
			if m.fds != nil && m.fds(int(fd)) {
				return true
			}
			if len(m.paths) == 0 {
				continue
			}
			if t, ok := m.r.target(c.Tid, fd); ok {
				for _, p := range m.paths {
					if t == string(p) {
						return true
					}
				}
			}
		}
	}
	return false
}

// UsesPathOrFd reports whether syscall nr has an argument that -P or
// --trace-fds can match.
func UsesPathOrFd(nr int) bool {
	sc := syscalltbl.Lookup(nr)
	if sc == nil {
		return false
	}
	for _, a := range sc.Args {
		switch a.Kind {
		case syscalltbl.Path, syscalltbl.FD, syscalltbl.DirFD:
			return true
		}
	}
	return false
}
