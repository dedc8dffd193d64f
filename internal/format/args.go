package format

import (
	"math"
	"strconv"

	"golang.org/x/sys/unix"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

// argFormatter prints a syscall whose arguments do not print one by one in
// order (strace has a decoder of its own for these). At enter it returns
// whether part of the arguments is left for the exit.
type argFormatter func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool)

var specialFormatters map[string]argFormatter

// specialReturns print the return value of a syscall whose value strace
// decodes (fcntl's F_GETFL flags...); false leaves it to AppendReturn.
var specialReturns = map[string]func(f *Formatter, b []byte, c *decoder.Call) ([]byte, bool){
	"fcntl":       (*Formatter).returnFcntl,
	"time":        (*Formatter).returnTime,
	"prctl":       (*Formatter).returnPrctl,
	"arch_prctl":  (*Formatter).returnArchPrctl,
	"ioprio_get":  (*Formatter).returnIoprio,
	"personality": (*Formatter).returnPersonality,
}

func init() {
	specialFormatters = map[string]argFormatter{
		"clone":       formatClone,
		"clone3":      formatClone3,
		"futex":       formatFutex,
		"fcntl":       formatFcntl,
		"mremap":      formatMremap,
		"prctl":       formatPrctl,
		"mount":       formatMount,
		"arch_prctl":  formatArchPrctl,
		"seccomp":     formatSeccomp,
		"ioprio_get":  formatIoprio,
		"ioprio_set":  formatIoprio,
		"reboot":      formatReboot,
		"personality": formatPersonality,
	}
}

// printedAtExit reports whether an argument of kind k holds what the kernel
// writes, so that strace prints it, and all after it, when the syscall returns.
func printedAtExit(k syscalltbl.Kind) bool { return k.Info().AtExit }

// FormatArgs appends c's arguments that print at enter (exiting false) or at
// exit (exiting true). At enter it returns whether some are left for the exit.
func (f *Formatter) FormatArgs(b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	sc := c.Syscall()
	if sc == nil {
		if exiting {
			return b, false
		}
		for i, a := range c.Args {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendHex(b, a)
		}
		return b, false
	}
	if fn := dispatch.formatters[sc.Nr]; fn != nil {
		return fn(f, b, c, exiting)
	}
	if !exiting {
		for i := range sc.Args {
			a := &sc.Args[i]
			if printedAtExit(a.Kind) {
				// the first argument the kernel fills in: it and the
				// rest print when the syscall returns
				if i > 0 {
					b = append(b, ", "...)
				}
				return b, true
			}
			if omitted(sc, i, c) {
				continue
			}
			if i > 0 {
				b = append(b, ", "...)
			}
			b = f.appendArg(b, c, i, a)
		}
		return b, false
	}
	k := 0
	for k < len(sc.Args) && !printedAtExit(sc.Args[k].Kind) {
		k++
	}
	for i := k; i < len(sc.Args); i++ {
		if omitted(sc, i, c) {
			continue
		}
		if i > k {
			b = append(b, ", "...)
		}
		b = f.appendArg(b, c, i, &sc.Args[i])
	}
	return b, false
}

// omitted reports whether strace leaves argument i out: a mode that goes with
// open flags, and what follows it (mq_open's attributes), is printed only
// when the flags create a file.
func omitted(sc *syscalltbl.Syscall, i int, c *decoder.Call) bool {
	const oCreat, oTmpfile = 0100, 020000000
	for j := i; j > 0; j-- {
		if sc.Args[j].Kind == syscalltbl.Mode && sc.Args[j-1].Kind == syscalltbl.OpenFlags {
			return c.Args[j-1]&(oCreat|oTmpfile) == 0
		}
	}
	return false
}

func appendHex(b []byte, v uint64) []byte {
	if v == 0 {
		return append(b, '0')
	}
	b = append(b, "0x"...)
	return strconv.AppendUint(b, v, 16)
}

// appendAddr prints a pointer as strace's printaddr does.
func appendAddr(b []byte, v uint64) []byte {
	if v == 0 {
		return append(b, "NULL"...)
	}
	b = append(b, "0x"...)
	return strconv.AppendUint(b, v, 16)
}

