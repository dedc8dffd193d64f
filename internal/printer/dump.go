package printer

import (
	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/dump"
)

// dump writes, after c's line, the hex dump of the data c wrote to or
// read from a descriptor of -e write= or -e read=, as strace's dumpio: a
// write's whole buffer even if it failed, a read's data if it succeeded.
func (p *Printer) dump(c *decoder.Call) {
	fd := int(int32(c.Args[0]))
	if fd < 0 {
		return
	}
	var data *decoder.Capture
	var total int
	switch dump.Of(c.Name()) {
	case dump.Write:
		if !p.opt.DumpWrite.Has(fd) {
			return
		}
		data, total = c.Capture(1, decoder.CapBufIn), int(c.Args[2])
	case dump.Read:
		if !p.opt.DumpRead.Has(fd) || c.Failed() || !c.Exited {
			return
		}
		data, total = c.Capture(1, decoder.CapBufOut), int(c.Ret)
	default:
		return
	}
	if data == nil || data.Fault() || total <= 0 {
		return // strace prints nothing when the memory cannot be read
	}
	p.buf = dump.Append(p.buf[:0], data.Data, total)
	p.w.Write(p.buf)
}
