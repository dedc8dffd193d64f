package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

// landlock(7)'s structs, as strace's landlock.c prints them.
const (
	landlockRulesetAttrSize = 8  // struct landlock_ruleset_attr: handled_access_fs
	landlockPathBeneathSize = 12 // struct landlock_path_beneath_attr (packed)
	landlockRulePathBeneath = 1  // LANDLOCK_RULE_PATH_BENEATH
	landlockCreateVersion   = 1  // LANDLOCK_CREATE_RULESET_VERSION
)

func init() {
	kindPrinters[syscalltbl.LandlockRulesetAttr] = appendLandlockRulesetAttr
	kindPrinters[syscalltbl.LandlockRuleAttr] = appendLandlockRuleAttr
	specialReturns["landlock_create_ruleset"] = returnLandlockCreateRuleset
}

// appendLandlockRulesetAttr prints landlock_create_ruleset's attr of size
// bytes: {handled_access_fs=...}, with ", ..." when size says there is
// more than strace knows.
func appendLandlockRulesetAttr(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	addr, size := c.Args[i], c.Args[a.LenArg]
	cp := c.Capture(uint8(i), decoder.CapMemIn)
	if size < landlockRulesetAttrSize || addr == 0 || cp == nil || cp.Fault() || len(cp.Data) < landlockRulesetAttrSize {
		return appendAddr(b, addr)
	}
	b = append(b, "{handled_access_fs="...)
	b = xlat.ByName("landlock_ruleset_access_fs").AppendFlags(b, le64(cp.Data), f.opt.Xlat)
	if size > landlockRulesetAttrSize {
		b = append(b, ", ..."...)
	}
	return append(b, '}')
}

// appendLandlockRuleAttr prints landlock_add_rule's rule: a struct
// landlock_path_beneath_attr for LANDLOCK_RULE_PATH_BENEATH, else its
// address.
func appendLandlockRuleAttr(f *Formatter, b []byte, c *decoder.Call, i int, a *syscalltbl.Arg) []byte {
	addr := c.Args[i]
	cp := c.Capture(uint8(i), decoder.CapMemIn)
	if uint32(c.Args[1]) != landlockRulePathBeneath || addr == 0 || cp == nil || cp.Fault() || len(cp.Data) < landlockPathBeneathSize {
		return appendAddr(b, addr)
	}
	b = append(b, "{allowed_access="...)
	b = xlat.ByName("landlock_ruleset_access_fs").AppendFlags(b, le64(cp.Data), f.opt.Xlat)
	b = append(b, ", parent_fd="...)
	b = f.appendFd(b, c.Tid, int32(le32(cp.Data[8:])))
	return append(b, '}')
}

// returnLandlockCreateRuleset prints what landlock_create_ruleset returns
// with LANDLOCK_CREATE_RULESET_VERSION: the ABI version, not a descriptor.
func returnLandlockCreateRuleset(f *Formatter, b []byte, c *decoder.Call) ([]byte, bool) {
	if uint32(c.Args[2])&landlockCreateVersion == 0 {
		return b, false
	}
	b = append(b, "= "...)
	return strconv.AppendUint(b, uint64(c.Ret), 10), true
}
