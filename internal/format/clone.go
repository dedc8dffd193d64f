package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/xlat"
)

// Clone flags that make clone and clone3 print part of their arguments at exit.
const (
	cloneSettls        = 0x00080000
	cloneParentSettid  = 0x00100000
	cloneChildCleartid = 0x00200000
	cloneChildSettid   = 0x01000000
	clonePidfd         = 0x00001000
	cloneSignalMask    = 0xff
)

// AppendCloneFlags prints clone(2)'s flags word: CLONE_* flags, then the
// exit signal kept in its low byte.
func (f *Formatter) AppendCloneFlags(b []byte, v uint64) []byte {
	flags, sig := v&^cloneSignalMask, int(v&cloneSignalMask)
	if flags == 0 {
		return xlat.AppendSignal(b, sig, f.opt.Xlat)
	}
	b = xlat.CloneFlags.AppendFlags(b, flags, f.opt.Xlat)
	if sig != 0 {
		b = append(b, '|')
		b = xlat.AppendSignal(b, sig, f.opt.Xlat)
	}
	return b
}

// formatClone prints clone(flags, newsp, parent_tid, child_tid, tls) the way
// strace does: named fields, the pointers the kernel writes at exit.
func formatClone(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	flags := c.Args[0] &^ cloneSignalMask
	if !exiting {
		b = append(b, "child_stack="...)
		b = appendAddr(b, c.Args[1])
		b = append(b, ", flags="...)
		b = f.AppendCloneFlags(b, c.Args[0])
		return b, flags&(cloneParentSettid|clonePidfd|cloneChildSettid|cloneChildCleartid|cloneSettls) != 0
	}
	if flags&(cloneParentSettid|clonePidfd) != 0 {
		b = append(b, ", parent_tid="...)
		out := appendIntAt(b, c.Args[2], c.Capture(2, decoder.CapMemOut), c.Ret)
		if flags&clonePidfd != 0 && len(out) > len(b) && out[len(b)] == '[' {
			// the pidfd the kernel stored, with what it is under -y
			fd := int32(le32(c.Capture(2, decoder.CapMemOut).Data))
			out = append(f.appendFd(append(out[:len(b)], '['), c.Tid, fd), ']')
		}
		b = out
	}
	if flags&cloneSettls != 0 {
		b = append(b, ", tls="...)
		b = appendAddr(b, c.Args[4])
	}
	if flags&(cloneChildSettid|cloneChildCleartid) != 0 {
		b = append(b, ", child_tidptr="...)
		b = appendAddr(b, c.Args[3])
	}
	return b, false
}

// appendIntAt prints an int the kernel stored at addr as [N], or the address
// when it could not be read (strace's printnum_int).
func appendIntAt(b []byte, addr uint64, cp *decoder.Capture, ret int64) []byte {
	if addr == 0 || decoder.IsError(ret) || cp == nil || cp.Fault() || len(cp.Data) < 4 {
		return appendAddr(b, addr)
	}
	b = append(b, '[')
	b = strconv.AppendInt(b, int64(int32(le32(cp.Data))), 10)
	return append(b, ']')
}

// struct clone_args field offsets.
const (
	cloneArgsFlags      = 0
	cloneArgsPidfd      = 8
	cloneArgsChildTid   = 16
	cloneArgsParentTid  = 24
	cloneArgsExitSignal = 32
	cloneArgsStack      = 40
	cloneArgsStackSize  = 48
	cloneArgsTLS        = 56
	cloneArgsSetTid     = 64
	cloneArgsSetTidSize = 72
	cloneArgsCgroup     = 80
	cloneArgsMinSize    = 64 // up to and including tls
	cloneArgsSize       = 88
	cloneIntoCgroup     = 0x200000000
)

