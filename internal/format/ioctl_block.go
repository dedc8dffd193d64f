package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/xlat"
)

// The block device requests (type 0x12), as strace 6.1's block.c decodes
// them. Most codes carry no size: bpf/capture.h's ioctl_arg_size knows
// what each points to, and reads the struct blkpg_partition that BLKPG's
// argument points to after it (ioctl_ptr).
func init() {
	ioctlFamilies[0x12] = true
	for name, h := range map[string]ioctlHandler{
		"BLKRASET":         ioctlUlongVal,
		"BLKFRASET":        ioctlUlongVal,
		"BLKSECTGET":       ioctlStructOut(2, appendU16Ref),
		"BLKROTATIONAL":    ioctlStructOut(2, appendU16Ref),
		"BLKROGET":         ioctlIntPtrOut,
		"BLKBSZGET":        ioctlIntPtrOut,
		"BLKSSZGET":        ioctlIntPtrOut,
		"BLKALIGNOFF":      ioctlIntPtrOut,
		"BLKROSET":         ioctlIntPtrIn,
		"BLKBSZSET":        ioctlIntPtrIn,
		"BLKPBSZGET":       ioctlStructOut(4, func(f *Formatter, b, d []byte) []byte { return appendUintRef(b, d) }),
		"BLKIOMIN":         ioctlStructOut(4, func(f *Formatter, b, d []byte) []byte { return appendUintRef(b, d) }),
		"BLKIOOPT":         ioctlStructOut(4, func(f *Formatter, b, d []byte) []byte { return appendUintRef(b, d) }),
		"BLKDISCARDZEROES": ioctlStructOut(4, func(f *Formatter, b, d []byte) []byte { return appendUintRef(b, d) }),
		"BLKGETZONESZ":     ioctlStructOut(4, func(f *Formatter, b, d []byte) []byte { return appendUintRef(b, d) }),
		"BLKGETNRZONES":    ioctlStructOut(4, func(f *Formatter, b, d []byte) []byte { return appendUintRef(b, d) }),
		"BLKRAGET":         ioctlStructOut(8, appendS64Ref),
		"BLKFRAGET":        ioctlStructOut(8, appendS64Ref),
		"BLKGETSIZE":       ioctlStructOut(8, appendU64Ref),
		"BLKGETSIZE64":     ioctlStructOut(8, appendU64Ref),
		"BLKGETDISKSEQ":    ioctlStructOut(8, appendU64Ref),
		"BLKDISCARD":       ioctlStructIn(16, appendU64Pair),
		"BLKSECDISCARD":    ioctlStructIn(16, appendU64Pair),
		"BLKZEROOUT":       ioctlStructIn(16, appendU64Pair),
		"BLKPG":            (*Formatter).ioctlBlkpg,
		"BLKTRACESETUP":    (*Formatter).ioctlBlkTraceSetup,
		"BLKRRPART":        ioctlNoArg,
		"BLKFLSBUF":        ioctlNoArg,
		"BLKTRACESTART":    ioctlNoArg,
		"BLKTRACESTOP":     ioctlNoArg,
		"BLKTRACETEARDOWN": ioctlNoArg,
	} {
		ioctlHandlers[name] = h
	}
}

// Sizes of struct blkpg_ioctl_arg, struct blkpg_partition and struct
// blk_user_trace_setup.
const (
	blkpgArgSize       = 24
	blkpgPartitionSize = 152
	blkTraceSetupSize  = 72
)

// appendU16Ref prints an unsigned short the argument points to: [8].
func appendU16Ref(f *Formatter, b, d []byte) []byte {
	return append(strconv.AppendUint(append(b, '['), uint64(le16(d)), 10), ']')
}

// appendS64Ref prints a long the argument points to: [-1].
func appendS64Ref(f *Formatter, b, d []byte) []byte {
	return append(strconv.AppendInt(append(b, '['), int64(le64(d)), 10), ']')
}

// appendU64Pair prints two __u64: [1, 2].
func appendU64Pair(f *Formatter, b, d []byte) []byte {
	b = strconv.AppendUint(append(b, '['), le64(d), 10)
	b = strconv.AppendUint(append(b, ", "...), le64(d[8:]), 10)
	return append(b, ']')
}

// ioctlPointee is the second capture of the argument at enter: what the
// pointer in its struct points to; nil when there is none.
func ioctlPointee(c *decoder.Call) *decoder.Capture {
	if caps := ioctlCaptures(c, false, decoder.CapIoctlIn); len(caps) > 1 {
		return caps[1]
	}
	return nil
}

// ioctlBlkpg prints a struct blkpg_ioctl_arg and the struct
// blkpg_partition its data points to.
func (f *Formatter) ioctlBlkpg(b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	return appendIoctlArg(b, c, false, blkpgArgSize, func(b, d []byte) []byte {
		b = xlat.ByName("blkpg_ops").AppendValue(append(b, "{op="...), uint64(le32(d)), f.opt.Xlat)
		b = strconv.AppendInt(append(b, ", flags="...), int64(int32(le32(d[4:]))), 10)
		b = strconv.AppendInt(append(b, ", datalen="...), int64(int32(le32(d[8:]))), 10)
		b = append(b, ", data="...)
		b = appendStruct(b, le64(d[16:]), ioctlPointee(c), blkpgPartitionSize, func(b, p []byte) []byte {
			b = strconv.AppendInt(append(b, "{start="...), int64(le64(p)), 10)
			b = strconv.AppendInt(append(b, ", length="...), int64(le64(p[8:])), 10)
			b = strconv.AppendInt(append(b, ", pno="...), int64(int32(le32(p[16:]))), 10)
			b = f.appendCString(append(b, ", devname="...), p[20:84])
			b = f.appendCString(append(b, ", volname="...), p[84:148])
			return append(b, '}')
		})
		return append(b, '}')
	}), ioctlDone
}

// ioctlBlkTraceSetup prints a struct blk_user_trace_setup: what the
// kernel reads at enter, the name it writes at exit.
func (f *Formatter) ioctlBlkTraceSetup(b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	if !exiting {
		cp := ioctlCapture(c, false)
		b = append(b, ", "...)
		if c.Args[2] == 0 || cp == nil || cp.Fault() || len(cp.Data) < blkTraceSetupSize {
			return appendAddr(b, c.Args[2]), ioctlDone
		}
		d := cp.Data
		b = strconv.AppendUint(append(b, "{act_mask="...), uint64(le16(d[32:])), 10)
		b = strconv.AppendUint(append(b, ", buf_size="...), uint64(le32(d[36:])), 10)
		b = strconv.AppendUint(append(b, ", buf_nr="...), uint64(le32(d[40:])), 10)
		b = strconv.AppendUint(append(b, ", start_lba="...), le64(d[48:]), 10)
		b = strconv.AppendUint(append(b, ", end_lba="...), le64(d[56:]), 10)
		b = strconv.AppendUint(append(b, ", pid="...), uint64(le32(d[64:])), 10)
		return b, ioctlAtExit
	}
	if cp := ioctlCapture(c, true); cp != nil && !cp.Fault() && len(cp.Data) >= blkTraceSetupSize {
		b = f.appendCString(append(b, ", name="...), cp.Data[:32])
	}
	return append(b, '}'), ioctlDone
}
