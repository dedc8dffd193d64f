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

const (
	archGetFS, archGetGS = 0x1003, 0x1004
	archGetCPUID         = 0x1011
	// the XSAVE feature requests of arch_prctl
	archGetXcompSupp, archGetXcompPerm, archReqXcompPerm = 0x1021, 0x1022, 0x1023
	archGetXcompGuestPerm, archReqXcompGuestPerm         = 0x1024, 0x1025
	utsFieldLen                                          = 65
)

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

// returnArchPrctl prints what ARCH_REQ_XCOMP_PERM and
// ARCH_REQ_XCOMP_GUEST_PERM return as strace does: a positive value in hex,
// with the XSAVE features it names.
func (f *Formatter) returnArchPrctl(b []byte, c *decoder.Call) ([]byte, bool) {
	code := uint32(c.Args[0])
	if code != archReqXcompPerm && code != archReqXcompGuestPerm || c.Ret <= 0 {
		return b, false
	}
	var aux []byte
	if f.opt.Xlat != xlat.Raw {
		aux = xlat.X86Xfeatures.AppendFlagsAux(aux, uint64(c.Ret))
	}
	return appendRetAux(b, uint64(c.Ret), true, aux), true
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
	for i := 0; i < len(d); i += 8 {
		var w uint64
		for j := min(len(d), i+8) - 1; j >= i; j-- { // a last word may be cut short
			w = w<<8 | uint64(d[j])
		}
		for ; w != 0; w &= w - 1 {
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
