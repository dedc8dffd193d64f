package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

func init() {
	structKinds[syscalltbl.TmsOut] = structKind{(*Formatter).appendTms, nil}
	structKinds[syscalltbl.TimevalIn] = structKind{(*Formatter).appendTimevalData, nil}
	structKinds[syscalltbl.TimevalOut] = structKind{(*Formatter).appendTimevalData, nil}
	structKinds[syscalltbl.TimezoneIn] = structKind{(*Formatter).appendTimezone, nil}
	structKinds[syscalltbl.TimezoneOut] = structKind{(*Formatter).appendTimezone, nil}
	structKinds[syscalltbl.ItimervalIn] = structKind{(*Formatter).appendItimerval, nil}
	structKinds[syscalltbl.ItimervalOut] = structKind{(*Formatter).appendItimerval, nil}
	structKinds[syscalltbl.SigeventIn] = structKind{(*Formatter).appendSigevent, nil}
}

// clkTck is the clock ticks of a second that times(2) counts in (USER_HZ,
// sysconf(_SC_CLK_TCK)), 100 on x86_64.
const clkTck = 100

// appendTms prints a struct tms as strace does: each time in clock ticks,
// and in seconds in a comment but in -X raw.
func (f *Formatter) appendTms(b, d []byte) []byte {
	for i, name := range [...]string{"{tms_utime=", ", tms_stime=", ", tms_cutime=", ", tms_cstime="} {
		b = append(b, name...)
		b = f.appendClockT(b, le64(d[8*i:]))
	}
	return append(b, '}')
}

// appendClockT prints clock ticks as strace's print_clock_t: 35 /* 0.35 s */.
func (f *Formatter) appendClockT(b []byte, v uint64) []byte {
	b = strconv.AppendUint(b, v, 10)
	if f.opt.Xlat == xlat.Raw || v == 0 {
		return b
	}
	b = append(b, " /* "...)
	b = strconv.AppendUint(b, v/clkTck, 10)
	b = append(b, '.')
	if frac := v % clkTck; frac < 10 {
		b = append(b, '0')
	}
	b = strconv.AppendUint(b, v%clkTck, 10)
	return append(b, " s */"...)
}

func (f *Formatter) appendTimevalData(b, d []byte) []byte { return appendTimeval(b, d) }

// appendTimezone prints a struct timezone: {tz_minuteswest=0, tz_dsttime=0}.
func (f *Formatter) appendTimezone(b, d []byte) []byte {
	b = append(b, "{tz_minuteswest="...)
	b = strconv.AppendInt(b, int64(int32(le32(d))), 10)
	b = append(b, ", tz_dsttime="...)
	b = strconv.AppendInt(b, int64(int32(le32(d[4:]))), 10)
	return append(b, '}')
}

// appendItimerval prints {it_interval={tv_sec=0, tv_usec=0}, it_value={...}}.
func (f *Formatter) appendItimerval(b, d []byte) []byte {
	b = append(b, "{it_interval="...)
	b = appendTimeval(b, d)
	b = append(b, ", it_value="...)
	b = appendTimeval(b, d[timevalSize:])
	return append(b, '}')
}

// struct sigevent on x86_64: the value, the signal, the notification
// method, then a thread id or a function and its attributes.
const (
	sigeventSize  = 64
	sigevSignal   = 0
	sigevThread   = 2
	sigevThreadID = 4
)

var sigevNotify = xlat.ByName("sigev_value")

// appendSigevent prints a struct sigevent as strace's print_sigevent.
func (f *Formatter) appendSigevent(b, d []byte) []byte {
	b = append(b, '{')
	if ptr := le64(d); ptr != 0 {
		b = append(b, "sigev_value={sival_int="...)
		b = strconv.AppendInt(b, int64(int32(le32(d))), 10)
		b = append(b, ", sival_ptr="...)
		b = appendAddr(b, ptr)
		b = append(b, "}, "...)
	}
	signo, notify := le32(d[8:]), le32(d[12:])
	b = append(b, "sigev_signo="...)
	switch notify {
	case sigevSignal, sigevThread, sigevThreadID:
		b = xlat.AppendSignal(b, int(int32(signo)), f.opt.Xlat)
	default:
		b = strconv.AppendUint(b, uint64(signo), 10)
	}
	b = append(b, ", sigev_notify="...)
	b = sigevNotify.AppendValue(b, uint64(notify), f.opt.Xlat)
	switch notify {
	case sigevThreadID:
		b = append(b, ", sigev_notify_thread_id="...)
		b = strconv.AppendInt(b, int64(int32(le32(d[16:]))), 10)
	case sigevThread:
		b = append(b, ", sigev_notify_function="...)
		b = appendAddr(b, le64(d[16:]))
		b = append(b, ", sigev_notify_attributes="...)
		b = appendAddr(b, le64(d[24:]))
	}
	return append(b, '}')
}