// formatClone3 prints clone3(struct clone_args *, size) as strace does: the
// struct at enter (as much of it as size says, and the bytes beyond it),
// and at exit " => {pidfd=[N], parent_tid=[N]}" as the kernel wrote them,
// with the bytes beyond the struct again.
func formatClone3(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	addr, size := c.Args[0], c.Args[1]
	cp := c.Capture(0, decoder.CapMemIn)
	fetch := int(min(size, cloneArgsSize))
	readable := size >= cloneArgsMinSize && cp != nil && !cp.Fault() && len(cp.Data) >= fetch
	// strace reads the struct into a zeroed one, as much as size says
	var d [cloneArgsSize]byte
	if readable {
		copy(d[:], cp.Data[:fetch])
	}
	flags := le64(d[cloneArgsFlags:])
	if !exiting {
		if !readable {
			b = appendAddr(b, addr)
			b = append(b, ", "...)
			return strconv.AppendUint(b, size, 10), false
		}
		field := func(name string, off int) {
			b = append(b, ", "...)
			b = append(b, name...)
			b = append(b, '=')
			b = appendAddr(b, le64(d[off:]))
		}
		b = append(b, "{flags="...)
		b = xlat.Clone3Flags.AppendFlags(b, flags, f.opt.Xlat)
		if flags&clonePidfd != 0 {
			field("pidfd", cloneArgsPidfd)
		}
		if flags&(cloneChildSettid|cloneChildCleartid) != 0 {
			field("child_tid", cloneArgsChildTid)
		}
		if flags&cloneParentSettid != 0 {
			field("parent_tid", cloneArgsParentTid)
		}
		b = append(b, ", exit_signal="...)
		if sig := le64(d[cloneArgsExitSignal:]); sig < 1<<31-1 {
			b = xlat.AppendSignal(b, int(sig), f.opt.Xlat)
		} else {
			b = strconv.AppendUint(b, sig, 10)
		}
		field("stack", cloneArgsStack)
		b = append(b, ", stack_size="...)
		b = appendHex(b, le64(d[cloneArgsStackSize:]))
		if flags&cloneSettls != 0 {
			field("tls", cloneArgsTLS)
		}
		if setTid, n := le64(d[cloneArgsSetTid:]), le64(d[cloneArgsSetTidSize:]); setTid != 0 || n != 0 {
			const maxSetTid = 32
			if setTid == 0 || n == 0 || n > maxSetTid {
				field("set_tid", cloneArgsSetTid)
			} else {
				b = append(b, ", set_tid="...)
				b = f.appendMemArray(b, setTid, c.Capture(0, decoder.CapClone3SetTid), n, 4, func(b, d []byte) []byte {
					return strconv.AppendInt(b, int64(int32(le32(d))), 10)
				})
			}
			b = append(b, ", set_tid_size="...)
			b = strconv.AppendUint(b, n, 10)
		}
		if cg := le64(d[cloneArgsCgroup:]); fetch > cloneArgsCgroup && (cg != 0 || flags&cloneIntoCgroup != 0) {
			b = append(b, ", cgroup="...)
			b = strconv.AppendUint(b, cg, 10)
		}
		b = f.appendSizedTail(append(b, '}'), cp, cloneArgsSize, size)
		if flags&(clonePidfd|cloneParentSettid) != 0 || size > cloneArgsSize {
			return b, true
		}
		b = append(b, ", "...)
		return strconv.AppendUint(b, size, 10), false
	}
	if !c.Failed() && readable {
		sep := " => {"
		if out := c.Capture(0, decoder.CapClone3Out); out != nil && len(out.Data) >= 8 {
			// as strace's printnum_fd and printnum_pid: NULL, the
			// address where it cannot be read, else [N]
			num := func(name string, ptr uint64, v uint32) {
				b = append(append(append(b, sep...), name...), '=')
				sep = ", "
				if ptr == 0 || out.Fault() {
					b = appendAddr(b, ptr)
					return
				}
				b = strconv.AppendInt(append(b, '['), int64(int32(v)), 10)
				b = append(b, ']')
			}
			if flags&clonePidfd != 0 {
				num("pidfd", le64(d[cloneArgsPidfd:]), le32(out.Data))
			}
			if flags&cloneParentSettid != 0 {
				num("parent_tid", le64(d[cloneArgsParentTid:]), le32(out.Data[4:]))
			}
		}
		// the bytes beyond the struct, read again as strace does
		if tail := f.appendSizedTail([]byte{'}'}, cp, cloneArgsSize, size); len(tail) > 1 {
			b = append(b, sep...)
			b = append(b, tail[len(", "):len(tail)-1]...)
			sep = ", "
		}
		if sep == ", " {
			b = append(b, '}')
		}
	}
	b = append(b, ", "...)
	return strconv.AppendUint(b, size, 10), false
}
