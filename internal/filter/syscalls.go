package filter

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"

	"github.com/gotrace/gotrace/internal/syscalltbl"
)

// classNames are the classes -e trace= accepts, as strace 6.1 spells them
// (case matters); the names without % are strace's legacy spellings, and
// all is the class of every syscall.
var classNames = map[string]syscalltbl.Class{
	"%desc": syscalltbl.ClassDesc, "%file": syscalltbl.ClassFile,
	"%memory": syscalltbl.ClassMemory, "%process": syscalltbl.ClassProcess,
	"%creds": syscalltbl.ClassCreds, "%signal": syscalltbl.ClassSignal,
	"%ipc": syscalltbl.ClassIPC, "%net": syscalltbl.ClassNetwork,
	"%network": syscalltbl.ClassNetwork, "%stat": syscalltbl.ClassStat,
	"%lstat": syscalltbl.ClassLstat, "%fstat": syscalltbl.ClassFstat,
	"%%stat": syscalltbl.ClassStatLike, "%statfs": syscalltbl.ClassStatfs,
	"%fstatfs": syscalltbl.ClassFstatfs, "%%statfs": syscalltbl.ClassStatfsLike,
	"%pure": syscalltbl.ClassPure, "%clock": syscalltbl.ClassClock,
	"all": 0, "desc": syscalltbl.ClassDesc, "file": syscalltbl.ClassFile,
	"memory": syscalltbl.ClassMemory, "process": syscalltbl.ClassProcess,
	"signal": syscalltbl.ClassSignal, "ipc": syscalltbl.ClassIPC,
	"network": syscalltbl.ClassNetwork,
}

// NameError is an -e trace= item that names no syscall. Near is the
// syscall or class it is nearest to, when near enough to be a typo; the
// message is strace's, without it.
type NameError struct {
	Item, Near string
}

func (e *NameError) Error() string { return fmt.Sprintf("invalid system call '%s'", e.Item) }

// UsageError is a mistake strace follows with its "Try -h" line.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// parseSyscalls reads a syscall list: trace=, abbrev=, verbose=, raw=.
func parseSyscalls(list string) (*Set, error) {
	want, err := parseList(list, syscalltbl.Max(), "system call", markSyscalls)
	if err != nil {
		return nil, err
	}
	return &Set{sel: want}, nil
}

// markSyscalls marks the syscalls one -e trace= item selects, as strace
// reads it: ?ITEM (no error when it selects nothing), then a number,
// /REGEX (matching anywhere in the name), %CLASS or a name, each
// optionally @PERSONALITY. An item valid only in x86_64's other
// personalities (mmap2, read@32) is accepted and selects nothing: gotrace
// traces 64-bit tasks.
func markSyscalls(item string, want []bool) error {
	token := item
	optional := false
	for strings.HasPrefix(token, "?") {
		token, optional = token[1:], true
	}
	pers := []syscalltbl.Personality{syscalltbl.Native, syscalltbl.I386, syscalltbl.X32}
	if i := strings.LastIndexByte(token, '@'); i >= 0 {
		p, ok := syscalltbl.ParsePersonality(token[i+1:])
		if !ok {
			return &UsageError{fmt.Sprintf("incorrect personality designator '%s' in qualification '%s'", token[i+1:], token)}
		}
		pers, token = []syscalltbl.Personality{p}, token[:i]
	}
	found := false
	for _, p := range pers {
		f, err := markSyscallToken(token, p, want)
		if err != nil {
			return err
		}
		found = found || f
	}
	if found || optional {
		return nil
	}
	e := &NameError{Item: item}
	if token == item {
		e.Near = closest(token)
	}
	return e
}

// markSyscallToken marks what token selects in personality p (only the
// native one has syscalls gotrace traces) and reports whether it selects
// anything there.
func markSyscallToken(token string, p syscalltbl.Personality, want []bool) (bool, error) {
	names := syscalltbl.OtherNames(p)
	has := func(nr int) bool {
		if p == syscalltbl.Native {
			return syscalltbl.Lookup(nr) != nil
		}
		return nr >= 0 && nr < len(names) && names[nr] != ""
	}
	mark := func(nr int) {
		if p == syscalltbl.Native {
			want[nr] = true
		}
	}
	found := false
	switch {
	case token == "":
	case token[0] >= '0' && token[0] <= '9':
		nr, err := strconv.ParseUint(token, 10, 31)
		if err == nil && has(int(nr)) {
			mark(int(nr))
			found = true
		}
	case token[0] == '/':
		re, err := compileRegex(token[1:])
		if err != nil {
			return false, err
		}
		for nr := range max(syscalltbl.Max(), len(names)) {
			if has(nr) && re.MatchString(syscallName(p, names, nr)) {
				mark(nr)
				found = true
			}
		}
	default:
		if class, ok := classNames[token]; ok {
			if p == syscalltbl.Native {
				for _, sc := range syscalltbl.All() {
					if syscalltbl.Classes(sc.Nr)&class == class {
						want[sc.Nr] = true
					}
				}
			}
			return true, nil
		}
		for nr := range max(syscalltbl.Max(), len(names)) {
			if has(nr) && syscallName(p, names, nr) == token {
				mark(nr)
				found = true
			}
		}
	}
	return found, nil
}

func syscallName(p syscalltbl.Personality, names []string, nr int) string {
	if p == syscalltbl.Native {
		return syscalltbl.Lookup(nr).Name
	}
	return names[nr]
}

// regexMessages are glibc's regerror texts, which strace prints, for the
// errors of Go's parser.
var regexMessages = map[syntax.ErrorCode]string{
	syntax.ErrInvalidCharClass:      "Invalid character class name",
	syntax.ErrInvalidCharRange:      "Invalid range end",
	syntax.ErrInvalidEscape:         "Invalid back reference",
	syntax.ErrInvalidRepeatOp:       "Invalid preceding regular expression",
	syntax.ErrMissingRepeatArgument: "Invalid preceding regular expression",
	syntax.ErrInvalidRepeatSize:     "Regular expression too big",
	syntax.ErrLarge:                 "Regular expression too big",
	syntax.ErrNestingDepth:          "Regular expression too big",
	syntax.ErrMissingBracket:        "Unmatched [, [^, [:, [., or [=",
	syntax.ErrMissingParen:          "Unmatched ( or \\(",
	syntax.ErrUnexpectedParen:       "Unmatched ) or \\)",
	syntax.ErrTrailingBackslash:     "Trailing backslash",
}

// compileRegex compiles an extended regular expression, reporting errors
// as strace does: "regcomp: PATTERN: MESSAGE".
func compileRegex(pattern string) (*regexp.Regexp, error) {
	goPattern, msg := glibcERE(pattern)
	if msg != "" {
		return nil, fmt.Errorf("regcomp: %s: %s", pattern, msg)
	}
	re, err := regexp.CompilePOSIX(goPattern)
	if err == nil {
		return re, nil
	}
	msg = "Invalid regular expression"
	var se *syntax.Error
	if errors.As(err, &se) {
		if m, ok := regexMessages[se.Code]; ok {
			msg = m
		}
	}
	return nil, fmt.Errorf("regcomp: %s: %s", pattern, msg)
}
