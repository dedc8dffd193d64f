package format

import (
	"slices"
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/xlat"
)

// prctl(2) options that strace decodes (linux/prctl.h).
const (
	prSetPdeathsig           = 1
	prGetPdeathsig           = 2
	prGetDumpable            = 3
	prSetDumpable            = 4
	prGetUnalign             = 5
	prSetUnalign             = 6
	prGetKeepcaps            = 7
	prSetKeepcaps            = 8
	prGetFpemu               = 9
	prSetFpemu               = 10
	prGetFpexc               = 11
	prSetFpexc               = 12
	prGetTiming              = 13
	prSetTiming              = 14
	prSetName                = 15
	prGetName                = 16
	prGetEndian              = 19
	prSetEndian              = 20
	prGetSeccomp             = 21
	prSetSeccomp             = 22
	prCapbsetRead            = 23
	prCapbsetDrop            = 24
	prGetTsc                 = 25
	prSetTsc                 = 26
	prGetSecurebits          = 27
	prSetSecurebits          = 28
	prSetTimerslack          = 29
	prGetTimerslack          = 30
	prTaskPerfEventsDisable  = 31
	prTaskPerfEventsEnable   = 32
	prMceKill                = 33
	prMceKillGet             = 34
	prSetMm                  = 35
	prSetChildSubreaper      = 36
	prGetChildSubreaper      = 37
	prSetNoNewPrivs          = 38
	prGetTidAddress          = 40
	prSetThpDisable          = 41
	prCapAmbient             = 47
	prSveSetVL               = 50
	prSveGetVL               = 51
	prGetSpeculationCtrl     = 52
	prSetSpeculationCtrl     = 53
	prPacResetKeysOp         = 54
	prSetTaggedAddrCtrl      = 55
	prGetTaggedAddrCtrl      = 56
	prSetIOFlusher           = 57
	prPacSetEnabledKeys      = 60
	prPacGetEnabledKeys      = 61
	prSchedCore              = 62
	prSmeSetVL               = 63
	prSmeGetVL               = 64
	prSetVMA                 = 0x53564d41
	prSetPtracer             = 0x59616d61
	prSetSyscallUserDispatch = 59
	prSetFpMode              = 45
	prGetFpMode              = 46
	prCapAmbientIsSet        = 1
	prCapAmbientRaise        = 2
	prCapAmbientLower        = 3
	prMceKillSet             = 1
	prSetVMAAnonName         = 0
	prSchedCoreGet           = 0
	seccompModeStrict        = 1
	seccompModeFilter        = 2
	prSveVLLenMask           = 0xffff // PR_SVE_VL_LEN_MASK, PR_SME_VL_LEN_MASK
	prTaggedAddrEnable       = 1
	prMteTcfMask             = 6
	prMteTagShift            = 3
	prMteTagMask             = 0xffff << prMteTagShift
	taskCommLen              = 16
	prctlArgs                = 5
)

