package format

import (
	"encoding/binary"
	"testing"
	"time"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/syscalltbl"
	"github.com/gotrace/gotrace/internal/xlat"
)

// line formats a whole call as strace's line up to its return value:
// name(args) = ret.
func line(f *Formatter, name string, args [6]uint64, ret int64, enter, exit []decoder.Capture) string {
	sc := syscalltbl.ByName(name)
	c := &decoder.Call{Nr: int64(sc.Nr), Entered: true, Exited: true, Args: args, Ret: ret, Enter: enter, Exit: exit}
	b, deferred := f.FormatArgs([]byte(name+"("), c, false)
	if deferred {
		b, _ = f.FormatArgs(b, c, true)
	}
	b = append(b, ") "...)
	return string(f.AppendReturn(b, c))
}

// desc is a struct user_desc captured for argument arg, at enter and
// at exit.
func desc(arg uint8, entry, base, limit, bits uint32) []decoder.Capture {
	var d []byte
	for _, v := range []uint32{entry, base, limit, bits} {
		d = binary.LittleEndian.AppendUint32(d, v)
	}
	return []decoder.Capture{{Arg: arg, Kind: decoder.CapMemIn, Data: d}, {Arg: arg, Kind: decoder.CapMemOut, Data: d}}
}

func u64s(v ...uint64) []byte {
	var b []byte
	for _, x := range v {
		b = binary.LittleEndian.AppendUint64(b, x)
	}
	return b
}

