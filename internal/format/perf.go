package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

func init() {
	kindPrinters[syscalltbl.PerfAttr] = appendPerfAttr
}

// struct perf_event_attr (linux/perf_event.h), as strace 6.1 knows it.
const (
	perfAttrSize       = 128 // PERF_ATTR_SIZE_VER7: what strace reads at most
	perfAttrSizeVer0   = 64
	perfAttrAbbrevSize = 48 // offsetof(wakeup_events): what strace reads without -v
	perfTypeHardware   = 0
	perfTypeSoftware   = 1
	perfTypeTracepoint = 2
	perfTypeHWCache    = 3
	perfTypeBreakpoint = 5
	perfSampleBranch   = 1 << 11 // PERF_SAMPLE_BRANCH_STACK
	perfSampleStack    = 1 << 13 // PERF_SAMPLE_STACK_USER
	e2big              = 7
)

var (
	perfTypeIDs          = xlat.ByName("perf_type_id")
	perfAttrSizes        = xlat.ByName("perf_attr_size")
	perfHwIDs            = xlat.ByName("perf_hw_id")
	perfSwIDs            = xlat.ByName("perf_sw_ids")
	perfHwCacheIDs       = xlat.ByName("perf_hw_cache_id")
	perfHwCacheOpIDs     = xlat.ByName("perf_hw_cache_op_id")
	perfHwCacheResultIDs = xlat.ByName("perf_hw_cache_op_result_id")
	perfSampleFormats    = xlat.ByName("perf_event_sample_format")
	perfReadFormats      = xlat.ByName("perf_event_read_format")
	perfBranchTypes      = xlat.ByName("perf_branch_sample_type")
	hwBreakpointTypes    = xlat.ByName("hw_breakpoint_type")
	clockNames           = xlat.ByName("clocknames")
)

// perfFlags are the bits of perf_event_attr's flags word strace prints
// one by one (precise_ip, two bits at 15, apart).
var perfFlags = [...]struct {
	name string
	bit  uint
}{
	{"disabled", 0}, {"inherit", 1}, {"pinned", 2}, {"exclusive", 3},
	{"exclude_user", 4}, {"exclude_kernel", 5}, {"exclude_hv", 6}, {"exclude_idle", 7},
	{"mmap", 8}, {"comm", 9}, {"freq", 10}, {"inherit_stat", 11}, {"enable_on_exec", 12},
	{"task", 13}, {"watermark", 14},
	{"mmap_data", 17}, {"sample_id_all", 18}, {"exclude_host", 19}, {"exclude_guest", 20},
	{"exclude_callchain_kernel", 21}, {"exclude_callchain_user", 22}, {"mmap2", 23},
	{"comm_exec", 24}, {"use_clockid", 25}, {"context_switch", 26}, {"write_backward", 27},
	{"namespaces", 28}, {"ksymbol", 29}, {"bpf_event", 30}, {"aux_output", 31},
	{"cgroup", 32}, {"text_poke", 33}, {"build_id", 34}, {"inherit_thread", 35},
	{"remove_on_exec", 36}, {"sigtrap", 37},
}

var preciseIPDesc = [4]string{"arbitrary skid", "constant skid", "requested to have 0 skid", "must have 0 skid"}

// appendPerfAttr prints perf_event_open's struct perf_event_attr as
// strace's print_perf_event_attr, when the call returns: the fields up to
// the size it gives (at most strace's 128 bytes; 48 without -v), then
// "..." when it gives more; the size the kernel wrote back on E2BIG.
func appendPerfAttr(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	addr := c.Args[i]
	cp := c.Capture(uint8(i), decoder.CapMemIn)
	if addr == 0 || cp == nil || len(cp.Data) < 8 {
		return appendAddr(b, addr)
	}
	attrSize := le32(cp.Data[4:])
	size := min(attrSize, perfAttrSize)
	if size == 0 {
		size = perfAttrSizeVer0
	}
	if size < perfAttrSizeVer0 {
		return appendAddr(b, addr)
	}
	if !f.opt.Verbose {
		size = perfAttrAbbrevSize
	}
	if uint32(len(cp.Data)) < size {
		return appendAddr(b, addr)
	}
	var attr [perfAttrSize]byte
	copy(attr[:], cp.Data[:size])
	u64 := func(off int) uint64 { return le64(attr[off:]) }
	u32 := func(off int) uint32 { return le32(attr[off:]) }
	s := f.opt.Xlat
	typ, config, flags, sampleType := u32(0), u64(8), u64(40), u64(24)
	field := func(name string) { b = append(append(b, ", "...), name...) }
	hex := func(name string, v uint64) { field(name); b = appendHex(b, v) }
	dec := func(name string, v uint64) { field(name); b = strconv.AppendUint(b, v, 10) }

	b = perfTypeIDs.AppendValue(append(b, "{type="...), uint64(typ), s)
	b = perfAttrSizes.AppendValue(append(b, ", size="...), uint64(attrSize), s)
	if c.Failed() && c.Errno() == e2big {
		b = append(b, " => "...)
		if out := c.Capture(uint8(i), decoder.CapMemOut); out != nil && len(out.Data) >= 8 {
			b = perfAttrSizes.AppendValue(b, uint64(le32(out.Data[4:])), s)
		} else {
			b = append(b, "???"...)
		}
	}
	field("config=")
	switch typ {
	case perfTypeHardware:
		if config>>32 != 0 {
			b = append(appendHex(b, config>>32), "<<32|"...)
		}
		b = perfHwIDs.AppendValue(b, config&0xffffffff, s)
	case perfTypeSoftware:
		b = perfSwIDs.AppendValue(b, config, s)
	case perfTypeTracepoint:
		b = strconv.AppendUint(b, config, 10)
	case perfTypeHWCache:
		if config>>32 != 0 {
			b = append(appendHex(b, config>>32), "<<32|"...)
		}
		if v := config & 0xffffffff >> 24; v != 0 {
			b = append(appendHex(b, v), "<<24|"...)
		}
		b = append(perfHwCacheResultIDs.AppendValue(b, config>>16&0xff, s), "<<16|"...)
		b = append(perfHwCacheOpIDs.AppendValue(b, config>>8&0xff, s), "<<8|"...)
		b = perfHwCacheIDs.AppendValue(b, config&0xff, s)
	default:
		b = appendHex(b, config)
	}
	if flags>>10&1 != 0 {
		dec("sample_freq=", u64(16))
	} else {
		dec("sample_period=", u64(16))
	}
	b = perfSampleFormats.AppendFlags(append(b, ", sample_type="...), sampleType, s)
	b = perfReadFormats.AppendFlags(append(b, ", read_format="...), u64(32), s)
	for _, fl := range perfFlags {
		if v := flags >> fl.bit & 1; f.opt.Verbose || v != 0 {
			dec(fl.name+"=", v)
		}
		if fl.bit == 14 {
			ip := flags >> 15 & 3
			dec("precise_ip=", ip)
			b = append(append(append(b, " /* "...), preciseIPDesc[ip]...), " */"...)
		}
	}
	if r := flags >> 38; r != 0 {
		hex("__reserved_1=", r)
		b = append(b, " /* Bits 63..38 */"...)
	}
	b = f.appendPerfAttrTail(b, attr[:], size, typ, flags, sampleType)
	if attrSize != 0 && attrSize > size || attrSize == 0 && size < perfAttrSizeVer0 {
		b = append(b, ", ..."...)
	}
	return append(b, '}')
}

