package syscalltbl

import "strconv"

// Kind says what an argument means and so how it is captured and printed.
// The kinds and what they mean are listed once, in gen/inputs/kinds.txt,
// from which gen/kinds makes zkinds.go.
type Kind uint8

// KindInfo is what the registry says of a kind.
type KindInfo struct {
	// Word is the kind's word in gen/inputs/overlay.txt: its String, and
	// its name in --json.
	Word string
	// TakesLen says that the overlay names the argument holding its
	// length (bufin/2), which is Arg.LenArg.
	TakesLen bool
	// AtExit says that strace prints it, and the arguments after it,
	// when the syscall returns.
	AtExit bool
	// Enter and Exit are what the kernel side captures of it then: an
	// enum cap_kind of bpf/event.h, 0 for nothing.
	Enter, Exit uint8
	// ArgvWhenVerbose: under -v the kernel side reads the strings of
	// the array (CAP_ARGV) instead of Enter.
	ArgvWhenVerbose bool
	// Size is how many bytes the kernel side reads, 0 when the capture
	// sizes itself; StrSize: -s of them (and two more, to tell "..."),
	// and at least Size, and StrExtra more before them (a struct's
	// header before its text).
	Size     uint16
	StrSize  bool
	StrExtra uint16
	// StrMax: with StrSize, at most Size (a string the kernel reads no
	// more of, memfd_create's name), not at least.
	StrMax bool
	// PointeeSize: as many bytes as what the argument's C type points to.
	PointeeSize bool
	// Length says whether an array's length is the argument LenArg or
	// the return value.
	Length Length
}

// Length is where the length of an array argument comes from.
type Length uint8

// Lengths of arrays.
const (
	LengthNone Length = iota
	LengthArg         // the argument Arg.LenArg
	LengthRet         // the return value
)

// Info is what the registry says of k.
func (k Kind) Info() *KindInfo {
	if int(k) >= len(kindInfo) {
		return &KindInfo{}
	}
	return &kindInfo[k]
}

// String is k's word in the overlay, e.g. "bufin".
func (k Kind) String() string {
	if int(k) >= len(kindInfo) {
		return "Kind(" + strconv.Itoa(int(k)) + ")"
	}
	return kindInfo[k].Word
}

// Kinds returns every kind, in the registry's order.
func Kinds() []Kind {
	ks := make([]Kind, numKinds)
	for i := range ks {
		ks[i] = Kind(i)
	}
	return ks
}

// TakesLen reports whether arguments of kind k name their length argument.
func TakesLen(k Kind) bool { return k.Info().TakesLen }
