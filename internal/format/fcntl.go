package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

// fcntl(2) commands whose argument or return value strace decodes
// (asm-generic/fcntl.h, linux/fcntl.h).
const (
	fDupfd        = 0
	fGetfd        = 1
	fSetfd        = 2
	fGetfl        = 3
	fSetfl        = 4
	fGetlk        = 5
	fSetlk        = 6
	fSetlkw       = 7
	fSetown       = 8
	fGetown       = 9
	fSetsig       = 10
	fGetsig       = 11
	fSetownEx     = 15
	fGetownEx     = 16
	fOfdGetlk     = 36
	fOfdSetlk     = 37
	fOfdSetlkw    = 38
	fSetlease     = 1024
	fGetlease     = 1025
	fNotify       = 1026
	fDupfdCloexec = 1030
	fSetpipeSz    = 1031
	fGetpipeSz    = 1032
	fAddSeals     = 1033
	fGetSeals     = 1034
)

// flockSize is sizeof(struct flock), which the kernel side reads for the
// locking commands (the registry's size of fcntl's argument).
var flockSize = int(syscalltbl.FcntlArg.Info().Size)

var whenceCodes = xlat.ByName("whence_codes")

// formatFcntl prints fcntl's third argument as its command says.
func formatFcntl(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	cmd, arg := uint32(c.Args[1]), c.Args[2]
	if exiting {
		// the struct the kernel filled in
		switch cmd {
		case fGetlk, fOfdGetlk:
			b = append(b, ", "...)
			return appendStruct(b, arg, exitCapture(c, 2), flockSize, f.appendFlockGetlk), false
		case fGetownEx:
			b = append(b, ", "...)
			return appendStruct(b, arg, exitCapture(c, 2), 8, f.appendFOwnerEx), false
		}
		return b, false
	}
	b = f.appendFd(b, c.Tid, int32(c.Args[0]))
	b = append(b, ", "...)
	b = xlat.FcntlCmds.AppendValue(b, uint64(cmd), f.opt.Xlat)
	switch cmd {
	case fGetfd, fGetfl, fGetown, fGetsig, fGetlease, fGetpipeSz, fGetSeals:
		return b, false
	case fGetlk, fOfdGetlk, fGetownEx:
		return b, true
	}
	b = append(b, ", "...)
	switch cmd {
	case fSetfd:
		b = xlat.FdFlags.AppendFlags(b, arg, f.opt.Xlat)
	case fSetown, fSetpipeSz, fDupfd, fDupfdCloexec:
		b = strconv.AppendInt(b, int64(int32(arg)), 10)
	case fSetfl:
		b = xlat.AppendOpenFlags(b, uint64(uint32(arg)), f.opt.Xlat)
	case fSetlk, fSetlkw, fOfdSetlk, fOfdSetlkw:
		b = appendStruct(b, arg, c.Capture(2, decoder.CapMemIn), flockSize, f.appendFlock)
	case fSetownEx:
		b = appendStruct(b, arg, c.Capture(2, decoder.CapMemIn), 8, f.appendFOwnerEx)
	case fNotify:
		b = xlat.NotifyFlags.AppendFlags(b, arg, f.opt.Xlat)
	case fSetlease:
		b = xlat.LockfCmds.AppendValue(b, arg, f.opt.Xlat)
	case fAddSeals:
		b = xlat.FSeals.AppendFlags(b, arg, f.opt.Xlat)
	case fSetsig:
		b = xlat.AppendSignal(b, int(int32(arg)), f.opt.Xlat)
	default:
		b = appendHex(b, arg)
	}
	return b, false
}

// exitCapture is what the kernel side read of argument arg at exit.
func exitCapture(c *decoder.Call, arg uint8) *decoder.Capture {
	for i := range c.Exit {
		if c.Exit[i].Arg == arg && c.Exit[i].Kind == decoder.CapMemOut {
			return &c.Exit[i]
		}
	}
	return nil
}