var (
	prDumpable              = xlat.ByName("pr_dumpable")
	prCapAmbientOps         = xlat.ByName("pr_cap_ambient")
	prMceKillOps            = xlat.ByName("pr_mce_kill")
	prMceKillPolicy         = xlat.ByName("pr_mce_kill_policy")
	prSetMmFields           = xlat.ByName("pr_set_mm")
	prSpecCmds              = xlat.ByName("pr_spec_cmds")
	prSpecGetFlags          = xlat.ByName("pr_spec_get_store_bypass_flags")
	prSpecSetFlags          = xlat.ByName("pr_spec_set_store_bypass_flags")
	prSveVLFlags            = xlat.ByName("pr_sve_vl_flags")
	prSmeVLFlags            = xlat.ByName("pr_sme_vl_flags")
	prTaggedAddrEnableNames = xlat.ByName("pr_tagged_addr_enable")
	prTaggedAddrMteTcf      = xlat.ByName("pr_tagged_addr_mte_tcf")
	prUnalignFlags          = xlat.ByName("pr_unalign_flags")
	prTscModes              = xlat.ByName("pr_tsc")
	prFpModes               = xlat.ByName("pr_fp_mode")
	prSchedCoreCmds         = xlat.ByName("pr_sched_core_cmds")
	prSchedCorePidtypes     = xlat.ByName("pr_sched_core_pidtypes")
	prSudCmds               = xlat.ByName("pr_sud_cmds")
	prSetVMAAttrs           = xlat.ByName("pr_set_vma")
	prPacEnabledKeys        = xlat.ByName("pr_pac_enabled_keys")
	secureBits              = xlat.ByName("secbits")
	capNumbers              = xlat.ByName("cap")
	seccompModes            = xlat.ByName("seccomp_mode")
	// PR_PAC_RESET_KEYS takes the keys of PR_PAC_SET_ENABLED_KEYS and
	// one more (strace's printflags_ex of both tables)
	prPacResetKeys = &xlat.Table{
		Values:  slices.Concat(prPacEnabledKeys.Values, xlat.ByName("pr_pac_keys").Values),
		Unknown: prPacEnabledKeys.Unknown,
	}
)

