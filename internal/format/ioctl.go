package format

import (
	"strconv"
	"sync"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/xlat"
)

// ioctlArg says how the third argument of an ioctl request prints.
type ioctlArg uint8

const (
	ioctlHex        ioctlArg = iota // not decoded: in hex
	ioctlNone                       // the request takes no argument: none shown
	ioctlIntIn                      // int * read by the kernel: [1]
	ioctlIntOut                     // int * written by the kernel, shown at exit
	ioctlTermios                    // struct termios * read by the kernel
	ioctlTermiosOut                 // struct termios * written by the kernel
	ioctlWinsize                    // struct winsize * read by the kernel
	ioctlWinsizeOut                 // struct winsize * written by the kernel
	ioctlTermio                     // struct termio * read by the kernel
	ioctlTermioOut                  // struct termio * written by the kernel
	ioctlModem                      // int * of modem lines read by the kernel
	ioctlModemOut                   // int * of modem lines written by the kernel
	ioctlChar                       // char * read by the kernel: "q"
	ioctlFlush                      // TCFLSH's queue, by value
	ioctlFlow                       // TCXONC's action, by value
	ioctlInt                        // an int by value
)

// ioctlArgs are the terminal's requests strace decodes the argument of,
// by name. bpf/capture.h's ioctl_arg_size reads their structs and ints.
var ioctlArgs = map[string]ioctlArg{
	"TCGETS": ioctlTermiosOut, "TCSETS": ioctlTermios, "TCSETSW": ioctlTermios, "TCSETSF": ioctlTermios,
	"TIOCGLCKTRMIOS": ioctlTermiosOut, "TIOCSLCKTRMIOS": ioctlTermios,
	"TCGETS2": ioctlTermiosOut, "TCSETS2": ioctlTermios, "TCSETSW2": ioctlTermios, "TCSETSF2": ioctlTermios,
	"TCGETA": ioctlTermioOut, "TCSETA": ioctlTermio, "TCSETAW": ioctlTermio, "TCSETAF": ioctlTermio,
	"TIOCGWINSZ": ioctlWinsizeOut, "TIOCSWINSZ": ioctlWinsize,
	"TIOCMGET": ioctlModemOut, "TIOCMBIS": ioctlModem, "TIOCMBIC": ioctlModem, "TIOCMSET": ioctlModem,
	"TIOCGPGRP": ioctlIntOut, "TIOCSPGRP": ioctlIntIn, "TIOCGSID": ioctlIntOut,
	"TIOCOUTQ": ioctlIntOut, "FIONREAD": ioctlIntOut, "TIOCGETD": ioctlIntOut, "TIOCSETD": ioctlIntIn,
	"TIOCGSOFTCAR": ioctlIntOut, "TIOCSSOFTCAR": ioctlIntIn, "TIOCGDEV": ioctlIntOut,
	"TIOCGPTN": ioctlIntOut, "TIOCSPTLCK": ioctlIntIn, "TIOCGEXCL": ioctlIntOut,
	"TIOCPKT": ioctlIntIn, "FIONBIO": ioctlIntIn, "FIOASYNC": ioctlIntIn,
	"TIOCSTI": ioctlChar,
	"TCFLSH":  ioctlFlush, "TCXONC": ioctlFlow, "TCSBRK": ioctlInt, "TCSBRKP": ioctlInt, "TIOCSCTTY": ioctlInt,
	"FIOCLEX": ioctlNone, "FIONCLEX": ioctlNone, "TIOCEXCL": ioctlNone, "TIOCNXCL": ioctlNone,
	"TIOCNOTTY": ioctlNone, "TIOCCONS": ioctlNone, "TIOCSBRK": ioctlNone, "TIOCCBRK": ioctlNone,
	"TIOCVHANGUP": ioctlNone, "TIOCSSERIAL": ioctlNone,
}

// Sizes and fields of the kernel's struct termios and struct winsize.
const (
	termiosSize = 36 // struct termios; termios2's 44 bytes start the same way
	termioSize  = 18
	winsizeSize = 8
	cbaud       = 0x100f
	cibaud      = 0x100f0000
	ibshift     = 16
	csize       = 0x30
)

func init() { specialFormatters["ioctl"] = formatIoctl }

// ioctlRet says what a request's decoder did, as strace's ioctl decoders
// return it.
type ioctlRet uint8

const (
	ioctlAtExit  ioctlRet = iota // nothing yet: decode at exit (strace's 0)
	ioctlGeneric                 // the argument prints in hex (RVAL_DECODED)
	ioctlDone                    // the decoder printed the argument, or there is none (RVAL_IOCTL_DECODED)
)

// ioctlHandler decodes the argument of a request at enter and, when it
// returned ioctlAtExit, at exit; it prints the separator before the
// argument itself.
type ioctlHandler func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet)

