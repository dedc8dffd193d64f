package format

import (
	"strconv"

	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

func init() {
	structKinds[syscalltbl.StatfsOut] = structKind{(*Formatter).appendStatfs, nil}
}

// appendStatfs prints the kernel's struct statfs (statfs, fstatfs) as
// strace's print_struct_statfs: f_type named by its magic number, the
// counts, f_fsid in hex, the flags.
func (f *Formatter) appendStatfs(b, d []byte) []byte {
	b = append(b, "{f_type="...)
	typ := le64(d)
	if name, ok := xlat.ByName("fsmagic").Name(typ); ok {
		b = xlat.AppendNamed(b, name, func(b []byte) []byte { return appendHex(b, typ) }, f.opt.Xlat)
	} else {
		b = appendHex(b, typ) // strace's PRINT_FIELD_XVAL with no default
	}
	for i, name := range []string{"f_bsize", "f_blocks", "f_bfree", "f_bavail", "f_files", "f_ffree"} {
		b = append(append(append(b, ", "...), name...), '=')
		b = strconv.AppendUint(b, le64(d[8+8*i:]), 10)
	}
	b = append(b, ", f_fsid={val=["...)
	b = appendHex(b, uint64(le32(d[56:])))
	b = append(b, ", "...)
	b = appendHex(b, uint64(le32(d[60:])))
	b = append(b, "]}, f_namelen="...)
	b = strconv.AppendUint(b, le64(d[64:]), 10)
	b = append(b, ", f_frsize="...)
	b = strconv.AppendUint(b, le64(d[72:]), 10)
	b = append(b, ", f_flags="...)
	b = xlat.ByName("statfs_flags").AppendFlags(b, le64(d[80:]), f.opt.Xlat)
	return append(b, '}')
}
