package printer

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

// Sizes of the structs the kernel side reads (x86_64).
const (
	statSize      = 144 // struct stat
	timespecSize  = 16  // struct __kernel_timespec
	pipeFdsSize   = 8   // int[2]
	SigsetSize    = 8   // the kernel's sigset_t
	rlimitSize    = 16  // struct rlimit64
	sigactionSize = 32  // the kernel's struct sigaction
	stackSize     = 24  // stack_t
	capHeaderSize = 8   // struct __user_cap_header_struct
	capDataSize   = 24  // two struct __user_cap_data_struct
)

// structKind says how an argument holding a struct is read (its size, at
// enter or at exit) and printed. The capture plan and the printer both
// follow it.
type structKind struct {
	size   int
	atExit bool
	print  func(b, data []byte) []byte
}

var structKinds = map[syscalltbl.Kind]structKind{
	syscalltbl.StatOut:      {statSize, true, appendStat},
	syscalltbl.TimespecIn:   {timespecSize, false, appendTimespec},
	syscalltbl.TimespecOut:  {timespecSize, true, appendTimespec},
	syscalltbl.PipeFds:      {pipeFdsSize, true, appendPipeFds},
	syscalltbl.SigsetIn:     {SigsetSize, false, appendSigsetData},
	syscalltbl.SigsetOut:    {SigsetSize, true, appendSigsetData},
	syscalltbl.RlimitIn:     {rlimitSize, false, appendRlimit},
	syscalltbl.RlimitOut:    {rlimitSize, true, appendRlimit},
	syscalltbl.SigactionIn:  {sigactionSize, false, appendSigaction},
	syscalltbl.SigactionOut: {sigactionSize, true, appendSigaction},
	syscalltbl.StatxOut:     {statxSize, true, appendStatx},
	syscalltbl.UtsnameOut:   {utsnameSz, true, appendUtsname},
	syscalltbl.SysinfoOut:   {sysinfoSize, true, appendSysinfo},
	syscalltbl.CapHeader:    {capHeaderSize, false, appendCapHeader},
	syscalltbl.CapDataIn:    {capDataSize, false, appendCapData},
	syscalltbl.CapDataOut:   {capDataSize, true, appendCapData},
	syscalltbl.SiginfoOut:   {decoder.SiginfoSize, true, appendSiginfoData},
	syscalltbl.StackIn:      {stackSize, false, appendStack},
	syscalltbl.StackOut:     {stackSize, true, appendStack},
}

// StructArg tells the capture plan what to read for an argument of kind k
// when it is a struct: its size, and whether at exit (the kernel fills it).
func StructArg(k syscalltbl.Kind) (size int, atExit, ok bool) {
	sk, ok := structKinds[k]
	return sk.size, sk.atExit, ok
}

// appendSigsetData prints a captured sigset_t.
func appendSigsetData(b, d []byte) []byte { return appendSigset(b, le64(d)) }

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
// S_IFREG|S_ISUID|0755.
func appendFileMode(b []byte, mode uint32) []byte {
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
func appendStat(b []byte, d []byte) []byte {
	mode := le32(d[statModeOff:])
	b = append(b, "{st_mode="...)
	b = appendFileMode(b, mode)
	switch mode & sIFMT {
	case 0060000, 0020000: // block and character devices
		dev := le64(d[statRdevOff:])
		major := dev>>8&0xfff | dev>>32&^0xfff
		minor := dev&0xff | dev>>12&^0xff
		b = append(b, ", st_rdev=makedev("...)
		b = appendHex(b, major)
		b = append(b, ", "...)
		b = appendHex(b, minor)
		b = append(b, ')')
	default:
		b = append(b, ", st_size="...)
		b = strconv.AppendUint(b, le64(d[statSizeOff:]), 10)
	}
	return append(b, ", ...}"...)
}

// appendTimespec prints {tv_sec=1, tv_nsec=500}.
func appendTimespec(b []byte, d []byte) []byte {
	b = append(b, "{tv_sec="...)
	b = strconv.AppendInt(b, int64(le64(d)), 10)
	b = append(b, ", tv_nsec="...)
	b = strconv.AppendInt(b, int64(le64(d[8:])), 10)
	return append(b, '}')
}

// appendPipeFds prints [3, 4].
func appendPipeFds(b []byte, d []byte) []byte {
	b = append(b, '[')
	b = strconv.AppendInt(b, int64(int32(le32(d))), 10)
	b = append(b, ", "...)
	b = strconv.AppendInt(b, int64(int32(le32(d[4:]))), 10)
	return append(b, ']')
}

// appendRlimit prints {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}.
func appendRlimit(b []byte, d []byte) []byte {
	lim := func(v uint64) {
		switch {
		case v == ^uint64(0):
			b = append(b, "RLIM64_INFINITY"...)
		case v > 1024 && v%1024 == 0:
			b = strconv.AppendUint(b, v/1024, 10)
			b = append(b, "*1024"...)
		default:
			b = strconv.AppendUint(b, v, 10)
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
func appendSigaction(b []byte, d []byte) []byte {
	b = append(b, "{sa_handler="...)
	switch h := le64(d[saHandler:]); h {
	case 0:
		b = append(b, "SIG_DFL"...)
	case 1:
		b = append(b, "SIG_IGN"...)
	case ^uint64(0):
		b = append(b, "SIG_ERR"...)
	default:
		b = appendAddr(b, h)
	}
	b = append(b, ", sa_mask="...)
	b = appendSigset(b, le64(d[saMask:]))
	flags := le64(d[saFlags:])
	b = append(b, ", sa_flags="...)
	b = xlat.SigactionFlags.AppendFlags(b, flags)
	if flags&saRestorerFlag != 0 {
		b = append(b, ", sa_restorer="...)
		b = appendAddr(b, le64(d[saRestorer:]))
	}
	return append(b, '}')
}
