package fdpath

import (
	"bytes"
	"encoding/binary"

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
		case syscalltbl.FD, syscalltbl.SockFD, syscalltbl.AcceptFD, syscalltbl.DirFD, syscalltbl.NewFD:
			if m.usesFd(c.Tid, int32(c.Args[i])) {
				return true
			}
		case syscalltbl.PollFds:
			// as strace, each descriptor of poll's and ppoll's array
			// read one by one: those before an unreadable page count
			cp := c.Capture(uint8(i), decoder.CapArrayIn)
			if cp == nil || cp.Fault() && !cp.Part() {
				continue
			}
			for d := cp.Data; len(d) >= pollfdSize; d = d[pollfdSize:] {
				if m.usesFd(c.Tid, int32(binary.LittleEndian.Uint32(d))) {
					return true
				}
			}
		case syscalltbl.FdSet:
			// and each of select's sets, below its nfds
			cp := c.Capture(uint8(i), decoder.CapFdsetIn)
			if cp == nil || cp.Fault() {
				continue
			}
			nfds := min(max(int(int32(c.Args[0])), 0), len(cp.Data)*8)
			for fd := range nfds {
				if cp.Data[fd/8]&(1<<(fd%8)) != 0 && m.usesFd(c.Tid, int32(fd)) {
					return true
				}
			}
		}
	}
	return false
}

// pollfdSize is the size of struct pollfd, whose descriptor comes first.
const pollfdSize = 8

// usesFd reports whether descriptor fd of task tid is in the set or
// refers to one of the paths.
func (m *Matcher) usesFd(tid uint32, fd int32) bool {
	if fd < 0 {
		return false
	}
	if m.fds != nil && m.fds(int(fd)) {
		return true
	}
	if len(m.paths) == 0 {
		return false
	}
	if t, ok := m.r.target(tid, fd); ok {
		for _, p := range m.paths {
			if t == string(p) {
				return true
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
		case syscalltbl.Path, syscalltbl.FD, syscalltbl.SockFD, syscalltbl.AcceptFD, syscalltbl.DirFD, syscalltbl.PollFds, syscalltbl.FdSet:
			return true
		}
	}
	return false
}
