package printer

import (
	"github.com/gotrace/gotrace/internal/decoder"
)

// fdsReturned and fdsReleased keep -y's descriptor table up to date
// around the exit line of c.
func (p *Printer) fdsReturned(c *decoder.Call) {
	if p.opt.Fds != nil {
		p.opt.Fds.Returned(c)
	}
}

func (p *Printer) fdsReleased(c *decoder.Call) {
	if p.opt.Fds != nil {
		p.opt.Fds.Released(c)
	}
}

func (p *Printer) hidden(nr int64) bool {
	return p.opt.Hide != nil && p.opt.Hide(int(nr))
}

func (p *Printer) showCall(c *decoder.Call) bool {
	return p.opt.ShowCall == nil || p.opt.ShowCall(c)
}
