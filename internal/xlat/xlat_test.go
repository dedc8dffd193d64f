package xlat

import "testing"

// The expected strings below are what strace 6.1 printed for the same
// numbers (small C programs traced on x86_64).

// Kernel uapi values, x86_64.
const (
	oWronly    = 01
	oRdwr      = 02
	oCreat     = 0100
	oExcl      = 0200
	oNoctty    = 0400
	oTrunc     = 01000
	oAppend    = 02000
	oNonblock  = 04000
	oDirect    = 040000
	oLargefile = 0100000
	oDirectory = 0200000
	oNofollow  = 0400000
	oNoatime   = 01000000
	oCloexec   = 02000000
	oSync      = 04010000
	oPath      = 010000000
	oTmpfile   = 020200000
	fasync     = 020000

	cloneVM            = 0x100
	cloneFS            = 0x200
	cloneFiles         = 0x400
	cloneSighand       = 0x800
	cloneThread        = 0x10000
	cloneSysvsem       = 0x40000
	cloneSettls        = 0x80000
	cloneParentSettid  = 0x100000
	cloneChildCleartid = 0x200000
	cloneChildSettid   = 0x1000000
	cloneNewtime       = 0x80
	cloneClearSighand  = 0x100000000
	cloneIntoCgroup    = 0x200000000
)

