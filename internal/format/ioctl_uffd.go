package format

import (
	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/xlat"
)

// userfaultfd's requests (type 0xaa), as strace 6.1's userfaultfd.c
// decodes them: what the kernel reads at enter, what it writes back
// (features, ioctls, copy, zeropage) at exit.
func init() {
	ioctlFamilies[0xaa] = true
	ioctlHandlers["UFFDIO_API"] = (*Formatter).ioctlUffdAPI
	ioctlHandlers["UFFDIO_REGISTER"] = uffdInOut(32, func(f *Formatter, b, d []byte) []byte {
		b = appendUffdRange(append(b, "{range="...), d)
		return f.appendFlagsArg(append(b, ", mode="...), "uffd_register_mode_flags", le64(d[16:]))
	}, func(f *Formatter, b, d []byte) []byte {
		return f.appendFlagsArg(append(b, ", ioctls="...), "uffd_register_ioctl_flags", le64(d[24:]))
	})
	ioctlHandlers["UFFDIO_COPY"] = uffdInOut(40, func(f *Formatter, b, d []byte) []byte {
		b = appendHex(append(b, "{dst="...), le64(d))
		b = appendHex(append(b, ", src="...), le64(d[8:]))
		b = appendHex(append(b, ", len="...), le64(d[16:]))
		return f.appendFlagsArg(append(b, ", mode="...), "uffd_copy_flags", le64(d[24:]))
	}, func(f *Formatter, b, d []byte) []byte {
		return appendHex(append(b, ", copy="...), le64(d[32:]))
	})
	ioctlHandlers["UFFDIO_ZEROPAGE"] = uffdInOut(32, func(f *Formatter, b, d []byte) []byte {
		b = appendUffdRange(append(b, "{range="...), d)
		return f.appendFlagsArg(append(b, ", mode="...), "uffd_zeropage_flags", le64(d[16:]))
	}, func(f *Formatter, b, d []byte) []byte {
		return appendHex(append(b, ", zeropage="...), le64(d[24:]))
	})
	rng := ioctlStructIn(16, func(f *Formatter, b, d []byte) []byte { return appendUffdRange(b, d) })
	ioctlHandlers["UFFDIO_UNREGISTER"] = rng
	ioctlHandlers["UFFDIO_WAKE"] = rng
}

// appendUffdRange prints a struct uffdio_range: {start=0x..., len=0x...}.
func appendUffdRange(b, d []byte) []byte {
	b = appendHex(append(b, "{start="...), le64(d))
	b = appendHex(append(b, ", len="...), le64(d[8:]))
	return append(b, '}')
}

// uffdInOut is the handler of a struct of size bytes the kernel reads,
// then completes: in prints its start at enter, out what the kernel wrote
// at exit (nothing when the call failed), then the brace closes.
func uffdInOut(size int, in, out func(f *Formatter, b, d []byte) []byte) ioctlHandler {
	return func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		cp := ioctlCapture(c, exiting)
		if !exiting {
			b = append(b, ", "...)
			if c.Args[2] == 0 || cp == nil || cp.Fault() || len(cp.Data) < size {
				return appendAddr(b, c.Args[2]), ioctlDone
			}
			return in(f, b, cp.Data), ioctlAtExit
		}
		if cp != nil && !cp.Fault() && len(cp.Data) >= size {
			b = out(f, b, cp.Data)
		}
		return append(b, '}'), ioctlDone
	}
}

// ioctlUffdAPI prints a struct uffdio_api: api and features at enter; at
// exit the features again if the kernel changed them, and the ioctls.
func (f *Formatter) ioctlUffdAPI(b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	const size = 24
	in := ioctlCapture(c, false)
	if !exiting {
		b = append(b, ", "...)
		if c.Args[2] == 0 || in == nil || in.Fault() || len(in.Data) < size {
			return appendAddr(b, c.Args[2]), ioctlDone
		}
		b = appendHex(append(b, "{api="...), le64(in.Data))
		return f.appendFlagsArg(append(b, ", features="...), "uffd_api_features", le64(in.Data[8:])), ioctlAtExit
	}
	if out := ioctlCapture(c, true); out != nil && !out.Fault() && len(out.Data) >= size {
		if features := le64(out.Data[8:]); in == nil || len(in.Data) < size || le64(in.Data[8:]) != features {
			b = f.appendFlagsArg(append(b, " => features="...), "uffd_api_features", features)
		}
		b = xlat.ByName("uffd_api_flags").AppendFlags(append(b, ", ioctls="...), le64(out.Data[16:]), f.opt.Xlat)
	}
	return append(b, '}'), ioctlDone
}
