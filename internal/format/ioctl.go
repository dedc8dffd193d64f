package format

import (
	"strconv"

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

// ioctlArgs are the requests strace decodes the argument of, by name (the
// names of gen/inputs/xlat/ioctls.in). bpf/gotrace.bpf.c's ioctl_arg_size
// reads their structs and ints.
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

// ioctlRequest returns how the argument of request req prints.
func ioctlRequest(req uint32) ioctlArg {
	for _, v := range xlat.ByName("ioctls").Values {
		if v.Val == uint64(req) {
			if k, ok := ioctlArgs[v.Name]; ok {
				return k
			}
		}
	}
	return ioctlHex
}

// appendIoctlRequest prints a request by its names (strace shows every
// name a number has, "SNDCTL_TMR_START or TCSETS"), or decoded as _IOC.
func appendIoctlRequest(b []byte, req uint32) []byte {
	named := false
	for _, v := range xlat.ByName("ioctls").Values {
		if v.Val != uint64(req) {
			continue
		}
		if named {
			b = append(b, " or "...)
		}
		b = append(b, v.Name...)
		named = true
	}
	if named {
		return b
	}
	b = append(b, "_IOC("...)
	b = append(b, [...]string{"_IOC_NONE", "_IOC_WRITE", "_IOC_READ", "_IOC_READ|_IOC_WRITE"}[req>>30]...)
	b = append(b, ", "...)
	b = appendHex(b, uint64(req>>8&0xff))
	b = append(b, ", "...)
	b = appendHex(b, uint64(req&0xff))
	b = append(b, ", "...)
	b = appendHex(b, uint64(req>>16&0x3fff))
	return append(b, ')')
}

// formatIoctl prints ioctl(2): the request by name, its argument as the
// request says, at exit when the kernel writes it.
func formatIoctl(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	req := uint32(c.Args[1])
	kind := ioctlRequest(req)
	arg := c.Args[2]
	if exiting {
		// strace prints the separator only when the kernel has written
		// the argument: "ioctl(0, TCGETS <unfinished ...>"
		b = append(b, ", "...)
		switch kind {
		case ioctlIntOut:
			return appendIoctlStruct(b, c, decoder.CapIoctlOut, 4, appendIntRef), false
		case ioctlTermiosOut:
			return appendIoctlStruct(b, c, decoder.CapIoctlOut, termiosSize, f.appendTermios), false
		case ioctlWinsizeOut:
			return appendIoctlStruct(b, c, decoder.CapIoctlOut, winsizeSize, appendWinsize), false
		case ioctlTermioOut:
			return appendIoctlStruct(b, c, decoder.CapIoctlOut, termioSize, f.appendTermio), false
		case ioctlModemOut:
			return appendIoctlStruct(b, c, decoder.CapIoctlOut, 4, f.appendModem), false
		}
		return b, false
	}
	sc := c.Syscall()
	b = f.appendArg(b, c, 0, &sc.Args[0])
	b = append(b, ", "...)
	b = appendIoctlRequest(b, req)
	switch kind {
	case ioctlNone:
		return b, false
	case ioctlIntOut, ioctlTermiosOut, ioctlWinsizeOut, ioctlTermioOut, ioctlModemOut:
		return b, true
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
		b = appendIoctlStruct(b, c, decoder.CapIoctlIn, termiosSize, f.appendTermios)
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
	return b, false
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

// appendTermios prints a struct termios (or termios2) as strace does
// without -v.
func (f *Formatter) appendTermios(b, d []byte) []byte {
	b = f.appendTermFlagWords(b, uint64(le32(d)), uint64(le32(d[4:])), uint64(le32(d[8:])), uint64(le32(d[12:])))
	return append(b, ", ...}"...)
}

// appendTermio prints a struct termio, whose flag words are 16 bits.
func (f *Formatter) appendTermio(b, d []byte) []byte {
	le16 := func(o int) uint64 { return uint64(d[o]) | uint64(d[o+1])<<8 }
	b = f.appendTermFlagWords(b, le16(0), le16(2), le16(4), le16(6))
	return append(b, ", ...}"...)
}

// appendModem prints modem lines: [TIOCM_DTR|TIOCM_RTS].
func (f *Formatter) appendModem(b, d []byte) []byte {
	b = append(b, '[')
	b = xlat.ByName("modem_flags").AppendFlags(b, uint64(le32(d)), f.opt.Xlat)
	return append(b, ']')
}