// ioctlHandlers are the decoders of the requests strace decodes, by
// request name; each family's file registers its own.
var ioctlHandlers = map[string]ioctlHandler{}

// ioctlCodeHandlers are decoders of requests strace knows by a code
// without a name in the table.
var ioctlCodeHandlers = map[uint32]ioctlHandler{}

// ioctlTypeHandlers decode every request of a type that no handler of
// ioctlHandlers or ioctlCodeHandlers takes (evdev's numbered families).
var ioctlTypeHandlers = map[uint32]ioctlHandler{}

// ioctlFamilies are the request types strace has a decoder for
// (ioctl_decode): their other requests print their argument in hex at
// enter, those of other types at exit.
var ioctlFamilies = map[uint32]bool{}

// ioctlByCode is ioctlHandlers by request code.
var ioctlByCode = sync.OnceValue(func() map[uint32]ioctlHandler {
	m := make(map[uint32]ioctlHandler, len(ioctlHandlers))
	for name, h := range ioctlHandlers {
		code, ok := xlat.IoctlCode(name)
		if !ok {
			panic("ioctl request " + name + " has no code")
		}
		m[code] = h
	}
	for code, h := range ioctlCodeHandlers {
		m[code] = h
	}
	return m
})

// formatIoctl prints ioctl(2) as strace does: the request by name, its
// argument as the request's decoder says, at enter or at exit; in hex for
// a request no decoder knows.
func formatIoctl(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	code := uint32(c.Args[1])
	h := ioctlByCode()[code]
	if h == nil {
		h = ioctlTypeHandlers[xlat.IoctlType(code)]
	}
	ret := ioctlAtExit
	if !exiting {
		sc := c.Syscall()
		b = f.appendArg(b, c, 0, &sc.Args[0])
		b = append(b, ", "...)
		b = xlat.AppendIoctlRequest(b, code, f.opt.Xlat)
		switch {
		case h != nil:
			b, ret = h(f, b, c, false)
		case ioctlFamilies[xlat.IoctlType(code)]:
			ret = ioctlGeneric
		}
		if ret == ioctlAtExit {
			return b, true
		}
	} else if h != nil {
		b, ret = h(f, b, c, true)
	}
	if ret != ioctlDone {
		b = appendHex(append(b, ", "...), c.Args[2])
	}
	return b, false
}

// ioctlCapture is what the argument of a request points to: at enter, as
// the kernel reads it; at exit, as the kernel wrote it (nil when the call
// failed: strace then prints the address).
func ioctlCapture(c *decoder.Call, exiting bool) *decoder.Capture {
	if !exiting {
		return c.Capture(2, decoder.CapIoctlIn)
	}
	if c.Failed() {
		return nil
	}
	return c.Capture(2, decoder.CapIoctlOut)
}

// appendIoctlArg prints the separator and the struct of size bytes the
// argument points to, or its address.
func appendIoctlArg(b []byte, c *decoder.Call, exiting bool, size int, print func(b, d []byte) []byte) []byte {
	return appendStruct(append(b, ", "...), c.Args[2], ioctlCapture(c, exiting), size, print)
}

// Handlers of the common shapes of requests.
var (
	// ioctlNoArg: the request takes no argument; none prints.
	ioctlNoArg ioctlHandler = func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		return b, ioctlDone
	}
	// ioctlIntPtrIn: an int the kernel reads, [N].
	ioctlIntPtrIn ioctlHandler = func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		return appendIoctlArg(b, c, exiting, 4, appendIntRef), ioctlDone
	}
	// ioctlIntPtrOut: an int the kernel writes, [N] at exit.
	ioctlIntPtrOut ioctlHandler = func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		if !exiting {
			return b, ioctlAtExit
		}
		return appendIoctlArg(b, c, exiting, 4, appendIntRef), ioctlDone
	}
	// ioctlIntVal: an int by value.
	ioctlIntVal ioctlHandler = func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		return strconv.AppendInt(append(b, ", "...), int64(int32(c.Args[2])), 10), ioctlDone
	}
	// ioctlUlongVal: an unsigned long by value.
	ioctlUlongVal ioctlHandler = func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		return strconv.AppendUint(append(b, ", "...), c.Args[2], 10), ioctlDone
	}
)

// ioctlStructIn and ioctlStructOut are handlers of a struct of size
// bytes the kernel reads (printed at enter) or writes (at exit).
func ioctlStructIn(size int, print func(f *Formatter, b, d []byte) []byte) ioctlHandler {
	return func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		return appendIoctlArg(b, c, exiting, size, func(b, d []byte) []byte { return print(f, b, d) }), ioctlDone
	}
}

