package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/fdpath"
	"github.com/gotrace/gotrace/internal/filter"
	"github.com/gotrace/gotrace/internal/tracer"
)

// fdsConfig sets up -y, -yy and --decode-fds (o.fds, an fdpath.Level), -P and --trace-fds (with
// showResolved, saying which -P paths are symbolic links to which): the
// kernel also sends the calls that change the descriptor table, which
// print only if selected.
func (o *options) fdsConfig(cfg *tracer.Config, notices io.Writer, showResolved bool) error {
	r := fdpath.NewResolver(fdpath.Level(o.fds), cfg.Printer.Quote)
	if len(cfg.Command) > 0 {
		r.Inherit()
	}
	cfg.Printer.Fds = r
	filtering := len(o.paths) > 0 || o.fdSet != ""
	if filtering {
		// a call with no path or descriptor argument can never show:
		// the kernel need not send it
		cfg.Selected = cfg.Selected.Keep(fdpath.UsesPathOrFd)
	}
	if !cfg.Summary && !cfg.SummaryOnly {
		shown := cfg.Selected
		cfg.Selected = shown.With(fdpath.TableCalls())
		cfg.Printer.Hide = func(nr int) bool { return !shown.Has(nr) }
	}
	if !filtering {
		return nil
	}
	var paths []string
	for _, p := range o.paths {
		paths = append(paths, p)
		if real, err := filepath.EvalSymlinks(p); err == nil {
			if abs, err := filepath.Abs(real); err == nil && abs != p {
				// as strace, which then matches both
				if showResolved {
					fmt.Fprintf(notices, "%s: Requested path %q resolved into %q\n", o.name, p, abs)
				}
				paths = append(paths, abs)
			}
		}
	}
	var fds func(int) bool
	if o.fdSet != "" {
		set, err := parseFdSet(o.fdSet)
		if err != nil {
			return err
		}
		fds = set
	}
	m := fdpath.NewMatcher(r, paths, fds)
	cfg.Printer.ShowCall = func(c *decoder.Call) bool { return m.Show(c) }
	if cfg.Printer.ShowStatus == nil {
		cfg.Printer.ShowStatus = func(filter.Status) bool { return true }
	}
	return nil
}

// parseFdSet reads --trace-fds: [!]FD[,FD]..., all or none.
func parseFdSet(s string) (func(int) bool, error) {
	negate := false
	list := s
	for strings.HasPrefix(list, "!") {
		negate, list = !negate, list[1:]
	}
	want := map[int]bool{}
	all := false
	for _, f := range strings.Split(list, ",") {
		switch f {
		case "all":
			all = true
		case "none":
		default:
			fd, err := strconv.Atoi(f)
			if err != nil || fd < 0 {
				return nil, fmt.Errorf("invalid --trace-fds: '%s': '%s' is not a descriptor", s, f)
			}
			want[fd] = true
		}
	}
	return func(fd int) bool { return (all || want[fd]) != negate }, nil
}

// decodeFdsValue is -y (counted; -yy), and --decode-fds[=SET], which is
// -e decode-fds=SET.
type decodeFdsValue struct{ o *options }

func (v decodeFdsValue) String() string { return "" }
func (v decodeFdsValue) Type() string   { return "set" }
func (v decodeFdsValue) Set(s string) error {
	return exprValue{v.o, "decode-fds"}.Set(s)
}
func (v decodeFdsValue) SetSpelled(spelled, s string) error {
	if spelled == "-y" {
		v.o.strace.yShort++
		return nil
	}
	return v.Set(s)
}

// decodeFdsLevel reads a decode-fds SET, the fdpath.Level of what it
// names: path (-y's paths), socket, dev, pidfd, all (-yy), none.
func decodeFdsLevel(list string) (int, error) {
	sel, err := filterNames(list, "decode-fds", "path", "socket", "dev", "pidfd")
	if err != nil {
		return 0, err
	}
	level := fdpath.Track
	for name, l := range map[string]fdpath.Level{"path": fdpath.Paths, "socket": fdpath.Sockets, "dev": fdpath.Devices, "pidfd": fdpath.Pidfds} {
		if sel[name] {
			level |= l
		}
	}
	return int(level), nil
}
