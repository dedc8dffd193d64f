package syscalltbl

import (
	"slices"
	"testing"
)

func TestLookup(t *testing.T) {
	t.Parallel()
	// numbers and names as strace 6.1 prints them on x86_64
	for nr, name := range map[int]string{
		0: "read", 1: "write", 2: "open", 4: "stat", 5: "fstat", 9: "mmap",
		15: "rt_sigreturn", 17: "pread64", 40: "sendfile", 56: "clone",
		59: "execve", 61: "wait4", 63: "uname", 166: "umount2",
		231: "exit_group", 257: "openat", 262: "newfstatat", 334: "rseq",
		424: "pidfd_send_signal", 435: "clone3", 450: "set_mempolicy_home_node",
	} {
		sc := Lookup(nr)
		if sc == nil || sc.Name != name || sc.Nr != nr {
			t.Errorf("Lookup(%d) = %+v, want %s", nr, sc, name)
			continue
		}
		if ByName(name) != sc {
			t.Errorf("ByName(%q) is not Lookup(%d)", name, nr)
		}
	}
	for _, nr := range []int{-1, 335, 423, 451, 1 << 20} {
		if sc := Lookup(nr); sc != nil {
			t.Errorf("Lookup(%d) = %s, want nil", nr, sc.Name)
		}
	}
	if sc := ByName("nosuchcall"); sc != nil {
		t.Errorf("ByName(nosuchcall) = %+v", sc)
	}
}

func TestTable(t *testing.T) {
	t.Parallel()
	all := All()
	if !slices.IsSortedFunc(all, func(a, b Syscall) int { return a.Nr - b.Nr }) {
		t.Error("All is not in number order")
	}
	if m := Max(); m != all[len(all)-1].Nr+1 || m >= 512 {
		t.Errorf("Max() = %d, last syscall %d", m, all[len(all)-1].Nr)
	}
	for _, sc := range all {
		if len(sc.Args) > 6 {
			t.Errorf("%s: %d arguments", sc.Name, len(sc.Args))
		}
		for i, a := range sc.Args {
			needLen := TakesLen(a.Kind)
			if needLen != (a.LenArg >= 0) || int(a.LenArg) >= len(sc.Args) || int(a.LenArg) == i {
				t.Errorf("%s: argument %s: kind %d, length argument %d", sc.Name, a.Name, a.Kind, a.LenArg)
			}
		}
	}
}

// kinds spells a syscall's argument kinds and return kind, for comparison.
type kinds struct {
	args []Kind
	ret  Ret
}

func TestKinds(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]kinds{
		"read":         {[]Kind{FD, BufOut, Uint}, RetInt},
		"write":        {[]Kind{FD, BufIn, Uint}, RetInt},
		"open":         {[]Kind{Path, OpenFlags, Mode}, RetFD},
		"openat":       {[]Kind{DirFD, Path, OpenFlags, Mode}, RetFD},
		"close":        {[]Kind{FD}, RetInt},
		"execve":       {[]Kind{Path, Argv, Envp}, RetInt},
		"execveat":     {[]Kind{DirFD, Path, Argv, Envp, AtFlags}, RetInt},
		"clone":        {[]Kind{CloneFlags, Ptr, TidOut, Ptr, Ptr}, RetPid},
		"clone3":       {[]Kind{Clone3Args, Uint}, RetPid},
		"fork":         {nil, RetPid},
		"vfork":        {nil, RetPid},
		"exit":         {[]Kind{Int}, RetNone},
		"exit_group":   {[]Kind{Int}, RetNone},
		"wait4":        {[]Kind{Pid, WaitStatus, WaitOptions, RusageOut}, RetPid},
		"kill":         {[]Kind{Pid, Signal}, RetInt},
		"tkill":        {[]Kind{Pid, Signal}, RetInt},
		"tgkill":       {[]Kind{Pid, Pid, Signal}, RetInt},
		"mmap":         {[]Kind{Ptr, Uint, Flags, Flags, FD, Hex}, RetHex},
		"brk":          {[]Kind{Ptr}, RetHex},
		"access":       {[]Kind{Path, Flags}, RetInt},
		"faccessat":    {[]Kind{DirFD, Path, Flags}, RetInt},
		"unlink":       {[]Kind{Path}, RetInt},
		"unlinkat":     {[]Kind{DirFD, Path, AtFlags}, RetInt},
		"getpid":       {nil, RetPid},
		"getppid":      {nil, RetPid},
		"gettid":       {nil, RetPid},
		"rt_sigreturn": {[]Kind{SigreturnMask}, RetInt},
		"newfstatat":   {[]Kind{DirFD, Path, StatOut, AtFlags}, RetInt},
		"fstat":        {[]Kind{FD, StatOut}, RetInt},
		"pipe2":        {[]Kind{PipeFds, Flags}, RetInt},
		"dup2":         {[]Kind{FD, NewFD}, RetFD},
		"umask":        {[]Kind{Mode}, RetOctal},
		"preadv":       {[]Kind{FD, IovOut, Uint, Int}, RetInt},
		"afs_syscall":  {[]Kind{Hex, Hex, Hex, Hex, Hex}, RetInt},
	} {
		sc := ByName(name)
		if sc == nil {
			t.Errorf("no syscall %s", name)
			continue
		}
		var got kinds
		for _, a := range sc.Args {
			got.args = append(got.args, a.Kind)
		}
		got.ret = sc.Ret
		if !slices.Equal(got.args, want.args) || got.ret != want.ret {
			t.Errorf("%s: kinds %v ret %d, want %v ret %d", name, got.args, got.ret, want.args, want.ret)
		}
	}
	if a := ByName("write").Args[1]; a.LenArg != 2 || a.Name != "buf" || a.Type != "const char *" {
		t.Errorf("write's buf: %+v", a)
	}
	if a := ByName("clone3").Args[0]; a.LenArg != 1 {
		t.Errorf("clone3's struct: %+v", a)
	}
}