// appendInt prints the register value v of argument a in decimal, as its C
// type holds it (a 32-bit int's low half, sign-extended).
func appendInt(b []byte, a *syscalltbl.Arg, v uint64) []byte {
	return strconv.AppendInt(b, a.Int(v), 10)
}

func (f *Formatter) appendArg(b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	// the kernel reads only the bits of the argument's C type (a.Value)
	v := c.Args[i] & dispatch.masks[c.Nr][i]
	arg := uint8(i)
	if a.Kind == syscalltbl.OpenHow && c.Args[a.LenArg] < openHowSize {
		return appendAddr(b, v) // older than any struct open_how
	}
	if a.Kind == syscalltbl.RusageOut && c.Nr == unix.SYS_WAIT4 && c.Ret == 0 {
		return appendAddr(b, v) // no child reaped: strace shows no usage
	}
	if sk := dispatch.structs[a.Kind]; sk != nil {
		kind := decoder.CapMemIn
		if a.Kind.Info().AtExit {
			kind = decoder.CapMemOut
		}
		print := sk.print
		if f.opt.Verbose && sk.verbose != nil {
			print = sk.verbose
		}
		cp, size := c.Capture(arg, kind), int(a.Kind.Info().Size)
		b = appendStruct(b, v, cp, size, func(b, d []byte) []byte { return print(f, b, d) })
		if a.Kind.Info().Enter == uint8(decoder.CapSizedIn) && v != 0 && cp != nil && !cp.Fault() && len(cp.Data) >= size {
			b = f.appendSizedTail(b, cp, size, c.Args[a.LenArg])
		}
		return b
	}
	if fn := dispatch.net[a.Kind]; fn != nil {
		return fn(f, b, c, i, a)
	}
	if a.Kind == syscalltbl.RefIn || a.Kind == syscalltbl.RefOut {
		return appendRef(b, c, i, a)
	}
	switch a.Kind {
	case syscalltbl.Pid:
		return f.pidNote(appendInt(b, a, v), c.Tid, int64(int32(v)))
	case syscalltbl.Int:
		return appendInt(b, a, v)
	case syscalltbl.FD:
		return f.appendFd(b, c.Tid, int32(v))
	case syscalltbl.SockFD, syscalltbl.AcceptFD:
		if f.opt.Fds == nil || int32(v) < 0 {
			return f.appendFd(b, c.Tid, int32(v))
		}
		cp := c.Capture(arg, decoder.CapSock)
		if cp == nil || len(cp.Data) < 16 {
			return f.appendFd(b, c.Tid, int32(v))
		}
		return f.opt.Fds.AppendSocket(strconv.AppendInt(b, int64(int32(v)), 10), c.Tid, int32(v), le64(cp.Data[8:]))
	case syscalltbl.NewFD:
		b = strconv.AppendInt(b, int64(int32(v)), 10)
		if f.opt.Fds == nil || int32(v) < 0 {
			return b
		}
		return f.opt.Fds.AppendFdBefore(b, c.Tid, int32(v))
	case syscalltbl.Uint, syscalltbl.FcntlArg:
		return strconv.AppendUint(b, v, 10)
	case syscalltbl.Hex, syscalltbl.PrctlArg, syscalltbl.ArchPrctlArg:
		return appendHex(b, v)
	case syscalltbl.ID:
		return appendID(b, uint32(v))
	case syscalltbl.DirFD:
		if int32(v) == -100 {
			b = xlat.AppendNamed(b, "AT_FDCWD", func(b []byte) []byte { return append(b, "-100"...) }, f.opt.Xlat)
			return f.appendFdInfo(b, c.Tid, -100)
		}
		return f.appendFd(b, c.Tid, int32(v))
	case syscalltbl.Path:
		return f.appendString(b, v, c.Capture(arg, decoder.CapPath), false)
	case syscalltbl.PathOut:
		if c.Failed() {
			return appendAddr(b, v)
		}
		return f.appendString(b, v, c.Capture(arg, decoder.CapPath), false)
	case syscalltbl.Str, syscalltbl.MemfdName:
		return f.appendString(b, v, c.Capture(arg, decoder.CapStr), true)
	case syscalltbl.BufOut, syscalltbl.BufOutHex:
		if c.Failed() {
			return appendAddr(b, v)
		}
		if nl, ok := f.appendNetlink(b, c, arg, v, uint64(c.Ret), decoder.CapBufOut); ok {
			return nl
		}
		mode := f.opt.Quote
		if a.Kind == syscalltbl.BufOutHex {
			mode = quote.AllHex
		}
		return f.appendBuffer(b, v, c.Capture(arg, decoder.CapBufOut), uint64(c.Ret), mode)
	case syscalltbl.SockBufOut:
		n := min(uint64(c.Ret), c.Args[a.LenArg])
		if c.Failed() {
			return appendAddr(b, v)
		}
		if nl, ok := f.appendNetlink(b, c, arg, v, n, decoder.CapBufOut); ok {
			return nl
		}
		return f.appendBuffer(b, v, c.Capture(arg, decoder.CapBufOut), n, f.opt.Quote)
	case syscalltbl.BufIn:
		if nl, ok := f.appendNetlink(b, c, arg, v, c.Args[a.LenArg], decoder.CapBufIn); ok {
			return nl
		}
		return f.appendBuffer(b, v, c.Capture(arg, decoder.CapBufIn), c.Args[a.LenArg], f.opt.Quote)
	case syscalltbl.CPUSetIn, syscalltbl.CPUSetOut:
		kind := decoder.CapBufIn
		if a.Kind == syscalltbl.CPUSetOut {
			kind = decoder.CapBufOut
		}
		// the set the kernel reads prints whatever the call returns
		if cp := c.Capture(arg, kind); (kind == decoder.CapBufIn || !c.Failed()) && cp != nil && !cp.Fault() {
			return appendCPUSet(b, cp.Data)
		}
		return appendAddr(b, v)
	case syscalltbl.DirentsOut:
		if cp := c.Capture(arg, decoder.CapArrayOut); cp != nil && !c.Failed() && uint64(c.Ret) <= uint64(uint32(c.Args[2])) {
			// -v: the entries
			return f.appendDirents(b, v, cp, uint64(c.Ret), c.Nr == unix.SYS_GETDENTS64)
		}
		b = appendAddr(b, v)
		if cp := c.Capture(arg, decoder.CapDirents); !c.Failed() && cp != nil && !cp.Fault() && len(cp.Data) >= 4 {
			b = append(b, " /* "...)
			b = strconv.AppendUint(b, uint64(le32(cp.Data)), 10)
			b = append(b, " entries */"...)
		}
		return b
	case syscalltbl.IovIn:
		return f.appendIovec(b, v, c, arg, false)
	case syscalltbl.IovOut:
		return f.appendIovec(b, v, c, arg, true)
	case syscalltbl.Argv:
		return f.appendArgv(b, v, c, arg)
	case syscalltbl.Envp:
		if f.opt.Verbose {
			return f.appendArgv(b, v, c, arg)
		}
		b = appendAddr(b, v)
		if cp := c.Capture(arg, decoder.CapEnvc); v != 0 && cp != nil && len(cp.Data) >= 4 {
			n := le32(cp.Data)
			if n == 0 && cp.Fault() {
				return b // strace's printargc: not even the first entry read
			}
			b = append(b, " /* "...)
			b = strconv.AppendUint(b, uint64(n), 10)
			if n == 1 {
				b = append(b, " var"...) // strace's singular
			} else {
				b = append(b, " vars"...)
			}
			if cp.Fault() {
				b = append(b, ", unterminated"...)
			}
			b = append(b, " */"...)
		}
		return b
	case syscalltbl.OpenFlags:
		return xlat.AppendOpenFlags(b, uint64(uint32(v)), f.opt.Xlat)
	case syscalltbl.Mode:
		return appendMode(b, uint32(v))
	case syscalltbl.AtFlags:
		return xlat.AtFlags.AppendFlags(b, uint64(uint32(v)), f.opt.Xlat)
	case syscalltbl.CloneFlags:
		return f.AppendCloneFlags(b, v)
	case syscalltbl.Signal:
		return xlat.AppendSignal(b, int(int32(v)), f.opt.Xlat)
	case syscalltbl.WaitStatus:
		cp := c.Capture(arg, decoder.CapMemOut)
		if v == 0 || c.Ret == 0 || c.Failed() || cp == nil || cp.Fault() || len(cp.Data) < 4 {
			return appendAddr(b, v)
		}
		b = append(b, '[')
		b = appendWaitStatus(b, int32(le32(cp.Data)))
		return append(b, ']')
	case syscalltbl.WaitOptions:
		return xlat.WaitOptions.AppendFlags(b, uint64(uint32(v)), f.opt.Xlat)
	case syscalltbl.Flags, syscalltbl.Enum:
		t := xlat.ByName(a.Xlat)
		if t == nil { // the generator checks every name: not reached
			return appendHex(b, v)
		}
		if a.Kind == syscalltbl.Flags {
			return t.AppendFlags(b, v, f.opt.Xlat)
		}
		return t.AppendValue(b, v, f.opt.Xlat)
	}
	return appendAddr(b, v)
}

