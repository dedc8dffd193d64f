package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/xlat"
)

// The real time clock requests (type 'p'), as strace 6.1's rtc.c decodes
// them.
func init() {
	ioctlFamilies['p'] = true
	for _, name := range []string{"RTC_AIE_ON", "RTC_AIE_OFF", "RTC_UIE_ON", "RTC_UIE_OFF",
		"RTC_PIE_ON", "RTC_PIE_OFF", "RTC_WIE_ON", "RTC_WIE_OFF", "RTC_VL_CLR"} {
		ioctlHandlers[name] = ioctlNoArg
	}
	for name, h := range map[string]ioctlHandler{
		"RTC_ALM_READ":   ioctlStructOut(rtcTimeSize, (*Formatter).appendRtcTime),
		"RTC_RD_TIME":    ioctlStructOut(rtcTimeSize, (*Formatter).appendRtcTime),
		"RTC_ALM_SET":    ioctlStructIn(rtcTimeSize, (*Formatter).appendRtcTime),
		"RTC_SET_TIME":   ioctlStructIn(rtcTimeSize, (*Formatter).appendRtcTime),
		"RTC_IRQP_SET":   ioctlUlongVal,
		"RTC_EPOCH_SET":  ioctlUlongVal,
		"RTC_IRQP_READ":  ioctlStructOut(8, appendU64Ref),
		"RTC_EPOCH_READ": ioctlStructOut(8, appendU64Ref),
		"RTC_WKALM_RD":   ioctlStructOut(rtcWkalrmSize, (*Formatter).appendRtcWkalrm),
		"RTC_WKALM_SET":  ioctlStructIn(rtcWkalrmSize, (*Formatter).appendRtcWkalrm),
		"RTC_PLL_GET":    ioctlStructOut(rtcPllInfoSize, appendRtcPllInfo),
		"RTC_PLL_SET":    ioctlStructIn(rtcPllInfoSize, appendRtcPllInfo),
		"RTC_VL_READ": ioctlStructOut(4, func(f *Formatter, b, d []byte) []byte {
			return append(f.appendFlagsArg(append(b, '['), "rtc_vl_flags", uint64(le32(d))), ']')
		}),
		"RTC_PARAM_GET": func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
			return f.ioctlRtcParam(b, c, exiting, true)
		},
		"RTC_PARAM_SET": func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
			return f.ioctlRtcParam(b, c, exiting, false)
		},
	} {
		ioctlHandlers[name] = h
	}
}

// Sizes of the rtc structs.
const (
	rtcTimeSize    = 36
	rtcWkalrmSize  = 40
	rtcPllInfoSize = 32
	rtcParamSize   = 24
)

// appendRtcTime prints a struct rtc_time; its last three fields with -v.
func (f *Formatter) appendRtcTime(b, d []byte) []byte {
	names := [...]string{"{tm_sec=", ", tm_min=", ", tm_hour=", ", tm_mday=", ", tm_mon=", ", tm_year=",
		", tm_wday=", ", tm_yday=", ", tm_isdst="}
	n := len(names)
	if !f.opt.Verbose {
		n = 6
	}
	for i, name := range names[:n] {
		b = strconv.AppendInt(append(b, name...), int64(int32(le32(d[4*i:]))), 10)
	}
	if !f.opt.Verbose {
		b = append(b, ", ..."...)
	}
	return append(b, '}')
}

// appendRtcWkalrm prints a struct rtc_wkalrm.
func (f *Formatter) appendRtcWkalrm(b, d []byte) []byte {
	b = strconv.AppendUint(append(b, "{enabled="...), uint64(d[0]), 10)
	b = strconv.AppendUint(append(b, ", pending="...), uint64(d[1]), 10)
	b = f.appendRtcTime(append(b, ", time="...), d[4:])
	return append(b, '}')
}

// appendRtcPllInfo prints a struct rtc_pll_info.
func appendRtcPllInfo(f *Formatter, b, d []byte) []byte {
	for i, name := range [...]string{"{pll_ctrl=", ", pll_value=", ", pll_max=", ", pll_min=", ", pll_posmult=", ", pll_negmult="} {
		b = strconv.AppendInt(append(b, name...), int64(int32(le32(d[4*i:]))), 10)
	}
	b = strconv.AppendInt(append(b, ", pll_clock="...), int64(le64(d[24:])), 10)
	return append(b, '}')
}

// ioctlRtcParam prints a struct rtc_param: the parameter and index at
// enter, its value at enter for RTC_PARAM_SET and at exit, after "=>", for
// RTC_PARAM_GET.
func (f *Formatter) ioctlRtcParam(b []byte, c *decoder.Call, exiting, get bool) ([]byte, ioctlRet) {
	if !exiting {
		b = append(b, ", "...)
	} else {
		b = append(b, " => "...)
	}
	cp := ioctlCapture(c, exiting)
	if c.Args[2] == 0 || cp == nil || cp.Fault() || len(cp.Data) < rtcParamSize {
		return appendAddr(b, c.Args[2]), ioctlDone
	}
	d := cp.Data
	param, value := le64(d), le64(d[8:])
	b = append(b, '{')
	if !exiting {
		b = xlat.ByName("rtc_params").AppendValue(append(b, "param="...), param, f.opt.Xlat)
	}
	if exiting == get {
		if !exiting {
			b = append(b, ", "...)
		}
		switch name, _ := xlat.ByName("rtc_params").Name(param); name {
		case "RTC_PARAM_FEATURES":
			b = f.appendFlagsArg(append(b, "uvalue="...), "rtc_features", value)
		case "RTC_PARAM_CORRECTION":
			b = strconv.AppendInt(append(b, "svalue="...), int64(value), 10)
		case "RTC_PARAM_BACKUP_SWITCH_MODE":
			b = xlat.ByName("rtc_backup_switch_modes").AppendValue(append(b, "uvalue="...), value, f.opt.Xlat)
		default:
			b = appendHex(append(b, "uvalue="...), value)
		}
	}
	if !exiting {
		b = strconv.AppendUint(append(b, ", index="...), uint64(le32(d[16:])), 10)
	}
	if pad := le32(d[20:]); pad != 0 {
		b = appendHex(append(b, ", __pad="...), uint64(pad))
	}
	b = append(b, '}')
	if !exiting && get {
		return b, ioctlAtExit
	}
	return b, ioctlDone
}
