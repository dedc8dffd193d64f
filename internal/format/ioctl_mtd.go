package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/xlat"
)

// The MTD requests (type 'M', which the mixer's share), as strace 6.1's
// mtd.c decodes them.
func init() {
	ioctlFamilies['M'] = true
	erase := ioctlStructIn(8, func(f *Formatter, b, d []byte) []byte {
		b = appendHex(append(b, "{start="...), uint64(le32(d)))
		return append(appendHex(append(b, ", length="...), uint64(le32(d[4:]))), '}')
	})
	oob := ioctlStructIn(16, func(f *Formatter, b, d []byte) []byte {
		b = appendHex(append(b, "{start="...), uint64(le32(d)))
		b = appendHex(append(b, ", length="...), uint64(le32(d[4:])))
		return append(appendAddr(append(b, ", ptr="...), le64(d[8:])), '}')
	})
	oob64 := ioctlStructIn(24, func(f *Formatter, b, d []byte) []byte {
		b = appendHex(append(b, "{start="...), le64(d))
		b = appendHex(append(b, ", length="...), uint64(le32(d[12:])))
		return append(appendAddr(append(b, ", usr_ptr="...), le64(d[16:])), '}')
	})
	otpInfo := func(f *Formatter, b, d []byte) []byte {
		b = appendHex(append(b, "{start="...), uint64(le32(d)))
		b = appendHex(append(b, ", length="...), uint64(le32(d[4:])))
		return append(strconv.AppendUint(append(b, ", locked="...), uint64(le32(d[8:])), 10), '}')
	}
	for name, h := range map[string]ioctlHandler{
		"MEMERASE":         erase,
		"MEMLOCK":          erase,
		"MEMUNLOCK":        erase,
		"MEMISLOCKED":      erase,
		"MEMERASE64":       ioctlStructIn(16, func(f *Formatter, b, d []byte) []byte { return appendHexPair(b, "{start=", ", length=", d) }),
		"MEMWRITEOOB":      oob,
		"MEMREADOOB":       oob,
		"MEMWRITEOOB64":    oob64,
		"MEMREADOOB64":     oob64,
		"MEMWRITE":         ioctlStructIn(48, (*Formatter).appendMtdWriteReq),
		"OTPGETREGIONINFO": ioctlStructOut(12, otpInfo),
		"OTPLOCK":          ioctlStructIn(12, otpInfo),
		"OTPSELECT": ioctlStructIn(4, func(f *Formatter, b, d []byte) []byte {
			b = xlat.ByName("mtd_otp_options").AppendValue(append(b, '['), uint64(le32(d)), f.opt.Xlat)
			return append(b, ']')
		}),
		"MTDFILEMODE": func(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
			return xlat.ByName("mtd_file_mode_options").AppendValue(append(b, ", "...), c.Args[2], f.opt.Xlat), ioctlDone
		},
		"MEMGETBADBLOCK":    ioctlStructIn(8, appendU64Ref),
		"MEMSETBADBLOCK":    ioctlStructIn(8, appendU64Ref),
		"MEMGETINFO":        ioctlStructOut(32, (*Formatter).appendMtdInfo),
		"MEMGETOOBSEL":      ioctlStructOut(200, (*Formatter).appendNandOobinfo),
		"ECCGETLAYOUT":      ioctlStructOut(328, (*Formatter).appendNandEcclayout),
		"ECCGETSTATS":       ioctlStructOut(16, appendMtdEccStats),
		"OTPGETREGIONCOUNT": ioctlStructOut(4, func(f *Formatter, b, d []byte) []byte { return appendUintRef(b, d) }),
		"MEMGETREGIONCOUNT": ioctlIntPtrOut,
		"MEMGETREGIONINFO":  (*Formatter).ioctlMtdRegionInfo,
	} {
		ioctlHandlers[name] = h
	}
}

// appendHexPair prints two __u64 in hex as the fields first and second.
func appendHexPair(b []byte, first, second string, d []byte) []byte {
	b = appendHex(append(b, first...), le64(d))
	return append(appendHex(append(b, second...), le64(d[8:])), '}')
}

