package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/xlat"
)

// quotactl(2) commands whose data strace decodes here (linux/quota.h,
// linux/dqblk_xfs.h), and QCMD's parts.
const (
	qSync       = 0x800001
	qQuotaOn    = 0x800002
	qQuotaOff   = 0x800003
	qGetFmt     = 0x800004
	qXQuotaOn   = 0x5801
	qXQuotaOff  = 0x5802
	qXQuotaRm   = 0x5806
	qXQuotaSync = 0x5807
	subCmdShift = 8
	subCmdMask  = 0xff
)

var (
	quotaCmds     = xlat.ByName("quotacmds")
	quotaTypes    = xlat.ByName("quotatypes")
	quotaFormats  = xlat.ByName("quota_formats")
	xfsQuotaFlags = xlat.ByName("xfs_quota_flags")
	xfsDqblkFlags = xlat.ByName("xfs_dqblk_flags")
)

func init() {
	specialFormatters["quotactl"] = formatQuotactl
	specialFormatters["quotactl_fd"] = formatQuotactl
}

// formatQuotactl prints quotactl's and quotactl_fd's arguments as strace
// does: the command as QCMD(Q_GETFMT, USRQUOTA), the device or the
// descriptor, then what the command takes: nothing, a format and a path,
// flags, or the id and the data's address. The structs of the other
// commands print as their address.
func formatQuotactl(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	fd := c.Syscall().Name == "quotactl_fd"
	cmdArg, target := 0, 1
	if fd {
		cmdArg, target = 1, 0
	}
	qcmd := uint32(c.Args[cmdArg])
	cmd := qcmd >> subCmdShift
	id, data := uint32(c.Args[2]), c.Args[3]
	if exiting { // Q_GETFMT: the format the kernel stored
		cp := exitCapture(c, 3)
		if c.Failed() || data == 0 || cp == nil || cp.Fault() || len(cp.Data) < 4 {
			return appendAddr(b, data), false
		}
		b = append(b, '[')
		b = quotaFormats.AppendValue(b, uint64(le32(cp.Data)), f.opt.Xlat)
		return append(b, ']'), false
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
	switch cmd {
	case qQuotaOff, qSync, qXQuotaSync:
		return b, false
	case qQuotaOn:
		b = append(b, ", "...)
		b = quotaFormats.AppendValue(b, uint64(id), f.opt.Xlat)
		return appendAddr(append(b, ", "...), data), false
	case qGetFmt:
		return append(b, ", "...), true
	case qXQuotaOn, qXQuotaOff, qXQuotaRm:
		b = append(b, ", "...)
		cp := c.Capture(3, decoder.CapMemIn)
		if data == 0 || cp == nil || cp.Fault() || len(cp.Data) < 4 {
			return appendAddr(b, data), false
		}
		t := xfsQuotaFlags
		if cmd == qXQuotaRm {
			t = xfsDqblkFlags
		}
		b = append(b, '[')
		b = t.AppendFlags(b, uint64(le32(cp.Data)), f.opt.Xlat)
		return append(b, ']'), false
	}
	b = append(b, ", "...)
	if id == ^uint32(0) {
		b = append(b, "-1"...)
	} else {
		b = strconv.AppendUint(b, uint64(id), 10)
	}
	return appendAddr(append(b, ", "...), data), false
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
