package format

import (
	"encoding/binary"
	"testing"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
)

// perf_event_open's struct perf_event_attr, with and without -v, cut at the
// size it gives and with the size the kernel writes back on E2BIG, as
// strace 6.1's perf_event_open.c expects it.
func TestPerfAttr(t *testing.T) {
	t.Parallel()
	attr := func(typ, size uint32, config, flags uint64) []byte {
		d := make([]byte, 128)
		binary.LittleEndian.PutUint32(d, typ)
		binary.LittleEndian.PutUint32(d[4:], size)
		binary.LittleEndian.PutUint64(d[8:], config)
		binary.LittleEndian.PutUint64(d[40:], flags)
		return d[:min(max(size, 64), 128)]
	}
	sc := syscalltbl.ByName("perf_event_open")
	for _, tc := range []struct {
		verbose bool
		in      []byte
		ret     int64
		out     []byte
		want    string
	}{
		{false, attr(0, 64, 1<<32|1, 1|1<<10|2<<15), 3, nil,
			"{type=PERF_TYPE_HARDWARE, size=PERF_ATTR_SIZE_VER0, config=0x1<<32|PERF_COUNT_HW_INSTRUCTIONS, sample_freq=0, sample_type=0, read_format=0, disabled=1, freq=1, precise_ip=2 /* requested to have 0 skid */, ...}"},
		{true, attr(3, 72, 0x10102, 0), 3, nil,
			"{type=PERF_TYPE_HW_CACHE, size=PERF_ATTR_SIZE_VER1, config=PERF_COUNT_HW_CACHE_RESULT_MISS<<16|PERF_COUNT_HW_CACHE_OP_WRITE<<8|PERF_COUNT_HW_CACHE_LL, sample_period=0, sample_type=0, read_format=0, disabled=0, inherit=0, pinned=0, exclusive=0, exclude_user=0, exclude_kernel=0, exclude_hv=0, exclude_idle=0, mmap=0, comm=0, freq=0, inherit_stat=0, enable_on_exec=0, task=0, watermark=0, precise_ip=0 /* arbitrary skid */, mmap_data=0, sample_id_all=0, exclude_host=0, exclude_guest=0, exclude_callchain_kernel=0, exclude_callchain_user=0, mmap2=0, comm_exec=0, use_clockid=0, context_switch=0, write_backward=0, namespaces=0, ksymbol=0, bpf_event=0, aux_output=0, cgroup=0, text_poke=0, build_id=0, inherit_thread=0, remove_on_exec=0, sigtrap=0, wakeup_events=0, config1=0, config2=0}"},
		{false, attr(1, 200, 9, 1<<40), -7, attr(1, 136, 9, 0),
			"{type=PERF_TYPE_SOFTWARE, size=0xc8 /* PERF_ATTR_SIZE_??? */ => 0x88 /* PERF_ATTR_SIZE_??? */, config=PERF_COUNT_SW_DUMMY, sample_period=0, sample_type=0, read_format=0, precise_ip=0 /* arbitrary skid */, __reserved_1=0x4 /* Bits 63..38 */, ...}"},
		{false, attr(1, 32, 0, 0), -22, nil, "0x1000"},
		{true, attr(1, 96, 0, 0)[:80], -22, nil, "0x1000"},
	} {
		c := &decoder.Call{Nr: int64(sc.Nr), Entered: true, Exited: true, Ret: tc.ret,
			Args: [6]uint64{0x1000, 0, 0xffffffff, 0xffffffff, 0}}
		c.Enter = []decoder.Capture{{Arg: 0, Kind: decoder.CapMemIn, Data: tc.in}}
		if tc.out != nil {
			c.Exit = []decoder.Capture{{Arg: 0, Kind: decoder.CapMemOut, Flags: decoder.CapExit, Data: tc.out}}
		}
		f := New(Options{StrSize: 32, Verbose: tc.verbose})
		if got := string(appendPerfAttr(f, nil, c, 0, &sc.Args[0])); got != tc.want {
			t.Errorf("got  %s\nwant %s", got, tc.want)
		}
	}
}
