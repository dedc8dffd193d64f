package printer

// ANSI colours of --color: escape sequences go straight to the writer, so
// that they do not count in the column " = " is aligned at.
const (
	colorName   = "\x1b[1m"  // syscall names: bold
	colorOK     = "\x1b[32m" // return values: green
	colorError  = "\x1b[31m" // errors: red
	colorSignal = "\x1b[33m" // --- signals ---: yellow
	colorExit   = "\x1b[36m" // +++ exits +++: cyan
	colorReset  = "\x1b[0m"
)

func (p *Printer) colorOn(code string) {
	if p.opt.Color {
		p.w.WriteString(code)
	}
}

// appendColor appends code to a piece about to be written, with --color;
// it takes code's length off the column, which writing the piece adds.
func (p *Printer) appendColor(b []byte, code string) []byte {
	if !p.opt.Color {
		return b
	}
	p.col -= len(code)
	return append(b, code...)
}

func (p *Printer) colorOff() {
	if p.opt.Color {
		p.w.WriteString(colorReset)
	}
}
