package printer

import (
	"github.com/gotrace/gotrace/internal/decoder"
)

// explain writes the --explain note of the call whose line just ended, as a
// line of its own starting with "  # ".
func (p *Printer) explain(c *decoder.Call) {
	if p.opt.Explain == nil || !c.Entered {
		return
	}
	n := append(p.buf[:0], "  # "...)
	if n2 := p.opt.Explain(n, c); len(n2) > len(n) {
		p.buf = n2
		p.write(p.buf)
		p.newline()
	}
}
