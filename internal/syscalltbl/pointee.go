package syscalltbl

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