func le32(b []byte) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

func le64(b []byte) uint64 {
	return uint64(le32(b)) | uint64(le32(b[4:]))<<32
}

// appendMode prints a file mode in octal with a leading 0, as strace does.
// appendID prints a uid or gid as strace does: unsigned, but -1 (no
// change, no such id) as -1.
func appendID(b []byte, v uint32) []byte {
	if v == ^uint32(0) {
		return append(b, "-1"...)
	}
	return strconv.AppendUint(b, uint64(v), 10)
}

func appendMode(b []byte, m uint32) []byte { return appendMode64(b, uint64(m)) }

// appendMode64 prints a 64-bit mode as strace's %#03llo (open_how's).
func appendMode64(b []byte, m uint64) []byte {
	b = append(b, '0')
	if m < 010 {
		b = append(b, '0')
	}
	return strconv.AppendUint(b, m, 8)
}

// appendString prints a NUL-terminated string read from the tracee. Paths
// are shown whole; other strings are cut at -s.
func (f *Formatter) appendString(b []byte, addr uint64, cp *decoder.Capture, cut bool) []byte {
	if addr == 0 {
		return append(b, "NULL"...)
	}
	if cp == nil || cp.Fault() {
		return appendAddr(b, addr)
	}
	data, more := cp.Data, cp.More()
	if cut && len(data) > f.opt.StrSize {
		data, more = data[:f.opt.StrSize], true
	}
	return quote.Append(b, data, more, f.opt.Quote)
}