func ioctlStructOut(size int, print func(f *Formatter, b, d []byte) []byte) ioctlHandler {
	return func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
		if !exiting {
			return b, ioctlAtExit
		}
		return appendIoctlArg(b, c, exiting, size, func(b, d []byte) []byte { return print(f, b, d) }), ioctlDone
	}
}

func init() {
	ioctlFamilies['T'] = true
	for name, kind := range ioctlArgs {
		ioctlHandlers[name] = func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
			return f.termIoctl(b, c, kind, exiting)
		}
	}
}

// termIoctl decodes the terminal's requests (type 'T').
func (f *Formatter) termIoctl(b []byte, c *decoder.Call, kind ioctlArg, exiting bool) ([]byte, ioctlRet) {
	arg := c.Args[2]
	// a struct termios2 (TCGETS2 ...) must be read whole, though only
	// the struct termios it starts with prints
	termios := max(termiosSize, int(xlat.IoctlSize(uint32(c.Args[1]))))
	if exiting {
		// strace prints the separator only when the kernel has written
		// the argument: "ioctl(0, TCGETS <unfinished ...>"
		b = append(b, ", "...)
		switch kind {
		case ioctlIntOut:
			return appendIoctlStruct(b, c, decoder.CapIoctlOut, 4, appendIntRef), ioctlDone
		case ioctlTermiosOut:
			return appendIoctlStruct(b, c, decoder.CapIoctlOut, termios, f.appendTermios), ioctlDone
		case ioctlWinsizeOut:
			return appendIoctlStruct(b, c, decoder.CapIoctlOut, winsizeSize, appendWinsize), ioctlDone
		case ioctlTermioOut:
			return appendIoctlStruct(b, c, decoder.CapIoctlOut, termioSize, f.appendTermio), ioctlDone
		case ioctlModemOut:
			return appendIoctlStruct(b, c, decoder.CapIoctlOut, 4, f.appendModem), ioctlDone
		}
		return b, ioctlDone
	}
	switch kind {
	case ioctlNone:
		return b, ioctlDone
	case ioctlIntOut, ioctlTermiosOut, ioctlWinsizeOut, ioctlTermioOut, ioctlModemOut:
		return b, ioctlAtExit
	}
	b = append(b, ", "...)
	switch kind {
	case ioctlTermio:
		b = appendIoctlStruct(b, c, decoder.CapIoctlIn, termioSize, f.appendTermio)
	case ioctlModem:
		b = appendIoctlStruct(b, c, decoder.CapIoctlIn, 4, f.appendModem)
	case ioctlChar:
		b = appendIoctlStruct(b, c, decoder.CapIoctlIn, 1, func(b, d []byte) []byte { return quote.Append(b, d[:1], false, f.opt.Quote) })
	case ioctlIntIn:
		b = appendIoctlStruct(b, c, decoder.CapIoctlIn, 4, appendIntRef)
	case ioctlTermios:
		b = appendIoctlStruct(b, c, decoder.CapIoctlIn, termios, f.appendTermios)
	case ioctlWinsize:
		b = appendIoctlStruct(b, c, decoder.CapIoctlIn, winsizeSize, appendWinsize)
	case ioctlFlush:
		b = xlat.ByName("tcflsh_options").AppendValue(b, uint64(uint32(arg)), f.opt.Xlat)
	case ioctlFlow:
		b = xlat.ByName("tcxonc_options").AppendValue(b, uint64(uint32(arg)), f.opt.Xlat)
	case ioctlInt:
		b = strconv.AppendInt(b, int64(int32(arg)), 10)
	default:
		b = appendHex(b, arg)
	}
	return b, ioctlDone
}

// appendIoctlStruct prints what the argument points to, or its address
// when it could not be read or the kernel did not write it.
func appendIoctlStruct(b []byte, c *decoder.Call, kind decoder.CapKind, size int, print func(b, d []byte) []byte) []byte {
	cp := c.Capture(2, kind)
	if kind == decoder.CapIoctlOut && c.Failed() {
		cp = nil
	}
	return appendStruct(b, c.Args[2], cp, size, print)
}

// appendIntRef prints an int the argument points to: [1].
func appendIntRef(b, d []byte) []byte {
	b = append(b, '[')
	b = strconv.AppendInt(b, int64(int32(le32(d))), 10)
	return append(b, ']')
}

// appendWinsize prints {ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0}.
func appendWinsize(b, d []byte) []byte {
	for i, name := range [...]string{"{ws_row=", ", ws_col=", ", ws_xpixel=", ", ws_ypixel="} {
		b = append(b, name...)
		b = strconv.AppendUint(b, uint64(d[2*i])|uint64(d[2*i+1])<<8, 10)
	}
	return append(b, '}')
}

