package filter

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/gotrace/gotrace/internal/syscalltbl"
)

// classNames are the classes -e trace= accepts, as strace 6.1 spells them
// (case matters); the names without % are strace's legacy spellings.
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
	"desc": syscalltbl.ClassDesc, "file": syscalltbl.ClassFile,
	"memory": syscalltbl.ClassMemory, "process": syscalltbl.ClassProcess,
	"signal": syscalltbl.ClassSignal, "ipc": syscalltbl.ClassIPC,
	"network": syscalltbl.ClassNetwork,
}

// markSyscalls marks the syscalls one -e trace= token selects, as strace
// reads it: ?TOKEN (no error when it selects nothing), a number, /REGEX
// (matching anywhere in the name), %CLASS, or a name.
func markSyscalls(token string, want []bool) error {
	optional := false
	for strings.HasPrefix(token, "?") {
		token, optional = token[1:], true
	}
	found, err := markSyscallToken(token, want)
	switch {
	case err != nil:
		return err
	case found || optional:
		return nil
	case token == "" || token[0] == '/' || token[0] == '%' || (token[0] >= '0' && token[0] <= '9'):
		return fmt.Errorf("invalid system call '%s'", token)
	}
	_, err = syscallNumber(token) // its error suggests a name
	return err
}

func markSyscallToken(token string, want []bool) (bool, error) {
	found := false
	switch {
	case token == "":
	case token[0] >= '0' && token[0] <= '9':
		nr, err := strconv.ParseUint(token, 10, 32)
		if err == nil && syscalltbl.Lookup(int(nr)) != nil {
			want[nr], found = true, true
		}
	case token[0] == '/':
		re, err := regexp.Compile(token[1:])
		if err != nil {
			return false, fmt.Errorf("regcomp: %s: %w", token[1:], err)
		}
		for _, sc := range syscalltbl.All() {
			if re.MatchString(sc.Name) {
				want[sc.Nr], found = true, true
			}
		}
	default:
		if class, ok := classNames[token]; ok {
			for _, sc := range syscalltbl.All() {
				if syscalltbl.Classes(sc.Nr)&class == class {
					want[sc.Nr] = true
				}
			}
			return true, nil
		}
		if sc := syscalltbl.ByName(token); sc != nil {
			want[sc.Nr], found = true, true
		}
	}
	return found, nil
}
