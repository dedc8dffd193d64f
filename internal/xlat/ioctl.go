package xlat

import (
	"sort"
	"strconv"
	"sync"
)

// ioctlRequest is one name of an ioctl request code.
type ioctlRequest struct {
	code uint32
	name string
}

// The fields of an ioctl request code (asm-generic/ioctl.h).
const (
	ioctlDirNone  = 0
	ioctlDirWrite = 1
	ioctlDirRead  = 2
)

// IoctlDir, IoctlType, IoctlNr and IoctlSize are _IOC_DIR, _IOC_TYPE,
// _IOC_NR and _IOC_SIZE.
func IoctlDir(code uint32) uint32  { return code >> 30 }
func IoctlType(code uint32) uint32 { return code >> 8 & 0xff }
func IoctlNr(code uint32) uint32   { return code & 0xff }
func IoctlSize(code uint32) uint32 { return code >> 16 & 0x3fff }

// requestNames returns the names of request code, in the order strace
// prints them (joined by " or "), or none.
func requestNames(code uint32) []ioctlRequest {
	i := sort.Search(len(ioctlRequests), func(i int) bool { return ioctlRequests[i].code >= code })
	j := i
	for j < len(ioctlRequests) && ioctlRequests[j].code == code {
		j++
	}
	return ioctlRequests[i:j]
}

// IoctlCode returns the code of the ioctl request named name.
func IoctlCode(name string) (uint32, bool) {
	ioctlCodesOnce.Do(func() {
		ioctlCodes = make(map[string]uint32, len(ioctlRequests))
		for _, r := range ioctlRequests {
			ioctlCodes[r.name] = r.code
		}
	})
	code, ok := ioctlCodes[name]
	return code, ok
}

var (
	ioctlCodesOnce sync.Once
	ioctlCodes     map[string]uint32
)

// AppendIoctlRequest appends ioctl's request argument as strace 6.1 prints
// it in style s: its names joined by " or ", after the name strace
// composes for the numbered families (EVIOCGBIT(EV_KEY, 8),
// MIXER_READ(17)); _IOC(dir, type, nr, size) for a code without a name;
// in Raw the number, in Verbose the number then the names in a comment.
func AppendIoctlRequest(dst []byte, code uint32, s Style) []byte {
	if s != Abbrev {
		dst = appendHex(dst, uint64(code))
	}
	if s == Raw {
		return dst
	}
	if s == Verbose {
		dst = append(dst, " /* "...)
	}
	dst, composed := appendIoctlNumber(dst, code, s)
	names := requestNames(code)
	for i, r := range names {
		if composed || i > 0 {
			dst = append(dst, " or "...)
		}
		dst = append(dst, r.name...)
	}
	if !composed && len(names) == 0 {
		dst = append(dst, "_IOC("...)
		dir := IoctlDir(code)
		switch {
		case dir == ioctlDirNone:
			dst = append(dst, "_IOC_NONE"...)
		case dir == ioctlDirRead|ioctlDirWrite:
			dst = append(dst, "_IOC_READ|_IOC_WRITE"...)
		case dir == ioctlDirRead:
			dst = append(dst, "_IOC_READ"...)
		default:
			dst = append(dst, "_IOC_WRITE"...)
		}
		for _, v := range [...]uint32{IoctlType(code), IoctlNr(code), IoctlSize(code)} {
			dst = appendHex(append(dst, ", "...), uint64(v))
		}
		dst = append(dst, ')')
	}
	if s == Verbose {
		dst = append(dst, " */"...)
	}
	return dst
}