// appendBuffer prints a buffer of length n of which the capture holds the
// first -s bytes, or more (whole for -e read=/write= dumps): -s are shown.
func (f *Formatter) appendBuffer(b []byte, addr uint64, cp *decoder.Capture, n uint64, mode quote.Mode) []byte {
	// cut by an unreadable page (a buffer read whole for a dump) after
	// the bytes strace shows: those
	cut := cp != nil && cp.Part() && len(cp.Data) > f.opt.StrSize
	if addr == 0 || cp == nil || cp.Fault() && !cut { // strace's printstrn: NULL, even for no bytes
		if n == 0 && addr != 0 {
			return append(b, `""`...)
		}
		return appendAddr(b, addr)
	}
	data := cp.Data
	if len(data) > f.opt.StrSize {
		data = data[:f.opt.StrSize]
	}
	return quote.Append(b, data, n > uint64(len(data)), mode)
}

// appendArgv prints an argv-style array: each string cut at -s, and no more
// than -s of them.
func (f *Formatter) appendArgv(b []byte, addr uint64, c *decoder.Call, arg uint8) []byte {
	if addr == 0 {
		return append(b, "NULL"...)
	}
	// the strings, then the end marker
	end := -1
	for i := range c.Enter {
		if c.Enter[i].Arg == arg && c.Enter[i].Kind == decoder.CapArgv {
			end = i
			break
		}
	}
	if end < 0 {
		return appendAddr(b, addr)
	}
	marker := &c.Enter[end]
	n := 0
	for i := 0; i < end; i++ {
		cp := &c.Enter[i]
		if cp.Arg != arg || cp.Kind != decoder.CapStr {
			continue
		}
		if n == 0 {
			b = append(b, '[')
		} else {
			b = append(b, ", "...)
		}
		n++
		if cp.Fault() {
			// the kernel side stores the unreadable element's address
			if len(cp.Data) == 8 {
				b = appendAddr(b, le64(cp.Data))
			}
			continue
		}
		data, more := cp.Data, cp.More()
		if len(data) > f.opt.StrSize {
			data, more = data[:f.opt.StrSize], true
		}
		b = quote.Append(b, data, more, f.opt.Quote)
	}
	if n == 0 {
		if marker.Fault() {
			return appendAddr(b, addr)
		}
		b = append(b, '[')
	}
	if marker.More() || marker.Fault() {
		if n > 0 {
			b = append(b, ", "...)
		}
		b = append(b, "..."...)
		if marker.Fault() {
			// the pointer that could not be read, as strace's printargv
			b = append(b, " /* "...)
			b = append(appendAddr(b, addr+uint64(n)*8), " */"...)
		}
	}
	return append(b, ']')
}

