package format

import (
	"bytes"
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/xlat"
)

// quotactl(2) commands whose data strace decodes here (linux/quota.h,
// linux/dqblk_xfs.h), and QCMD's parts.
const (
	qSync          = 0x800001
	qQuotaOn       = 0x800002
	qQuotaOff      = 0x800003
	qGetFmt        = 0x800004
	qGetInfo       = 0x800005
	qSetInfo       = 0x800006
	qGetQuota      = 0x800007
	qSetQuota      = 0x800008
	qGetNextQuota  = 0x800009
	qXQuotaOn      = 0x5801
	qXQuotaOff     = 0x5802
	qXGetQuota     = 0x5803
	qXSetQlim      = 0x5804
	qXGetQstat     = 0x5805
	qXQuotaRm      = 0x5806
	qXQuotaSync    = 0x5807
	qXGetQstatv    = 0x5808
	qXGetNextQuota = 0x5809
	subCmdShift    = 8
	subCmdMask     = 0xff
)

var (
	quotaCmds     = xlat.ByName("quotacmds")
	quotaTypes    = xlat.ByName("quotatypes")
	quotaFormats  = xlat.ByName("quota_formats")
	xfsQuotaFlags = xlat.ByName("xfs_quota_flags")
	xfsDqblkFlags = xlat.ByName("xfs_dqblk_flags")
	ifDqblkValid  = xlat.ByName("if_dqblk_valid")
	ifDqinfoFlags = xlat.ByName("if_dqinfo_flags")
	ifDqinfoValid = xlat.ByName("if_dqinfo_valid")
)

func init() {
	specialFormatters["quotactl"] = formatQuotactl
	specialFormatters["quotactl_fd"] = formatQuotactl
}

// formatQuotactl prints quotactl's and quotactl_fd's arguments as strace
// does: the command as QCMD(Q_GETFMT, USRQUOTA), the device or the
// descriptor, then what the command takes: nothing, a format and a path,
// flags, the id, and the struct the kernel reads (printed at enter) or
// fills (at exit, its address when the call failed).
func formatQuotactl(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	fd := c.Syscall().Name == "quotactl_fd"
	cmdArg, target := 0, 1
	if fd {
		cmdArg, target = 1, 0
	}
	qcmd := uint32(c.Args[cmdArg])
	cmd := qcmd >> subCmdShift
	id, data := uint32(c.Args[2]), c.Args[3]
	if exiting { // the struct the kernel filled in
		var d []byte
		if cp := exitCapture(c, 3); !c.Failed() && data != 0 && cp != nil && !cp.Fault() {
			d = cp.Data
		}
		return f.appendQuotaData(b, cmd, data, d), false
	}
	sc := c.Syscall()
	if fd {
		b = f.appendArg(b, c, target, &sc.Args[target])
		b = append(b, ", "...)
		b = f.appendQcmd(b, qcmd)
	} else {
		b = f.appendQcmd(b, qcmd)
		b = append(b, ", "...)
		b = f.appendArg(b, c, target, &sc.Args[target])
	}
	var in []byte
	if cp := c.Capture(3, decoder.CapMemIn); data != 0 && cp != nil && !cp.Fault() {
		in = cp.Data
	}
	switch cmd {
	case qQuotaOff, qSync, qXQuotaSync:
		return b, false
	case qQuotaOn:
		b = append(b, ", "...)
		b = quotaFormats.AppendValue(b, uint64(id), f.opt.Xlat)
		b = append(b, ", "...)
		return f.appendQuotaPath(b, data, in), false
	case qGetFmt, qGetInfo, qXGetQstat, qXGetQstatv:
		return append(b, ", "...), true
	case qGetQuota, qGetNextQuota, qXGetQuota, qXGetNextQuota:
		return append(appendID(append(b, ", "...), id), ", "...), true
	case qSetQuota, qXSetQlim:
		b = append(appendID(append(b, ", "...), id), ", "...)
		return f.appendQuotaData(b, cmd, data, in), false
	case qSetInfo:
		return f.appendQuotaData(append(b, ", "...), cmd, data, in), false
	case qXQuotaOn, qXQuotaOff, qXQuotaRm:
		b = append(b, ", "...)
		if len(in) < 4 {
			return appendAddr(b, data), false
		}
		t := xfsQuotaFlags
		if cmd == qXQuotaRm {
			t = xfsDqblkFlags
		}
		b = append(b, '[')
		b = t.AppendFlags(b, uint64(le32(in)), f.opt.Xlat)
		return append(b, ']'), false
	}
	b = appendID(append(b, ", "...), id)
	return appendAddr(append(b, ", "...), data), false
}

