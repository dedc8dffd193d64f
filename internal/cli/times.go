package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/gotrace/gotrace/internal/printer"
)

// repeated is the value pflag gives a time option written without one
// (-t, -tt, -r, --timestamps): each occurrence counts.
const repeated = "+1"

var precisionNames = map[string]printer.Precision{
	"s": printer.PrecisionS, "ms": printer.PrecisionMS, "us": printer.PrecisionUS, "ns": printer.PrecisionNS,
}

func parsePrecision(s string) (printer.Precision, bool) {
	p, ok := precisionNames[s]
	return p, ok
}

// timestampsValue is -t, -tt, -ttt and --timestamps=[[format:]FORMAT]
// [,[precision:]PRECISION]: FORMAT none, time or unix; PRECISION s, ms,
// us or ns.
type timestampsValue struct {
	mode *int
	prec *printer.Precision
}

func (v timestampsValue) String() string { return "" }
func (v timestampsValue) Type() string   { return "format" }

func (v timestampsValue) Set(s string) error {
	if s == repeated {
		*v.mode = min(*v.mode+1, printer.EpochMicro)
		return nil
	}
	mode, prec := printer.TimeOfDay, printer.PrecisionDefault
	for item := range strings.SplitSeq(s, ",") {
		key, val, named := strings.Cut(item, ":")
		if !named {
			val = key
		}
		p, isPrec := parsePrecision(val)
		switch {
		case (!named || key == "precision") && isPrec:
			prec = p
		case (!named || key == "format") && val == "none":
			mode = printer.NoTimestamps
		case (!named || key == "format") && val == "time":
			mode = printer.TimeOfDay
		case (!named || key == "format") && val == "unix":
			mode = printer.EpochMicro
		default:
			return fmt.Errorf("invalid timestamp format or precision '%s'", item)
		}
	}
	if mode == printer.EpochMicro && prec == printer.PrecisionDefault {
		prec = printer.PrecisionS // strace's default for unix
	}
	*v.mode, *v.prec = mode, prec
	return nil
}

// precisionValue is -r and -T, with an optional =PRECISION.
type precisionValue struct {
	on   *bool
	prec *printer.Precision
}

func (v precisionValue) String() string { return "" }
func (v precisionValue) Type() string   { return "precision" }

func (v precisionValue) Set(s string) error {
	if s != repeated {
		p, ok := parsePrecision(s)
		if !ok {
			return fmt.Errorf("invalid precision '%s': s, ms, us or ns", s)
		}
		*v.prec = p
	}
	*v.on = true
	return nil
}

// timeFlags declares -t/--absolute-timestamps/--timestamps, -r and -T.
func (o *options) timeFlags(f *pflag.FlagSet) {
	abs := timestampsValue{&o.times, &o.absPrec}
	f.VarPF(abs, "absolute-timestamps", "t", "prefix lines with the time of day (-tt: with microseconds, -ttt: seconds since the epoch), or in `FORMAT`: [format:]none|time|unix[,[precision:]s|ms|us|ns]").NoOptDefVal = repeated
	f.VarPF(abs, "timestamps", "", "same as --absolute-timestamps=`FORMAT`").NoOptDefVal = repeated
	f.VarPF(precisionValue{&o.rel, &o.relPrec}, "relative-timestamps", "r", "prefix lines with the time since the previous line, to `PRECISION` (s, ms, us, ns)").NoOptDefVal = repeated
	f.VarPF(precisionValue{&o.durs, &o.durPrec}, "syscall-times", "T", "show the time spent in each syscall, to `PRECISION` (s, ms, us, ns)").NoOptDefVal = repeated
}
