package format

import (
	"math"
	"strconv"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/quote"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

func init() {
	specialFormatters["bpf"] = formatBpf
	specialReturns["bpf"] = returnBpf
}

// bpf(2)'s commands gotrace decodes, and the size of their part of union
// bpf_attr as strace 6.1 knows it.
const (
	bpfMapCreate          = 0
	bpfProgLoad           = 5
	bpfObjGetInfoByFD     = 15
	bpfMapCreateSize      = 72
	bpfProgLoadSize       = 128
	bpfObjGetInfoByFDSize = 16
	bpfFNumaNode          = 1 << 2 // BPF_F_NUMA_NODE
	ebpfInsnSize          = 8
	pageSize              = 4096
)

var (
	bpfCommands    = xlat.ByName("bpf_commands")
	bpfMapTypes    = xlat.ByName("bpf_map_types")
	bpfMapFlags    = xlat.ByName("bpf_map_flags")
	bpfProgTypes   = xlat.ByName("bpf_prog_types")
	bpfAttachTypes = xlat.ByName("bpf_attach_type")
	bpfProgFlags   = xlat.ByName("bpf_prog_flags")
	ebpfRegs       = xlat.ByName("ebpf_regs")
)

// bpfAttr returns the bytes of bpf(2)'s union bpf_attr when strace reads
// them: a size from 1 to a page, all of them readable.
func bpfAttr(c *decoder.Call) ([]byte, bool) {
	addr, size := c.Args[1], uint32(c.Args[2])
	cp := c.Capture(1, decoder.CapMemIn)
	if size == 0 || size > pageSize || addr == 0 || cp == nil || cp.Fault() || cp.Part() || uint32(len(cp.Data)) < size {
		return nil, false
	}
	return cp.Data[:size], true
}

// formatBpf prints bpf(2) as strace's SYS_FUNC(bpf): the command, its
// union bpf_attr (the fields of the command's struct up to the size
// given, then its bytes past the struct when any is set; the address for
// the commands gotrace does not decode), the size.
func formatBpf(f *Formatter, b []byte, c *decoder.Call, exiting bool) ([]byte, bool) {
	cmd, addr, size := uint32(c.Args[0]), c.Args[1], uint32(c.Args[2])
	if exiting { // BPF_OBJ_GET_INFO_BY_FD
		b = f.appendBpfObjInfoExit(b, c)
		return strconv.AppendUint(append(b, ", "...), uint64(size), 10), false
	}
	b = append(bpfCommands.AppendValue(b, uint64(cmd), f.opt.Xlat), ", "...)
	d, ok := bpfAttr(c)
	switch {
	case ok && cmd == bpfMapCreate:
		b = f.appendBpfMapCreate(b, d, c.Tid)
	case ok && cmd == bpfProgLoad:
		var nested []*decoder.Capture
		for j := range c.Enter {
			if c.Enter[j].Arg == 1 && c.Enter[j].Kind == decoder.CapNested {
				nested = append(nested, &c.Enter[j])
			}
		}
		b = f.appendBpfProgLoad(b, d, nested, c.Tid)
	case ok && cmd == bpfObjGetInfoByFD:
		var attr [bpfObjGetInfoByFDSize]byte
		copy(attr[:], d)
		b = f.appendFd(append(b, "{info={bpf_fd="...), c.Tid, int32(le32(attr[0:])))
		b = strconv.AppendUint(append(b, ", info_len="...), uint64(le32(attr[4:])), 10)
		return b, true
	default:
		b = appendAddr(b, addr)
	}
	return strconv.AppendUint(append(b, ", "...), uint64(size), 10), false
}

// appendBpfObjInfoExit ends BPF_OBJ_GET_INFO_BY_FD's attr when the call
// returns: the info_len the kernel wrote back when it changed, and the
// address of the info (strace decodes what it points to only with -v).
func (f *Formatter) appendBpfObjInfoExit(b []byte, c *decoder.Call) []byte {
	d, _ := bpfAttr(c)
	var in, out [bpfObjGetInfoByFDSize]byte
	copy(in[:], d)
	copy(out[:], in[:])
	if cp := exitCapture(c, 1); cp != nil && len(cp.Data) >= bpfObjGetInfoByFDSize {
		copy(out[:], cp.Data[:min(len(d), bpfObjGetInfoByFDSize)])
	}
	if n := le32(out[4:]); n != le32(in[4:]) {
		b = strconv.AppendUint(append(b, " => "...), uint64(n), 10)
	}
	b = append(b, ", info="...)
	switch info, kind := f.bpfObjInfo(c, le32(in[0:]), le32(out[4:])); kind {
	case "<anon_inode:bpf-map>":
		b = f.appendBpfMapInfo(b, info[0].Data)
	case "<anon_inode:bpf-prog>":
		var saved []byte
		for j := range c.Enter {
			if cp := &c.Enter[j]; cp.Arg == 1 && cp.Kind == decoder.CapNested && !cp.Fault() {
				saved = cp.Data
			}
		}
		b = f.appendBpfProgInfo(b, saved, info, c.Failed())
	default:
		b = appendAddr(b, le64(out[8:]))
	}
	if size := uint32(c.Args[2]); size > bpfObjGetInfoByFDSize {
		b = f.appendBpfExtraData(b, d[bpfObjGetInfoByFDSize:], bpfObjGetInfoByFDSize)
	}
	return append(b, "}}"...)
}

// returnBpf prints the descriptor the commands that make one return, as
// strace does when it decoded their attr.
func returnBpf(f *Formatter, b []byte, c *decoder.Call) ([]byte, bool) {
	if _, ok := bpfAttr(c); !ok || !syscalltbl.BpfReturnsFD(uint32(c.Args[0])) || uint64(c.Ret) > math.MaxInt32 {
		return b, false
	}
	return f.appendFd(append(b, "= "...), c.Tid, int32(c.Ret)), true
}

// appendBpfMapCreate prints BPF_MAP_CREATE's attr, d holding its bytes.
func (f *Formatter) appendBpfMapCreate(b, d []byte, tid uint32) []byte {
	var attr [bpfMapCreateSize]byte
	n := min(uint32(len(d)), bpfMapCreateSize)
	copy(attr[:], d[:n])
	u32 := func(off int) uint32 { return le32(attr[off:]) }
	dec := func(name string, v uint32) { b = strconv.AppendUint(append(b, name...), uint64(v), 10) }
	s := f.opt.Xlat
	b = bpfMapTypes.AppendValue(append(b, "{map_type="...), uint64(u32(0)), s)
	dec(", key_size=", u32(4))
	dec(", value_size=", u32(8))
	dec(", max_entries=", u32(12))
	b = f.appendBpfMapCreateTail(b, attr[:], n, tid)
	if uint32(len(d)) > bpfMapCreateSize {
		b = f.appendBpfExtraData(b, d[bpfMapCreateSize:], bpfMapCreateSize)
	}
	return append(b, '}')
}

// appendBpfMapCreateTail prints BPF_MAP_CREATE's fields past max_entries,
// those the n bytes given hold.
func (f *Formatter) appendBpfMapCreateTail(b, attr []byte, n uint32, tid uint32) []byte {
	u32 := func(off int) uint32 { return le32(attr[off:]) }
	dec := func(name string, v uint32) { b = strconv.AppendUint(append(b, name...), uint64(v), 10) }
	s := f.opt.Xlat
	if n <= 16 {
		return b
	}
	flags := u32(16)
	b = bpfMapFlags.AppendFlags(append(b, ", map_flags="...), uint64(flags), s)
	if n <= 20 {
		return b
	}
	b = f.appendFd(append(b, ", inner_map_fd="...), tid, int32(u32(20)))
	if n <= 24 {
		return b
	}
	if flags&bpfFNumaNode != 0 {
		// NUMA_NO_NODE is no uapi constant: strace names it in a comment
		dec(", numa_node=", u32(24))
		if u32(24) == 0xffffffff && s != xlat.Raw {
			b = append(b, " /* NUMA_NO_NODE */"...)
		}
	}
	if n <= 28 {
		return b
	}
	b = f.appendCString(append(b, ", map_name="...), attr[28:min(n, 44)])
	if n <= 44 {
		return b
	}
	b = f.appendIfindex(append(b, ", map_ifindex="...), int32(u32(44)))
	if n <= 48 {
		return b
	}
	b = f.appendFd(append(b, ", btf_fd="...), tid, int32(u32(48)))
	dec(", btf_key_type_id=", u32(52))
	dec(", btf_value_type_id=", u32(56))
	if n <= 60 {
		return b
	}
	dec(", btf_vmlinux_value_type_id=", u32(60))
	if n <= 64 {
		return b
	}
	return strconv.AppendUint(append(b, ", map_extra="...), le64(attr[64:]), 10)
}

// appendBpfProgLoad prints BPF_PROG_LOAD's attr, d holding its size bytes
// (at most a page) and nested what its pointers point to.
func (f *Formatter) appendBpfProgLoad(b, d []byte, nested []*decoder.Capture, tid uint32) []byte {
	var attr [bpfProgLoadSize]byte
	size := uint32(len(d))
	n := min(size, bpfProgLoadSize)
	copy(attr[:], d[:n])
	u32 := func(off int) uint32 { return le32(attr[off:]) }
	u64 := func(off int) uint64 { return le64(attr[off:]) }
	nestedAt := func(k int) *decoder.Capture {
		if k < len(nested) {
			return nested[k]
		}
		return nil
	}
	s := f.opt.Xlat
	b = bpfProgTypes.AppendValue(append(b, "{prog_type="...), uint64(u32(0)), s)
	b = strconv.AppendUint(append(b, ", insn_cnt="...), uint64(u32(4)), 10)
	b = f.appendEbpfProg(append(b, ", insns="...), u64(8), int(u32(4)), nestedAt(0))
	b = append(b, ", license="...)
	if lic := nestedAt(1); u64(16) != 0 && lic != nil && !lic.Fault() {
		b = quote.Append(b, lic.Data, lic.More(), f.opt.Quote)
	} else {
		b = appendAddr(b, u64(16))
	}
	b = f.appendBpfProgLoadTail(b, attr[:], n, nestedAt(2), tid)
	if size > bpfProgLoadSize {
		b = f.appendBpfExtraData(b, d[bpfProgLoadSize:], bpfProgLoadSize)
	}
	return append(b, '}')
}

// appendBpfProgLoadTail prints BPF_PROG_LOAD's fields past its license,
// those the n bytes given hold, as the kernel's versions added them.
func (f *Formatter) appendBpfProgLoadTail(b, attr []byte, n uint32, logBuf *decoder.Capture, tid uint32) []byte {
	u32 := func(off int) uint32 { return le32(attr[off:]) }
	u64 := func(off int) uint64 { return le64(attr[off:]) }
	dec := func(name string, v uint32) { b = strconv.AppendUint(append(b, name...), uint64(v), 10) }
	addr := func(name string, v uint64) { b = appendAddr(append(b, name...), v) }
	s := f.opt.Xlat
	if n <= 24 {
		return b
	}
	dec(", log_level=", u32(24))
	dec(", log_size=", u32(28))
	b = append(b, ", log_buf="...)
	if p := u64(32); p == 0 || logBuf == nil || logBuf.Fault() {
		b = appendAddr(b, p)
	} else {
		b = f.appendStr0(b, logBuf.Data, int(u32(28)))
	}
	if n <= 40 {
		return b
	}
	b = appendKernelVersion(append(b, ", kern_version="...), u32(40), s)
	if n <= 44 {
		return b
	}
	b = bpfProgFlags.AppendFlags(append(b, ", prog_flags="...), uint64(u32(44)), s)
	if n <= 48 {
		return b
	}
	b = f.appendCString(append(b, ", prog_name="...), attr[48:min(n, 64)])
	if n <= 64 {
		return b
	}
	b = f.appendIfindex(append(b, ", prog_ifindex="...), int32(u32(64)))
	if n <= 68 {
		return b
	}
	b = bpfAttachTypes.AppendValue(append(b, ", expected_attach_type="...), uint64(u32(68)), s)
	if n <= 72 {
		return b
	}
	b = f.appendFd(append(b, ", prog_btf_fd="...), tid, int32(u32(72)))
	dec(", func_info_rec_size=", u32(76))
	addr(", func_info=", u64(80))
	dec(", func_info_cnt=", u32(88))
	dec(", line_info_rec_size=", u32(92))
	addr(", line_info=", u64(96))
	dec(", line_info_cnt=", u32(104))
	if n <= 108 {
		return b
	}
	dec(", attach_btf_id=", u32(108))
	if n <= 112 {
		return b
	}
	b = f.appendFd(append(b, ", attach_prog_fd="...), tid, int32(u32(112)))
	if n <= 120 {
		return b
	}
	addr(", fd_array=", u64(120))
	return b
}

// appendStr0 prints a buffer of n bytes holding a NUL-terminated string, d
// being the first of them the kernel side read, as strace's printstr_ex
// with QUOTE_0_TERMINATED: up to the NUL, "..." when there is none in
// what is shown.
func (f *Formatter) appendStr0(b, d []byte, n int) []byte {
	for i, c := range d {
		if c == 0 {
			return quote.Append(b, d[:i], false, f.opt.Quote)
		}
	}
	if len(d) > f.opt.StrSize {
		d = d[:f.opt.StrSize]
	}
	return quote.Append(b, d, true, f.opt.Quote)
}

// appendKernelVersion prints a kernel version as strace's
// print_kernel_version: KERNEL_VERSION(major, minor, patch).
func appendKernelVersion(b []byte, v uint32, s xlat.Style) []byte {
	if s != xlat.Abbrev {
		b = appendHex(b, uint64(v))
	}
	if s == xlat.Raw {
		return b
	}
	if s == xlat.Verbose {
		b = append(b, " /* "...)
	}
	b = strconv.AppendUint(append(b, "KERNEL_VERSION("...), uint64(v>>16), 10)
	b = strconv.AppendUint(append(b, ", "...), uint64(v>>8&0xff), 10)
	b = strconv.AppendUint(append(b, ", "...), uint64(v&0xff), 10)
	b = append(b, ')')
	if s == xlat.Verbose {
		b = append(b, " */"...)
	}
	return b
}

// appendBpfExtraData prints the bytes of a bpf_attr past the command's
// struct when any is set, as strace's decode_attr_extra_data: "..."
// without -v, else extra_data in hex with their offsets.
func (f *Formatter) appendBpfExtraData(b, extra []byte, structSize int) []byte {
	if allZero(extra) {
		return b
	}
	if !f.opt.Verbose {
		return append(b, ", ..."...)
	}
	b = quote.Append(append(b, ", extra_data="...), extra, false, quote.AllHex)
	b = strconv.AppendUint(append(b, " /* bytes "...), uint64(structSize), 10)
	b = strconv.AppendUint(append(b, ".."...), uint64(structSize+len(extra)-1), 10)
	return append(b, " */"...)
}

// appendEbpfProg prints n eBPF instructions at addr as strace's
// print_ebpf_prog: the address without -v, else each instruction's
// fields; cp holds those the kernel side read.
func (f *Formatter) appendEbpfProg(b []byte, addr uint64, n int, cp *decoder.Capture) []byte {
	if addr == 0 {
		return appendAddr(b, addr)
	}
	return f.appendInsns(b, addr, n, cp, ebpfInsnSize, f.appendEbpfInsn)
}

// appendEbpfInsn prints one struct bpf_insn as strace's print_ebpf_insn.
func (f *Formatter) appendEbpfInsn(b, d []byte) []byte {
	s := f.opt.Xlat
	b = appendBPFCode(append(b, "{code="...), uint16(d[0]), true, s)
	b = ebpfRegs.AppendValue(append(b, ", dst_reg="...), uint64(d[1]&0xf), s)
	b = ebpfRegs.AppendValue(append(b, ", src_reg="...), uint64(d[1]>>4), s)
	b = strconv.AppendInt(append(b, ", off="...), int64(int16(le16(d[2:]))), 10)
	b = appendHex(append(b, ", imm="...), uint64(le32(d[4:])))
	return append(b, '}')
}

// bpfMapInfoSize is struct bpf_map_info as strace 6.1 knows it.
const bpfMapInfoSize = 80

// bpfObjInfo returns what BPF_OBJ_GET_INFO_BY_FD filled in, n bytes, and
// what its pointers point to, with what descriptor fd refers to, when
// strace shows it: with -v, for a map's or a program's descriptor (which
// gotrace knows under -y), all of it read; else no kind.
func (f *Formatter) bpfObjInfo(c *decoder.Call, fd, n uint32) ([]*decoder.Capture, string) {
	if !f.opt.Verbose || n == 0 || n > pageSize {
		return nil, ""
	}
	kind := string(f.appendFdInfo(nil, c.Tid, int32(fd)))
	if kind != "<anon_inode:bpf-map>" && kind != "<anon_inode:bpf-prog>" {
		return nil, ""
	}
	var caps []*decoder.Capture
	for j := range c.Exit {
		if cp := &c.Exit[j]; cp.Arg == 1 && cp.Kind == decoder.CapNested {
			caps = append(caps, cp)
		}
	}
	if len(caps) == 0 || caps[0].Fault() || uint32(len(caps[0].Data)) < n {
		return nil, ""
	}
	caps[0] = &decoder.Capture{Arg: 1, Kind: decoder.CapNested, Flags: caps[0].Flags, Data: caps[0].Data[:n]}
	return caps, kind
}

// appendBpfMapInfo prints a struct bpf_map_info as strace's
// print_bpf_map_info: the fields its d bytes hold.
func (f *Formatter) appendBpfMapInfo(b, d []byte) []byte {
	var info [bpfMapInfoSize]byte
	n := copy(info[:], d)
	u32 := func(off int) uint32 { return le32(info[off:]) }
	dec := func(name string, v uint64) { b = strconv.AppendUint(append(b, name...), v, 10) }
	s := f.opt.Xlat
	b = bpfMapTypes.AppendValue(append(b, "{type="...), uint64(u32(0)), s)
	dec(", id=", uint64(u32(4)))
	dec(", key_size=", uint64(u32(8)))
	dec(", value_size=", uint64(u32(12)))
	dec(", max_entries=", uint64(u32(16)))
	b = bpfMapFlags.AppendFlags(append(b, ", map_flags="...), uint64(u32(20)), s)
	if n > 24 {
		b = f.appendCString(append(b, ", name="...), info[24:40])
	}
	if n > 40 {
		b = f.appendIfindex(append(b, ", ifindex="...), int32(u32(40)))
		dec(", btf_vmlinux_value_type_id=", uint64(u32(44)))
		b = appendDev(append(b, ", netns_dev="...), le64(info[48:]))
		dec(", netns_ino=", le64(info[56:]))
	}
	if n > 64 {
		dec(", btf_id=", uint64(u32(64)))
		dec(", btf_key_type_id=", uint64(u32(68)))
		dec(", btf_value_type_id=", uint64(u32(72)))
		if len(d) > bpfMapInfoSize {
			b = f.appendBpfExtraData(b, d[bpfMapInfoSize:], bpfMapInfoSize)
		}
	}
	return append(b, '}')
}

// bpfProgInfoSize is struct bpf_prog_info as strace 6.1 knows it.
const bpfProgInfoSize = 224

// appendBpfProgInfo prints a struct bpf_prog_info as strace's
// print_bpf_prog_info: the fields its bytes hold (caps[0], at exit), with
// "old => new" where the kernel changed what the caller passed (saved, at
// enter), and what its pointers point to (caps[1:]: the translated
// instructions, the map ids, the JITed code), arrays printed as addresses
// when the call failed.
func (f *Formatter) appendBpfProgInfo(b, saved []byte, caps []*decoder.Capture, failed bool) []byte {
	var info, old [bpfProgInfoSize]byte
	d := caps[0].Data
	n := copy(info[:], d)
	copy(old[:], saved)
	nested := func(k int) *decoder.Capture {
		if k < len(caps) {
			return caps[k]
		}
		return nil
	}
	s := f.opt.Xlat
	u32 := func(off int) uint32 { return le32(info[off:]) }
	u64 := func(off int) uint64 { return le64(info[off:]) }
	dec := func(name string, v uint64) { b = strconv.AppendUint(append(b, name...), v, 10) }
	changed := func(name string, off int) {
		b = append(b, name...)
		if v := le32(old[off:]); v != u32(off) {
			b = append(strconv.AppendUint(b, uint64(v), 10), " => "...)
		}
		b = strconv.AppendUint(b, uint64(u32(off)), 10)
	}
	changedAddr := func(name string, off int) {
		b = append(b, name...)
		if v := le64(old[off:]); v != u64(off) {
			b = append(appendAddr(b, v), " => "...)
		}
		b = appendAddr(b, u64(off))
	}
	b = bpfProgTypes.AppendValue(append(b, "{type="...), uint64(u32(0)), s)
	dec(", id=", uint64(u32(4)))
	b = quote.Append(append(b, ", tag="...), info[8:16], false, quote.AllHex)
	changed(", jited_prog_len=", 16)
	b = append(b, ", jited_prog_insns="...)
	if jit := nested(3); u64(24) == 0 || jit == nil || jit.Fault() {
		b = appendAddr(b, u64(24))
	} else {
		b = f.appendCounted(b, jit.Data, int(u32(16)), quote.AllHex)
	}
	changed(", xlated_prog_len=", 20)
	b = append(b, ", xlated_prog_insns="...)
	if insns := min(le32(old[20:]), u32(20)) / ebpfInsnSize; failed && insns > 0 && u64(32) != 0 {
		b = appendAddr(b, u64(32))
	} else {
		b = f.appendEbpfProg(b, u64(32), int(insns), nested(1))
	}
	if n <= 40 {
		return append(b, '}')
	}
	dec(", load_time=", u64(40))
	if s != xlat.Raw {
		ns := f.opt.BootOffset + int64(u64(40))
		b = appendTimeComment(b, ns/1e9, 0)
	}
	b = appendID(append(b, ", created_by_uid="...), u32(48))
	changed(", nr_map_ids=", 52)
	b = append(b, ", map_ids="...)
	b = f.appendMapIDs(b, u64(56), min(le32(old[52:]), u32(52)), nested(2), failed)
	b = f.appendCString(append(b, ", name="...), info[64:80])
	if n <= 80 {
		return append(b, '}')
	}
	b = f.appendIfindex(append(b, ", ifindex="...), int32(u32(80)))
	dec(", gpl_compatible=", uint64(u32(84)&1))
	b = appendDev(append(b, ", netns_dev="...), u64(88))
	dec(", netns_ino=", u64(96))
	if n <= 104 {
		return append(b, '}')
	}
	changed(", nr_jited_ksyms=", 104)
	changed(", nr_jited_func_lens=", 108)
	changedAddr(", jited_ksyms=", 112)
	changedAddr(", jited_func_lens=", 120)
	if n <= 128 {
		return append(b, '}')
	}
	dec(", btf_id=", uint64(u32(128)))
	changed(", func_info_rec_size=", 132)
	b = appendAddr(append(b, ", func_info="...), u64(136))
	changed(", nr_func_info=", 144)
	changed(", nr_line_info=", 148)
	b = appendAddr(append(b, ", line_info="...), u64(152))
	changedAddr(", jited_line_info=", 160)
	changed(", nr_jited_line_info=", 168)
	changed(", line_info_rec_size=", 172)
	changed(", jited_line_info_rec_size=", 176)
	changed(", nr_prog_tags=", 180)
	b = appendAddr(append(b, ", prog_tags="...), u64(184))
	if n <= 192 {
		return append(b, '}')
	}
	dec(", run_time_ns=", u64(192))
	dec(", run_cnt=", u64(200))
	if n <= 208 {
		return append(b, '}')
	}
	dec(", recursion_misses=", u64(208))
	if n <= 216 {
		return append(b, '}')
	}
	dec(", verified_insns=", uint64(u32(216)))
	if len(d) > bpfProgInfoSize {
		b = f.appendBpfExtraData(b, d[bpfProgInfoSize:], bpfProgInfoSize)
	}
	return append(b, '}')
}

// appendMapIDs prints a program's map ids, n of them at addr, cp holding
// those the kernel side read, as strace's print_array of unsigned ints.
func (f *Formatter) appendMapIDs(b []byte, addr uint64, n uint32, cp *decoder.Capture, failed bool) []byte {
	switch {
	case addr == 0:
		return append(b, "NULL"...)
	case n == 0:
		return append(b, "[]"...)
	case failed || cp == nil || len(cp.Data) < 4:
		return appendAddr(b, addr)
	}
	d := cp.Data
	b = append(b, '[')
	for i := uint32(0); i < n; i++ {
		if i > 0 {
			b = append(b, ", "...)
		}
		if len(d) < 4 {
			b = appendHex(append(b, "... /* "...), addr+uint64(i)*4)
			return append(b, " */]"...)
		}
		b = strconv.AppendUint(b, uint64(le32(d)), 10)
		d = d[4:]
	}
	return append(b, ']')
}
