package printer

import (
	"encoding/binary"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/dump"
)

// dump writes, after c's line, the hex dump of the data c wrote to or
// read from a descriptor of -e write= or -e read=, as strace's dumpio: a
// write's whole data even if it failed, a read's data if it succeeded;
// an iovec array's buffer by buffer, each headed " * N bytes in buffer I".
func (p *Printer) dump(c *decoder.Call) {
	fd := int(int32(c.Args[0]))
	if fd < 0 {
		return
	}
	dir, shape := dump.Of(c.Name())
	caps, total := c.Enter, int64(-1)
	switch dir {
	case dump.Write:
		if !p.opt.DumpWrite.Has(fd) {
			return
		}
	case dump.Read:
		if !p.opt.DumpRead.Has(fd) || c.Failed() || !c.Exited {
			return
		}
		caps, total = c.Exit, c.Ret
	default:
		return
	}
	p.buf = p.buf[:0]
	switch shape {
	case dump.Buffer:
		kind := decoder.CapBufIn
		if dir == dump.Read {
			kind = decoder.CapBufOut
		} else {
			total = int64(c.Args[2])
		}
		data := c.Capture(1, kind)
		if data == nil || data.Fault() || data.Part() || total <= 0 {
			return // strace prints nothing when the memory cannot be read
		}
		p.buf = dump.Append(p.buf, data.Data, int(total))
	case dump.Iovec:
		p.buf = dumpIovec(p.buf, caps, total)
	case dump.Msghdr:
		p.buf = dumpMsgIov(p.buf, caps, total)
	}
	p.w.Write(p.buf)
}

// dumpIovec dumps the buffers of the iovec array the kernel side captured
// as argument 1 (CapIov: per element its base and length, then its
// bytes), no more than total bytes in all when total >= 0, as strace's
// dumpiov_upto: nothing when the array could not be read whole, and no
// buffer after the first empty one.
func dumpIovec(b []byte, caps []decoder.Capture, total int64) []byte {
	for k := range caps {
		if cp := &caps[k]; cp.Arg == 1 && cp.Kind == decoder.CapIov && cp.Flags&decoder.CapEnd != 0 && cp.Fault() {
			return b // strace reads the array whole, or dumps nothing
		}
	}
	i := 0
	var head *decoder.Capture
	for k := range caps {
		cp := &caps[k]
		if cp.Arg != 1 || cp.Kind != decoder.CapIov || cp.Flags&decoder.CapEnd != 0 {
			continue
		}
		if head == nil {
			head = cp
			continue
		}
		if len(head.Data) < 16 {
			return b
		}
		n := binary.LittleEndian.Uint64(head.Data[8:])
		head = nil
		var ok bool
		if b, ok = dumpBuffer(b, cp, n, i, &total); !ok {
			return b
		}
		i++
	}
	return b
}

// dumpMsgIov dumps the buffers of the iovecs of the struct msghdr of
// argument 1 (CapMsgIov, then a CapMsgData for each).
func dumpMsgIov(b []byte, caps []decoder.Capture, total int64) []byte {
	var vecs []byte
	i := 0
	for k := range caps {
		cp := &caps[k]
		if cp.Arg != 1 {
			continue
		}
		switch cp.Kind {
		case decoder.CapMsgIov:
			if cp.Fault() {
				return b
			}
			vecs = cp.Data
		case decoder.CapMsgData:
			if len(vecs) < 16*(i+1) {
				return b
			}
			var ok bool
			if b, ok = dumpBuffer(b, cp, binary.LittleEndian.Uint64(vecs[16*i+8:]), i, &total); !ok {
				return b
			}
			i++
		}
	}
	return b
}

// dumpBuffer dumps buffer i of an iovec array, n bytes long, of which
// *total are left to show (-1: all); false when the dump ends there.
func dumpBuffer(b []byte, cp *decoder.Capture, n uint64, i int, total *int64) ([]byte, bool) {
	if *total >= 0 && n > uint64(*total) {
		n = uint64(*total)
	}
	if n == 0 {
		return b, false
	}
	if *total >= 0 {
		*total -= int64(n)
	}
	b = dump.AppendBuffer(b, n, i)
	if cp.Fault() {
		return b, true // strace's dumpstr prints nothing it cannot read
	}
	data := cp.Data
	if uint64(len(data)) > n {
		data = data[:n]
	}
	return dump.Append(b, data, int(n)), true
}