// formatPrctl prints prctl's arguments as strace's SYS_FUNC(prctl) does:
// each option's arguments decoded, the others in hex.
func formatPrctl(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	if exiting {
		return f.prctlExit(b, c), false
	}
	option, arg2, arg3 := uint32(c.Args[0]), c.Args[1], c.Args[2]
	s := f.opt.Xlat
	b = xlat.PrctlOptions.AppendValue(b, uint64(option), s)
	sep := func() { b = append(b, ", "...) }
	switch option {
	case prGetKeepcaps, prGetSeccomp, prGetTimerslack, prGetTiming, prGetDumpable,
		prGetSecurebits, prGetFpMode, prSveGetVL, prSmeGetVL,
		prTaskPerfEventsDisable, prTaskPerfEventsEnable:
		return b, false
	case prGetChildSubreaper, prGetEndian, prGetFpemu, prGetFpexc, prGetName,
		prGetPdeathsig, prGetTidAddress, prGetTsc, prGetUnalign:
		return append(b, ", "...), true
	case prSveSetVL, prSmeSetVL:
		sep()
		return appendVL(b, option, arg2, false, s), false
	case prGetSpeculationCtrl:
		sep()
		return prSpecCmds.AppendValue(b, arg2, s), false
	case prSetTaggedAddrCtrl:
		sep()
		b = appendTaggedAddr(b, arg2, false, s)
		return appendHexArgs(b, c.Args[2:prctlArgs]), false
	case prGetTaggedAddrCtrl, prMceKillGet, prPacGetEnabledKeys:
		return appendHexArgs(b, c.Args[1:prctlArgs]), false
	case prSetChildSubreaper, prSetEndian, prSetFpemu, prSetFpexc, prSetKeepcaps, prSetTiming:
		sep()
		return strconv.AppendUint(b, arg2, 10), false
	case prSetDumpable:
		sep()
		return prDumpable.AppendValue(b, arg2, s), false
	case prCapbsetRead, prCapbsetDrop:
		sep()
		return capNumbers.AppendValue(b, arg2, s), false
	case prCapAmbient:
		sep()
		b = prCapAmbientOps.AppendValue(b, arg2, s)
		switch arg2 {
		case prCapAmbientRaise, prCapAmbientLower, prCapAmbientIsSet:
			sep()
			b = capNumbers.AppendValue(b, arg3, s)
			return appendHexArgs(b, c.Args[3:prctlArgs]), false
		}
		return appendHexArgs(b, c.Args[2:prctlArgs]), false
	case prMceKill:
		sep()
		b = prMceKillOps.AppendValue(b, arg2, s)
		sep()
		if arg2 == prMceKillSet {
			b = prMceKillPolicy.AppendValue(b, arg3, s)
		} else {
			b = appendHex(b, arg3)
		}
		return appendHexArgs(b, c.Args[3:prctlArgs]), false
	case prSetName:
		sep()
		cp := c.Capture(1, decoder.CapStr)
		if arg2 == 0 || cp == nil || cp.Fault() {
			return appendAddr(b, arg2), false
		}
		name, more := cp.Data, cp.More()
		if len(name) >= taskCommLen-1 {
			name, more = name[:taskCommLen-1], true
		}
		return quote.Append(b, name, more, f.opt.Quote), false
	case prSetVMA:
		sep()
		b = prSetVMAAttrs.AppendValue(b, arg2, s)
		if arg2 != prSetVMAAnonName {
			return appendHexArgs(b, c.Args[2:prctlArgs]), false
		}
		sep()
		b = appendAddr(b, arg3)
		sep()
		b = strconv.AppendUint(b, c.Args[3], 10)
		sep()
		return f.appendString(b, c.Args[4], c.Capture(4, decoder.CapStr), true), false
	case prSetMm:
		sep()
		b = prSetMmFields.AppendValue(b, uint64(uint32(arg2)), s)
		return appendHexArgs(b, c.Args[2:prctlArgs]), false
	case prSetPdeathsig:
		sep()
		if arg2 > 128 {
			return strconv.AppendUint(b, arg2, 10), false
		}
		return xlat.AppendSignal(b, int(arg2), s), false
	case prSetPtracer:
		sep()
		if int32(arg2) == -1 {
			return xlat.AppendNamed(b, "PR_SET_PTRACER_ANY", func(b []byte) []byte { return append(b, "-1"...) }, s), false
		}
		return f.pidNote(strconv.AppendInt(b, int64(int32(arg2)), 10), c.Tid, int64(int32(arg2))), false
	case prSetSeccomp:
		sep()
		b = seccompModes.AppendValue(b, arg2, s)
		switch arg2 {
		case seccompModeStrict:
			return b, false
		case seccompModeFilter:
			return f.appendFprog(append(b, ", "...), c, 2, seccompFilterK), false
		}
		return appendHexArgs(b, c.Args[2:prctlArgs]), false
	case prSetSecurebits:
		sep()
		return secureBits.AppendFlags(b, arg2, s), false
	case prSetTimerslack:
		sep()
		return strconv.AppendInt(b, int64(arg2), 10), false
	case prSetTsc:
		sep()
		return prTscModes.AppendValue(b, uint64(uint32(arg2)), s), false
	case prSetUnalign:
		sep()
		return prUnalignFlags.AppendFlags(b, uint64(uint32(arg2)), s), false
	case prSetNoNewPrivs, prSetThpDisable, prSetIOFlusher:
		sep()
		b = strconv.AppendUint(b, arg2, 10)
		return appendHexArgs(b, c.Args[2:prctlArgs]), false
	case prSetFpMode:
		sep()
		return prFpModes.AppendFlags(b, uint64(uint32(arg2)), s), false
	case prSetSpeculationCtrl:
		sep()
		b = prSpecCmds.AppendValue(b, arg2, s)
		sep()
		if arg2 <= 2 { // PR_SPEC_STORE_BYPASS, PR_SPEC_INDIRECT_BRANCH, PR_SPEC_L1D_FLUSH
			return prSpecSetFlags.AppendValue(b, arg3, s), false
		}
		return appendHex(b, arg3), false
	case prPacResetKeysOp:
		sep()
		b = prPacResetKeys.AppendFlags(b, arg2, s)
		return appendHexArgs(b, c.Args[2:prctlArgs]), false
	case prPacSetEnabledKeys:
		sep()
		b = prPacEnabledKeys.AppendFlags(b, arg2, s)
		sep()
		b = prPacEnabledKeys.AppendFlags(b, arg3, s)
		return appendHexArgs(b, c.Args[3:prctlArgs]), false
	case prSetSyscallUserDispatch:
		sep()
		b = prSudCmds.AppendValue(b, arg2, s)
		b = appendHexArgs(b, c.Args[2:4])
		sep()
		return appendAddr(b, c.Args[4]), false
	case prSchedCore:
		sep()
		b = prSchedCoreCmds.AppendValue(b, uint64(uint32(arg2)), s)
		sep()
		pid := int64(int32(arg3))
		b = f.pidNote(strconv.AppendInt(b, pid, 10), c.Tid, pid)
		sep()
		// strace names the pid type in a comment whatever -X says, but -X raw
		ps := xlat.Verbose
		if s == xlat.Raw {
			ps = xlat.Raw
		}
		b = prSchedCorePidtypes.AppendValue(b, uint64(uint32(c.Args[3])), ps)
		sep()
		if uint32(arg2) == prSchedCoreGet {
			return b, true
		}
		return appendAddr(b, c.Args[4]), false
	}
	return appendHexArgs(b, c.Args[1:prctlArgs]), false
}