// termiosDelays are the delay fields of c_oflag, printed by value before
// its flags, as strace's decode_oflag does.
var termiosDelays = [...]struct {
	table string
	mask  uint64
}{
	{"nl_delay_flags", 0x100}, {"cr_delay_flags", 0x600}, {"tab_delay_flags", 0x1800},
	{"bs_delay_flags", 0x2000}, {"vt_delay_flags", 0x4000}, {"ff_delay_flags", 0x8000},
}

// appendTermFlags prints flags as strace's printflags64 with no default:
// nothing at all for 0.
func (f *Formatter) appendTermFlags(b []byte, table string, v uint64) []byte {
	if v == 0 {
		return b
	}
	return xlat.ByName(table).AppendFlags(b, v, f.opt.Xlat)
}

// appendTermFlagWords prints the four flag words of a termios or termio
// as strace's decode_flags does.
func (f *Formatter) appendTermFlagWords(b []byte, iflag, oflag, cflag, lflag uint64) []byte {
	b = append(b, "{c_iflag="...)
	b = f.appendTermFlags(b, "term_iflags", iflag)
	b = append(b, ", c_oflag="...)
	for _, dl := range termiosDelays {
		b = xlat.ByName(dl.table).AppendValue(b, oflag&dl.mask, f.opt.Xlat)
		b = append(b, '|')
		oflag &^= dl.mask
	}
	b = f.appendTermFlags(b, "term_oflags", oflag)
	b = append(b, ", c_cflag="...)
	baud := xlat.ByName("baud_options")
	b = baud.AppendValue(b, cflag&cbaud, f.opt.Xlat)
	b = append(b, '|')
	if cflag&cibaud != 0 {
		b = baud.AppendValue(b, cflag&cibaud>>ibshift, f.opt.Xlat)
		b = append(b, "<<IBSHIFT|"...)
	}
	b = xlat.ByName("modem_csizes").AppendValue(b, cflag&csize, f.opt.Xlat)
	b = append(b, '|')
	b = f.appendTermFlags(b, "term_cflags", cflag&^(cbaud|cibaud|csize))
	b = append(b, ", c_lflag="...)
	return f.appendTermFlags(b, "term_lflags", lflag)
}

// Sizes of the control characters of a termios and a termio, and of a
// termios2, which adds the speeds.
const (
	nccs         = 19
	ncc          = 8
	termios2Size = 44
)

// appendTermios prints a struct termios (or termios2, 44 bytes) as strace
// does: with -v its line discipline, control characters and (termios2)
// speeds.
func (f *Formatter) appendTermios(b, d []byte) []byte {
	b = f.appendTermFlagWords(b, uint64(le32(d)), uint64(le32(d[4:])), uint64(le32(d[8:])), uint64(le32(d[12:])))
	if !f.opt.Verbose {
		return append(b, ", ...}"...)
	}
	b = f.appendTermLine(b, d[16], d[17:17+nccs])
	if len(d) >= termios2Size {
		b = strconv.AppendUint(append(b, ", c_ispeed="...), uint64(le32(d[36:])), 10)
		b = strconv.AppendUint(append(b, ", c_ospeed="...), uint64(le32(d[40:])), 10)
	}
	return append(b, '}')
}

// appendTermio prints a struct termio, whose flag words are 16 bits.
func (f *Formatter) appendTermio(b, d []byte) []byte {
	b = f.appendTermFlagWords(b, uint64(le16(d)), uint64(le16(d[2:])), uint64(le16(d[4:])), uint64(le16(d[6:])))
	if !f.opt.Verbose {
		return append(b, ", ...}"...)
	}
	return append(f.appendTermLine(b, d[8], d[9:9+ncc]), '}')
}

// appendTermLine prints c_line and c_cc: ", c_line=N_TTY, c_cc=[[VINTR]=0x3, ...]".
func (f *Formatter) appendTermLine(b []byte, line byte, cc []byte) []byte {
	b = xlat.ByName("term_line_discs").AppendValue(append(b, ", c_line="...), uint64(line), f.opt.Xlat)
	b = append(b, ", c_cc=["...)
	names := xlat.ByName("termios_cc")
	for i, c := range cc {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, '[')
		if name, ok := names.Name(uint64(i)); ok {
			b = append(b, name...)
		} else {
			b = strconv.AppendUint(b, uint64(i), 10)
		}
		b = appendHex(append(b, "]="...), uint64(c))
	}
	return append(b, ']')
}

// appendModem prints modem lines: [TIOCM_DTR|TIOCM_RTS].
func (f *Formatter) appendModem(b, d []byte) []byte {
	b = append(b, '[')
	b = xlat.ByName("modem_flags").AppendFlags(b, uint64(le32(d)), f.opt.Xlat)
	return append(b, ']')
}
