package syscalltbl

// bpf(2)'s commands whose return value strace 6.1 shows as a descriptor
// (its decoders' RVAL_FD), and what the descriptor refers to when the
// command makes one: the anonymous inode /proc/PID/fd names, or "" when
// it depends (BPF_OBJ_GET: the pinned object's). BPF_OBJ_PIN returns 0,
// which strace shows as descriptor 0 all the same.
var bpfFDCommands = map[uint32]struct {
	target string
	makes  bool
}{
	0:  {"anon_inode:bpf-map", true},  // BPF_MAP_CREATE
	5:  {"anon_inode:bpf-prog", true}, // BPF_PROG_LOAD
	6:  {"", false},                   // BPF_OBJ_PIN
	7:  {"", true},                    // BPF_OBJ_GET
	13: {"anon_inode:bpf-prog", true}, // BPF_PROG_GET_FD_BY_ID
	14: {"anon_inode:bpf-map", true},  // BPF_MAP_GET_FD_BY_ID
	18: {"anon_inode:btf", true},      // BPF_BTF_LOAD
	19: {"anon_inode:btf", true},      // BPF_BTF_GET_FD_BY_ID
	28: {"anon_inode:bpf_link", true}, // BPF_LINK_CREATE
	30: {"anon_inode:bpf_link", true}, // BPF_LINK_GET_FD_BY_ID
}

// BpfReturnsFD reports whether strace shows what bpf(2) command cmd
// returns as a descriptor.
func BpfReturnsFD(cmd uint32) bool {
	_, ok := bpfFDCommands[cmd]
	return ok
}

// BpfNewFD says whether bpf(2) command cmd makes a descriptor, and what it
// refers to ("": read it from /proc).
func BpfNewFD(cmd uint32) (target string, ok bool) {
	c := bpfFDCommands[cmd]
	return c.target, c.makes
}
