package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/xlat"
)

// The requests of small device and file system families, as strace 6.1's
// fs_x_ioctl.c, nbd_ioctl.c, nsfs.c, inotify_ioctl.c, watchdog_ioctl.c,
// random_ioctl.c and counter_ioctl.c decode them.
func init() {
	for _, t := range []uint32{'X', 0xab, 0xb7, 'I', 'W', 'R', '>'} {
		ioctlFamilies[t] = true
	}
	for name, h := range map[string]ioctlHandler{
		// fs_x
		"FIFREEZE":          ioctlNoArg,
		"FITHAW":            ioctlNoArg,
		"FITRIM":            ioctlStructIn(24, (*Formatter).appendFstrimRange),
		"FS_IOC_FSGETXATTR": ioctlStructOut(28, func(f *Formatter, b, d []byte) []byte { return f.appendFsxattr(b, d, true) }),
		"FS_IOC_FSSETXATTR": ioctlStructIn(28, func(f *Formatter, b, d []byte) []byte { return f.appendFsxattr(b, d, false) }),
		// nbd
		"NBD_DISCONNECT":      ioctlNoArg,
		"NBD_CLEAR_SOCK":      ioctlNoArg,
		"NBD_DO_IT":           ioctlNoArg,
		"NBD_CLEAR_QUE":       ioctlNoArg,
		"NBD_PRINT_DEBUG":     ioctlNoArg,
		"NBD_SET_SOCK":        ioctlFdVal,
		"NBD_SET_BLKSIZE":     ioctlUlongVal,
		"NBD_SET_SIZE":        ioctlUlongVal,
		"NBD_SET_SIZE_BLOCKS": ioctlUlongVal,
		"NBD_SET_TIMEOUT":     ioctlUlongVal,
		"NBD_SET_FLAGS": func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
			return f.appendFlagsArg(append(b, ", "...), "nbd_ioctl_flags", c.Args[2]), ioctlDone
		},
		// nsfs
		"NS_GET_USERNS":    ioctlNoArg,
		"NS_GET_PARENT":    ioctlNoArg,
		"NS_GET_NSTYPE":    ioctlNoArg,
		"NS_GET_OWNER_UID": ioctlStructOut(4, func(f *Formatter, b, d []byte) []byte { return appendIDRef(b, le32(d)) }),
		// inotify
		"INOTIFY_IOC_SETNEXTWD": ioctlIntVal,
		// watchdog
		"WDIOC_GETSTATUS":     ioctlIntPtrOut,
		"WDIOC_GETBOOTSTATUS": ioctlIntPtrOut,
		"WDIOC_GETTEMP":       ioctlIntPtrOut,
		"WDIOC_GETTIMEOUT":    ioctlIntPtrOut,
		"WDIOC_GETPRETIMEOUT": ioctlIntPtrOut,
		"WDIOC_GETTIMELEFT":   ioctlIntPtrOut,
		"WDIOC_SETTIMEOUT":    ioctlIntPtrIn,
		"WDIOC_SETPRETIMEOUT": ioctlIntPtrIn,
		"WDIOC_KEEPALIVE":     ioctlNoArg,
		// random
		"RNDGETENTCNT":   ioctlIntPtrOut,
		"RNDADDTOENTCNT": ioctlIntPtrIn,
		"RNDADDENTROPY":  (*Formatter).ioctlRndAddEntropy,
		"RNDZAPENTCNT":   ioctlNoArg,
		"RNDCLEARPOOL":   ioctlNoArg,
		"RNDRESEEDCRNG":  ioctlNoArg,
		// counter
		"COUNTER_ADD_WATCH_IOCTL":      ioctlStructIn(6, (*Formatter).appendCounterWatch),
		"COUNTER_ENABLE_EVENTS_IOCTL":  ioctlNoArg,
		"COUNTER_DISABLE_EVENTS_IOCTL": ioctlNoArg,
	} {
		ioctlHandlers[name] = h
	}
	specialReturns["ioctl"] = returnIoctl
}

// ioctlFdVal: a descriptor by value.
var ioctlFdVal ioctlHandler = func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	return f.appendFd(append(b, ", "...), c.Tid, int32(c.Args[2])), ioctlDone
}

// returnIoctl prints what strace says of some requests' return values: a
// new descriptor (NS_GET_USERNS, KVM_CREATE_VM), a namespace type
// (NS_GET_NSTYPE), the buffers made (VIDIOC_CREATE_BUFS).
func returnIoctl(f *Formatter, b []byte, c *decoder.Call) ([]byte, bool) {
	if c.Failed() {
		return b, false
	}
	code := uint32(c.Args[1])
	switch {
	case code == ioctlCode("NS_GET_USERNS") || code == ioctlCode("NS_GET_PARENT") ||
		code == ioctlCode("KVM_CREATE_VM") || code == ioctlCode("KVM_CREATE_VCPU"):
		return f.appendFd(append(b, "= "...), c.Tid, int32(c.Ret)), true
	case code == ioctlCode("VIDIOC_CREATE_BUFS"):
		return appendV4l2CreateBufsRet(strconv.AppendInt(append(b, "= "...), c.Ret, 10), c), true
	case code == ioctlCode("NS_GET_NSTYPE"):
		b = strconv.AppendInt(append(b, "= "...), c.Ret, 10)
		if name, ok := xlat.ByName("setns_types").Name(uint64(c.Ret)); ok {
			b = append(append(append(b, " ("...), name...), ')')
		}
		return b, true
	}
	return b, false
}

