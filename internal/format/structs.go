package format

import (
	"strconv"
	"time"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

// Sizes of the structs some decoders read past the registry's (x86_64).
const (
	timespecSize = 16 // struct __kernel_timespec
	sigsetSize   = 8  // the kernel's sigset_t
	openHowSize  = 24 // struct open_how
)

// structKind says how an argument holding a struct prints; the registry of
// kinds (syscalltbl.KindInfo) says how much of it is read, and when.
type structKind struct {
	print func(f *Formatter, b, data []byte) []byte
	// verbose prints it whole, for -v, where strace abbreviates it
	// otherwise; nil when print shows all of it already.
	verbose func(f *Formatter, b, data []byte) []byte
}

var structKinds = map[syscalltbl.Kind]structKind{
	syscalltbl.StatOut:      {(*Formatter).appendStat, (*Formatter).appendStatVerbose},
	syscalltbl.TimespecIn:   {(*Formatter).appendTimespec, nil},
	syscalltbl.TimespecOut:  {(*Formatter).appendTimespec, nil},
	syscalltbl.PipeFds:      {(*Formatter).appendPipeFds, nil},
	syscalltbl.RlimitIn:     {(*Formatter).appendRlimit, nil},
	syscalltbl.RlimitOut:    {(*Formatter).appendRlimit, nil},
	syscalltbl.SigactionIn:  {(*Formatter).appendSigaction, nil},
	syscalltbl.SigactionOut: {(*Formatter).appendSigaction, nil},
	syscalltbl.StatxOut:     {(*Formatter).appendStatx, (*Formatter).appendStatxVerbose},
	syscalltbl.UtsnameOut:   {(*Formatter).appendUtsname, (*Formatter).appendUtsnameVerbose},
	syscalltbl.SysinfoOut:   {(*Formatter).appendSysinfo, nil},
	syscalltbl.CapHeader:    {(*Formatter).appendCapHeader, nil},
	syscalltbl.CapDataIn:    {(*Formatter).appendCapData, nil},
	syscalltbl.CapDataOut:   {(*Formatter).appendCapData, nil},
	syscalltbl.SiginfoOut:   {(*Formatter).appendSiginfoData, nil},
	syscalltbl.SiginfoIn:    {(*Formatter).appendSiginfoData, nil},
	syscalltbl.OpenHow:      {(*Formatter).appendOpenHow, nil},
	syscalltbl.StackIn:      {(*Formatter).appendStack, nil},
	syscalltbl.StackOut:     {(*Formatter).appendStack, nil},
	// rt_sigreturn's: the kernel side passes its address
	syscalltbl.SigreturnMask: {(*Formatter).appendSigreturnMask, nil},
}

// struct stat offsets on x86_64.
const (
	statModeOff = 24
	statRdevOff = 40
	statSizeOff = 48
)

// File types of st_mode, in strace's order.
var fileTypes = [...]struct {
	bits uint32
	name string
}{
	{0100000, "S_IFREG"}, {0140000, "S_IFSOCK"}, {0010000, "S_IFIFO"},
	{0120000, "S_IFLNK"}, {0040000, "S_IFDIR"}, {0060000, "S_IFBLK"},
	{0020000, "S_IFCHR"},
}

const sIFMT = 0170000

// appendFileMode prints a mode as strace's print_symbolic_mode_t:
// S_IFREG|S_ISUID|0755; in -X raw 0104755, in -X verbose both.
func (f *Formatter) appendFileMode(b []byte, mode uint32) []byte {
	switch f.opt.Xlat {
	case xlat.Raw:
		return appendMode(b, mode)
	case xlat.Verbose:
		return append(appendSymbolicMode(append(appendMode(b, mode), " /* "...), mode), " */"...)
	}
	return appendSymbolicMode(b, mode)
}

func appendSymbolicMode(b []byte, mode uint32) []byte {
	ifmt := ""
	for _, t := range fileTypes {
		if mode&sIFMT == t.bits {
			ifmt = t.name
		}
	}
	if mode&sIFMT != 0 && ifmt == "" {
		return appendMode(b, mode)
	}
	if ifmt != "" {
		b = append(b, ifmt...)
		b = append(b, '|')
	}
	for _, bit := range [...]struct {
		v    uint32
		name string
	}{{04000, "S_ISUID|"}, {02000, "S_ISGID|"}, {01000, "S_ISVTX|"}} {
		if mode&bit.v != 0 {
			b = append(b, bit.name...)
		}
	}
	return appendMode(b, mode&^(sIFMT|07000))
}

// appendStat prints a struct stat as strace does without -v.
func (f *Formatter) appendStat(b []byte, d []byte) []byte { return f.appendStatFields(b, d, false) }

// appendStatVerbose prints a struct stat whole, as strace -v.
func (f *Formatter) appendStatVerbose(b []byte, d []byte) []byte {
	return f.appendStatFields(b, d, true)
}

// appendStatFields prints a struct stat as strace's print_struct_stat:
// without verbose only the mode and the size (or the device).
func (f *Formatter) appendStatFields(b []byte, d []byte, verbose bool) []byte {
	mode := le32(d[statModeOff:])
	b = append(b, '{')
	if verbose {
		b = f.appendDevStyled(append(b, "st_dev="...), le64(d))
		b = strconv.AppendUint(append(b, ", st_ino="...), le64(d[8:]), 10)
		b = f.appendFileMode(append(b, ", st_mode="...), mode)
		b = strconv.AppendUint(append(b, ", st_nlink="...), le64(d[16:]), 10)
		b = strconv.AppendUint(append(b, ", st_uid="...), uint64(le32(d[28:])), 10)
		b = strconv.AppendUint(append(b, ", st_gid="...), uint64(le32(d[32:])), 10)
		b = strconv.AppendUint(append(b, ", st_blksize="...), le64(d[56:]), 10)
		b = strconv.AppendUint(append(b, ", st_blocks="...), le64(d[64:]), 10)
	} else {
		b = f.appendFileMode(append(b, "st_mode="...), mode)
	}
	switch mode & sIFMT {
	case 0060000, 0020000: // block and character devices
		b = f.appendDevStyled(append(b, ", st_rdev="...), le64(d[statRdevOff:]))
	default:
		b = append(b, ", st_size="...)
		b = strconv.AppendUint(b, le64(d[statSizeOff:]), 10)
	}
	if !verbose {
		return append(b, ", ...}"...)
	}
	for i, name := range [...]string{"atime", "mtime", "ctime"} {
		sec, nsec := int64(le64(d[72+16*i:])), le64(d[80+16*i:])
		b = append(append(append(b, ", st_"...), name...), '=')
		b = strconv.AppendInt(b, sec, 10)
		b = appendTimeComment(b, sec, nsec)
		b = append(append(append(b, ", st_"...), name...), "_nsec="...)
		b = strconv.AppendUint(b, nsec, 10)
	}
	return append(b, '}')
}

// appendDevStyled prints a device number as strace's print_dev_t:
// makedev(0xfe, 0x1); in -X raw 0xfe01, in -X verbose both.
func (f *Formatter) appendDevStyled(b []byte, dev uint64) []byte {
	switch f.opt.Xlat {
	case xlat.Raw:
		return appendHex(b, dev)
	case xlat.Verbose:
		return append(appendDev(append(appendHex(b, dev), " /* "...), dev), " */"...)
	}
	return appendDev(b, dev)
}

// appendDev prints a device number as strace does: makedev(0xfe, 0x1),
// its major and minor as glibc's major() and minor() give them, unsigned
// ints.
func appendDev(b []byte, dev uint64) []byte {
	major := uint32(dev>>8&0xfff) | uint32(dev>>32)&^0xfff
	minor := uint32(dev&0xff) | uint32(dev>>12)&^0xff
	b = append(b, "makedev("...)
	b = appendHex(b, uint64(major))
	b = append(b, ", "...)
	b = appendHex(b, uint64(minor))
	return append(b, ')')
}

// appendTimeComment prints a time as strace's sprinttime_nsec, in a
// comment: /* 2026-11-22T11:28:39.827475992+0000 */.
func appendTimeComment(b []byte, sec int64, nsec uint64) []byte {
	t := time.Unix(sec, int64(nsec))
	b = append(b, " /* "...)
	if nsec != 0 {
		b = t.AppendFormat(b, "2006-01-02T15:04:05.000000000-0700")
	} else {
		b = t.AppendFormat(b, "2006-01-02T15:04:05-0700")
	}
	return append(b, " */"...)
}

// appendTimespec prints {tv_sec=1, tv_nsec=500}: tv_nsec unsigned, as
// strace prints it.
func (f *Formatter) appendTimespec(b []byte, d []byte) []byte {
	b = append(b, "{tv_sec="...)
	b = strconv.AppendInt(b, int64(le64(d)), 10)
	b = append(b, ", tv_nsec="...)
	b = strconv.AppendUint(b, le64(d[8:]), 10)
	return append(b, '}')
}

// appendPipeFds prints [3, 4].
func (f *Formatter) appendPipeFds(b []byte, d []byte) []byte {
	b = append(b, '[')
	b = strconv.AppendInt(b, int64(int32(le32(d))), 10)
	b = append(b, ", "...)
	b = strconv.AppendInt(b, int64(int32(le32(d[4:]))), 10)
	return append(b, ']')
}

// appendRlimit prints {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}.
func (f *Formatter) appendRlimit(b []byte, d []byte) []byte {
	lim := func(v uint64) {
		number := func(b []byte) []byte { return strconv.AppendUint(b, v, 10) }
		switch {
		case v == ^uint64(0):
			b = xlat.AppendNamed(b, "RLIM64_INFINITY", number, f.opt.Xlat)
		case v > 1024 && v%1024 == 0:
			b = xlat.AppendNamed(b, strconv.FormatUint(v/1024, 10)+"*1024", number, f.opt.Xlat)
		default:
			b = number(b)
		}
	}
	b = append(b, "{rlim_cur="...)
	lim(le64(d))
	b = append(b, ", rlim_max="...)
	lim(le64(d[8:]))
	return append(b, '}')
}

// appendStruct prints the struct captured for an argument with print, or
// its address when it is NULL, could not be read, or the call failed and
// the struct was to be written by the kernel (strace's umove_or_printaddr).
func appendStruct(b []byte, addr uint64, cp *decoder.Capture, size int, print func([]byte, []byte) []byte) []byte {
	if addr == 0 || cp == nil || cp.Fault() || len(cp.Data) < size {
		return appendAddr(b, addr)
	}
	return print(b, cp.Data)
}

// appendSizedTail puts before the closing brace of a struct its caller
// sized (given bytes, of which the struct has size) what strace's
// print_nonzero_bytes shows of the bytes beyond it: ", ???" when they could
// not be read, else, unless all are zero, ", /* bytes N..M */ " and them
// in hex, cut at -s (strace reads a page of them at most).
func (f *Formatter) appendSizedTail(b []byte, cp *decoder.Capture, size int, given uint64) []byte {
	const page = 4096
	if given <= uint64(size) || len(b) == 0 || b[len(b)-1] != '}' {
		return b
	}
	b = b[:len(b)-1]
	total := int(min(given, page))
	switch tail := cp.Data[size:]; {
	case cp.Part():
		b = append(b, ", ???"...)
	case !allZero(tail):
		b = append(b, ", /* bytes "...)
		b = strconv.AppendInt(b, int64(size), 10)
		b = append(b, ".."...)
		b = strconv.AppendInt(b, int64(total-1), 10)
		b = append(b, " */ "...)
		more := len(tail) < total-size
		if len(tail) > f.opt.StrSize {
			tail, more = tail[:f.opt.StrSize], true
		}
		b = quote.Append(b, tail, more, quote.AllHex)
	}
	return append(b, '}')
}

func allZero(d []byte) bool {
	for _, c := range d {
		if c != 0 {
			return false
		}
	}
	return true
}

// The kernel's struct sigaction on x86_64: handler, flags, restorer, mask.
const (
	saHandler      = 0
	saFlags        = 8
	saRestorer     = 16
	saMask         = 24
	saRestorerFlag = 0x04000000
)

// appendSigaction prints {sa_handler=SIG_DFL, sa_mask=[], sa_flags=SA_RESTORER,
// sa_restorer=0x7f...} as strace does.
func (f *Formatter) appendSigaction(b []byte, d []byte) []byte {
	b = append(b, "{sa_handler="...)
	h := le64(d[saHandler:])
	number := func(b []byte) []byte { return appendHex(b, h) }
	switch h {
	case 0:
		b = xlat.AppendNamed(b, "SIG_DFL", number, f.opt.Xlat)
	case 1:
		b = xlat.AppendNamed(b, "SIG_IGN", number, f.opt.Xlat)
	case ^uint64(0):
		b = xlat.AppendNamed(b, "SIG_ERR", number, f.opt.Xlat)
	default:
		b = appendAddr(b, h)
	}
	b = append(b, ", sa_mask="...)
	b = f.appendSigset(b, le64(d[saMask:]))
	flags := le64(d[saFlags:])
	b = append(b, ", sa_flags="...)
	b = xlat.SigactionFlags.AppendFlags(b, flags, f.opt.Xlat)
	if flags&saRestorerFlag != 0 {
		b = append(b, ", sa_restorer="...)
		b = appendAddr(b, le64(d[saRestorer:]))
	}
	return append(b, '}')
}
