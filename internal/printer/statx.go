package printer

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/xlat"
)

// struct statx on x86_64.
const (
	statxSize       = 256
	statxMaskOff    = 0
	statxAttrsOff   = 8
	statxModeOff    = 28
	statxSizeOff    = 40
	statxTypeOrMode = 0x3 // STATX_TYPE|STATX_MODE
	statxSizeBit    = 0x200
)

// appendStatx prints a struct statx as strace does without -v: the mask,
// the attributes, and the mode and size when the mask says they are set.
func appendStatx(b, d []byte) []byte {
	mask := le32(d[statxMaskOff:])
	b = append(b, "{stx_mask="...)
	b = xlat.StatxMasks.AppendFlags(b, uint64(mask))
	b = append(b, ", stx_attributes="...)
	b = xlat.StatxAttrs.AppendFlags(b, le64(d[statxAttrsOff:]))
	if mask&statxTypeOrMode != 0 {
		b = append(b, ", stx_mode="...)
		b = appendFileMode(b, uint32(d[statxModeOff])|uint32(d[statxModeOff+1])<<8)
	}
	if mask&statxSizeBit != 0 {
		b = append(b, ", stx_size="...)
		b = strconv.AppendUint(b, le64(d[statxSizeOff:]), 10)
	}
	return append(b, ", ...}"...)
}
