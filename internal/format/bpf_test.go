package format

import (
	"encoding/binary"
	"strconv"
	"strings"
	"testing"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

// bpf(2)'s BPF_PROG_LOAD as strace 6.1's kernel_version.c and bpf.c expect
// it: the fields up to the size given, what its pointers point to.
func TestBpfProgLoad(t *testing.T) {
	t.Parallel()
	attr := make([]byte, 128)
	binary.LittleEndian.PutUint32(attr[0:], 32)
	binary.LittleEndian.PutUint32(attr[4:], 0xbadc0ded)
	binary.LittleEndian.PutUint32(attr[24:], 24)
	binary.LittleEndian.PutUint32(attr[28:], 3141592653)
	binary.LittleEndian.PutUint32(attr[40:], 0xcafef00d)
	const kv = "{prog_type=0x20 /* BPF_PROG_TYPE_??? */, insn_cnt=3134983661, insns=NULL, license=NULL, log_level=24, log_size=3141592653, log_buf=NULL, kern_version="
	const rest = ", prog_flags=0, prog_name=\"\", prog_ifindex=0, expected_attach_type=%s, prog_btf_fd=0, func_info_rec_size=0, func_info=NULL, func_info_cnt=0, line_info_rec_size=0, line_info=NULL, line_info_cnt=0, attach_btf_id=0, attach_prog_fd=0, fd_array=NULL}"
	prog := make([]byte, 24)
	binary.LittleEndian.PutUint32(prog[0:], 1) // SOCKET_FILTER
	binary.LittleEndian.PutUint32(prog[4:], 1)
	binary.LittleEndian.PutUint64(prog[8:], 0x2000)
	binary.LittleEndian.PutUint64(prog[16:], 0x3000)
	insn := []byte{0xb7, 0x00, 0, 0, 42, 0, 0, 0} // BPF_ALU64|BPF_K|BPF_MOV r0 = 42
	sc := syscalltbl.ByName("bpf")
	for _, tc := range []struct {
		verbose bool
		s       xlat.Style
		d       []byte
		nested  []decoder.Capture
		want    string
	}{
		{true, xlat.Abbrev, attr, nil, kv + "KERNEL_VERSION(51966, 240, 13)" + strings.Replace(rest, "%s", "BPF_CGROUP_INET_INGRESS", 1)},
		{true, xlat.Raw, attr, nil, "{prog_type=0x20, insn_cnt=3134983661, insns=NULL, license=NULL, log_level=24, log_size=3141592653, log_buf=NULL, kern_version=0xcafef00d" + strings.Replace(rest, "%s", "0", 1)},
		{true, xlat.Verbose, attr, nil, kv + "0xcafef00d /* KERNEL_VERSION(51966, 240, 13) */" + strings.Replace(rest, "%s", "0 /* BPF_CGROUP_INET_INGRESS */", 1)},
		{true, xlat.Abbrev, prog, []decoder.Capture{{Data: insn}, {Data: []byte("GPL")}}, "{prog_type=BPF_PROG_TYPE_SOCKET_FILTER, insn_cnt=1, insns=[{code=BPF_ALU64|BPF_K|BPF_MOV, dst_reg=BPF_REG_0, src_reg=BPF_REG_0, off=0, imm=0x2a}], license=\"GPL\"}"},
		{false, xlat.Abbrev, prog, []decoder.Capture{{Data: insn}, {Data: []byte("GPL")}}, "{prog_type=BPF_PROG_TYPE_SOCKET_FILTER, insn_cnt=1, insns=0x2000, license=\"GPL\"}"},
	} {
		c := &decoder.Call{Nr: int64(sc.Nr), Entered: true, Args: [6]uint64{bpfProgLoad, 0x1000, uint64(len(tc.d))}}
		c.Enter = []decoder.Capture{{Arg: 1, Kind: decoder.CapMemIn, Data: tc.d}}
		for _, n := range tc.nested {
			n.Arg, n.Kind = 1, decoder.CapNested
			c.Enter = append(c.Enter, n)
		}
		f := New(Options{StrSize: 32, Verbose: tc.verbose, Xlat: tc.s})
		cmd := map[xlat.Style]string{xlat.Abbrev: "BPF_PROG_LOAD", xlat.Raw: "0x5", xlat.Verbose: "0x5 /* BPF_PROG_LOAD */"}[tc.s]
		tc.want = "bpf(" + cmd + ", " + tc.want + ", " + strconv.Itoa(len(tc.d)) + ")"
		b, _ := f.FormatArgs([]byte("bpf("), c, false)
		if got := string(append(b, ')')); got != tc.want {
			t.Errorf("got  %s\nwant %s", got, tc.want)
		}
	}
}

// BPF_MAP_CREATE, and BPF_OBJ_GET_INFO_BY_FD without -v, as strace 6.1's
// bpf-obj_get_info_by_fd.c expects them.
func TestBpfMapCreateAndInfo(t *testing.T) {
	t.Parallel()
	sc := syscalltbl.ByName("bpf")
	create := make([]byte, 72)
	binary.LittleEndian.PutUint32(create[0:], 2) // BPF_MAP_TYPE_ARRAY
	binary.LittleEndian.PutUint32(create[4:], 4)
	binary.LittleEndian.PutUint32(create[8:], 8)
	binary.LittleEndian.PutUint32(create[12:], 1)
	binary.LittleEndian.PutUint32(create[16:], 4) // BPF_F_NUMA_NODE
	binary.LittleEndian.PutUint32(create[24:], 0xffffffff)
	copy(create[28:], "test_map")
	c := &decoder.Call{Nr: int64(sc.Nr), Entered: true, Args: [6]uint64{0, 0x1000, 72}}
	c.Enter = []decoder.Capture{{Arg: 1, Kind: decoder.CapMemIn, Data: create}}
	f := New(Options{StrSize: 32})
	b, _ := f.FormatArgs([]byte("bpf("), c, false)
	want := `bpf(BPF_MAP_CREATE, {map_type=BPF_MAP_TYPE_ARRAY, key_size=4, value_size=8, max_entries=1, map_flags=BPF_F_NUMA_NODE, inner_map_fd=0, numa_node=4294967295 /* NUMA_NO_NODE */, map_name="test_map", map_ifindex=0, btf_fd=0, btf_key_type_id=0, btf_value_type_id=0, btf_vmlinux_value_type_id=0, map_extra=0}, 72)`
	if got := string(append(b, ')')); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}

	in := make([]byte, 16)
	binary.LittleEndian.PutUint32(in[0:], 5)
	binary.LittleEndian.PutUint32(in[4:], 152)
	binary.LittleEndian.PutUint64(in[8:], 0x7000)
	out := append([]byte(nil), in...)
	binary.LittleEndian.PutUint32(out[4:], 104)
	c = &decoder.Call{Nr: int64(sc.Nr), Entered: true, Exited: true, Args: [6]uint64{bpfObjGetInfoByFD, 0x1000, 16}}
	c.Enter = []decoder.Capture{{Arg: 1, Kind: decoder.CapMemIn, Data: in}}
	c.Exit = []decoder.Capture{{Arg: 1, Kind: decoder.CapMemOut, Flags: decoder.CapExit, Data: out}}
	b, deferred := f.FormatArgs([]byte("bpf("), c, false)
	if !deferred {
		t.Fatal("BPF_OBJ_GET_INFO_BY_FD: nothing left for the exit")
	}
	b, _ = f.FormatArgs(b, c, true)
	want = "bpf(BPF_OBJ_GET_INFO_BY_FD, {info={bpf_fd=5, info_len=152 => 104, info=0x7000}}, 16)"
	if got := string(append(b, ')')); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// A program's struct bpf_prog_info with -v, as strace 6.1's
// bpf-obj_get_info_by_fd-prog-v expects it: what the kernel changed as
// "old => new", the arrays up to the smaller count.
func TestBpfProgInfo(t *testing.T) {
	t.Parallel()
	put32 := func(d []byte, off int, v uint32) { binary.LittleEndian.PutUint32(d[off:], v) }
	saved, info := make([]byte, 224), make([]byte, 224)
	put32(info, 0, 1)
	put32(info, 4, 7)
	copy(info[8:], "\xfe\x7d\xd3\x2e\x63\x67\x7b\x71")
	put32(saved, 52, 3)
	put32(info, 52, 2)
	binary.LittleEndian.PutUint64(saved[56:], 0x5000)
	binary.LittleEndian.PutUint64(info[56:], 0x5000)
	binary.LittleEndian.PutUint64(info[40:], 5e9)
	copy(info[64:], "test_prog")
	put32(info, 216, 9)
	ids := []byte{1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0}
	caps := []*decoder.Capture{{Data: info}, {}, {Data: ids}, {}}
	f := New(Options{StrSize: 32, Verbose: true, Xlat: xlat.Raw})
	got := string(f.appendBpfProgInfo(nil, saved, caps, false))
	want := `{type=0x1, id=7, tag="\xfe\x7d\xd3\x2e\x63\x67\x7b\x71", jited_prog_len=0, jited_prog_insns=NULL, xlated_prog_len=0, xlated_prog_insns=NULL, load_time=5000000000, created_by_uid=0, nr_map_ids=3 => 2, map_ids=[1, 2], name="test_prog", ifindex=0, gpl_compatible=0, netns_dev=makedev(0, 0), netns_ino=0, nr_jited_ksyms=0, nr_jited_func_lens=0, jited_ksyms=NULL, jited_func_lens=NULL, btf_id=0, func_info_rec_size=0, func_info=NULL, nr_func_info=0, nr_line_info=0, line_info=NULL, jited_line_info=NULL, nr_jited_line_info=0, line_info_rec_size=0, jited_line_info_rec_size=0, nr_prog_tags=0, prog_tags=NULL, run_time_ns=0, run_cnt=0, recursion_misses=0, verified_insns=9}`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	got = string(f.appendBpfProgInfo(nil, saved, caps, true))
	if want := "map_ids=0x5000"; !strings.Contains(got, want) {
		t.Errorf("a failed call: got %s, want %s", got, want)
	}
}
