package format

import (
	"encoding/binary"
	"testing"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
)

// io_uring_setup's struct io_uring_params, at enter and at exit, as strace
// 6.1's io_uring_setup.c expects it.
func TestIoUringSetup(t *testing.T) {
	t.Parallel()
	params := func(vals map[int]uint32) []byte {
		d := make([]byte, uringParamsSize)
		for off, v := range vals {
			binary.LittleEndian.PutUint32(d[off:], v)
		}
		return d
	}
	sc := syscalltbl.ByName("io_uring_setup")
	for _, tc := range []struct {
		in, out []byte
		ret     int64
		want    string
	}{
		{params(map[int]uint32{8: 0xffffffff, 12: 0x80818283, 16: 7, 24: 0xfffffff0, 32: 1}), nil, -22,
			"io_uring_setup(1, {flags=IORING_SETUP_IOPOLL|IORING_SETUP_SQPOLL|IORING_SETUP_SQ_AFF|IORING_SETUP_CQSIZE|IORING_SETUP_CLAMP|IORING_SETUP_ATTACH_WQ|IORING_SETUP_R_DISABLED|IORING_SETUP_SUBMIT_ALL|IORING_SETUP_COOP_TASKRUN|IORING_SETUP_TASKRUN_FLAG|IORING_SETUP_SQE128|IORING_SETUP_CQE32|0xfffff000, sq_thread_cpu=0x80818283, sq_thread_idle=7, wq_fd=-16, resv=[0, 0x1, 0]})"},
		{params(nil), params(map[int]uint32{0: 2, 4: 4, 20: 3, 40: 0, 44: 64, 56: 68, 80: 128, 84: 192, 100: 256}), 3,
			"io_uring_setup(1, {flags=0, sq_thread_cpu=0, sq_thread_idle=0, sq_entries=2, cq_entries=4, features=IORING_FEAT_SINGLE_MMAP|IORING_FEAT_NODROP, sq_off={head=0, tail=64, ring_mask=0, ring_entries=0, flags=68, dropped=0, array=0}, cq_off={head=128, tail=192, ring_mask=0, ring_entries=0, overflow=0, cqes=256, flags=0}})"},
	} {
		c := &decoder.Call{Nr: int64(sc.Nr), Entered: true, Exited: true, Ret: tc.ret, Args: [6]uint64{1, 0x1000}}
		c.Enter = []decoder.Capture{{Arg: 1, Kind: decoder.CapMemIn, Data: tc.in}}
		if tc.out != nil {
			c.Exit = []decoder.Capture{{Arg: 1, Kind: decoder.CapMemOut, Flags: decoder.CapExit, Data: tc.out}}
		}
		f := New(Options{StrSize: 32})
		b, deferred := f.FormatArgs([]byte("io_uring_setup("), c, false)
		if deferred {
			b, _ = f.FormatArgs(b, c, true)
		}
		if got := string(append(b, ')')); got != tc.want {
			t.Errorf("got  %s\nwant %s", got, tc.want)
		}
	}
}
