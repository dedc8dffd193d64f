package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/xlat"
)

// The SCSI generic requests (type 0x22), as strace 6.1's scsi.c decodes
// them. Their codes carry no size: bpf/capture.h's ioctl_arg_size knows
// what each points to.
func init() {
	ioctlFamilies[0x22] = true
	for _, name := range []string{"SG_NEXT_CMD_LEN", "SG_SET_COMMAND_Q", "SG_SET_DEBUG", "SG_SET_FORCE_LOW_DMA",
		"SG_SET_FORCE_PACK_ID", "SG_SET_KEEP_ORPHAN", "SG_SET_RESERVED_SIZE", "SG_SET_TIMEOUT"} {
		ioctlHandlers[name] = ioctlIntPtrIn
	}
	for _, name := range []string{"SG_EMULATED_HOST", "SG_GET_ACCESS_COUNT", "SG_GET_COMMAND_Q", "SG_GET_KEEP_ORPHAN",
		"SG_GET_LOW_DMA", "SG_GET_NUM_WAITING", "SG_GET_PACK_ID", "SG_GET_RESERVED_SIZE", "SG_GET_SG_TABLESIZE",
		"SG_GET_TRANSFORM", "SG_GET_VERSION_NUM"} {
		ioctlHandlers[name] = ioctlIntPtrOut
	}
	ioctlHandlers["SG_GET_TIMEOUT"] = ioctlNoArg
	ioctlHandlers["SG_SET_TRANSFORM"] = func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		return appendHex(append(b, ", "...), uint64(uint32(c.Args[2]))), ioctlDone
	}
	ioctlHandlers["SG_SCSI_RESET"] = ioctlStructIn(4, (*Formatter).appendSgScsiReset)
	ioctlHandlers["SG_GET_SCSI_ID"] = ioctlStructOut(sgScsiIDSize, appendSgScsiID)
	ioctlHandlers["SG_GET_REQUEST_TABLE"] = ioctlStructOut(sgReqInfoSize, appendSgReqInfo)
	ioctlHandlers["SG_IO"] = (*Formatter).ioctlSgIO
}

// Sizes of struct sg_scsi_id and struct sg_req_info.
const (
	sgScsiIDSize  = 32
	sgReqInfoSize = 24
)

// appendSgScsiReset prints SG_SCSI_RESET's operation: [SG_SCSI_RESET_NO_ESCALATE|SG_SCSI_RESET_DEVICE].
func (f *Formatter) appendSgScsiReset(b, d []byte) []byte {
	const noEscalate = 0x100
	t := xlat.ByName("sg_scsi_reset")
	v := uint64(le32(d))
	b = append(b, '[')
	if v&noEscalate != 0 {
		b = append(t.AppendValue(b, noEscalate, f.opt.Xlat), '|')
	}
	b = t.AppendValue(b, v&^noEscalate, f.opt.Xlat)
	return append(b, ']')
}

// appendSgScsiID prints a struct sg_scsi_id.
func appendSgScsiID(f *Formatter, b, d []byte) []byte {
	b = strconv.AppendInt(append(b, "{host_no="...), int64(int32(le32(d))), 10)
	b = strconv.AppendInt(append(b, ", channel="...), int64(int32(le32(d[4:]))), 10)
	b = appendHex(append(b, ", scsi_id="...), uint64(le32(d[8:])))
	b = strconv.AppendInt(append(b, ", lun="...), int64(int32(le32(d[12:]))), 10)
	b = appendHex(append(b, ", scsi_type="...), uint64(le32(d[16:])))
	b = strconv.AppendInt(append(b, ", h_cmd_per_lun="...), int64(int16(le16(d[20:]))), 10)
	b = strconv.AppendInt(append(b, ", d_queue_depth="...), int64(int16(le16(d[22:]))), 10)
	return append(b, '}')
}

// appendSgReqInfo prints the first struct sg_req_info of
// SG_GET_REQUEST_TABLE's table, as strace does.
func appendSgReqInfo(f *Formatter, b, d []byte) []byte {
	for i, name := range [...]string{"{req_state=", ", orphan=", ", sg_io_owned=", ", problem="} {
		b = strconv.AppendInt(append(b, name...), int64(int8(d[i])), 10)
	}
	b = strconv.AppendInt(append(b, ", pack_id="...), int64(int32(le32(d[4:]))), 10)
	b = appendAddr(append(b, ", usr_ptr="...), le64(d[8:]))
	b = strconv.AppendUint(append(b, ", duration="...), uint64(le32(d[16:])), 10)
	return append(b, '}')
}

// ioctlSgIO prints SG_IO's argument by its interface id: an id other
// than 'S' (struct sg_io_hdr) and 'Q' (struct sg_io_v4) as [id]. Those two
// point to the command, data and sense buffers, which the kernel side
// does not read: they print as the address.
func (f *Formatter) ioctlSgIO(b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	in := ioctlCapture(c, false)
	b = append(b, ", "...)
	if c.Args[2] == 0 || in == nil || in.Fault() || len(in.Data) < 4 {
		return appendAddr(b, c.Args[2]), ioctlDone
	}
	switch iid := le32(in.Data); iid {
	case 'S', 'Q':
		return appendAddr(b, c.Args[2]), ioctlDone
	default:
		return append(strconv.AppendUint(append(b, '['), uint64(iid), 10), ']'), ioctlDone
	}
}