// returnFcntl prints the return values strace decodes: flag words in hex
// with their names, a lease type, a signal.
func (f *Formatter) returnFcntl(b []byte, c *decoder.Call) ([]byte, bool) {
	ret := uint64(c.Ret)
	if c.Failed() {
		return b, false
	}
	cmd := uint32(c.Args[1])
	switch {
	case cmd == fDupfd || cmd == fDupfdCloexec:
		return f.appendFd(append(b, "= "...), c.Tid, int32(ret)), true
	case cmd == fGetfl || cmd == fGetlease, ret != 0 && (cmd == fGetfd || cmd == fGetSeals):
		b = append(b, "= "...)
		b = appendHex(b, ret)
		b = append(b, " ("...)
		switch cmd {
		case fGetfl:
			b = xlat.AppendOpenFlagsAbbrev(append(b, "flags "...), uint64(uint32(ret)))
		case fGetfd:
			b = xlat.FdFlags.AppendFlagsAbbrev(append(b, "flags "...), ret)
		case fGetSeals:
			b = xlat.FSeals.AppendFlagsAbbrev(append(b, "seals "...), ret)
		case fGetlease:
			name, ok := xlat.LockfCmds.Name(ret)
			if !ok {
				return b[:len(b)-2], true
			}
			b = append(b, name...)
		}
		return append(b, ')'), true
	case cmd == fGetsig && ret != 0:
		b = append(b, "= "...)
		b = strconv.AppendUint(b, ret, 10)
		b = append(b, " ("...)
		b = xlat.AppendSignal(b, int(ret), f.opt.Xlat)
		return append(b, ')'), true
	}
	return b, false
}

// appendFlock prints a struct flock: {l_type=F_RDLCK, l_whence=SEEK_SET,
// l_start=0, l_len=0}.
func (f *Formatter) appendFlock(b, d []byte) []byte {
	b = append(b, "{l_type="...)
	b = xlat.LockfCmds.AppendValue(b, uint64(uint16(d[0])|uint16(d[1])<<8), f.opt.Xlat)
	b = append(b, ", l_whence="...)
	b = whenceCodes.AppendValue(b, uint64(uint16(d[2])|uint16(d[3])<<8), f.opt.Xlat)
	b = append(b, ", l_start="...)
	b = strconv.AppendInt(b, int64(le64(d[8:])), 10)
	b = append(b, ", l_len="...)
	b = strconv.AppendInt(b, int64(le64(d[16:])), 10)
	return append(b, '}')
}

// appendFlockGetlk prints what F_GETLK returns: the lock and its owner.
func (f *Formatter) appendFlockGetlk(b, d []byte) []byte {
	b = f.appendFlock(b, d)
	b = append(b[:len(b)-1], ", l_pid="...)
	b = strconv.AppendInt(b, int64(int32(le32(d[24:]))), 10)
	return append(b, '}')
}

// appendFOwnerEx prints a struct f_owner_ex: {type=F_OWNER_PID, pid=1234}.
func (f *Formatter) appendFOwnerEx(b, d []byte) []byte {
	b = append(b, "{type="...)
	b = xlat.FOwnerTypes.AppendValue(b, uint64(le32(d)), f.opt.Xlat)
	b = append(b, ", pid="...)
	b = strconv.AppendInt(b, int64(int32(le32(d[4:]))), 10)
	return append(b, '}')
}

// appendOpenHow prints a struct open_how (openat2): {flags=O_RDONLY,
// resolve=RESOLVE_BENEATH}, with mode when the flags create a file or the
// mode is set.
func (f *Formatter) appendOpenHow(b, d []byte) []byte {
	const oCreat, oTmpfile = 0100, 020000000
	flags, mode := le64(d), le64(d[8:])
	b = append(b, "{flags="...)
	b = xlat.AppendOpenFlags(b, flags, f.opt.Xlat)
	if flags&(oCreat|oTmpfile) != 0 || mode != 0 {
		b = appendMode64(append(b, ", mode="...), mode)
	}
	b = append(b, ", resolve="...)
	b = xlat.OpenResolveFlags.AppendFlags(b, le64(d[16:]), f.opt.Xlat)
	return append(b, '}')
}
