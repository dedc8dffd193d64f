package format

import (
	"bytes"
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/xlat"
)

// The PTP clock requests (type '='), as strace 6.1's ptp.c decodes them;
// each request and its "2" twin (PTP_CLOCK_GETCAPS2 ...) print alike, but
// for the reserved words only the twins show.
func init() {
	ioctlFamilies['='] = true
	for name, h := range map[string]ioctlHandler{
		"PTP_CLOCK_GETCAPS":        ioctlStructOut(ptpCapsSize, (*Formatter).appendPtpCaps),
		"PTP_CLOCK_GETCAPS2":       ioctlStructOut(ptpCapsSize, (*Formatter).appendPtpCaps),
		"PTP_EXTTS_REQUEST":        ioctlStructIn(ptpExttsSize, ptpExtts(false)),
		"PTP_EXTTS_REQUEST2":       ioctlStructIn(ptpExttsSize, ptpExtts(true)),
		"PTP_PEROUT_REQUEST":       ioctlStructIn(ptpPeroutSize, ptpPerout(false)),
		"PTP_PEROUT_REQUEST2":      ioctlStructIn(ptpPeroutSize, ptpPerout(true)),
		"PTP_ENABLE_PPS":           ioctlHexVal,
		"PTP_ENABLE_PPS2":          ioctlHexVal,
		"PTP_SYS_OFFSET":           ptpSamples(ptpSysOffsetSize, 2, 1, 1),
		"PTP_SYS_OFFSET2":          ptpSamples(ptpSysOffsetSize, 2, 1, 1),
		"PTP_SYS_OFFSET_EXTENDED":  ptpSamples(ptpSysOffsetExtSize, 1, 0, 3),
		"PTP_SYS_OFFSET_EXTENDED2": ptpSamples(ptpSysOffsetExtSize, 1, 0, 3),
		"PTP_SYS_OFFSET_PRECISE":   ioctlStructOut(ptpPreciseSize, (*Formatter).appendPtpPrecise),
		"PTP_SYS_OFFSET_PRECISE2":  ioctlStructOut(ptpPreciseSize, (*Formatter).appendPtpPrecise),
		"PTP_PIN_GETFUNC":          ptpPinGet(false),
		"PTP_PIN_GETFUNC2":         ptpPinGet(true),
		"PTP_PIN_SETFUNC":          ioctlStructIn(ptpPinDescSize, ptpPinSet(false)),
		"PTP_PIN_SETFUNC2":         ioctlStructIn(ptpPinDescSize, ptpPinSet(true)),
	} {
		ioctlHandlers[name] = h
	}
}

// Sizes of linux/ptp_clock.h's structs.
const (
	ptpClockTimeSize    = 16 // struct ptp_clock_time
	ptpCapsSize         = 80
	ptpExttsSize        = 16
	ptpPeroutSize       = 56
	ptpSysOffsetSize    = 832
	ptpSysOffsetExtSize = 1216
	ptpPreciseSize      = 64
	ptpPinDescSize      = 96
	ptpMaxSamples       = 25 // PTP_MAX_SAMPLES
	ptpPeroutDutyCycle  = 2  // PTP_PEROUT_DUTY_CYCLE
	ptpPeroutPhase      = 4  // PTP_PEROUT_PHASE
)

// ioctlHexVal: the argument by value, in hex.
var ioctlHexVal ioctlHandler = func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	return appendHex(append(b, ", "...), c.Args[2]), ioctlDone
}

// appendPtpClockTime prints a struct ptp_clock_time, its reserved word
// when set; with rtc, its time in a comment (not under -X raw).
func (f *Formatter) appendPtpClockTime(b, d []byte, rtc bool) []byte {
	sec, nsec := int64(le64(d)), uint64(le32(d[8:]))
	b = strconv.AppendInt(append(b, "{sec="...), sec, 10)
	b = strconv.AppendUint(append(b, ", nsec="...), nsec, 10)
	if r := le32(d[12:]); r != 0 {
		b = appendHex(append(b, ", reserved="...), uint64(r))
	}
	b = append(b, '}')
	if rtc && f.opt.Xlat != xlat.Raw {
		b = appendSprinttime(b, sec, nsec, 999999999, 9)
	}
	return b
}

