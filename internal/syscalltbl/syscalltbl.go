package syscalltbl

import "strconv"

// Kind says what an argument means and so how it is captured and printed.
type Kind uint8

const (
	Int          Kind = iota // signed decimal (int, long, pid_t, off_t ...)
	Uint                     // unsigned decimal (size_t, unsigned int ...)
	Hex                      // unsigned hex 0x..., e.g. unknown flags words
	Ptr                      // pointer: NULL or 0x7ffd...
	FD                       // file descriptor, printed as a signed int
	DirFD                    // AT_FDCWD or a descriptor
	Path                     // NUL-terminated path (read at enter, up to PATH_MAX)
	Str                      // NUL-terminated string, truncated at -s (read at enter)
	BufIn                    // buffer read by the kernel; length in argument LenArg (read at enter)
	BufOut                   // buffer filled by the kernel; length is the return value (read at exit)
	Argv                     // char *const argv[]
	Envp                     // char *const envp[]: printed as pointer plus /* N vars */
	OpenFlags                // O_* flags
	Mode                     // file mode, octal (0644), only meaningful with O_CREAT/O_TMPFILE for open/openat
	AtFlags                  // AT_* flags
	CloneFlags               // clone(2) flags word: CLONE_* | exit signal in the low byte
	Clone3Args               // struct clone_args *, size in argument LenArg
	Signal                   // signal number: SIGKILL
	WaitStatus               // int * filled by the kernel at exit (wait4)
	WaitOptions              // WNOHANG|...
	Pid                      // pid_t (signed decimal)
	StatOut                  // struct stat * filled by the kernel at exit
	TimespecIn               // const struct __kernel_timespec *
	TimespecOut              // struct __kernel_timespec * filled by the kernel at exit
	PipeFds                  // int[2] filled by the kernel at exit: [3, 4]
	SigsetIn                 // const sigset_t *
	SigsetOut                // sigset_t * filled by the kernel at exit
	RlimitIn                 // const struct rlimit64 * (or struct rlimit *)
	RlimitOut                // struct rlimit64 * filled by the kernel at exit
	SigactionIn              // const struct sigaction * (the kernel's layout)
	SigactionOut             // struct sigaction * filled by the kernel at exit
	Flags                    // a bit set printed with the xlat table Arg.Xlat (strace's printflags)
	Enum                     // a value printed with the xlat table Arg.Xlat (strace's printxval)
	IovIn                    // struct iovec array read by the kernel; count in argument LenArg
	IovOut                   // struct iovec array filled by the kernel (read at exit, up to the return value)
	StatxOut                 // struct statx * filled by the kernel at exit
	DirentsOut               // struct linux_dirent64 entries filled by the kernel: their count is read at exit
	StackIn                  // const stack_t * (sigaltstack)
	StackOut                 // stack_t * filled by the kernel at exit
	UtsnameOut               // struct utsname * filled by the kernel at exit
	SysinfoOut               // struct sysinfo * filled by the kernel at exit
	CPUSetIn                 // CPU mask read by the kernel; length in argument LenArg
	CPUSetOut                // CPU mask filled by the kernel; length is the return value
	ID                       // uid_t or gid_t: unsigned, but -1 (no change) as -1
	CapHeader                // struct __user_cap_header_struct *
	CapDataIn                // struct __user_cap_data_struct[2] read by the kernel
	CapDataOut               // struct __user_cap_data_struct[2] filled by the kernel at exit
	SiginfoOut               // siginfo_t * filled by the kernel at exit (waitid)
	OpenHow                  // const struct open_how *, size in argument LenArg (openat2)
	PathOut                  // a path the kernel writes, NUL included in the return value (getcwd)
	BufOutHex                // as BufOut, printed all in \xNN whatever -x says (getrandom's random bytes)
)

// Arg is one argument of a syscall.
type Arg struct {
	Name   string // from the tracepoint format, e.g. "filename"
	Type   string // C type from the tracepoint format, e.g. "const char *"
	Kind   Kind
	LenArg int8 // index of the length argument for BufIn/IovIn/IovOut/Clone3Args, else -1
	// Xlat names the xlat table of a Flags or Enum argument, for
	// xlat.ByName: the base name of its gen/inputs/xlat/NAME.in. Empty for
	// other kinds.
	Xlat string
}

// Ret says how the return value prints.
type Ret uint8

const (
	RetInt   Ret = iota // decimal; -1 ERRNO (msg) on error
	RetHex              // 0x... (mmap, brk)
	RetFD               // a descriptor
	RetNone             // never returns: exit, exit_group print "= ?"
	RetOctal            // umask
	RetPid              // a pid (fork, clone, wait4)
)

// Syscall describes one syscall.
type Syscall struct {
	Nr   int
	Name string
	Args []Arg
	Ret  Ret
}

var (
	byNr   [maxNr]*Syscall
	byName = make(map[string]*Syscall, len(table))
)

func init() {
	for i := range table {
		sc := &table[i]
		byNr[sc.Nr] = sc
		byName[sc.Name] = sc
	}
}

// Lookup returns the syscall numbered nr, or nil when nr is not a known
// x86_64 syscall.
func Lookup(nr int) *Syscall {
	if nr < 0 || nr >= len(byNr) {
		return nil
	}
	return byNr[nr]
}

// Name is the name of syscall nr as strace prints it: syscall_0x1f4 for a
// number the table does not know.
func Name(nr int) string {
	if sc := Lookup(nr); sc != nil {
		return sc.Name
	}
	return "syscall_0x" + strconv.FormatUint(uint64(nr), 16)
}

// ByName returns the syscall called name, or nil when there is none.
func ByName(name string) *Syscall {
	return byName[name]
}

// All returns every syscall in number order. The slice is shared: callers
// must not modify it.
func All() []Syscall {
	return table
}

// Max returns the highest syscall number plus one, to size arrays indexed
// by syscall number.
func Max() int {
	return maxNr
}
