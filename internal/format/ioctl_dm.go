package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/xlat"
)

// The device mapper requests (type 0xfd), as strace 6.1's dm.c decodes
// them: the struct dm_ioctl header at enter and, when the kernel changed
// it or the call succeeded, again at exit. What follows the header (target
// specs, dependencies, names, versions, messages) shows as "...", as
// strace shows it without -v; with -v too, where strace decodes it.
func init() {
	ioctlFamilies[0xfd] = true
	for _, name := range []string{"DM_VERSION", "DM_REMOVE_ALL", "DM_LIST_DEVICES", "DM_DEV_CREATE",
		"DM_DEV_REMOVE", "DM_DEV_RENAME", "DM_DEV_SUSPEND", "DM_DEV_STATUS", "DM_DEV_WAIT", "DM_TABLE_LOAD",
		"DM_TABLE_CLEAR", "DM_TABLE_DEPS", "DM_TABLE_STATUS", "DM_LIST_VERSIONS", "DM_TARGET_MSG",
		"DM_DEV_SET_GEOMETRY", "DM_DEV_ARM_POLL"} {
		ioctlHandlers[name] = (*Formatter).ioctlDm
	}
}

// Offsets in struct dm_ioctl: data, where its header ends, and its
// fields.
const (
	dmHeaderSize   = 305
	dmVersionMajor = 4
	dmSuspendFlag  = 1 << 1
	dmDataOutFlag  = 1 << 16
)

func (f *Formatter) ioctlDm(b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	in := ioctlCapture(c, false)
	readable := func(cp *decoder.Capture) bool {
		return cp != nil && !cp.Fault() && len(cp.Data) >= dmHeaderSize && le32(cp.Data[12:]) >= 12
	}
	if !readable(in) {
		return b, ioctlGeneric // unreadable: in hex, as strace prints it at exit
	}
	d := in.Data
	if exiting {
		// the kernel side reads the header again only when the call
		// succeeded: a failed one left it as it was
		out := ioctlCapture(c, true)
		if !readable(out) {
			return b, ioctlDone
		}
		d = out.Data
		b = append(b, " => ["...)
	} else {
		b = append(b, ", ["...)
	}
	b, ok := f.appendDmHeader(b, d, c, exiting)
	if ok {
		b = appendDmPayload(b, d, c, exiting)
	}
	b = append(b, ']')
	if exiting {
		return b, ioctlDone
	}
	return b, ioctlAtExit
}

// appendDmHeader prints the header as strace's dm_decode_header; false
// when its version or size stops the decoding.
func (f *Formatter) appendDmHeader(b, d []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	code := uint32(c.Args[1])
	is := func(names ...string) bool {
		for _, n := range names {
			if code == ioctlCode(n) {
				return true
			}
		}
		return false
	}
	b = append(b, "{version=["...)
	for i := range 3 {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = strconv.AppendUint(b, uint64(le32(d[4*i:])), 10)
	}
	b = append(b, ']')
	if le32(d) != dmVersionMajor {
		return append(b, " /* unsupported device mapper ABI version */}"...), false
	}
	dataSize := le32(d[12:])
	b = strconv.AppendUint(append(b, ", data_size="...), uint64(dataSize), 10)
	if dataSize < dmHeaderSize {
		return append(b, " /* data_size too small */}"...), false
	}
	if !is("DM_VERSION", "DM_REMOVE_ALL", "DM_DEV_CREATE", "DM_DEV_REMOVE", "DM_DEV_SUSPEND",
		"DM_DEV_STATUS", "DM_TABLE_CLEAR", "DM_DEV_ARM_POLL") {
		b = strconv.AppendUint(append(b, ", data_start="...), uint64(le32(d[16:])), 10)
	}
	if !is("DM_REMOVE_ALL", "DM_LIST_DEVICES", "DM_LIST_VERSIONS") {
		if dev := le64(d[40:]); dev != 0 {
			b = f.appendDevStyled(append(b, ", dev="...), dev)
		}
		if d[48] != 0 {
			b = f.appendCString(append(b, ", name="...), d[48:176])
		}
		if d[176] != 0 {
			b = f.appendCString(append(b, ", uuid="...), d[176:305])
		}
	}
	flags := le32(d[28:])
	u32 := func(name string, off int) { b = strconv.AppendUint(append(b, name...), uint64(le32(d[off:])), 10) }
	switch {
	case !exiting && is("DM_TABLE_LOAD"):
		u32(", target_count=", 20)
	case !exiting && is("DM_DEV_SUSPEND") && flags&dmSuspendFlag == 0,
		!exiting && is("DM_DEV_RENAME", "DM_DEV_REMOVE", "DM_DEV_WAIT"):
		u32(", event_nr=", 32)
	case exiting && !c.Failed() && is("DM_DEV_CREATE", "DM_DEV_RENAME", "DM_DEV_SUSPEND", "DM_DEV_STATUS",
		"DM_DEV_WAIT", "DM_TABLE_LOAD", "DM_TABLE_CLEAR", "DM_TABLE_DEPS", "DM_TABLE_STATUS", "DM_TARGET_MSG"):
		u32(", target_count=", 20)
		b = strconv.AppendInt(append(b, ", open_count="...), int64(int32(le32(d[24:]))), 10)
		u32(", event_nr=", 32)
	}
	b = xlat.ByName("dm_flags").AppendFlags(append(b, ", flags="...), uint64(flags), f.opt.Xlat)
	return append(b, '}'), true
}

// appendDmPayload marks what follows the header as strace does without
// -v: ", ..." where it would decode some.
func appendDmPayload(b, d []byte, c *decoder.Call, exiting bool) []byte {
	code := uint32(c.Args[1])
	dataStart, dataSize := le32(d[16:]), le32(d[12:])
	ok := !c.Failed()
	more := false
	switch code {
	case ioctlCode("DM_TABLE_LOAD"):
		more = !exiting && le32(d[20:]) != 0
	case ioctlCode("DM_DEV_WAIT"), ioctlCode("DM_TABLE_STATUS"):
		more = exiting && ok && le32(d[20:]) != 0
	case ioctlCode("DM_TABLE_DEPS"), ioctlCode("DM_LIST_DEVICES"), ioctlCode("DM_LIST_VERSIONS"):
		more = exiting && ok && dataStart != dataSize
	case ioctlCode("DM_TARGET_MSG"):
		more = !exiting && dataStart != dataSize || exiting && ok && le32(d[28:])&dmDataOutFlag != 0
	case ioctlCode("DM_DEV_RENAME"), ioctlCode("DM_DEV_SET_GEOMETRY"):
		more = !exiting
	}
	if more {
		b = append(b, ", ..."...)
	}
	return b
}
