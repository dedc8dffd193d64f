package cli

import (
	"github.com/spf13/pflag"

	"github.com/gotrace/gotrace/internal/explain"
	"github.com/gotrace/gotrace/internal/tracer"
)

// extraOptions are the options that add to the trace: notes in plain
// language (--explain), pids as gotrace's namespace sees them
// (--pidns-translation), a timeline (--perfetto).
type extraOptions struct {
	explain  bool
	perfetto string
	pidns    bool
}

func addExtraFlags(f *pflag.FlagSet, o *extraOptions) {
	f.BoolVar(&o.explain, "explain", false, "after each process, thread, namespace and exec related syscall, say in plain language what it did")
	f.BoolVar(&o.pidns, "pidns-translation", false, "print the pids of tracees in child pid namespaces as gotrace's namespace sees them too")
	f.StringVar(&o.perfetto, "perfetto", "", "also write the trace as a timeline to `FILE` (Chrome trace-event JSON, for ui.perfetto.dev)")
}

// apply hooks the options into cfg; the returned function ends the
// timeline and closes its file.
func (o *extraOptions) apply(cfg *tracer.Config) (func() error, error) {
	if o.explain {
		cfg.Printer.Explain = explain.Append
	}
	if o.pidns {
		translatePids(cfg)
	}
	if o.perfetto == "" {
		return func() error { return nil }, nil
	}
	return openPerfetto(cfg, o.perfetto)
}
