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

// fdsConfig sets up -y (o.fds 1) and -yy (2), -P and --trace-fds: the
// kernel also sends the calls that change the descriptor table, which
// print only if selected.
func (o *options) fdsConfig(cfg *tracer.Config, notices io.Writer) error {
	r := fdpath.NewResolver(fdpath.Level(min(o.fds, int(fdpath.Details))), cfg.Printer.Quote)
	if len(cfg.Command) > 0 {
		r.InheritStdio()
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
				fmt.Fprintf(notices, "gotrace: Requested path %q resolved into %q\n", p, abs)
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

// decodeFdsValue is -y, -yy and --decode-fds=SET: path gives -y's paths;
// socket, dev, pidfd or all also -yy's details; none turns it off.
type decodeFdsValue struct{ level *int }

func (v decodeFdsValue) String() string { return "" }
func (v decodeFdsValue) Type() string   { return "set" }

func (v decodeFdsValue) Set(s string) error {
	if s == repeated {
		*v.level = min(*v.level+1, int(fdpath.Details))
		return nil
	}
	level := 0
	for item := range strings.SplitSeq(s, ",") {
		switch item {
		case "none":
		case "path":
			level = max(level, int(fdpath.Paths))
		case "socket", "dev", "pidfd", "all":
			level = int(fdpath.Details)
		default:
			return fmt.Errorf("invalid decode-fds '%s': path, socket, dev, pidfd, all or none", item)
		}
	}
	*v.level = level
	return nil
}

// takeDecodeFds applies the -e decode-fds=SET expressions (strace's
// spelling of --decode-fds) and returns the others.
func (o *options) takeDecodeFds(exprs []string) ([]string, error) {
	var rest []string
	for _, e := range exprs {
		set, ok := strings.CutPrefix(e, "decode-fds=")
		if !ok {
			rest = append(rest, e)
			continue
		}
		if err := (decodeFdsValue{&o.fds}).Set(set); err != nil {
			return nil, err
		}
	}
	return rest, nil
}
