package cli

import (
	"fmt"
	"os"

	"github.com/gotrace/gotrace/internal/perfetto"
	"github.com/gotrace/gotrace/internal/tracer"
)

// openPerfetto writes the timeline of the trace to the file path
// (--perfetto); the returned function ends it and closes the file.
func openPerfetto(cfg *tracer.Config, path string) (func() error, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("open perfetto file: %w", err)
	}
	pw := perfetto.New(f, cfg.Printer.Options)
	cfg.Observers = append(cfg.Observers, pw)
	return func() error {
		err := pw.Close()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		return nil
	}, nil
}
