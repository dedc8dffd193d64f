package filter

import (
	"slices"
	"strconv"
	"strings"
)

// reDupMax is glibc's RE_DUP_MAX: the largest count of an interval.
const reDupMax = 0x7fff

// glibcERE checks pattern as glibc's regcomp reads a POSIX extended
// regular expression where it differs from Go's parser, and returns it
// spelled for Go, or glibc's message for an error Go would not see:
//   - a repetition (*, +, ?, {) with nothing to repeat (at the start, after
//     "(", "|", "^" or "$") is an error; Go takes "{" there as a literal;
//   - an interval "{" must be well formed ("{N}", "{N,}", "{,M}", "{N,M}",
//     "{,}", counts up to RE_DUP_MAX); Go takes a malformed one as
//     literals, and spells "{,M}" as "{0,M}";
//   - an unmatched ")" is a literal.
//
// Unterminated bracket expressions and unknown class names are glibc's
// errors too; the other errors both parsers see are left to Go.
func glibcERE(pattern string) (goPattern, msg string) {
	var b strings.Builder
	const (
		none   = iota // nothing to repeat: the start, after ( or |
		anchor        // after ^ or $
		atom
	)
	prev, depth := none, 0
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		switch c {
		case '\\':
			if i+1 == len(pattern) {
				return "", "Trailing backslash"
			}
			b.WriteString(pattern[i : i+2])
			i++
			prev = atom
			continue
		case '[':
			end, msg := bracketEnd(pattern, i)
			if msg != "" {
				return "", msg
			}
			switch {
			case end < 0 && strings.TrimPrefix(pattern[i+1:], "^") == "":
				return "", "Invalid regular expression" // nothing after "[" or "[^"
			case end < 0:
				return "", "Unmatched [, [^, [:, [., or [="
			}
			b.WriteString(pattern[i : end+1])
			i, prev = end, atom
			continue
		case '(':
			depth++
			prev = none
		case ')':
			if depth == 0 {
				b.WriteString(`\)`)
				prev = atom
				continue
			}
			depth--
			prev = atom
		case '|':
			prev = none
		case '^', '$':
			prev = anchor
		case '*', '+', '?':
			if prev != atom {
				return "", "Invalid preceding regular expression"
			}
		case '{':
			if prev != atom {
				return "", "Invalid preceding regular expression"
			}
			end := strings.IndexByte(pattern[i:], '}')
			if end < 0 {
				return "", `Unmatched \{`
			}
			interval, msg := dupCounts(pattern[i+1 : i+end])
			if msg != "" {
				return "", msg
			}
			b.WriteString(interval)
			i += end
			continue
		default:
			prev = atom
		}
		b.WriteByte(c)
	}
	return b.String(), ""
}

// dupCounts checks the inside of an interval, as glibc does, and returns
// the interval as Go spells it.
func dupCounts(s string) (string, string) {
	const bad = `Invalid content of \{\}`
	loS, hiS, comma := strings.Cut(s, ",")
	count := func(d string, empty int) (int, bool) {
		if d == "" {
			return empty, true
		}
		if strings.Trim(d, "0123456789") != "" {
			return 0, false
		}
		n, err := strconv.Atoi(d)
		if err != nil || n > reDupMax {
			n = reDupMax + 1
		}
		return n, true
	}
	if s == "" {
		return "", bad
	}
	lo, ok1 := count(loS, 0)
	hi, ok2 := count(hiS, -1)
	if !ok1 || !ok2 {
		return "", bad
	}
	if !comma {
		hi = lo
	}
	if hi != -1 && lo > hi {
		return "", bad
	}
	if lo > reDupMax || hi > reDupMax {
		return "", "Regular expression too big"
	}
	// Go's parser takes counts up to 1000: the same for names shorter
	lo, hi = clampRepeat(lo), clampRepeat(hi)
	switch {
	case !comma:
		return "{" + strconv.Itoa(lo) + "}", ""
	case hi == -1:
		return "{" + strconv.Itoa(lo) + ",}", ""
	}
	return "{" + strconv.Itoa(lo) + "," + strconv.Itoa(hi) + "}", ""
}

// clampRepeat lowers a count past Go's limit of 1000 to 1000, which
// matches the same syscall names (all far shorter).
func clampRepeat(n int) int { return min(n, 1000) }

// bracketEnd returns the index of the "]" closing the bracket expression
// that starts at pattern[start], or -1: a "]" first (after an optional
// "^") is a member, and "[:", "[." and "[=" open names closed by ":]",
// ".]" and "=]"; or glibc's message for a class name it does not know.
func bracketEnd(pattern string, start int) (int, string) {
	i := start + 1
	if i < len(pattern) && pattern[i] == '^' {
		i++
	}
	if i < len(pattern) && pattern[i] == ']' {
		i++
	}
	for ; i < len(pattern); i++ {
		switch {
		case pattern[i] == ']':
			return i, ""
		case pattern[i] == '[' && i+1 < len(pattern) && strings.IndexByte(":.=", pattern[i+1]) >= 0:
			end := strings.Index(pattern[i+2:], string(pattern[i+1])+"]")
			if end < 0 {
				return -1, ""
			}
			if name := pattern[i+2 : i+2+end]; pattern[i+1] == ':' && !slices.Contains(charClasses, name) {
				return -1, "Invalid character class name"
			}
			i += 2 + end + 1
		}
	}
	return -1, ""
}

// charClasses are the names of POSIX character classes, [:alpha:].
var charClasses = []string{"alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "xdigit"}
