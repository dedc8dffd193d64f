package format

import (
	"math"
	"strconv"
	"time"

	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

func init() {
	structKinds[syscalltbl.Utimbuf] = structKind{(*Formatter).appendUtimbuf, nil}
	structKinds[syscalltbl.Utimevals] = structKind{(*Formatter).appendUtimevals, nil}
	structKinds[syscalltbl.Utimespecs] = structKind{(*Formatter).appendUtimespecs, nil}
}

// appendSprinttime appends, as a comment, the local time of sec and part
// (a fraction of max+1 in width digits) as strace's sprinttime_ex: nothing
// for the epoch, a fraction out of range, or a year C's struct tm cannot
// hold.
func appendSprinttime(b []byte, sec int64, part, max uint64, width int) []byte {
	if sec == 0 && part == 0 || part > max {
		return b
	}
	t := time.Unix(sec, 0)
	if y := int64(t.Year()) - 1900; y < math.MinInt32 || y > math.MaxInt32 {
		return b
	}
	b = t.AppendFormat(append(b, " /* "...), "2006-01-02T15:04:05")
	if part > 0 {
		b = append(b, '.')
		digits := strconv.AppendUint(nil, part, 10)
		for i := len(digits); i < width; i++ {
			b = append(b, '0')
		}
		b = append(b, digits...)
	}
	return append(t.AppendFormat(b, "-0700"), " */"...)
}

// appendUtimbuf prints utime's struct utimbuf: {actime=N /* time */,
// modtime=N /* time */}.
func (f *Formatter) appendUtimbuf(b, d []byte) []byte {
	actime, modtime := int64(le64(d)), int64(le64(d[8:]))
	b = strconv.AppendInt(append(b, "{actime="...), actime, 10)
	b = appendSprinttime(b, actime, 0, 0, 0)
	b = strconv.AppendInt(append(b, ", modtime="...), modtime, 10)
	b = appendSprinttime(b, modtime, 0, 0, 0)
	return append(b, '}')
}

// appendUtimevals prints the two struct timeval of utimes and futimesat,
// each with its time.
func (f *Formatter) appendUtimevals(b, d []byte) []byte {
	b = append(b, '[')
	for i := 0; i < 2; i++ {
		if i > 0 {
			b = append(b, ", "...)
		}
		e := d[16*i:]
		b = appendTimeval(b, e)
		b = appendSprinttime(b, int64(le64(e)), le64(e[8:]), 999999, 6)
	}
	return append(b, ']')
}

// appendUtimespecs prints the two timespecs of utimensat as strace's
// print_timespec_t_utime: UTIME_NOW and UTIME_OMIT by name, other times
// with their date.
func (f *Formatter) appendUtimespecs(b, d []byte) []byte {
	const utimeNow, utimeOmit = 1<<30 - 1, 1<<30 - 2
	b = append(b, '[')
	for i := 0; i < 2; i++ {
		if i > 0 {
			b = append(b, ", "...)
		}
		e := d[16*i:]
		switch nsec := le64(e[8:]); nsec {
		case utimeNow, utimeOmit:
			name := "UTIME_NOW"
			if nsec == utimeOmit {
				name = "UTIME_OMIT"
			}
			b = xlat.AppendNamed(b, name, func(b []byte) []byte { return f.appendTimespec(b, e) }, f.opt.Xlat)
		default:
			b = f.appendTimespec(b, e)
			b = appendSprinttime(b, int64(le64(e)), nsec, 999999999, 9)
		}
	}
	return append(b, ']')
}