func (f *Formatter) appendMtdWriteReq(b, d []byte) []byte {
	b = appendHex(append(b, "{start="...), le64(d))
	b = appendHex(append(b, ", len="...), le64(d[8:]))
	b = appendHex(append(b, ", ooblen="...), le64(d[16:]))
	b = appendAddr(append(b, ", usr_data="...), le64(d[24:]))
	b = appendAddr(append(b, ", usr_oob="...), le64(d[32:]))
	b = xlat.ByName("mtd_mode_options").AppendValue(append(b, ", mode="...), uint64(d[40]), f.opt.Xlat)
	return append(b, '}')
}

func (f *Formatter) appendMtdInfo(b, d []byte) []byte {
	b = xlat.ByName("mtd_type_options").AppendValue(append(b, "{type="...), uint64(d[0]), f.opt.Xlat)
	b = f.appendFlagsArg(append(b, ", flags="...), "mtd_flags_options", uint64(le32(d[4:])))
	for i, name := range [...]string{", size=", ", erasesize=", ", writesize=", ", oobsize="} {
		b = appendHex(append(b, name...), uint64(le32(d[8+4*i:])))
	}
	b = appendHex(append(b, ", padding="...), le64(d[24:]))
	return append(b, '}')
}

func (f *Formatter) appendNandOobinfo(b, d []byte) []byte {
	b = xlat.ByName("mtd_nandecc_options").AppendValue(append(b, "{useecc="...), uint64(le32(d)), f.opt.Xlat)
	b = appendHex(append(b, ", eccbytes="...), uint64(le32(d[4:])))
	b = f.appendLocalArray(append(b, ", oobfree="...), d[8:], 8, 8, func(b, e []byte) []byte {
		return f.appendLocalArray(b, e, 2, 4, appendX32Elem)
	})
	b = f.appendLocalArray(append(b, ", eccpos="...), d[72:], 32, 4, appendX32Elem)
	return append(b, '}')
}

func (f *Formatter) appendNandEcclayout(b, d []byte) []byte {
	b = appendHex(append(b, "{eccbytes="...), uint64(le32(d)))
	b = f.appendLocalArray(append(b, ", eccpos="...), d[4:], 64, 4, appendX32Elem)
	b = appendHex(append(b, ", oobavail="...), uint64(le32(d[260:])))
	b = f.appendLocalArray(append(b, ", oobfree="...), d[264:], 8, 8, func(b, e []byte) []byte {
		b = appendHex(append(b, "{offset="...), uint64(le32(e)))
		return append(appendHex(append(b, ", length="...), uint64(le32(e[4:]))), '}')
	})
	return append(b, '}')
}

func appendMtdEccStats(f *Formatter, b, d []byte) []byte {
	for i, name := range [...]string{"{corrected=", ", failed=", ", badblocks=", ", bbtblocks="} {
		b = appendHex(append(b, name...), uint64(le32(d[4*i:])))
	}
	return append(b, '}')
}

// ioctlMtdRegionInfo prints a struct region_info_user: the region index
// the kernel reads at enter, what it writes at exit.
func (f *Formatter) ioctlMtdRegionInfo(b []byte, c *decoder.Call, exiting bool) ([]byte, ioctlRet) {
	const size = 16
	if !exiting {
		cp := ioctlCapture(c, false)
		b = append(b, ", "...)
		if c.Args[2] == 0 || cp == nil || cp.Fault() || len(cp.Data) < size {
			return appendAddr(b, c.Args[2]), ioctlDone
		}
		return appendHex(append(b, "{regionindex="...), uint64(le32(cp.Data[12:]))), ioctlAtExit
	}
	if cp := ioctlCapture(c, true); cp != nil && !cp.Fault() && len(cp.Data) >= size {
		for i, name := range [...]string{", offset=", ", erasesize=", ", numblocks="} {
			b = appendHex(append(b, name...), uint64(le32(cp.Data[4*i:])))
		}
	}
	return append(b, '}'), ioctlDone
}