// appendRsv prints ", NAME=[0x1, 0, ...]", the 32-bit words of d in hex,
// unless all are zero (strace's PRINT_RSV).
func (f *Formatter) appendRsv(b []byte, name string, d []byte) []byte {
	if allZero(d) {
		return b
	}
	return f.appendLocalArray(append(append(append(b, ", "...), name...), '='), d, len(d)/4, 4, appendHexU32)
}

// appendHexU32 prints a __u32 in hex.
func appendHexU32(b, d []byte) []byte { return appendHex(b, uint64(le32(d))) }

// appendCString prints a char array as strace's PRINT_FIELD_CSTRING.
func (f *Formatter) appendCString(b, p []byte) []byte { return appendCString(b, p, f.opt.Quote) }

// appendCString prints a char array as strace's PRINT_FIELD_CSTRING: up to
// its NUL, at most all but its last byte, then "..." when no NUL ends it.
func appendCString(b, p []byte, q quote.Mode) []byte {
	if len(p) == 0 {
		return append(b, `""`...)
	}
	if i := bytes.IndexByte(p[:len(p)-1], 0); i >= 0 {
		return quote.Append(b, p[:i], false, q)
	}
	return quote.Append(b, p[:len(p)-1], p[len(p)-1] != 0, q)
}

// appendPtpCaps prints a struct ptp_clock_caps.
func (f *Formatter) appendPtpCaps(b, d []byte) []byte {
	for i, name := range [...]string{"{max_adj=", ", n_alarm=", ", n_ext_ts=", ", n_per_out=",
		", pps=", ", n_pins=", ", cross_timestamping=", ", adjust_phase="} {
		b = strconv.AppendInt(append(b, name...), int64(int32(le32(d[4*i:]))), 10)
	}
	return append(f.appendRsv(b, "rsv", d[32:80]), '}')
}

// ptpExtts prints a struct ptp_extts_request; v2: its reserved words.
func ptpExtts(v2 bool) func(f *Formatter, b, d []byte) []byte {
	return func(f *Formatter, b, d []byte) []byte {
		b = strconv.AppendUint(append(b, "{index="...), uint64(le32(d)), 10)
		b = f.appendFlagsArg(append(b, ", flags="...), "ptp_extts_flags", uint64(le32(d[4:])))
		if v2 {
			b = f.appendRsv(b, "rsv", d[8:16])
		}
		return append(b, '}')
	}
}

// ptpPerout prints a struct ptp_perout_request: its start (or phase),
// period, index, flags, and its on time (or, v2, its reserved words).
func ptpPerout(v2 bool) func(f *Formatter, b, d []byte) []byte {
	return func(f *Formatter, b, d []byte) []byte {
		flags := le32(d[36:])
		if flags&ptpPeroutPhase != 0 {
			b = f.appendPtpClockTime(append(b, "{phase="...), d, false)
		} else {
			b = f.appendPtpClockTime(append(b, "{start="...), d, true)
		}
		b = f.appendPtpClockTime(append(b, ", period="...), d[16:], false)
		b = strconv.AppendUint(append(b, ", index="...), uint64(le32(d[32:])), 10)
		b = f.appendFlagsArg(append(b, ", flags="...), "ptp_perout_flags", uint64(flags))
		switch {
		case flags&ptpPeroutDutyCycle != 0:
			b = f.appendPtpClockTime(append(b, ", on="...), d[40:], false)
		case v2:
			b = f.appendRsv(b, "rsv", d[40:56])
		}
		return append(b, '}')
	}
}