// prctlExit prints what a PR_GET_* option stored: [N], [SIGINT], a name.
func (f *Formatter) prctlExit(b []byte, c *decoder.Call) []byte {
	option := uint32(c.Args[0])
	arg := uint8(1)
	if option == prSchedCore {
		arg = 4
	}
	addr := c.Args[arg]
	cp := exitCapture(c, arg)
	if c.Failed() || cp == nil || cp.Fault() {
		return appendAddr(b, addr)
	}
	d := cp.Data
	if option == prGetName {
		if i := slices.Index(d, 0); i >= 0 {
			d = d[:i]
		}
		return quote.Append(b, d, false, f.opt.Quote)
	}
	size := 4
	if option == prGetTidAddress || option == prSchedCore {
		size = 8
	}
	if len(d) < size {
		return appendAddr(b, addr)
	}
	s := f.opt.Xlat
	b = append(b, '[')
	switch option {
	case prGetPdeathsig:
		b = xlat.AppendSignal(b, int(int32(le32(d))), s)
	case prGetTsc:
		b = prTscModes.AppendValue(b, uint64(le32(d)), s)
	case prGetUnalign:
		b = prUnalignFlags.AppendFlags(b, uint64(le32(d)), s)
	case prGetTidAddress:
		b = appendAddr(b, le64(d))
	case prSchedCore:
		b = appendHex(b, le64(d))
	default: // PR_GET_CHILD_SUBREAPER, PR_GET_ENDIAN, PR_GET_FPEMU, PR_GET_FPEXC
		b = strconv.AppendUint(b, uint64(le32(d)), 10)
	}
	return append(b, ']')
}

// returnPrctl prints the return values strace decodes: a name after a
// number (PR_GET_DUMPABLE, PR_MCE_KILL_GET), or flags after a hex number
// (PR_GET_SECUREBITS, PR_GET_FP_MODE, the vector lengths, the speculation
// controls, the tagged address controls, the PAC keys).
func (f *Formatter) returnPrctl(b []byte, c *decoder.Call) ([]byte, bool) {
	if c.Failed() {
		return b, false
	}
	option, ret := uint32(c.Args[0]), uint64(c.Ret)
	s := f.opt.Xlat
	var aux []byte
	switch option {
	case prGetDumpable, prMceKillGet:
		t := prDumpable
		if option == prMceKillGet {
			t = prMceKillPolicy
		}
		if name, ok := t.Name(ret); ok {
			aux = append(aux, name...)
		}
		return appendRetAux(b, ret, false, aux), true
	case prGetSecurebits, prGetFpMode, prPacGetEnabledKeys:
		t := secureBits
		switch option {
		case prGetFpMode:
			t = prFpModes
		case prPacGetEnabledKeys:
			t = prPacEnabledKeys
		}
		if ret == 0 && option != prPacGetEnabledKeys {
			return b, false
		}
		if s != xlat.Raw {
			aux = t.AppendFlagsAux(aux, ret)
		}
		return appendRetAux(b, ret, true, aux), true
	case prSveSetVL, prSveGetVL, prSmeSetVL, prSmeGetVL:
		if ret == 0 {
			return b, false
		}
		if s != xlat.Raw && ret&^prSveVLLenMask != 0 {
			aux = appendVL(aux, option, ret, true, s)
		}
		return appendRetAux(b, ret, true, aux), true
	case prGetSpeculationCtrl:
		if c.Args[1] > 2 {
			return b, false
		}
		if s != xlat.Raw {
			aux = prSpecGetFlags.AppendFlagsAux(aux, ret)
		}
		return appendRetAux(b, ret, true, aux), true
	case prGetTaggedAddrCtrl:
		if s != xlat.Raw {
			aux = appendTaggedAddr(aux, ret, true, s)
		}
		return appendRetAux(b, ret, true, aux), true
	}
	return b, false
}