func TestAppendOpenFlags(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		v    uint64
		want string
	}{
		{0, "O_RDONLY"},
		{oCloexec, "O_RDONLY|O_CLOEXEC"},
		{oWronly | oCreat | oTrunc, "O_WRONLY|O_CREAT|O_TRUNC"},
		{oRdwr | oLargefile, "O_RDWR|O_LARGEFILE"},
		{3 | 0x40000000, "O_ACCMODE|0x40000000"},
		{0x40000000, "O_RDONLY|0x40000000"},
		{oTmpfile | oRdwr, "O_RDWR|O_TMPFILE"},
		{oSync | oDirectory | oNonblock | fasync, "O_RDONLY|O_NONBLOCK|O_SYNC|O_DIRECTORY|FASYNC"},
		{04000000, "O_RDONLY|__O_SYNC"},
		{oNofollow | oPath | oNoatime | oDirect | oAppend | oExcl | oNoctty,
			"O_RDONLY|O_EXCL|O_NOCTTY|O_APPEND|O_DIRECT|O_NOFOLLOW|O_NOATIME|O_PATH"},
	} {
		if got := string(AppendOpenFlags(nil, tc.v, Abbrev)); got != tc.want {
			t.Errorf("AppendOpenFlags(%#o) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

func TestAppendFlags(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		table *Table
		v     uint64
		want  string
	}{
		{AtFlags, 0, "0"},
		{AtFlags, 0x1000, "AT_EMPTY_PATH"},
		{AtFlags, 0x40000000, "0x40000000 /* AT_??? */"},
		{AtFlags, 0x40000200, "AT_REMOVEDIR|0x40000000"},
		{AtFlags, 0x100 | 0x800 | 0x1000 | 0x8000 | 0x400 | 0x6000,
			"AT_SYMLINK_NOFOLLOW|AT_SYMLINK_FOLLOW|AT_NO_AUTOMOUNT|AT_EMPTY_PATH|AT_RECURSIVE|0x6000"},

		{WaitOptions, 0, "0"},
		{WaitOptions, 1 | 2 | 8 | 0x40000000 | 0x80000000 | 0x20000000,
			"WNOHANG|WSTOPPED|WCONTINUED|__WCLONE|__WALL|__WNOTHREAD"},
		{WaitOptions, 1 | 0x10000, "WNOHANG|0x10000"},
		{WaitOptions, 0x10000, "0x10000 /* W??? */"},
		{WaitOptions, 4 | 0x1000000, "WEXITED|WNOWAIT"},

		// clone(2) and clone3(2), flags without the exit signal
		{CloneFlags, cloneChildCleartid | cloneChildSettid, "CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID"},
		{CloneFlags, cloneThread | cloneClearSighand, "CLONE_THREAD|0x100000000"},
		{CloneFlags, cloneSighand | 0x400000, "CLONE_SIGHAND|0x400000"},
		{Clone3Flags, cloneVM | cloneFS | cloneFiles | cloneSighand | cloneThread | cloneSysvsem |
			cloneSettls | cloneParentSettid | cloneChildCleartid,
			"CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID"},
		{Clone3Flags, cloneNewtime | cloneClearSighand | cloneIntoCgroup | cloneThread | 0x400000000,
			"CLONE_THREAD|CLONE_NEWTIME|CLONE_CLEAR_SIGHAND|CLONE_INTO_CGROUP|0x400000000"},
		{Clone3Flags, 0x400000000, "0x400000000 /* CLONE_??? */"},
		{Clone3Flags, 0, "0"},

		{OpenFlags, 0x40000000, "0x40000000 /* O_??? */"},
		{OpenFlags, oCloexec | oNonblock, "O_NONBLOCK|O_CLOEXEC"},
		// a zero value in the table prints for zero
		{&Table{Values: []Value{{0, "F_OK"}, {4, "R_OK"}}}, 0, "F_OK"},
		{&Table{Values: []Value{{0, "F_OK"}, {4, "R_OK"}}}, 4, "R_OK"},
	} {
		if got := string(tc.table.AppendFlags(nil, tc.v, Abbrev)); got != tc.want {
			t.Errorf("AppendFlags(%#x) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

func TestAppendValue(t *testing.T) {
	t.Parallel()
	tab := &Table{Values: []Value{{1, "SOCK_STREAM"}, {2, "SOCK_DGRAM"}}, Unknown: "SOCK_???"}
	for _, tc := range []struct {
		table *Table
		v     uint64
		want  string
	}{
		{tab, 2, "SOCK_DGRAM"},
		{tab, 0x1f, "0x1f /* SOCK_??? */"},
		{tab, 0, "0 /* SOCK_??? */"},
		{&Table{}, 7, "0x7"},
	} {
		if got := string(tc.table.AppendValue(nil, tc.v, Abbrev)); got != tc.want {
			t.Errorf("AppendValue(%#x) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

func TestErrno(t *testing.T) {
	t.Parallel()
	// strace -e inject=getpid:error=N prints "= -1 NAME (message)", or
	// "= -1 (errno N)" for a number without a name
	for _, tc := range []struct {
		e          int
		name, text string
	}{
		{1, "EPERM", "Operation not permitted"},
		{2, "ENOENT", "No such file or directory"},
		{11, "EAGAIN", "Resource temporarily unavailable"},
		{35, "EDEADLK", "Resource deadlock avoided"},
		{95, "EOPNOTSUPP", "Operation not supported"},
		{133, "EHWPOISON", "Memory page has hardware error"},
		{512, "ERESTARTSYS", "To be restarted if SA_RESTART is set"},
		{513, "ERESTARTNOINTR", "To be restarted"},
		{514, "ERESTARTNOHAND", "To be restarted if no handler"},
		{515, "ENOIOCTLCMD", "Unknown error 515"},
		{516, "ERESTART_RESTARTBLOCK", "Interrupted by signal"},
		{517, "EPROBE_DEFER", "Unknown error 517"},
		{518, "EOPENSTALE", "Unknown error 518"},
		{521, "EBADHANDLE", "Unknown error 521"},
		{524, "ENOTSUPP", "Unknown error 524"},
		{530, "ERECALLCONFLICT", "Unknown error 530"},
	} {
		name, ok := ErrnoName(tc.e)
		if !ok || name != tc.name {
			t.Errorf("ErrnoName(%d) = %q, %v, want %q", tc.e, name, ok, tc.name)
		}
		if got := ErrnoMessage(tc.e); got != tc.text {
			t.Errorf("ErrnoMessage(%d) = %q, want %q", tc.e, got, tc.text)
		}
	}
	for _, e := range []int{0, -1, 41, 58, 134, 511, 519, 520, 531, 4095} {
		if name, ok := ErrnoName(e); ok {
			t.Errorf("ErrnoName(%d) = %q, want none", e, name)
		}
	}
}

func TestSignalName(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		sig  int
		want string
	}{
		{0, "0"},
		{1, "SIGHUP"},
		{9, "SIGKILL"},
		{10, "SIGUSR1"},
		{17, "SIGCHLD"},
		{29, "SIGIO"},
		{31, "SIGSYS"},
		{32, "SIGRTMIN"},
		{33, "SIGRT_1"},
		{40, "SIGRT_8"},
		{64, "SIGRT_32"},
		{65, "65"},
		{138, "138"},
		{-3, "-3"},
	} {
		if got := SignalName(tc.sig); got != tc.want {
			t.Errorf("SignalName(%d) = %q, want %q", tc.sig, got, tc.want)
		}
	}
}

func TestSigCodeName(t *testing.T) {
	t.Parallel()
	const (
		sigill  = 4
		sigtrap = 5
		sigbus  = 7
		sigfpe  = 8
		sigusr1 = 10
		sigsegv = 11
		sigchld = 17
		sigprof = 27
		sigio   = 29
		sigsys  = 31
	)
	for _, tc := range []struct {
		sig, code int
		want      string // "" for none: strace prints the code in hex
	}{
		{sigusr1, 0, "SI_USER"},
		{sigchld, 0x80, "SI_KERNEL"},
		{sigusr1, -1, "SI_QUEUE"},
		{sigusr1, -2, "SI_TIMER"},
		{sigusr1, -3, "SI_MESGQ"},
		{sigusr1, -4, "SI_ASYNCIO"},
		{sigusr1, -5, "SI_SIGIO"},
		{sigusr1, -6, "SI_TKILL"},
		{sigusr1, -7, "SI_DETHREAD"},
		{sigusr1, -60, "SI_ASYNCNL"},
		{sigusr1, -8, ""},
		{sigusr1, 1, ""},
		{sigill, 9, "ILL_BADIADDR"},
		{sigill, 10, ""},
		{sigfpe, 8, "FPE_FLTSUB"},
		{sigfpe, 9, ""},
		{sigfpe, 15, "FPE_CONDTRAP"},
		{sigsegv, 1, "SEGV_MAPERR"},
		{sigsegv, 4, "SEGV_PKUERR"},
		{sigsegv, 9, "SEGV_MTESERR"},
		{sigbus, 5, "BUS_MCEERR_AO"},
		{sigtrap, 6, "TRAP_PERF"},
		{sigchld, 1, "CLD_EXITED"},
		{sigchld, 6, "CLD_CONTINUED"},
		{sigchld, 7, ""},
		{sigio, 1, "POLL_IN"},
		{sigsys, 2, "SYS_USER_DISPATCH"},
		{sigprof, 1, ""},
		{100, 1, ""},
	} {
		got, ok := SigCodeName(tc.sig, tc.code)
		if ok != (tc.want != "") || got != tc.want {
			t.Errorf("SigCodeName(%d, %d) = %q, %v, want %q", tc.sig, tc.code, got, ok, tc.want)
		}
	}
}

// TestTables checks what the code relies on in the generated tables.
func TestTables(t *testing.T) {
	t.Parallel()
	for v := range uint64(4) {
		if _, ok := openAccessModes.Name(v); !ok {
			t.Errorf("no name for access mode %d", v)
		}
	}
	if name, _ := signalNames.Name(sigRTMin); name != "SIGRTMIN" {
		t.Errorf("signal %d is %q, want SIGRTMIN", sigRTMin, name)
	}
}

func TestStyles(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		style Style
		print func([]byte, Style) []byte
		want  string
	}{
		{Raw, func(b []byte, s Style) []byte { return AppendOpenFlags(b, 0o2000000, s) }, "0x80000"},
		{Verbose, func(b []byte, s Style) []byte { return AppendOpenFlags(b, 0o2000000, s) }, "0x80000 /* O_RDONLY|O_CLOEXEC */"},
		{Verbose, func(b []byte, s Style) []byte { return whenceCodes.AppendValue(b, 0, s) }, "0 /* SEEK_SET */"},
		{Raw, func(b []byte, s Style) []byte { return whenceCodes.AppendValue(b, 7, s) }, "0x7"},
		{Verbose, func(b []byte, s Style) []byte { return whenceCodes.AppendValue(b, 7, s) }, "0x7 /* SEEK_??? */"},
		// socket(2)'s type: the type and the flags each styled on its own
		{Raw, func(b []byte, s Style) []byte { return socketType.AppendFlags(b, 0x80003, s) }, "0x3|0x80000"},
		{Verbose, func(b []byte, s Style) []byte { return socketType.AppendFlags(b, 0x80003, s) }, "0x3 /* SOCK_RAW */|0x80000 /* SOCK_CLOEXEC */"},
		{Abbrev, func(b []byte, s Style) []byte { return socketType.AppendFlags(b, 0x80003, s) }, "SOCK_RAW|SOCK_CLOEXEC"},
		{Verbose, func(b []byte, s Style) []byte { return socketType.AppendFlags(b, 0xf, s) }, "0xf /* SOCK_??? */"},
		{Raw, func(b []byte, s Style) []byte { return AppendSignal(b, 10, s) }, "10"},
		{Verbose, func(b []byte, s Style) []byte { return AppendSignal(b, 10, s) }, "10 /* SIGUSR1 */"},
		{Verbose, func(b []byte, s Style) []byte { return AppendSignal(b, 100, s) }, "100"},
		{Verbose, func(b []byte, s Style) []byte { return AppendSigsetMember(b, 12, s) }, "12 /* USR2 */"},
		{Raw, func(b []byte, s Style) []byte { return statxFlags.AppendFlags(b, 0x100, s) }, "|0x100"},
		{Verbose, func(b []byte, s Style) []byte { return statxFlags.AppendFlags(b, 0x100, s) }, "0 /* AT_STATX_SYNC_AS_STAT */|0x100 /* AT_SYMLINK_NOFOLLOW */"},
		{Raw, func(b []byte, s Style) []byte { return OpenFlags.AppendFlagsAbbrev(b, 0o2000000) }, "O_CLOEXEC"},
	} {
		if got := string(tc.print(nil, tc.style)); got != tc.want {
			t.Errorf("style %d: got %q, want %q", tc.style, got, tc.want)
		}
	}
}
