package format

import (
	"testing"

	"github.com/gotrace/gotrace/internal/xlat"
)

// The words strace 6.1 composes for prctl, ioprio and quotactl, as its
// own tests (prctl-sve.c, prctl-tagged-addr.c, ioprio.c, quotactl.c)
// expect them.
func TestComposedValues(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ got, want string }{
		{string(appendVL(nil, prSveSetVL, 0xf, false, xlat.Abbrev)), "0xf"},
		{string(appendVL(nil, prSveSetVL, 1<<17|0x10, false, xlat.Abbrev)), "PR_SVE_VL_INHERIT|0x10"},
		{string(appendVL(nil, prSveSetVL, 1<<17|0x10, false, xlat.Verbose)), "0x20010 /* PR_SVE_VL_INHERIT|0x10 */"},
		{string(appendVL(nil, prSmeSetVL, 1<<18|0x20, true, xlat.Verbose)), "PR_SME_SET_VL_ONEXEC|0x20"},
		{string(appendVL(nil, prSveSetVL, 0x10, false, xlat.Raw)), "0x10"},
		{string(appendTaggedAddr(nil, 0, false, xlat.Abbrev)), "!PR_TAGGED_ADDR_ENABLE|PR_MTE_TCF_NONE"},
		{string(appendTaggedAddr(nil, 0, false, xlat.Verbose)), "0 /* !PR_TAGGED_ADDR_ENABLE|PR_MTE_TCF_NONE */"},
		{string(appendTaggedAddr(nil, 0x1|0x2|0x5<<3|0x10000000, true, xlat.Abbrev)), "PR_TAGGED_ADDR_ENABLE|PR_MTE_TCF_SYNC|0x5<<PR_MTE_TAG_SHIFT|0x10000000"},
		{string(appendTaggedAddr(nil, 0x1, false, xlat.Raw)), "0x1"},
		{string(appendIoprio(nil, 2<<13|4, xlat.Abbrev)), "IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)"},
		{string(appendIoprio(nil, 0xfacefeed, xlat.Abbrev)), "IOPRIO_PRIO_VALUE(0x7d677 /* IOPRIO_CLASS_??? */, 7917)"},
		{string(appendIoprio(nil, 8191, xlat.Verbose)), "IOPRIO_PRIO_VALUE(0 /* IOPRIO_CLASS_NONE */, 8191)"},
		{string(New(Options{}).appendQcmd(nil, 0x80000401)), "QCMD(Q_GETFMT, GRPQUOTA)"},
		{string(New(Options{Xlat: xlat.Verbose}).appendQcmd(nil, 3134983661)), "3134983661 /* QCMD(0xbadc0d /* Q_??? */, 0xed /* ???QUOTA */) */"},
		{string(New(Options{Xlat: xlat.Raw}).appendQcmd(nil, 0x80000401)), "2147484673"},
		{string(secureBits.AppendFlagsAux(nil, 0x2a)), "SECBIT_NOROOT_LOCKED|SECBIT_NO_SETUID_FIXUP_LOCKED|SECBIT_KEEP_CAPS_LOCKED"},
		{string(prSpecGetFlags.AppendFlagsAux(nil, 0)), "PR_SPEC_NOT_AFFECTED"},
		{string(prFpModes.AppendFlagsAux(nil, 0x20)), ""},
		{string(appendRetAux(nil, 0x3, true, []byte("PR_FP_MODE_FR|PR_FP_MODE_FRE"))), "= 0x3 (PR_FP_MODE_FR|PR_FP_MODE_FRE)"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