// AppendReturn prints " = value" the way strace prints the syscall's
// return: a success in unsigned decimal unless the syscall says otherwise
// (strace's RVAL_UDECIMAL).
func (f *Formatter) AppendReturn(b []byte, c *decoder.Call) []byte {
	ret := c.Ret
	if decoder.IsError(ret) && c.Note&decoder.NoteRetval == 0 {
		e := int(-ret)
		name, ok := xlat.ErrnoName(e)
		switch {
		case e >= 512 && e <= 516 && ok:
			// ERESTART*: the kernel restarts or fails the call after a signal
			b = append(b, "= ? "...)
			b = append(b, name...)
		case ok:
			b = append(b, "= -1 "...)
			b = append(b, name...)
		default:
			b = append(b, "= -1 (errno "...)
			b = strconv.AppendInt(b, int64(e), 10)
			return append(b, ')')
		}
		b = append(b, " ("...)
		b = append(b, xlat.ErrnoMessage(e)...)
		return append(b, ')')
	}
	sc := c.Syscall()
	if sc == nil {
		b = append(b, "= "...)
		return strconv.AppendUint(b, uint64(ret), 10)
	}
	if fn := dispatch.returns[sc.Nr]; fn != nil {
		if out, ok := fn(f, b, c); ok {
			return out
		}
	}
	switch sc.Ret {
	case syscalltbl.RetHex:
		b = append(b, "= "...)
		return appendHex(b, uint64(ret))
	case syscalltbl.RetOctal:
		b = append(b, "= "...)
		return appendMode(b, uint32(ret))
	case syscalltbl.RetNone:
		return append(b, "= ?"...)
	case syscalltbl.RetFD:
		b = append(b, "= "...)
		if uint64(ret) > math.MaxInt32 {
			// not a descriptor: an injected retval=
			return strconv.AppendInt(b, ret, 10)
		}
		return f.appendFd(b, c.Tid, int32(ret))
	case syscalltbl.RetPid:
		b = append(b, "= "...)
		return f.retPidNote(strconv.AppendInt(b, ret, 10), c)
	case syscalltbl.RetEnum:
		return appendRetEnum(b, ret, sc)
	}
	b = append(b, "= "...)
	b = strconv.AppendUint(b, uint64(ret), 10)
	return f.appendReturnDetail(b, c, sc)
}

// AppendNote appends what strace's print_injected_note says of a call
// -e inject= tampered with.
func AppendNote(b []byte, n decoder.Note) []byte {
	switch {
	case n&(decoder.NoteInjected|decoder.NotePoked) == decoder.NoteInjected|decoder.NotePoked:
		b = append(b, " (INJECTED: args, retval)"...)
	case n&decoder.NotePoked != 0:
		b = append(b, " (INJECTED: args)"...)
	case n&decoder.NoteInjected != 0:
		b = append(b, " (INJECTED)"...)
	}
	if n&decoder.NoteDelayed != 0 {
		b = append(b, " (DELAYED)"...)
	}
	return b
}
