package syscalltbl

import "strconv"

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
	RetEnum             // decimal, then the name of the value in the xlat table RetXlat: "= 5 (TIME_ERROR)"
)

// Syscall describes one syscall.
type Syscall struct {
	Nr   int
	Name string
	Args []Arg
	Ret  Ret
	// RetXlat names the xlat table of a RetEnum return value, as
	// Arg.Xlat does.
	RetXlat string
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
