package cli

import (
	"github.com/gotrace/gotrace/internal/fdpath"
	"github.com/gotrace/gotrace/internal/printer"
	"github.com/gotrace/gotrace/internal/tracer"
)

// fdsConfig sets up -y (level 1) and -yy (2): the kernel also sends the
// calls that change the descriptor table, which print only if selected.
func fdsConfig(cfg *tracer.Config, level int) printer.FdDescriber {
	r := fdpath.NewResolver(fdpath.Level(min(level, int(fdpath.Details))))
	if len(cfg.Command) > 0 {
		r.InheritStdio()
	}
	if !cfg.Summary && !cfg.SummaryOnly {
		shown := cfg.Selected
		cfg.Selected = shown.With(fdpath.TableCalls())
		cfg.Printer.Hide = func(nr int) bool { return !shown.Has(nr) }
	}
	return r
}