// Expected lines are strace 6.1's, as its tests (mknod.c, sethostname.c,
// nanosleep.c, clock_nanosleep.c, time.c, fallocate.c, pkey_alloc.c,
// sync_file_range.c, ioperm.c) print them.
func TestSyscallLines(t *testing.T) {
	t.Parallel()
	f := New(Options{StrSize: 32})
	path := []decoder.Capture{{Arg: 0, Kind: decoder.CapPath, Data: []byte("../mknod")}}
	qpath := []decoder.Capture{{Arg: 1, Kind: decoder.CapPath, Data: []byte("../mknod")}}
	rem := []decoder.Capture{{Arg: 1, Kind: decoder.CapMemOut, Data: u64s(0, 888910666)}}
	now := time.Unix(1796605041, 0).Format("2006-01-02T15:04:05-0700")
	for _, tc := range []struct {
		got, want string
	}{
		{line(f, "mknod", [6]uint64{0x1000, 0x10000, 0xbadc0ded}, -17, path, nil), `mknod("../mknod", 000) = -1 EEXIST (File exists)`},
		{line(f, "mknod", [6]uint64{0x1000, 020024, 0x107}, -17, path, nil), `mknod("../mknod", S_IFCHR|024, makedev(0x1, 0x7)) = -1 EEXIST (File exists)`},
		{line(f, "mknod", [6]uint64{0x1000, 067777, 0xbadc0ded}, -17, path, nil), `mknod("../mknod", S_IFBLK|S_ISUID|S_ISGID|S_ISVTX|0777, makedev(0xc0d, 0xbaded)) = -1 EEXIST (File exists)`},
		{line(f, "mknodat", [6]uint64{0xffffffff, 0x1000, 010600}, -9, []decoder.Capture{{Arg: 1, Kind: decoder.CapPath, Data: []byte("x")}}, nil), `mknodat(-1, "x", S_IFIFO|0600) = -1 EBADF (Bad file descriptor)`},
		{line(f, "sethostname", [6]uint64{0x7fa1a17e9fbf, 65}, -22, nil, nil), "sethostname(0x7fa1a17e9fbf, 65) = -1 EINVAL (Invalid argument)"},
		{line(f, "sethostname", [6]uint64{0, 1<<32 | 64}, -14, nil, nil), "sethostname(NULL, 64) = -1 EFAULT (Bad address)"},
		{line(f, "nanosleep", [6]uint64{0x1000, 0x2000}, -516, nil, rem), "nanosleep(0x1000, {tv_sec=0, tv_nsec=888910666}) = ? ERESTART_RESTARTBLOCK (Interrupted by signal)"},
		{line(f, "nanosleep", [6]uint64{0x1000, 0x2000}, 0, nil, rem), "nanosleep(0x1000, 0x2000) = 0"},
		{line(f, "clock_nanosleep", [6]uint64{0, 1, 0x1000, 0x2000}, -514, nil, []decoder.Capture{{Arg: 3, Kind: decoder.CapMemOut, Data: u64s(1, 2)}}), "clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, 0x1000, 0x2000) = ? ERESTARTNOHAND (To be restarted if no handler)"},
		{line(f, "time", [6]uint64{0x2000}, 1796605041, nil, []decoder.Capture{{Arg: 0, Kind: decoder.CapMemOut, Data: u64s(1796605041)}}), "time([1796605041 /* " + now + " */]) = 1796605041 (" + now + ")"},
		{line(f, "fallocate", [6]uint64{0xbeefface, 0xdeadca75, 0xbadc0ded, 1}, -9, nil, nil), "fallocate(-1091568946, FALLOC_FL_KEEP_SIZE|FALLOC_FL_NO_HIDE_STALE|FALLOC_FL_ZERO_RANGE|FALLOC_FL_INSERT_RANGE|FALLOC_FL_UNSHARE_RANGE|0xdeadca00, 3134983661, 1) = -1 EBADF (Bad file descriptor)"},
		{line(f, "sync_file_range", [6]uint64{^uint64(0), 0, 0, ^uint64(0)}, -9, nil, nil), "sync_file_range(-1, 0, 0, SYNC_FILE_RANGE_WAIT_BEFORE|SYNC_FILE_RANGE_WRITE|SYNC_FILE_RANGE_WAIT_AFTER|0xfffffff8) = -1 EBADF (Bad file descriptor)"},
		{line(f, "pkey_alloc", [6]uint64{0xbadc0ded00000000, 0xbadc0ded00000002}, -22, nil, nil), "pkey_alloc(0xbadc0ded00000000, PKEY_DISABLE_WRITE|0xbadc0ded00000000) = -1 EINVAL (Invalid argument)"},
		{line(f, "pkey_alloc", [6]uint64{0, 0xbadc0de8}, -22, nil, nil), "pkey_alloc(0, 0xbadc0de8 /* PKEY_??? */) = -1 EINVAL (Invalid argument)"},
		{line(f, "ioperm", [6]uint64{0xdeafbeefffffffff, 1, 0}, -38, nil, nil), "ioperm(0xdeafbeefffffffff, 0x1, 0) = -1 ENOSYS (Function not implemented)"},
		{line(f, "io_setup", [6]uint64{2, 0x1000}, 0, nil, []decoder.Capture{{Arg: 1, Kind: decoder.CapMemOut, Data: u64s(0x7f00d3a89000)}}), "io_setup(2, [0x7f00d3a89000]) = 0"},
		{line(f, "io_destroy", [6]uint64{0xface1e55deadbeef}, -22, nil, nil), "io_destroy(0xface1e55deadbeef) = -1 EINVAL (Invalid argument)"},
		{line(f, "set_thread_area", [6]uint64{0x1000}, -38, desc(0, 0x83828180, 0x87868584, 0x8b8a8988, 0x8f8e8d8c), nil), "set_thread_area({entry_number=2206368128, base_addr=0x87868584, limit=0x8b8a8988, seg_32bit=0, contents=2, read_exec_only=1, limit_in_pages=0, seg_not_present=0, useable=0, lm=1}) = -1 ENOSYS (Function not implemented)"},
		{line(f, "set_thread_area", [6]uint64{0x1000}, 0, desc(0, 0xffffffff, 0, 0x100, 0x51)[:1], desc(0, 12, 0, 0x100, 0x51)[1:]), "set_thread_area({entry_number=-1, base_addr=00000000, limit=0x000100, seg_32bit=1, contents=0, read_exec_only=0, limit_in_pages=1, seg_not_present=0, useable=1, lm=0}) = 0 (entry_number=12)"},
		{line(f, "get_thread_area", [6]uint64{0x1000}, -38, []decoder.Capture{{Arg: 0, Kind: decoder.CapMemIn, Data: []byte{12, 0, 0, 0}}}, nil), "get_thread_area({entry_number=12, ...}) = -1 ENOSYS (Function not implemented)"},
		{line(f, "get_thread_area", [6]uint64{0x1000}, 0, desc(0, 12, 1, 2, 0), desc(0, 12, 1, 2, 0)), "get_thread_area({entry_number=12, base_addr=0x000001, limit=0x000002, seg_32bit=0, contents=0, read_exec_only=0, limit_in_pages=0, seg_not_present=0, useable=0, lm=0}) = 0"},
		{line(f, "modify_ldt", [6]uint64{0xdeadbeefda7a1057, 0x1000, 16}, 0xffffffda, desc(1, 0xffffffff, 0, 0, 0x21), nil), "modify_ldt(-629534633, {entry_number=-1, base_addr=00000000, limit=00000000, seg_32bit=1, contents=0, read_exec_only=0, limit_in_pages=0, seg_not_present=1, useable=0, lm=0}, 16) = 4294967258 ENOSYS (Function not implemented)"},
		{line(f, "modify_ldt", [6]uint64{1, 0x1000, 42}, 0xffffffda, nil, nil), "modify_ldt(1, 0x1000, 42) = 4294967258 ENOSYS (Function not implemented)"},
		{line(f, "_sysctl", [6]uint64{0x1000}, -38, []decoder.Capture{{Arg: 0, Kind: decoder.CapMemIn, Data: u64s(0x2000, 5, 0, 0, 0, 7, 0, 0, 0, 0)}}, nil), "_sysctl({name=0x2000, nlen=5, oldval=NULL, oldlenp=NULL, newval=NULL, newlen=7}) = -1 ENOSYS (Function not implemented)"},
		{line(f, "quotactl", [6]uint64{0x80000200, 0x1000, 1, 0x2000}, -2, append(qpath, decoder.Capture{Arg: 3, Kind: decoder.CapMemIn, Data: []byte("/tmp/bogus/\x00\xff")}), nil), `quotactl(QCMD(Q_QUOTAON, USRQUOTA), "../mknod", QFMT_VFS_OLD, "/tmp/bogus/") = -1 ENOENT (No such file or directory)`},
		{line(f, "quotactl", [6]uint64{0x80000600, 0x1000, 0, 0x2000}, -2, append(qpath, decoder.Capture{Arg: 3, Kind: decoder.CapMemIn, Data: append(u64s(1, 2), 0xcd, 0xab, 0xad, 0xde, 0x94, 0x95, 0x96, 0x97)}), nil), `quotactl(QCMD(Q_SETINFO, USRQUOTA), "../mknod", {dqi_bgrace=1, dqi_igrace=2, dqi_flags=DQF_ROOT_SQUASH|DQF_SYS_FILE|0xdeacabcc, dqi_valid=IIF_FLAGS|0x97969590}) = -1 ENOENT (No such file or directory)`},
		{line(f, "quotactl", [6]uint64{0x580500, 0x1000, 0, 0x2000}, 0, qpath, []decoder.Capture{{Arg: 3, Kind: decoder.CapMemOut, Data: make([]byte, fsQuotaStatSize)}}), `quotactl(QCMD(Q_XGETQSTAT, USRQUOTA), "../mknod", {qs_version=0, ...}) = 0`},
		{line(f, "quotactl", [6]uint64{0x580500, 0x1000, 0, 0x2000}, -2, qpath, nil), `quotactl(QCMD(Q_XGETQSTAT, USRQUOTA), "../mknod", 0x2000) = -1 ENOENT (No such file or directory)`},
		{line(New(Options{Verbose: true}), "quotactl", [6]uint64{0x80000700, 0x1000, 0xffffffff, 0x2000}, 0, qpath, []decoder.Capture{{Arg: 3, Kind: decoder.CapMemOut, Data: append(u64s(1, 2, 3, 4, 5, 6, 7, 8), 0x3f, 0, 0, 0)}}), `quotactl(QCMD(Q_GETQUOTA, USRQUOTA), "../mknod", -1, {dqb_bhardlimit=1, dqb_bsoftlimit=2, dqb_curspace=3, dqb_ihardlimit=4, dqb_isoftlimit=5, dqb_curinodes=6, dqb_btime=7, dqb_itime=8, dqb_valid=QIF_BLIMITS|QIF_SPACE|QIF_ILIMITS|QIF_INODES|QIF_BTIME|QIF_ITIME}) = 0`},
		{line(f, "ptrace", [6]uint64{0x10, 4321}, -1, nil, nil), "ptrace(PTRACE_ATTACH, 4321) = -1 EPERM (Operation not permitted)"},
		{line(f, "ptrace", [6]uint64{0x4200, 4321, 0, 0x6}, 0, nil, nil), "ptrace(PTRACE_SETOPTIONS, 4321, NULL, PTRACE_O_TRACEFORK|PTRACE_O_TRACEVFORK) = 0"},
		{line(f, "ptrace", [6]uint64{0x18, 4321, 0, 10}, 0, nil, nil), "ptrace(PTRACE_SYSCALL, 4321, NULL, SIGUSR1) = 0"},
		{line(f, "ptrace", [6]uint64{0x420e, 4321, 16, 0x2000}, 24, nil, []decoder.Capture{{Arg: 3, Kind: decoder.CapMemOut, Data: append([]byte{0, 0, 0, 0, 0x3e, 0, 0, 0xc0}, u64s(0x7fa557900267, 0x7ffd24c2b0d8)...)}}), "ptrace(PTRACE_GET_SYSCALL_INFO, 4321, 16, {op=PTRACE_SYSCALL_INFO_NONE, arch=AUDIT_ARCH_X86_64, instruction_pointer=0x7fa557900267}) = 24"},
		{line(f, "ptrace", [6]uint64{0x420e, 4321, 88, 0x2000}, 80, nil, []decoder.Capture{{Arg: 3, Kind: decoder.CapMemOut, Data: append([]byte{1, 0, 0, 0, 0x3e, 0, 0, 0xc0}, u64s(1, 2, 39, 0xa, 0xb, 0, 0, 0, 0)...)}}), "ptrace(PTRACE_GET_SYSCALL_INFO, 4321, 88, {op=PTRACE_SYSCALL_INFO_ENTRY, arch=AUDIT_ARCH_X86_64, instruction_pointer=0x1, stack_pointer=0x2, entry={nr=__NR_getpid, args=[0xa, 0xb, 0, 0, 0, 0]}}) = 80"},
		{line(f, "ptrace", [6]uint64{0x420e, 4321, 88, 0x2000}, 33, nil, []decoder.Capture{{Arg: 3, Kind: decoder.CapMemOut, Data: append(append([]byte{2, 0, 0, 0, 0x3e, 0, 0, 0xc0}, u64s(1, 2, uint64(1<<64-2))...), 1)}}), "ptrace(PTRACE_GET_SYSCALL_INFO, 4321, 88, {op=PTRACE_SYSCALL_INFO_EXIT, arch=AUDIT_ARCH_X86_64, instruction_pointer=0x1, stack_pointer=0x2, exit={rval=-ENOENT, is_error=1}}) = 33"},
		{line(f, "sched_getattr", [6]uint64{0, 0x1000, 56, 0}, 0, nil, []decoder.Capture{{Arg: 1, Kind: decoder.CapMemOut, Data: append(append([]byte{56, 0, 0, 0, 0, 0, 0, 0}, u64s(0, 0, 1400000, 0, 0)...), make([]byte, 8)...)}}), "sched_getattr(0, {size=56, sched_policy=SCHED_OTHER, sched_flags=0, sched_nice=0, sched_priority=0, sched_runtime=1400000, sched_deadline=0, sched_period=0, sched_util_min=0, sched_util_max=0}, 56, 0) = 0"},
		{line(f, "sched_getattr", [6]uint64{0xffffffff, 0x1000, 0xcafef00d, 0xdeadc0de}, -22, nil, nil), "sched_getattr(-1, 0x1000, 3405705229, 3735929054) = -1 EINVAL (Invalid argument)"},
		{line(f, "sched_setattr", [6]uint64{0, 0x1000, 0}, -7, []decoder.Capture{{Arg: 1, Kind: decoder.CapMemIn, Data: []byte{1, 0, 0, 0}}}, []decoder.Capture{{Arg: 1, Kind: decoder.CapMemOut, Data: []byte{56, 0, 0, 0}}}), "sched_setattr(0, {size=1} => {size=56}, 0) = -1 E2BIG (Argument list too long)"},
		{line(f, "sched_setattr", [6]uint64{0, 0x1000, 0}, 0, []decoder.Capture{{Arg: 1, Kind: decoder.CapMemIn, Data: append(append([]byte{48, 0, 0, 0, 0, 0, 0, 0}, u64s(0x11, 0, 0, 0, 0)...), 0, 0, 0, 0, 0, 0, 0, 0)}}, nil), "sched_setattr(0, {size=48, sched_flags=SCHED_FLAG_RESET_ON_FORK|SCHED_FLAG_KEEP_PARAMS}, 0) = 0"},
		{line(New(Options{Xlat: xlat.Raw}), "mknod", [6]uint64{0x1000, 020024, 0x107}, -17, path, nil), `mknod("../mknod", 020024, 0x107) = -1 EEXIST (File exists)`},
	} {
		if tc.got != tc.want {
			t.Errorf("got  %s\nwant %s", tc.got, tc.want)
		}
	}
}
