package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/xlat"
)

func init() { specialFormatters["io_uring_setup"] = formatIoUringSetup }

// struct io_uring_params (linux/io_uring.h).
const (
	uringParamsSize    = 120
	uringSetupAttachWQ = 1 << 5 // IORING_SETUP_ATTACH_WQ
)

var (
	uringSetupFlags    = xlat.ByName("uring_setup_flags")
	uringSetupFeatures = xlat.ByName("uring_setup_features")
)

// formatIoUringSetup prints io_uring_setup's entries and struct
// io_uring_params as strace's SYS_FUNC(io_uring_setup): what the caller
// sets at enter, and on success what the kernel filled in at exit.
func formatIoUringSetup(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	addr := c.Args[1]
	if exiting {
		if cp := exitCapture(c, 1); !c.Failed() && cp != nil && !cp.Fault() && len(cp.Data) >= uringParamsSize {
			d := cp.Data
			b = strconv.AppendUint(append(b, ", sq_entries="...), uint64(le32(d[0:])), 10)
			b = strconv.AppendUint(append(b, ", cq_entries="...), uint64(le32(d[4:])), 10)
			b = uringSetupFeatures.AppendFlags(append(b, ", features="...), uint64(le32(d[20:])), f.opt.Xlat)
			b = appendRingOffsets(append(b, ", sq_off="...), d[40:80], "flags", "dropped", "array")
			b = appendRingOffsets(append(b, ", cq_off="...), d[80:120], "overflow", "cqes", "flags")
		}
		return append(b, '}'), false
	}
	b = strconv.AppendUint(b, uint64(uint32(c.Args[0])), 10)
	b = append(b, ", "...)
	cp := c.Capture(1, decoder.CapMemIn)
	if addr == 0 || cp == nil || cp.Fault() || len(cp.Data) < uringParamsSize {
		return appendAddr(b, addr), false
	}
	d := cp.Data
	flags := le32(d[8:])
	b = uringSetupFlags.AppendFlags(append(b, "{flags="...), uint64(flags), f.opt.Xlat)
	b = appendHex(append(b, ", sq_thread_cpu="...), uint64(le32(d[12:])))
	b = strconv.AppendUint(append(b, ", sq_thread_idle="...), uint64(le32(d[16:])), 10)
	if flags&uringSetupAttachWQ != 0 {
		b = f.appendFd(append(b, ", wq_fd="...), c.Tid, int32(le32(d[24:])))
	}
	if resv := d[28:40]; !allZero(resv) {
		b = append(b, ", resv=["...)
		for i := 0; i < 3; i++ {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendHex(b, uint64(le32(resv[4*i:])))
		}
		b = append(b, ']')
	}
	return b, true
}

// appendRingOffsets prints a struct io_sqring_offsets or io_cqring_offsets:
// head, tail, ring_mask, ring_entries, the three fields that differ, then
// resv1 and resv2 when set.
func appendRingOffsets(b, d []byte, f5, f6, f7 string) []byte {
	b = appendU32Fields(b, d[:28], "head", "tail", "ring_mask", "ring_entries", f5, f6, f7)
	b = b[:len(b)-1]
	if v := le32(d[28:]); v != 0 {
		b = appendHex(append(b, ", resv1="...), uint64(v))
	}
	if v := le64(d[32:]); v != 0 {
		b = appendHex(append(b, ", resv2="...), v)
	}
	return append(b, '}')
}
