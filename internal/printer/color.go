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

// colorCode appends code with --color, leaving the column alone: for the
// codes after the line's padding, and for the format workers.
func (p *Printer) colorCode(b []byte, code string) []byte {
	if !p.opt.Color {
		return b
	}
	return append(b, code...)
}

func (p *Printer) colorOff() {
	if p.opt.Color {
		p.w.WriteString(colorReset)
	}
}
