package syscalltbl

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gotrace/gotrace/internal/xlat"
)

// xlatDir holds the name lists the xlat tables are generated from.
const xlatDir = "../../gen/inputs/xlat"

// markedFlags reports whether gen/inputs/xlat/name.in has the @flags
// directive: a table of bits.
func markedFlags(t *testing.T, name string) bool {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(xlatDir, name+".in"))
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(data)) {
		if f := strings.Fields(line); len(f) == 1 && f[0] == "@flags" {
			return true
		}
	}
	return false
}

// TestXlatNames checks that every Flags or Enum argument names an xlat
// table, of bits for Flags and of values for Enum, and that no other
// argument names one.
func TestXlatNames(t *testing.T) {
	t.Parallel()
	n := 0
	for _, sc := range All() {
		for _, a := range sc.Args {
			if a.Kind != Flags && a.Kind != Enum {
				if a.Xlat != "" {
					t.Errorf("%s: argument %s of kind %d names xlat table %q", sc.Name, a.Name, a.Kind, a.Xlat)
				}
				continue
			}
			n++
			if xlat.ByName(a.Xlat) == nil {
				t.Errorf("%s: argument %s: no xlat table %q", sc.Name, a.Name, a.Xlat)
				continue
			}
			if flags := markedFlags(t, a.Xlat); flags != (a.Kind == Flags) {
				t.Errorf("%s: argument %s: kind %d, but %s.in has @flags %v", sc.Name, a.Name, a.Kind, a.Xlat, flags)
			}
		}
	}
	if n == 0 {
		t.Error("no argument names an xlat table")
	}
}

// TestXlatArgs checks which table the arguments of some syscalls take.
func TestXlatArgs(t *testing.T) {
	t.Parallel()
	for name, want := range map[string][]string{
		"mmap":            {"", "", "mmap_prot", "mmap_flags", "", ""},
		"mprotect":        {"", "", "mmap_prot"},
		"access":          {"", "access_modes"},
		"faccessat2":      {"", "", "access_modes", "faccessat_flags"},
		"arch_prctl":      {"archvals", ""},
		"prlimit64":       {"", "resources", "", ""},
		"rt_sigprocmask":  {"sigprocmaskcmds", "", "", ""},
		"fcntl":           {"", "fcntlcmds", ""},
		"pipe2":           {"", "open_flags"},
		"dup3":            {"", "", "open_flags"},
		"clock_nanosleep": {"clocknames", "clockflags", "", ""},
		"socket":          {"addrfams", "socket_type", ""},
	} {
		sc := ByName(name)
		if sc == nil {
			t.Errorf("no syscall %s", name)
			continue
		}
		var got []string
		for _, a := range sc.Args {
			got = append(got, a.Xlat)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: xlat tables %q, want %q", name, got, want)
		}
	}
	// the kinds strace's decoders keep next to the tables
	for name, want := range map[string][]Kind{
		"prlimit64":      {Pid, Enum, RlimitIn, RlimitOut},
		"getrlimit":      {Enum, RlimitOut},
		"rt_sigprocmask": {Enum, SigsetIn, SigsetOut, Uint},
		"clock_gettime":  {Enum, TimespecOut},
		"pipe2":          {PipeFds, Flags},
		"socketpair":     {Enum, Flags, Uint, PipeFds},
	} {
		var got []Kind
		for _, a := range ByName(name).Args {
			got = append(got, a.Kind)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: kinds %v, want %v", name, got, want)
		}
	}
}
