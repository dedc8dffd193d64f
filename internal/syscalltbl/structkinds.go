package syscalltbl

// Kinds of structs and scalars the kernel reads or fills through a
// pointer, numbered apart from the others so that the lists can grow
// independently.
const (
	TimexOut  Kind = 96 + iota // struct timex * the kernel reads and fills: printed at exit (adjtimex)
	RusageOut                  // struct rusage * filled by the kernel at exit
	StatfsOut                  // struct statfs * filled by the kernel at exit
	RefIn                      // pointer to one scalar of the pointer's C type, read at enter: [-1]
	RefOut                     // pointer to one scalar of the pointer's C type, filled by the kernel at exit
)

// Pointee is the argument a pointer argument points to: its C type without
// the last "*", so that Bits, Signed and Value tell how to read it.
func (a *Arg) Pointee() Arg {
	t := a.Type
	if i := len(t) - 1; i >= 0 && t[i] == '*' {
		t = t[:i]
	}
	for len(t) > 0 && t[len(t)-1] == ' ' {
		t = t[:len(t)-1]
	}
	return Arg{Name: a.Name, Type: t, Kind: Int, LenArg: -1}
}