// appendQuotaPath prints Q_QUOTAON's path, read as the data's bytes up to
// a page that cannot be read: its address when it ends in none.
func (f *Formatter) appendQuotaPath(b []byte, addr uint64, d []byte) []byte {
	if addr == 0 {
		return append(b, "NULL"...)
	}
	n := bytes.IndexByte(d, 0)
	if n < 0 {
		return appendAddr(b, addr)
	}
	return quote.Append(b, d[:n], false, f.opt.Quote)
}

// The sizes of the structs quotactl's commands take (linux/quota.h,
// linux/dqblk_xfs.h): strace's struct if_dqblk is packed.
const (
	ifDqblkSize      = 68
	ifNextDqblkSize  = 72
	ifDqinfoSize     = 24
	fsDiskQuotaSize  = 112
	fsQuotaStatSize  = 80
	fsQuotaStatvSize = 160
)

// appendQuotaData prints the struct of command cmd at addr, whose bytes
// are d (nil when they could not be read), as strace's decode_cmd_data:
// without -v the fields up to the usage, then "...".
func (f *Formatter) appendQuotaData(b []byte, cmd uint32, addr uint64, d []byte) []byte {
	size := map[uint32]int{
		qGetFmt: 4, qGetQuota: ifDqblkSize, qSetQuota: ifDqblkSize, qGetNextQuota: ifNextDqblkSize,
		qGetInfo: ifDqinfoSize, qSetInfo: ifDqinfoSize, qXGetQuota: fsDiskQuotaSize,
		qXGetNextQuota: fsDiskQuotaSize, qXSetQlim: fsDiskQuotaSize, qXGetQstat: fsQuotaStatSize,
		qXGetQstatv: fsQuotaStatvSize,
	}[cmd]
	if size == 0 || addr == 0 || len(d) < size {
		return appendAddr(b, addr)
	}
	u := func(name string, v uint64) { b = strconv.AppendUint(append(b, name...), v, 10) }
	i := func(name string, v int64) { b = strconv.AppendInt(append(b, name...), v, 10) }
	more := func() { b = append(b, ", ..."...) }
	verbose := f.opt.Verbose
	switch cmd {
	case qGetFmt:
		b = append(b, '[')
		b = quotaFormats.AppendValue(b, uint64(le32(d)), f.opt.Xlat)
		return append(b, ']')
	case qGetQuota, qSetQuota, qGetNextQuota:
		for k, name := range [...]string{"{dqb_bhardlimit=", ", dqb_bsoftlimit=", ", dqb_curspace=", ", dqb_ihardlimit=", ", dqb_isoftlimit=", ", dqb_curinodes="} {
			u(name, le64(d[8*k:]))
		}
		next := cmd == qGetNextQuota
		if !verbose {
			if next {
				u(", dqb_id=", uint64(le32(d[68:])))
			}
			more()
			return append(b, '}')
		}
		u(", dqb_btime=", le64(d[48:]))
		u(", dqb_itime=", le64(d[56:]))
		b = ifDqblkValid.AppendFlags(append(b, ", dqb_valid="...), uint64(le32(d[64:])), f.opt.Xlat)
		if next {
			u(", dqb_id=", uint64(le32(d[68:])))
		}
	case qGetInfo, qSetInfo:
		u("{dqi_bgrace=", le64(d))
		u(", dqi_igrace=", le64(d[8:]))
		b = ifDqinfoFlags.AppendFlags(append(b, ", dqi_flags="...), uint64(le32(d[16:])), f.opt.Xlat)
		b = ifDqinfoValid.AppendFlags(append(b, ", dqi_valid="...), uint64(le32(d[20:])), f.opt.Xlat)
	case qXGetQuota, qXGetNextQuota, qXSetQlim:
		i("{d_version=", int64(int8(d[0])))
		b = xfsDqblkFlags.AppendFlags(append(b, ", d_flags="...), uint64(d[1]), f.opt.Xlat)
		b = appendHex(append(b, ", d_fieldmask="...), uint64(le16(d[2:])))
		u(", d_id=", uint64(le32(d[4:])))
		for k, name := range [...]string{", d_blk_hardlimit=", ", d_blk_softlimit=", ", d_ino_hardlimit=", ", d_ino_softlimit=", ", d_bcount=", ", d_icount="} {
			u(name, le64(d[8+8*k:]))
		}
		if !verbose {
			more()
			return append(b, '}')
		}
		i(", d_itimer=", int64(int32(le32(d[56:]))))
		i(", d_btimer=", int64(int32(le32(d[60:]))))
		u(", d_iwarns=", uint64(le16(d[64:])))
		u(", d_bwarns=", uint64(le16(d[66:])))
		u(", d_rtb_hardlimit=", le64(d[72:]))
		u(", d_rtb_softlimit=", le64(d[80:]))
		u(", d_rtbcount=", le64(d[88:]))
		i(", d_rtbtimer=", int64(int32(le32(d[96:]))))
		u(", d_rtbwarns=", uint64(le16(d[100:])))
	case qXGetQstat, qXGetQstatv:
		i("{qs_version=", int64(int8(d[0])))
		if !verbose {
			more()
			return append(b, '}')
		}
		filestat := func(name string, off int) {
			u(name+"{qfs_ino=", le64(d[off:]))
			u(", qfs_nblks=", le64(d[off+8:]))
			u(", qfs_nextents=", uint64(le32(d[off+16:])))
			b = append(b, '}')
		}
		b = xfsQuotaFlags.AppendFlags(append(b, ", qs_flags="...), uint64(le16(d[2:])), f.opt.Xlat)
		limits := 60
		if cmd == qXGetQstat {
			filestat(", qs_uquota=", 8)
			filestat(", qs_gquota=", 32)
			u(", qs_incoredqs=", uint64(le32(d[56:])))
		} else {
			u(", qs_incoredqs=", uint64(le32(d[4:])))
			filestat(", qs_uquota=", 8)
			filestat(", qs_gquota=", 32)
			filestat(", qs_pquota=", 56)
			limits = 80
		}
		i(", qs_btimelimit=", int64(int32(le32(d[limits:]))))
		i(", qs_itimelimit=", int64(int32(le32(d[limits+4:]))))
		i(", qs_rtbtimelimit=", int64(int32(le32(d[limits+8:]))))
		u(", qs_bwarnlimit=", uint64(le16(d[limits+12:])))
		u(", qs_iwarnlimit=", uint64(le16(d[limits+14:])))
	}
	return append(b, '}')
}

// appendQcmd prints a quotactl command as strace's print_qcmd: QCMD(cmd,
// type), in -X raw the number in decimal, in -X verbose both.
func (f *Formatter) appendQcmd(b []byte, qcmd uint32) []byte {
	s := f.opt.Xlat
	if s != xlat.Abbrev {
		b = strconv.AppendUint(b, uint64(qcmd), 10)
	}
	if s == xlat.Raw {
		return b
	}
	if s == xlat.Verbose {
		b = append(b, " /* "...)
	}
	b = append(b, "QCMD("...)
	b = quotaCmds.AppendValue(b, uint64(qcmd>>subCmdShift), xlat.Abbrev)
	b = append(b, ", "...)
	b = quotaTypes.AppendValue(b, uint64(qcmd&subCmdMask), xlat.Abbrev)
	b = append(b, ')')
	if s == xlat.Verbose {
		b = append(b, " */"...)
	}
	return b
}
