package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/xlat"
)

// The loop device requests (type 0x4c), as strace 6.1's loop.c decodes
// them. Their codes carry no size: bpf/capture.h's ioctl_arg_size knows
// each struct's.
func init() {
	ioctlFamilies[0x4c] = true
	info := func(f *Formatter, b, d []byte) []byte { return f.appendLoopInfo(b, d) }
	info64 := func(f *Formatter, b, d []byte) []byte { return f.appendLoopInfo64(b, d) }
	for name, h := range map[string]ioctlHandler{
		"LOOP_SET_STATUS":     ioctlStructIn(loopInfoSize, info),
		"LOOP_GET_STATUS":     ioctlStructOut(loopInfoSize, info),
		"LOOP_SET_STATUS64":   ioctlStructIn(loopInfo64Size, info64),
		"LOOP_GET_STATUS64":   ioctlStructOut(loopInfo64Size, info64),
		"LOOP_CONFIGURE":      (*Formatter).ioctlLoopConfigure,
		"LOOP_CLR_FD":         ioctlNoArg,
		"LOOP_SET_CAPACITY":   ioctlNoArg,
		"LOOP_CTL_GET_FREE":   ioctlNoArg,
		"LOOP_SET_FD":         ioctlFdVal,
		"LOOP_CHANGE_FD":      ioctlFdVal,
		"LOOP_CTL_ADD":        ioctlIntVal,
		"LOOP_CTL_REMOVE":     ioctlIntVal,
		"LOOP_SET_DIRECT_IO":  ioctlUlongVal,
		"LOOP_SET_BLOCK_SIZE": ioctlUlongVal,
	} {
		ioctlHandlers[name] = h
	}
}

// Sizes of struct loop_info, struct loop_info64 and struct loop_config.
const (
	loopInfoSize   = 168
	loopInfo64Size = 232
	loopConfigSize = 304
	loKeySize      = 32
)

// appendLoopKey prints an encryption key: as many bytes as its size says,
// at most LO_KEY_SIZE.
func (f *Formatter) appendLoopKey(b, key []byte, size uint32) []byte {
	n := min(int(size), loKeySize)
	more := false
	if n > f.opt.StrSize {
		n, more = f.opt.StrSize, true
	}
	return quote.Append(b, key[:n], more, f.opt.Quote)
}

// appendHexBytes prints bytes as strace's PRINT_FIELD_X_ARRAY: [0xa0, 0xa1].
func appendHexBytes(b, d []byte) []byte {
	for i, v := range d {
		if i == 0 {
			b = append(b, '[')
		} else {
			b = append(b, ", "...)
		}
		b = appendHex(b, uint64(v))
	}
	return append(b, ']')
}

// appendHexWords prints __u64s as PRINT_FIELD_X_ARRAY: [0x1, 0x2].
func appendHexWords(b, d []byte) []byte {
	for i := 0; i+8 <= len(d); i += 8 {
		if i == 0 {
			b = append(b, '[')
		} else {
			b = append(b, ", "...)
		}
		b = appendHex(b, le64(d[i:]))
	}
	return append(b, ']')
}

// appendLoopInfo prints a struct loop_info; its devices, inode, init and
// reserved bytes only with -v, its encryption only with -v or when set.
func (f *Formatter) appendLoopInfo(b, d []byte) []byte {
	crypt := le32(d[36:])
	b = strconv.AppendInt(append(b, "{lo_number="...), int64(int32(le32(d))), 10)
	if f.opt.Verbose {
		b = f.appendDevStyled(append(b, ", lo_device="...), le64(d[8:]))
		b = strconv.AppendUint(append(b, ", lo_inode="...), le64(d[16:]), 10)
		b = f.appendDevStyled(append(b, ", lo_rdevice="...), le64(d[24:]))
	}
	b = appendHex(append(b, ", lo_offset="...), uint64(le32(d[32:])))
	if f.opt.Verbose || crypt != 0 {
		b = xlat.ByName("loop_crypt_type_options").AppendValue(append(b, ", lo_encrypt_type="...), uint64(crypt), f.opt.Xlat)
		b = strconv.AppendUint(append(b, ", lo_encrypt_key_size="...), uint64(le32(d[40:])), 10)
	}
	b = f.appendFlagsArg(append(b, ", lo_flags="...), "loop_flags_options", uint64(le32(d[44:])))
	b = f.appendCString(append(b, ", lo_name="...), d[48:112])
	if f.opt.Verbose || crypt != 0 {
		b = f.appendLoopKey(append(b, ", lo_encrypt_key="...), d[112:144], le32(d[40:]))
	}
	if !f.opt.Verbose {
		return append(b, ", ...}"...)
	}
	b = appendHexWords(append(b, ", lo_init="...), d[144:160])
	b = appendHexBytes(append(b, ", reserved="...), d[160:164])
	return append(b, '}')
}

// appendLoopInfo64 prints a struct loop_info64, as appendLoopInfo.
func (f *Formatter) appendLoopInfo64(b, d []byte) []byte {
	crypt := le32(d[44:])
	b = append(b, '{')
	if f.opt.Verbose {
		b = f.appendDevStyled(append(b, "lo_device="...), le64(d))
		b = strconv.AppendUint(append(b, ", lo_inode="...), le64(d[8:]), 10)
		b = f.appendDevStyled(append(b, ", lo_rdevice="...), le64(d[16:]))
		b = appendHex(append(b, ", lo_offset="...), le64(d[24:]))
		b = strconv.AppendUint(append(b, ", lo_sizelimit="...), le64(d[32:]), 10)
	} else {
		b = appendHex(append(b, "lo_offset="...), le64(d[24:]))
	}
	b = strconv.AppendUint(append(b, ", lo_number="...), uint64(le32(d[40:])), 10)
	if f.opt.Verbose || crypt != 0 {
		b = xlat.ByName("loop_crypt_type_options").AppendValue(append(b, ", lo_encrypt_type="...), uint64(crypt), f.opt.Xlat)
		b = strconv.AppendUint(append(b, ", lo_encrypt_key_size="...), uint64(le32(d[48:])), 10)
	}
	b = f.appendFlagsArg(append(b, ", lo_flags="...), "loop_flags_options", uint64(le32(d[52:])))
	b = f.appendCString(append(b, ", lo_file_name="...), d[56:120])
	if f.opt.Verbose || crypt != 0 {
		b = f.appendCString(append(b, ", lo_crypt_name="...), d[120:184])
		b = f.appendLoopKey(append(b, ", lo_encrypt_key="...), d[184:216], le32(d[48:]))
	}
	if !f.opt.Verbose {
		return append(b, ", ...}"...)
	}
	b = appendHexWords(append(b, ", lo_init="...), d[216:232])
	return append(b, '}')
}

// ioctlLoopConfigure prints a struct loop_config: its reserved words only
// when one is not zero.
func (f *Formatter) ioctlLoopConfigure(b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	return appendIoctlArg(b, c, false, loopConfigSize, func(b, d []byte) []byte {
		b = f.appendFd(append(b, "{fd="...), c.Tid, int32(le32(d)))
		b = strconv.AppendUint(append(b, ", block_size="...), uint64(le32(d[4:])), 10)
		b = f.appendLoopInfo64(append(b, ", info="...), d[8:240])
		if !allZero(d[240:304]) {
			b = appendHexWords(append(b, ", __reserved="...), d[240:304])
		}
		return append(b, '}')
	}), ioctlDone
}
