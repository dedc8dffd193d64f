package format

import (
	"sync"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
)

// dispatch holds the formatters of specialFormatters, specialReturns,
// structKinds and netArgPrinters indexed by syscall number and by
// argument kind, and the bits of each argument's C type (Arg.Value):
// looking them up by name in maps took a third of a line's time. The maps
// stay the place to register formatters; the package's init functions
// fill them, and New makes these tables once.
var dispatch struct {
	once       sync.Once
	formatters []argFormatter // by syscall number
	returns    []func(f *Formatter, b []byte, c *decoder.Call) ([]byte, bool)
	structs    [256]*structKind // by kind
	net        [256]argPrinter
	// masks keep the bits of each argument's C type, by syscall number
	masks [][6]uint64
}

// kindPrinters are the printers of argument kinds that need the call, which
// the files of each concern register in their init functions (as
// netArgPrinters).
var kindPrinters = map[syscalltbl.Kind]argPrinter{}

func makeDispatch() {
	d := &dispatch
	d.formatters = make([]argFormatter, syscalltbl.Max())
	d.returns = make([]func(f *Formatter, b []byte, c *decoder.Call) ([]byte, bool), syscalltbl.Max())
	d.masks = make([][6]uint64, syscalltbl.Max())
	for _, sc := range syscalltbl.All() {
		d.formatters[sc.Nr] = specialFormatters[sc.Name]
		d.returns[sc.Nr] = specialReturns[sc.Name]
		for i := range sc.Args {
			d.masks[sc.Nr][i] = sc.Args[i].Value(^uint64(0))
		}
	}
	for k, sk := range structKinds {
		d.structs[k] = &sk
	}
	for k, fn := range netArgPrinters {
		d.net[k] = fn
	}
	for k, fn := range kindPrinters {
		d.net[k] = fn
	}
}