// appendRetAux prints "= ret", in hex or decimal, and " (aux)" unless aux
// is empty.
func appendRetAux(b []byte, ret uint64, hex bool, aux []byte) []byte {
	b = append(b, "= "...)
	if hex {
		b = appendHex(b, ret)
	} else {
		b = strconv.AppendInt(b, int64(ret), 10)
	}
	if len(aux) == 0 {
		return b
	}
	b = append(b, " ("...)
	b = append(b, aux...)
	return append(b, ')')
}

// appendVL prints an SVE or SME vector length with its flags as strace's
// sprint_sve_val: "PR_SVE_VL_INHERIT|0x10"; aux is the form after a
// return value, which strace leaves out without flags.
func appendVL(b []byte, option uint32, v uint64, aux bool, s xlat.Style) []byte {
	if s == xlat.Raw {
		return appendHex(b, v)
	}
	t := prSveVLFlags
	if option == prSmeSetVL || option == prSmeGetVL {
		t = prSmeVLFlags
	}
	vl, flags := v&prSveVLLenMask, v&^prSveVLLenMask
	if !aux && flags != 0 && s == xlat.Verbose {
		b = append(appendHex(b, v), " /* "...)
	}
	if flags != 0 {
		b = append(t.AppendFlagsBare(b, flags), '|')
	}
	b = appendHex(b, vl)
	if !aux && flags != 0 && s == xlat.Verbose {
		b = append(b, " */"...)
	}
	return b
}

// appendTaggedAddr prints PR_SET_TAGGED_ADDR_CTRL's argument as strace's
// sprint_tagged_addr_val: "PR_TAGGED_ADDR_ENABLE|PR_MTE_TCF_SYNC|0x1<<PR_MTE_TAG_SHIFT";
// rval is the form after a return value.
func appendTaggedAddr(b []byte, v uint64, rval bool, s xlat.Style) []byte {
	if !rval && s != xlat.Abbrev {
		b = appendHex(b, v)
	}
	if s == xlat.Raw {
		return b
	}
	if !rval && s == xlat.Verbose {
		b = append(b, " /* "...)
	}
	enabled, tcf, tag := v&prTaggedAddrEnable, v&prMteTcfMask, v&prMteTagMask
	rest := v &^ (prTaggedAddrEnable | prMteTcfMask | prMteTagMask)
	b = prTaggedAddrEnableNames.AppendFlagsBare(b, enabled)
	b = append(b, '|')
	if name, ok := prTaggedAddrMteTcf.Name(tcf); ok {
		b = append(b, name...)
	} else {
		b = appendHex(b, tcf)
	}
	if tag != 0 {
		b = appendHex(append(b, '|'), tag>>prMteTagShift)
		b = append(b, "<<PR_MTE_TAG_SHIFT"...)
	}
	if rest != 0 {
		b = appendHex(append(b, '|'), rest)
	}
	if !rval && s == xlat.Verbose {
		b = append(b, " */"...)
	}
	return b
}
