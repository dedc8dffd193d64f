package printer

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

// ioctlArg says how the third argument of an ioctl request prints.
type ioctlArg uint8

const (
	ioctlHex      ioctlArg = iota // not decoded: in hex
	ioctlNone                     // the request takes no argument: none shown
	ioctlIntIn                    // int * read by the kernel: [1]
	ioctlIntOut                   // int * written by the kernel, shown at exit
	ioctlTermios                  // struct termios * read by the kernel
	ioctlTermiosOut               // struct termios * written by the kernel
	ioctlWinsize                  // struct winsize * read by the kernel
	ioctlWinsizeOut               // struct winsize * written by the kernel
	ioctlFlush                    // TCFLSH's queue, by value
	ioctlFlow                     // TCXONC's action, by value
	ioctlInt                      // an int by value
)

// ioctlArgs are the requests strace decodes the argument of, by name (the
// names of gen/inputs/xlat/ioctls.in). bpf/gotrace.bpf.c's ioctl_arg_size
// reads their structs and ints.
var ioctlArgs = map[string]ioctlArg{
	"TCGETS": ioctlTermiosOut, "TCSETS": ioctlTermios, "TCSETSW": ioctlTermios, "TCSETSF": ioctlTermios,
	"TIOCGWINSZ": ioctlWinsizeOut, "TIOCSWINSZ": ioctlWinsize,
	"TIOCGPGRP": ioctlIntOut, "TIOCSPGRP": ioctlIntIn, "TIOCGSID": ioctlIntOut,
	"TIOCOUTQ": ioctlIntOut, "FIONREAD": ioctlIntOut, "TIOCGETD": ioctlIntOut, "TIOCSETD": ioctlIntIn,
	"TIOCGPTN": ioctlIntOut, "TIOCSPTLCK": ioctlIntIn, "TIOCGPTLCK": ioctlIntOut,
	"TIOCGPKT": ioctlIntOut, "TIOCPKT": ioctlIntIn, "TIOCGEXCL": ioctlIntOut,
	"FIONBIO": ioctlIntIn, "FIOASYNC": ioctlIntIn,
	"TCFLSH": ioctlFlush, "TCXONC": ioctlFlow, "TCSBRK": ioctlInt, "TCSBRKP": ioctlInt,
	"FIOCLEX": ioctlNone, "FIONCLEX": ioctlNone, "TIOCEXCL": ioctlNone, "TIOCNXCL": ioctlNone,
	"TIOCNOTTY": ioctlNone, "TIOCCONS": ioctlNone, "TIOCSBRK": ioctlNone, "TIOCCBRK": ioctlNone,
}

// Sizes and fields of the kernel's struct termios and struct winsize.
const (
	termiosSize = 36
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
func formatIoctl(p *Printer, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	req := uint32(c.Args[1])
	kind := ioctlRequest(req)
	arg := c.Args[2]
	if exiting {
		switch kind {
		case ioctlIntOut:
			return appendIoctlStruct(b, c, decoder.CapIoctlOut, 4, appendIntRef), false
		case ioctlTermiosOut:
			return appendIoctlStruct(b, c, decoder.CapIoctlOut, termiosSize, appendTermios), false
		case ioctlWinsizeOut:
			return appendIoctlStruct(b, c, decoder.CapIoctlOut, winsizeSize, appendWinsize), false
		}
		return b, false
	}
	sc := syscalltbl.Lookup(int(c.Nr))
	b = p.appendArg(b, c, 0, &sc.Args[0])
	b = append(b, ", "...)
	b = appendIoctlRequest(b, req)
	if kind == ioctlNone {
		return b, false
	}
	b = append(b, ", "...)
	switch kind {
	case ioctlIntOut, ioctlTermiosOut, ioctlWinsizeOut:
		return b, true
	case ioctlIntIn:
		b = appendIoctlStruct(b, c, decoder.CapIoctlIn, 4, appendIntRef)
	case ioctlTermios:
		b = appendIoctlStruct(b, c, decoder.CapIoctlIn, termiosSize, appendTermios)
	case ioctlWinsize:
		b = appendIoctlStruct(b, c, decoder.CapIoctlIn, winsizeSize, appendWinsize)
	case ioctlFlush:
		b = xlat.ByName("tcflsh_options").AppendValue(b, uint64(uint32(arg)))
	case ioctlFlow:
		b = xlat.ByName("tcxonc_options").AppendValue(b, uint64(uint32(arg)))
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
	if kind == decoder.CapIoctlOut && isError(c.Ret) {
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

// appendTermios prints a struct termios as strace does without -v.
func appendTermios(b, d []byte) []byte {
	b = append(b, "{c_iflag="...)
	b = xlat.ByName("term_iflags").AppendFlags(b, uint64(le32(d)))
	b = append(b, ", c_oflag="...)
	oflag := uint64(le32(d[4:]))
	for _, dl := range termiosDelays {
		b = xlat.ByName(dl.table).AppendValue(b, oflag&dl.mask)
		b = append(b, '|')
		oflag &^= dl.mask
	}
	b = xlat.ByName("term_oflags").AppendFlags(b, oflag)
	b = append(b, ", c_cflag="...)
	cflag := uint64(le32(d[8:]))
	baud := xlat.ByName("baud_options")
	b = baud.AppendValue(b, cflag&cbaud)
	b = append(b, '|')
	if cflag&cibaud != 0 {
		b = baud.AppendValue(b, cflag&cibaud>>ibshift)
		b = append(b, "<<IBSHIFT|"...)
	}
	b = xlat.ByName("modem_csizes").AppendValue(b, cflag&csize)
	b = append(b, '|')
	b = xlat.ByName("term_cflags").AppendFlags(b, cflag&^(cbaud|cibaud|csize))
	b = append(b, ", c_lflag="...)
	b = xlat.ByName("term_lflags").AppendFlags(b, uint64(le32(d[12:])))
	return append(b, ", ...}"...)
}