// ioctlCode is the code of a request name the table has.
func ioctlCode(name string) uint32 {
	code, ok := xlat.IoctlCode(name)
	if !ok {
		panic("ioctl request " + name + " has no code")
	}
	return code
}

// appendFlagsArg prints v by the flags of table, in -X's style.
func (f *Formatter) appendFlagsArg(b []byte, table string, v uint64) []byte {
	return xlat.ByName(table).AppendFlags(b, v, f.opt.Xlat)
}

// appendIDRef prints a uid the argument points to: [0], [-1].
func appendIDRef(b []byte, id uint32) []byte {
	b = append(b, '[')
	if id == ^uint32(0) {
		b = append(b, "-1"...)
	} else {
		b = strconv.AppendUint(b, uint64(id), 10)
	}
	return append(b, ']')
}

// appendFstrimRange prints a struct fstrim_range.
func (f *Formatter) appendFstrimRange(b, d []byte) []byte {
	b = appendHex(append(b, "{start="...), le64(d))
	b = strconv.AppendUint(append(b, ", len="...), le64(d[8:]), 10)
	b = strconv.AppendUint(append(b, ", minlen="...), le64(d[16:]), 10)
	return append(b, '}')
}

// appendFsxattr prints a struct fsxattr; fsx_nextents only as the kernel
// wrote it.
func (f *Formatter) appendFsxattr(b, d []byte, get bool) []byte {
	b = f.appendFlagsArg(append(b, "{fsx_xflags="...), "fs_xflags", uint64(le32(d)))
	b = strconv.AppendUint(append(b, ", fsx_extsize="...), uint64(le32(d[4:])), 10)
	if get {
		b = strconv.AppendUint(append(b, ", fsx_nextents="...), uint64(le32(d[8:])), 10)
	}
	b = appendHex(append(b, ", fsx_projid="...), uint64(le32(d[12:])))
	b = strconv.AppendUint(append(b, ", fsx_cowextsize="...), uint64(le32(d[16:])), 10)
	return append(b, '}')
}

// appendCounterWatch prints a struct counter_watch.
func (f *Formatter) appendCounterWatch(b, d []byte) []byte {
	b = append(b, "{component={type="...)
	b = xlat.ByName("counter_ioctl_component_types").AppendValue(b, uint64(d[0]), f.opt.Xlat)
	b = append(b, ", scope="...)
	b = xlat.ByName("counter_ioctl_scopes").AppendValue(b, uint64(d[1]), f.opt.Xlat)
	b = strconv.AppendUint(append(b, ", parent="...), uint64(d[2]), 10)
	b = strconv.AppendUint(append(b, ", id="...), uint64(d[3]), 10)
	b = append(b, "}, event="...)
	b = xlat.ByName("counter_ioctl_event_types").AppendValue(b, uint64(d[4]), f.opt.Xlat)
	b = strconv.AppendUint(append(b, ", channel="...), uint64(d[5]), 10)
	return append(b, '}')
}

// ioctlRndAddEntropy prints a struct rand_pool_info and the buffer that
// follows it, as long as its buf_size says (bpf/capture.h reads -s bytes
// of it).
func (f *Formatter) ioctlRndAddEntropy(b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	const head = 8
	cp, addr := ioctlCapture(c, false), c.Args[2]
	b = append(b, ", "...)
	if addr == 0 || cp == nil || len(cp.Data) < head || cp.Fault() && !cp.Part() {
		return appendAddr(b, addr), ioctlDone
	}
	size := le32(cp.Data[4:])
	b = strconv.AppendInt(append(b, "{entropy_count="...), int64(int32(le32(cp.Data))), 10)
	b = strconv.AppendInt(append(b, ", buf_size="...), int64(int32(size)), 10)
	buf := &decoder.Capture{Data: cp.Data[head:]}
	if n := uint64(size); uint64(len(buf.Data)) > n {
		buf.Data = buf.Data[:n]
	} else if uint64(len(buf.Data)) < min(n, uint64(f.opt.StrSize)) {
		buf.Flags = decoder.CapFault // cut by an unreadable page
	}
	b = f.appendBuffer(append(b, ", buf="...), addr+head, buf, uint64(size), f.opt.Quote)
	return append(b, '}'), ioctlDone
}
