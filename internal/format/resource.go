package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

var (
	adjtimexModes  = xlat.ByName("adjtimex_modes")
	adjtimexStatus = xlat.ByName("adjtimex_status")
)

func init() {
	structKinds[syscalltbl.TimexOut] = structKind{(*Formatter).appendTimex, nil}
	structKinds[syscalltbl.RusageOut] = structKind{(*Formatter).appendRusage, (*Formatter).appendRusageVerbose}
}

// field is one member of a struct printed as strace's PRINT_FIELD_D or
// PRINT_FIELD_U: its name, offset and whether it is a signed 64-bit long
// (else an unsigned one, or a 32-bit int when int32).
type field struct {
	name   string
	off    int
	signed bool
	int32  bool
}

// appendFields prints ", name=value" for each field of d.
func appendFields(b, d []byte, fields []field) []byte {
	for _, f := range fields {
		b = append(b, ", "...)
		b = append(b, f.name...)
		b = append(b, '=')
		switch {
		case f.int32:
			b = strconv.AppendInt(b, int64(int32(le32(d[f.off:]))), 10)
		case f.signed:
			b = strconv.AppendInt(b, int64(le64(d[f.off:])), 10)
		default:
			b = strconv.AppendUint(b, le64(d[f.off:]), 10)
		}
	}
	return b
}

// struct timex's fields after status and after time, as strace's
// print_timex prints them.
var (
	timexMid  = []field{{"constant", 48, true, false}, {"precision", 56, true, false}, {"tolerance", 64, true, false}}
	timexTail = []field{
		{"tick", 88, true, false}, {"ppsfreq", 96, true, false}, {"jitter", 104, true, false},
		{"shift", 112, true, true}, {"stabil", 120, true, false}, {"jitcnt", 128, true, false},
		{"calcnt", 136, true, false}, {"errcnt", 144, true, false}, {"stbcnt", 152, true, false},
		{"tai", 160, true, true},
	}
	timexHead = []field{{"offset", 8, true, false}, {"freq", 16, true, false}, {"maxerror", 24, true, false}, {"esterror", 32, true, false}}
)

// appendTimex prints a struct timex as strace's print_timex.
func (f *Formatter) appendTimex(b, d []byte) []byte {
	b = append(b, "{modes="...)
	b = adjtimexModes.AppendFlags(b, uint64(le32(d)), f.opt.Xlat)
	b = appendFields(b, d, timexHead)
	b = append(b, ", status="...)
	b = adjtimexStatus.AppendFlags(b, uint64(le32(d[40:])), f.opt.Xlat)
	b = appendFields(b, d, timexMid)
	b = append(b, ", time="...)
	b = appendTimeval(b, d[72:])
	b = appendFields(b, d, timexTail)
	return append(b, '}')
}

// struct rusage's counters, after the two times.
var rusageCounters = []field{
	{name: "ru_maxrss", off: 32}, {name: "ru_ixrss", off: 40}, {name: "ru_idrss", off: 48},
	{name: "ru_isrss", off: 56}, {name: "ru_minflt", off: 64}, {name: "ru_majflt", off: 72},
	{name: "ru_nswap", off: 80}, {name: "ru_inblock", off: 88}, {name: "ru_oublock", off: 96},
	{name: "ru_msgsnd", off: 104}, {name: "ru_msgrcv", off: 112}, {name: "ru_nsignals", off: 120},
	{name: "ru_nvcsw", off: 128}, {name: "ru_nivcsw", off: 136},
}

func appendRusageTimes(b, d []byte) []byte {
	b = append(b, "{ru_utime="...)
	b = appendTimeval(b, d)
	b = append(b, ", ru_stime="...)
	return appendTimeval(b, d[16:])
}

// appendRusage prints a struct rusage as strace abbreviates it: the times.
func (f *Formatter) appendRusage(b, d []byte) []byte {
	return append(appendRusageTimes(b, d), ", ...}"...)
}

// appendRusageVerbose prints a struct rusage whole (-v).
func (f *Formatter) appendRusageVerbose(b, d []byte) []byte {
	return append(appendFields(appendRusageTimes(b, d), d, rusageCounters), '}')
}
