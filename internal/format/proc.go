package format

import (
	"bytes"
	"math/bits"
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

// prctl(2) options that strace decodes (linux/prctl.h).
const (
	prSetPdeathsig      = 1
	prGetPdeathsig      = 2
	prGetDumpable       = 3
	prSetDumpable       = 4
	prGetKeepcaps       = 7
	prSetKeepcaps       = 8
	prGetTiming         = 13
	prSetTiming         = 14
	prSetName           = 15
	prGetName           = 16
	prGetSeccomp        = 21
	prGetTimerslack     = 30
	prSetTimerslack     = 29
	prSetChildSubreaper = 36
	prGetChildSubreaper = 37
	prSetNoNewPrivs     = 38
	prGetTidAddress     = 40
	prSetThpDisable     = 41
	prSetIOFlusher      = 57
	prTaskPerfEventsOff = 31
	prTaskPerfEventsOn  = 32
	// taskCommLen is the size of a task name, which prctl(PR_GET_NAME)
	// stores.
	taskCommLen          = 16
	prctlArgs            = 5
	archGetFS, archGetGS = 0x1003, 0x1004
	archGetCPUID         = 0x1011
	// the XSAVE feature requests of arch_prctl
	archGetXcompSupp, archGetXcompPerm, archReqXcompPerm = 0x1021, 0x1022, 0x1023
	archGetXcompGuestPerm, archReqXcompGuestPerm         = 0x1024, 0x1025
	utsFieldLen                                          = 65
)

var prDumpable = xlat.ByName("pr_dumpable")

// formatPrctl prints prctl's arguments as strace does for the options it
// decodes; others show their arguments in hex.
func formatPrctl(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	option, arg2 := uint32(c.Args[0]), c.Args[1]
	if exiting {
		switch option {
		case prGetName:
			if c.Failed() {
				return appendAddr(b, arg2), false
			}
			cp := exitCapture(c, 1)
			if cp == nil || cp.Fault() {
				return appendAddr(b, arg2), false
			}
			name := cp.Data
			if i := bytes.IndexByte(name, 0); i >= 0 {
				name = name[:i]
			}
			return quote.Append(b, name, false, f.opt.Quote), false
		case prGetPdeathsig, prGetChildSubreaper, prGetTidAddress:
			cp := exitCapture(c, 1)
			if c.Failed() || cp == nil || cp.Fault() || len(cp.Data) < 8 {
				return appendAddr(b, arg2), false
			}
			b = append(b, '[')
			switch option {
			case prGetPdeathsig:
				b = xlat.AppendSignal(b, int(int32(le32(cp.Data))), f.opt.Xlat)
			case prGetChildSubreaper:
				b = strconv.AppendUint(b, uint64(le32(cp.Data)), 10)
			default:
				b = appendAddr(b, le64(cp.Data))
			}
			return append(b, ']'), false
		}
		return b, false
	}
	b = xlat.PrctlOptions.AppendValue(b, uint64(option), f.opt.Xlat)
	switch option {
	case prGetKeepcaps, prGetSeccomp, prGetTimerslack, prGetTiming, prGetDumpable,
		prTaskPerfEventsOff, prTaskPerfEventsOn:
		return b, false
	case prGetName, prGetPdeathsig, prGetChildSubreaper, prGetTidAddress:
		return append(b, ", "...), true
	case prSetName:
		b = append(b, ", "...)
		cp := c.Capture(1, decoder.CapStr)
		if arg2 == 0 || cp == nil || cp.Fault() {
			return appendAddr(b, arg2), false
		}
		name, more := cp.Data, cp.More()
		if len(name) > taskCommLen-1 {
			name, more = name[:taskCommLen-1], true
		}
		return quote.Append(b, name, more, f.opt.Quote), false
	case prSetPdeathsig:
		b = append(b, ", "...)
		if arg2 > 128 {
			return strconv.AppendUint(b, arg2, 10), false
		}
		return xlat.AppendSignal(b, int(arg2), f.opt.Xlat), false
	case prSetDumpable:
		b = append(b, ", "...)
		return prDumpable.AppendValue(b, arg2, f.opt.Xlat), false
	case prSetChildSubreaper, prSetKeepcaps, prSetTiming:
		b = append(b, ", "...)
		return strconv.AppendUint(b, arg2, 10), false
	case prSetTimerslack:
		b = append(b, ", "...)
		return strconv.AppendInt(b, int64(arg2), 10), false
	case prSetNoNewPrivs, prSetThpDisable, prSetIOFlusher:
		b = append(b, ", "...)
		b = strconv.AppendUint(b, arg2, 10)
		return appendHexArgs(b, c.Args[2:prctlArgs]), false
	}
	return appendHexArgs(b, c.Args[1:prctlArgs]), false
}

// returnPrctl names PR_GET_DUMPABLE's value.
func (f *Formatter) returnPrctl(b []byte, c *decoder.Call) ([]byte, bool) {
	if uint32(c.Args[0]) != prGetDumpable || c.Failed() {
		return b, false
	}
	name, ok := prDumpable.Name(uint64(c.Ret))
	if !ok {
		return b, false
	}
	b = append(b, "= "...)
	b = strconv.AppendInt(b, c.Ret, 10)
	b = append(b, " ("...)
	b = append(b, name...)
	return append(b, ')'), true
}

func appendHexArgs(b []byte, args []uint64) []byte {
	for _, a := range args {
		b = append(b, ", "...)
		b = appendHex(b, a)
	}
	return b
}

// formatArchPrctl prints arch_prctl's address argument, or for the GET
// codes the value the kernel stored there: [0x7f...].
func formatArchPrctl(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	code, addr := uint32(c.Args[0]), c.Args[1]
	if exiting {
		cp := exitCapture(c, 1)
		if c.Failed() || cp == nil || cp.Fault() || len(cp.Data) < 8 {
			return appendAddr(b, addr), false
		}
		b = append(b, '[')
		if code == archGetFS || code == archGetGS {
			b = appendAddr(b, le64(cp.Data))
		} else {
			b = xlat.X86Xfeatures.AppendFlagsNoted(b, le64(cp.Data), f.opt.Xlat)
		}
		return append(b, ']'), false
	}
	b = xlat.Archvals.AppendValue(b, uint64(code), f.opt.Xlat)
	switch code {
	case archGetFS, archGetGS, archGetXcompSupp, archGetXcompPerm, archGetXcompGuestPerm:
		return append(b, ", "...), true
	case archGetCPUID:
		return b, false
	case archReqXcompPerm, archReqXcompGuestPerm:
		return xlat.X86XfeatureBits.AppendValueNoted(append(b, ", "...), addr, f.opt.Xlat), false
	}
	b = append(b, ", "...)
	return appendHex(b, addr), false
}

// appendUtsname prints a struct utsname as strace abbreviates it.
func (f *Formatter) appendUtsname(b, d []byte) []byte {
	field := func(i int) []byte {
		s := d[i*utsFieldLen : (i+1)*utsFieldLen]
		if n := bytes.IndexByte(s, 0); n >= 0 {
			s = s[:n]
		}
		return s
	}
	b = append(b, "{sysname="...)
	b = quote.Append(b, field(0), false, f.opt.Quote)
	b = append(b, ", nodename="...)
	b = quote.Append(b, field(1), false, f.opt.Quote)
	return append(b, ", ...}"...)
}

// appendSysinfo prints a struct sysinfo, every field, as strace does.
func (f *Formatter) appendSysinfo(b, d []byte) []byte {
	u := func(b []byte, name string, off int) []byte {
		b = append(b, name...)
		return strconv.AppendUint(b, le64(d[off:]), 10)
	}
	b = u(b, "{uptime=", 0)
	b = u(b, ", loads=[", 8)
	b = u(b, ", ", 16)
	b = u(b, ", ", 24)
	b = u(b, "], totalram=", 32)
	b = u(b, ", freeram=", 40)
	b = u(b, ", sharedram=", 48)
	b = u(b, ", bufferram=", 56)
	b = u(b, ", totalswap=", 64)
	b = u(b, ", freeswap=", 72)
	b = append(b, ", procs="...)
	b = strconv.AppendUint(b, uint64(uint16(d[80])|uint16(d[81])<<8), 10)
	b = u(b, ", totalhigh=", 88)
	b = u(b, ", freehigh=", 96)
	b = append(b, ", mem_unit="...)
	b = strconv.AppendUint(b, uint64(le32(d[104:])), 10)
	return append(b, '}')
}

// appendCPUSet prints a CPU mask as strace's print_affinitylist: [0 1].
func appendCPUSet(b, d []byte) []byte {
	b = append(b, '[')
	first := true
	for i := 0; i+8 <= len(d); i += 8 {
		for w := le64(d[i:]); w != 0; w &= w - 1 {
			if !first {
				b = append(b, ' ')
			}
			first = false
			b = strconv.AppendInt(b, int64(i*8+bits.TrailingZeros64(w)), 10)
		}
	}
	return append(b, ']')
}

var (
	capVersion = xlat.ByName("cap_version")
	capMask0   = xlat.ByName("cap_mask0")
	capMask1   = xlat.ByName("cap_mask1")
)

// appendCapHeader prints a struct __user_cap_header_struct.
func (f *Formatter) appendCapHeader(b, d []byte) []byte {
	b = append(b, "{version="...)
	b = capVersion.AppendValue(b, uint64(le32(d)), f.opt.Xlat)
	b = append(b, ", pid="...)
	b = strconv.AppendInt(b, int64(int32(le32(d[4:]))), 10)
	return append(b, '}')
}

// appendCapData prints the two struct __user_cap_data_struct of a
// version 2 or 3 capget/capset as one set of 64 bits each.
func (f *Formatter) appendCapData(b, d []byte) []byte {
	for i, name := range [...]string{"{effective=", ", permitted=", ", inheritable="} {
		b = append(b, name...)
		lo, hi := le32(d[4*i:]), le32(d[12+4*i:])
		if lo != 0 || hi == 0 {
			b = capMask0.AppendFlags(b, uint64(lo), f.opt.Xlat)
		}
		if hi != 0 {
			if lo != 0 {
				b = append(b, '|')
			}
			b = capMask1.AppendFlags(b, uint64(hi), f.opt.Xlat)
		}
	}
	return append(b, '}')
}

// formatMount prints mount's arguments as strace does: the filesystem
// type and the data are strings, but addresses when the flags say they
// are not used (a remount ignores the type; a bind, move or propagation
// change both).
func formatMount(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	const (
		msMgcMask = 0xffff0000
		msMgcVal  = 0xc0ed0000
		msRemount = 32
		// MS_BIND|MS_MOVE|MS_UNBINDABLE|MS_PRIVATE|MS_SLAVE|MS_SHARED
		msNoTypeNoData = 4096 | 8192 | 1<<17 | 1<<18 | 1<<19 | 1<<20
	)
	if exiting {
		return b, false
	}
	sc := syscalltbl.ByName("mount")
	flags := c.Args[3]
	if flags&msMgcMask == msMgcVal {
		flags &^= msMgcMask
	}
	ignoreType := flags&(msRemount|msNoTypeNoData) != 0
	ignoreData := flags&msRemount == 0 && flags&msNoTypeNoData != 0
	for i := range sc.Args {
		if i > 0 {
			b = append(b, ", "...)
		}
		if i == 2 && ignoreType || i == 4 && ignoreData {
			b = appendAddr(b, c.Args[i])
			continue
		}
		b = f.appendArg(b, c, i, &sc.Args[i])
	}
	return b, false
}

// appendUtsnameVerbose prints every field of a struct utsname (-v).
func (f *Formatter) appendUtsnameVerbose(b, d []byte) []byte {
	for i, name := range [...]string{"{sysname=", ", nodename=", ", release=", ", version=", ", machine=", ", domainname="} {
		field := d[i*utsFieldLen : (i+1)*utsFieldLen]
		if n := bytes.IndexByte(field, 0); n >= 0 {
			field = field[:n]
		}
		b = quote.Append(append(b, name...), field, false, f.opt.Quote)
	}
	return append(b, '}')
}