// ptpSamples decodes PTP_SYS_OFFSET and PTP_SYS_OFFSET_EXTENDED: the
// number of samples (and reserved words) at enter, at exit the times the
// kernel wrote, mul*n_samples+add of them (at most PTP_MAX_SAMPLES
// samples), each of group struct ptp_clock_time.
func ptpSamples(size int, mul, add, group int) ioctlHandler {
	return func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		if !exiting {
			cp := c.Capture(2, decoder.CapIoctlIn)
			if c.Args[2] == 0 || cp == nil || cp.Fault() || len(cp.Data) < size {
				return appendAddr(append(b, ", "...), c.Args[2]), ioctlDone
			}
			b = strconv.AppendUint(append(b, ", {n_samples="...), uint64(le32(cp.Data)), 10)
			return f.appendRsv(b, "rsv", cp.Data[4:16]), ioctlAtExit
		}
		if c.Failed() {
			return append(b, '}'), ioctlDone
		}
		cp := c.Capture(2, decoder.CapIoctlOut)
		if cp == nil || cp.Fault() || len(cp.Data) < size {
			return append(b, ", ???}"...), ioctlDone
		}
		n := mul*int(min(le32(cp.Data), ptpMaxSamples)) + add
		b = f.appendLocalArray(append(b, ", ts="...), cp.Data[16:], n, group*ptpClockTimeSize, func(b, e []byte) []byte {
			if group == 1 {
				return f.appendPtpClockTime(b, e, true)
			}
			return f.appendLocalArray(b, e, group, ptpClockTimeSize, func(b, t []byte) []byte {
				return f.appendPtpClockTime(b, t, true)
			})
		})
		return append(b, '}'), ioctlDone
	}
}

// appendPtpPrecise prints a struct ptp_sys_offset_precise.
func (f *Formatter) appendPtpPrecise(b, d []byte) []byte {
	b = f.appendPtpClockTime(append(b, "{device="...), d, true)
	b = f.appendPtpClockTime(append(b, ", sys_realtime="...), d[16:], true)
	b = f.appendPtpClockTime(append(b, ", sys_monoraw="...), d[32:], false)
	return append(f.appendRsv(b, "rsv", d[48:64]), '}')
}

// appendPtpPinTail prints a struct ptp_pin_desc's func and chan.
func (f *Formatter) appendPtpPinTail(b, d []byte) []byte {
	b = append(b, ", func="...)
	b = xlat.ByName("ptp_pin_funcs").AppendValue(b, uint64(le32(d[68:])), f.opt.Xlat)
	return strconv.AppendUint(append(b, ", chan="...), uint64(le32(d[72:])), 10)
}

// ptpPinGet decodes PTP_PIN_GETFUNC{,2}: the pin's index (v2: and the
// reserved words) at enter, its name, func and chan at exit.
func ptpPinGet(v2 bool) ioctlHandler {
	return func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		if !exiting {
			cp := c.Capture(2, decoder.CapIoctlIn)
			if c.Args[2] == 0 || cp == nil || cp.Fault() || len(cp.Data) < ptpPinDescSize {
				return appendAddr(append(b, ", "...), c.Args[2]), ioctlDone
			}
			b = strconv.AppendUint(append(b, ", {index="...), uint64(le32(cp.Data[64:])), 10)
			if v2 {
				b = f.appendRsv(b, "rsv", cp.Data[76:96])
			}
			return b, ioctlAtExit
		}
		if c.Failed() {
			return append(b, '}'), ioctlDone
		}
		cp := c.Capture(2, decoder.CapIoctlOut)
		if cp == nil || cp.Fault() || len(cp.Data) < ptpPinDescSize {
			return append(b, ", ???}"...), ioctlDone
		}
		b = f.appendCString(append(b, ", name="...), cp.Data[:64])
		return append(f.appendPtpPinTail(b, cp.Data), '}'), ioctlDone
	}
}

// ptpPinSet prints the struct ptp_pin_desc of PTP_PIN_SETFUNC{,2}.
func ptpPinSet(v2 bool) func(f *Formatter, b, d []byte) []byte {
	return func(f *Formatter, b, d []byte) []byte {
		b = strconv.AppendUint(append(b, "{index="...), uint64(le32(d[64:])), 10)
		b = f.appendPtpPinTail(b, d)
		if v2 {
			b = f.appendRsv(b, "rsv", d[76:96])
		}
		return append(b, '}')
	}
}