// appendIoctlNumber appends the name strace's ioctl_decode_command_number
// composes for code, and reports whether there is one.
func appendIoctlNumber(dst []byte, code uint32, s Style) ([]byte, bool) {
	dir, nr, size := IoctlDir(code), IoctlNr(code), IoctlSize(code)
	withSize := func(name string) ([]byte, bool) {
		dst = append(dst, name...)
		dst = strconv.AppendUint(append(dst, '('), uint64(size), 10)
		return append(dst, ')'), true
	}
	// inner names print as in the default style, or in Verbose's comment
	// as names without a ???
	inner := func(t *Table, v uint64, unknown string) []byte {
		if name, ok := t.Name(v); ok {
			return append(dst, name...)
		}
		dst = appendHex(dst, v)
		if s != Verbose {
			dst = appendComment(dst, unknown)
		}
		return dst
	}
	switch IoctlType(code) {
	case '!':
		if code == SeccompIDValidWrongDir {
			return append(dst, "SECCOMP_IOCTL_NOTIF_ID_VALID_WRONG_DIR"...), true
		}
	case 'E':
		if dir == ioctlDirWrite && nr >= 0xc0 && nr <= 0xc0+0x3f {
			dst = append(dst, "EVIOCSABS("...)
			dst = inner(evdevAbs, uint64(nr-0xc0), "ABS_???")
			return append(dst, ')'), true
		}
		if dir != ioctlDirRead {
			break
		}
		switch {
		case nr >= 0x20 && nr <= 0x20+0x1f:
			dst = append(dst, "EVIOCGBIT("...)
			if nr == 0x20 {
				dst = append(dst, '0')
			} else {
				dst = inner(evdevEv, uint64(nr-0x20), "EV_???")
			}
			dst = strconv.AppendUint(append(dst, ", "...), uint64(size), 10)
			return append(dst, ')'), true
		case nr >= 0x40 && nr <= 0x40+0x3f:
			dst = append(dst, "EVIOCGABS("...)
			dst = inner(evdevAbs, uint64(nr-0x40), "ABS_???")
			return append(dst, ')'), true
		}
		if name, ok := evdevSized[nr]; ok {
			return withSize(name)
		}
	case 'H':
		switch dir {
		case ioctlDirRead:
			if name, ok := hiddevReadSized[nr]; ok {
				return withSize(name)
			}
		case ioctlDirRead | ioctlDirWrite:
			switch nr {
			case 0x06:
				return withSize("HIDIOCSFEATURE")
			case 0x07:
				return withSize("HIDIOCGFEATURE")
			}
		}
	case 'M':
		switch dir {
		case ioctlDirWrite:
			dst = strconv.AppendUint(append(dst, "MIXER_WRITE("...), uint64(nr), 10)
			return append(dst, ')'), true
		case ioctlDirRead:
			dst = strconv.AppendUint(append(dst, "MIXER_READ("...), uint64(nr), 10)
			return append(dst, ')'), true
		}
	case 'U':
		if dir == ioctlDirRead && nr == 0x2c {
			return withSize("UI_GET_SYSNAME")
		}
	case 'j':
		if dir == ioctlDirRead && nr == 0x13 {
			return withSize("JSIOCGNAME")
		}
	case 'k':
		if dir == ioctlDirWrite && nr == 0 {
			return withSize("SPI_IOC_MESSAGE")
		}
	}
	return dst, false
}

// SeccompIDValidWrongDir is _IOR('!', 2, __u64), the spelling of
// SECCOMP_IOCTL_NOTIF_ID_VALID kernels before 5.17 took, which strace
// names SECCOMP_IOCTL_NOTIF_ID_VALID_WRONG_DIR.
const SeccompIDValidWrongDir = ioctlDirRead<<30 | 8<<16 | '!'<<8 | 2

// evdevSized and hiddevReadSized are the read requests whose size strace
// prints as an argument: EVIOCGNAME(256).
var (
	evdevSized = map[uint32]string{
		0x06: "EVIOCGNAME", 0x07: "EVIOCGPHYS", 0x08: "EVIOCGUNIQ", 0x09: "EVIOCGPROP",
		0x0a: "EVIOCGMTSLOTS", 0x18: "EVIOCGKEY", 0x19: "EVIOCGLED", 0x1a: "EVIOCGSND",
		0x1b: "EVIOCGSW",
	}
	hiddevReadSized = map[uint32]string{
		0x04: "HIDIOCGRAWNAME", 0x05: "HIDIOCGRAWPHYS", 0x06: "HIDIOCSFEATURE",
		0x08: "HIDIOCGRAWUNIQ", 0x12: "HIDIOCGPHYS",
	}
)