// appendPerfAttrTail prints the fields of perf_event_attr past its flags,
// those size bytes hold, as strace does with -v.
func (f *Formatter) appendPerfAttrTail(b, attr []byte, size, typ uint32, flags, sampleType uint64) []byte {
	if !f.opt.Verbose {
		return b
	}
	u64 := func(off int) uint64 { return le64(attr[off:]) }
	u32 := func(off int) uint32 { return le32(attr[off:]) }
	s := f.opt.Xlat
	field := func(name string) { b = append(append(b, ", "...), name...) }
	hex := func(name string, v uint64) { field(name); b = appendHex(b, v) }
	dec := func(name string, v uint64) { field(name); b = strconv.AppendUint(b, v, 10) }
	has := func(off uint32) bool { return off < size }

	if flags>>14&1 != 0 {
		dec("wakeup_watermark=", uint64(u32(48)))
	} else {
		dec("wakeup_events=", uint64(u32(48)))
	}
	bp := typ == perfTypeBreakpoint
	if bp {
		field("bp_type=")
		v := uint64(u32(52))
		if _, ok := hwBreakpointTypes.Name(v); ok {
			b = hwBreakpointTypes.AppendValue(b, v, s)
		} else {
			b = appendHex(b, v)
			if v <= 7 { // HW_BREAKPOINT_X|HW_BREAKPOINT_RW: a combination
				b = append(b, " /* HW_BREAKPOINT_INVALID */"...)
			} else {
				b = append(b, " /* HW_BREAKPOINT_??? */"...)
			}
		}
		hex("bp_addr=", u64(56))
	} else {
		hex("config1=", u64(56))
	}
	if !has(64) {
		return b
	}
	if bp {
		dec("bp_len=", u64(64))
	} else {
		hex("config2=", u64(64))
	}
	if !has(72) {
		return b
	}
	if sampleType&perfSampleBranch != 0 {
		b = perfBranchTypes.AppendFlags(append(b, ", branch_sample_type="...), u64(72), s)
	}
	if !has(80) {
		return b
	}
	hex("sample_regs_user=", u64(80))
	if !has(88) {
		return b
	}
	if sampleType&perfSampleStack != 0 {
		hex("sample_stack_user=", uint64(u32(88)))
	}
	if flags>>25&1 != 0 { // use_clockid
		if !has(92) {
			return b
		}
		b = clockNames.AppendValue(append(b, ", clockid="...), uint64(u32(92)), s)
	}
	if !has(96) {
		return b
	}
	hex("sample_regs_intr=", u64(96))
	if !has(104) {
		return b
	}
	dec("aux_watermark=", uint64(u32(104)))
	if !has(108) {
		return b
	}
	dec("sample_max_stack=", uint64(le16(attr[108:])))
	if !has(110) {
		return b
	}
	if v := le16(attr[110:]); v != 0 {
		b = append(appendHex(append(b, " /* bytes 110..111: "...), uint64(v)), " */"...)
	}
	if !has(112) {
		return b
	}
	dec("aux_sample_size=", uint64(u32(112)))
	if !has(116) {
		return b
	}
	if v := u32(116); v != 0 {
		b = append(appendHex(append(b, " /* bytes 116..119: "...), uint64(v)), " */"...)
	}
	if !has(120) {
		return b
	}
	hex("sig_data=", u64(120))
	return b
}
