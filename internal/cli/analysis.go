package cli

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/spf13/pflag"

	"github.com/gotrace/gotrace/internal/filter"
	"github.com/gotrace/gotrace/internal/tracer"
)

// analysisOptions are the options for long-running traces: latency
// histograms, tables every interval, per-process tables and the flight
// recorder.
type analysisOptions struct {
	histogram      setString // --histogram[=SYSCALLS]
	interval       setString // --summary-interval
	perProcess     bool      // --summary-per-process
	flightRecorder setString // --flight-recorder[=N]
}

// setString is a string option that knows whether it was given, even as
// an empty string.
type setString struct {
	s   string
	set bool
}

func (v *setString) String() string     { return v.s }
func (v *setString) Set(s string) error { v.s, v.set = s, true; return nil }
func (v *setString) Type() string       { return "string" }

// defaultFlightRecorder is how many calls per process --flight-recorder
// keeps when not told.
const defaultFlightRecorder = 32

// maxFlightRecorder bounds --flight-recorder=N: the kernel keeps each
// thread's last 256 records, in 32 KiB (bpf/flight.h).
const maxFlightRecorder = 100

func addAnalysisFlags(f *pflag.FlagSet, o *analysisOptions) {
	f.Var(&o.histogram, "histogram", "after the -c table, a latency histogram of each of `SYSCALLS` (all when not given; -e trace= syntax)")
	f.Lookup("histogram").NoOptDefVal = "all"
	f.Var(&o.interval, "summary-interval", "print the -c table every `DURATION` (10s, 500ms, 1m), counting the calls since the previous one; totals at the end")
	f.BoolVar(&o.perProcess, "summary-per-process", false, "count each process apart: one -c table per process (with -f or several -p)")
	f.Var(&o.flightRecorder, "flight-recorder", "print nothing while tracing; keep the last `N` calls of each process (1 to 100, default 32) in the kernel and print them when it dies of a signal or exits non-zero, on SIGUSR1 to gotrace, and at the end")
	f.Lookup("flight-recorder").NoOptDefVal = strconv.Itoa(defaultFlightRecorder)
}

// counts reports whether an option that needs the kernel's counts is given.
func (o *analysisOptions) counts() bool {
	return o.histogram.set || o.interval.set || o.perProcess
}

// parseInterval reads --summary-interval: a Go duration (10s, 1m30s,
// 500ms) or a number of seconds, above zero.
func parseInterval(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil {
		secs, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil || secs != secs {
			return 0, fmt.Errorf("invalid --summary-interval: '%s' (a duration such as 10s, 500ms or 1m)", s)
		}
		d = time.Duration(secs * float64(time.Second))
	}
	if d <= 0 {
		return 0, fmt.Errorf("invalid --summary-interval: '%s' (it must be above zero)", s)
	}
	return d, nil
}

// apply checks the options and sets them in cfg, after the rest of the
// command line: -c is implied by the counting options when neither -c nor
// -C is given.
func (o *analysisOptions) apply(cfg *tracer.Config) error {
	if o.flightRecorder.set {
		n, err := strconv.Atoi(o.flightRecorder.s)
		if err != nil || n < 1 || n > maxFlightRecorder {
			return fmt.Errorf("invalid --flight-recorder size: '%s' (from 1 to %d calls)", o.flightRecorder.s, maxFlightRecorder)
		}
		if cfg.Summary {
			return errors.New("--flight-recorder prints no trace while tracing: not with -C (-c is fine)")
		}
		cfg.FlightRecorder = n
	}
	if o.interval.set {
		d, err := parseInterval(o.interval.s)
		if err != nil {
			return err
		}
		cfg.SummaryInterval = d
	}
	if o.histogram.set {
		sel, err := filter.Parse([]string{"trace=" + o.histogram.s})
		if err != nil {
			return fmt.Errorf("--histogram: %w", err)
		}
		cfg.Printer.Histograms = sel.Syscalls.Has
	}
	cfg.SummaryPerProcess = o.perProcess
	if o.counts() && !cfg.Summary && !cfg.SummaryOnly {
		cfg.SummaryOnly = true
	}
	return nil
}
