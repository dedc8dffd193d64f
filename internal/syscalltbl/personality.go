package syscalltbl

import "slices"

// Personality is one of the syscall ABIs of x86_64, named as strace's
// -e trace=NAME@PERSONALITY names them. gotrace traces 64-bit tasks: a
// selection in the others is valid and selects nothing.
type Personality uint8

// x86_64's personalities.
const (
	Native Personality = iota // "64"
	I386                      // "32"
	X32                       // "x32"
	numPersonalities
)

var personalityNames = [numPersonalities]string{"64", "32", "x32"}

// ParsePersonality reads a personality designator: "64", "32" or "x32".
func ParsePersonality(s string) (Personality, bool) {
	i := slices.Index(personalityNames[:], s)
	return Personality(i), i >= 0
}

// OtherNames returns the syscall names of personality p, by number (an
// empty string where p has no syscall); nil for Native, whose table is
// All.
func OtherNames(p Personality) []string {
	switch p {
	case I386:
		return i386Names[:]
	case X32:
		return x32Names[:]
	}
	return nil
}
