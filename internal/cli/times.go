package cli

import (
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

// timestampsValue is -t (counted: -tt, -ttt) and
// --timestamps[=[[format:]FORMAT][,[precision:]PRECISION]...]: FORMAT none,
// time or unix; PRECISION s, ms, us or ns. As in strace, each
// --timestamps changes only what it names.
type timestampsValue struct{ o *options }

func (v timestampsValue) String() string { return "" }
func (v timestampsValue) Type() string   { return "format" }

func (v timestampsValue) Set(s string) error { return v.SetSpelled("--timestamps", s) }

func (v timestampsValue) SetSpelled(spelled, s string) error {
	o := v.o
	if spelled == "-t" {
		o.strace.timesShort++
		return nil
	}
	o.strace.timesLong = true
	format, prec := -1, printer.PrecisionDefault
	for item := range strings.SplitSeq(s, ",") {
		if item == "" {
			continue
		}
		val := strings.ToLower(item)
		onlyFormat, onlyPrec := false, false
		if v, ok := strings.CutPrefix(val, "format:"); ok {
			val, onlyFormat = v, true
		} else if v, ok := strings.CutPrefix(val, "precision:"); ok {
			val, onlyPrec = v, true
		}
		if f, ok := formatNames[val]; ok && !onlyPrec {
			format = f
			continue
		}
		p, ok := parsePrecision(val)
		if !ok || onlyFormat {
			return errBadArg
		}
		prec = p
	}
	switch {
	case format >= 0:
		o.tsFormat = format
	case o.tsFormat < 0:
		o.tsFormat = printer.TimeOfDay
	}
	if prec != printer.PrecisionDefault {
		o.absPrec = prec
	}
	o.times = o.tsFormat
	if o.times == printer.EpochMicro && o.absPrec == printer.PrecisionDefault {
		o.absPrec = printer.PrecisionS // strace's default precision
	}
	return nil
}

var formatNames = map[string]int{"none": printer.NoTimestamps, "time": printer.TimeOfDay, "unix": printer.EpochMicro}

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
			return errBadArg
		}
		*v.prec = p
	}
	*v.on = true
	return nil
}

// timeFlags declares -t/--absolute-timestamps/--timestamps, -r and -T.
func (o *options) timeFlags(f *pflag.FlagSet) {
	abs := timestampsValue{o}
	f.VarPF(abs, "absolute-timestamps", "t", "prefix lines with the time of day (-tt: with microseconds, -ttt: seconds since the epoch), or in `FORMAT`: [format:]none|time|unix[,[precision:]s|ms|us|ns]").NoOptDefVal = "format:time"
	f.VarPF(abs, "timestamps", "", "same as --absolute-timestamps=`FORMAT`").NoOptDefVal = "format:time"
	f.VarPF(precisionValue{&o.rel, &o.relPrec}, "relative-timestamps", "r", "prefix lines with the time since the previous line, to `PRECISION` (s, ms, us, ns)").NoOptDefVal = repeated
	f.VarPF(precisionValue{&o.durs, &o.durPrec}, "syscall-times", "T", "show the time spent in each syscall, to `PRECISION` (s, ms, us, ns)").NoOptDefVal = repeated
}
