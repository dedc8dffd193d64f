package format

import (
	"bytes"
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/xlat"
)

// The infrared (lirc_ioctl.c) and perf event (perf_ioctl.c) requests as
// strace 6.1 decodes them; of perf's, not yet
// PERF_EVENT_IOC_MODIFY_ATTRIBUTES, whose argument prints in hex.
func init() {
	ioctlFamilies['i'] = true
	for _, name := range []string{
		"LIRC_GET_FEATURES", "LIRC_GET_SEND_MODE", "LIRC_GET_REC_MODE", "LIRC_GET_REC_RESOLUTION",
		"LIRC_GET_MIN_TIMEOUT", "LIRC_GET_MAX_TIMEOUT", "LIRC_GET_LENGTH", "LIRC_SET_SEND_MODE",
		"LIRC_SET_REC_MODE", "LIRC_SET_SEND_CARRIER", "LIRC_SET_REC_CARRIER", "LIRC_SET_SEND_DUTY_CYCLE",
		"LIRC_SET_TRANSMITTER_MASK", "LIRC_SET_REC_TIMEOUT", "LIRC_SET_REC_TIMEOUT_REPORTS",
		"LIRC_SET_MEASURE_CARRIER_MODE", "LIRC_SET_REC_CARRIER_RANGE", "LIRC_SET_WIDEBAND_RECEIVER",
		"LIRC_GET_REC_TIMEOUT",
	} {
		ioctlHandlers[name] = (*Formatter).ioctlLirc
	}

	ioctlFamilies['$'] = true
	for _, name := range []string{"PERF_EVENT_IOC_ENABLE", "PERF_EVENT_IOC_DISABLE", "PERF_EVENT_IOC_RESET"} {
		ioctlHandlers[name] = func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
			return f.appendFlagsArg(append(b, ", "...), "perf_ioctl_flags", uint64(uint32(c.Args[2]))), ioctlDone
		}
	}
	ioctlHandlers["PERF_EVENT_IOC_REFRESH"] = ioctlIntVal
	ioctlHandlers["PERF_EVENT_IOC_PERIOD"] = ioctlStructIn(8, appendU64Ref)
	ioctlHandlers["PERF_EVENT_IOC_SET_OUTPUT"] = ioctlFdVal
	ioctlHandlers["PERF_EVENT_IOC_SET_BPF"] = ioctlFdVal
	ioctlHandlers["PERF_EVENT_IOC_PAUSE_OUTPUT"] = ioctlUlongVal
	ioctlHandlers["PERF_EVENT_IOC_ID"] = ioctlStructOut(8, appendU64Ref)
	ioctlHandlers["PERF_EVENT_IOC_QUERY_BPF"] = (*Formatter).ioctlPerfQueryBPF
	ioctlHandlers["PERF_EVENT_IOC_SET_FILTER"] = func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		return f.appendCStringArg(append(b, ", "...), c.Args[2], ioctlCapture(c, false)), ioctlDone
	}
}

// appendCStringArg prints the NUL-terminated string an argument points
// to, of which the capture holds -s + 1 bytes, or those up to a page that
// cannot be read: cut at -s; the address when it ends unread.
func (f *Formatter) appendCStringArg(b []byte, addr uint64, cp *decoder.Capture) []byte {
	if addr == 0 || cp == nil || cp.Fault() && !cp.Part() {
		return appendAddr(b, addr)
	}
	d := cp.Data
	if i := bytes.IndexByte(d, 0); i >= 0 {
		d = d[:i]
	} else if len(d) <= f.opt.StrSize {
		return appendAddr(b, addr)
	}
	if len(d) > f.opt.StrSize {
		return quote.Append(b, d[:f.opt.StrSize], true, f.opt.Quote)
	}
	return quote.Append(b, d, false, f.opt.Quote)
}

// ioctlPerfQueryBPF prints a struct perf_event_query_bpf: ids_len at
// enter, prog_cnt and the ids at exit, "..." when they cannot be read. The
// kernel side reads the ids that follow the counts up to 256 bytes in all
// (ioctl_out_size).
func (f *Formatter) ioctlPerfQueryBPF(b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	cp := ioctlCapture(c, exiting)
	if !exiting {
		b = append(b, ", "...)
		if c.Args[2] == 0 || cp == nil || len(cp.Data) < 4 || cp.Fault() {
			return appendAddr(b, c.Args[2]), ioctlDone
		}
		return append(strconv.AppendUint(append(b, "{ids_len="...), uint64(le32(cp.Data)), 10), ", "...), ioctlAtExit
	}
	if cp == nil || len(cp.Data) < 8 {
		return append(b, "...}"...), ioctlDone
	}
	n := le32(cp.Data[4:])
	b = strconv.AppendUint(append(b, "prog_cnt="...), uint64(n), 10)
	ids := *cp
	ids.Data = cp.Data[8:]
	b = f.appendMemArray(append(b, ", ids="...), c.Args[2]+8, &ids, uint64(n), 4, func(b, d []byte) []byte {
		return strconv.AppendUint(b, uint64(le32(d)), 10)
	})
	return append(b, '}'), ioctlDone
}

// appendU64Ref prints a __u64 the argument points to: [42].
func appendU64Ref(f *Formatter, b, d []byte) []byte {
	return append(strconv.AppendUint(append(b, '['), le64(d), 10), ']')
}

// ioctlLirc prints the unsigned int of a lirc request: read at enter, or
// for the _IOR requests written at exit, after the separator printed at
// enter.
func (f *Formatter) ioctlLirc(b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	code := uint32(c.Args[1])
	if !exiting {
		b = append(b, ", "...)
		if xlat.IoctlDir(code) == 2 {
			return b, ioctlAtExit
		}
	}
	return appendStruct(b, c.Args[2], ioctlCapture(c, exiting), 4, func(b, d []byte) []byte {
		v := uint64(le32(d))
		b = append(b, '[')
		switch {
		case code == ioctlCode("LIRC_GET_FEATURES"):
			b = f.appendFlagsArg(b, "lirc_features", v)
		case code == ioctlCode("LIRC_GET_SEND_MODE") || code == ioctlCode("LIRC_GET_REC_MODE") ||
			code == ioctlCode("LIRC_SET_SEND_MODE") || code == ioctlCode("LIRC_SET_REC_MODE"):
			b = xlat.ByName("lirc_modes").AppendValue(b, v, f.opt.Xlat)
		case code == ioctlCode("LIRC_SET_TRANSMITTER_MASK"):
			b = appendHex(b, v)
		default:
			b = strconv.AppendUint(b, v, 10)
		}
		return append(b, ']')
	}), ioctlDone
}
