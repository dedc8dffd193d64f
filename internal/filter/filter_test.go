package filter

import (
	"slices"
	"strings"
	"testing"

	"github.com/gotrace/gotrace/internal/syscalltbl"
)

func nr(t *testing.T, name string) int {
	t.Helper()
	sc := syscalltbl.ByName(name)
	if sc == nil {
		t.Fatalf("no syscall %s", name)
	}
	return sc.Nr
}

func TestParse(t *testing.T) {
	t.Parallel()
	cases := []struct {
		exprs   []string
		in, out []string
	}{
		{nil, []string{"read", "execve"}, nil},
		{[]string{"clone,execve"}, []string{"clone", "execve"}, []string{"read"}},
		{[]string{"trace=openat"}, []string{"openat"}, []string{"open", "read"}},
		{[]string{"trace=!write"}, []string{"read", "execve"}, []string{"write"}},
		{[]string{"!!write"}, []string{"write"}, []string{"read"}},
		{[]string{"trace=none"}, nil, []string{"read", "execve"}},
		{[]string{"trace=all"}, []string{"read", "execve"}, nil},
		// each trace= replaces the selection before it, as in strace
		{[]string{"trace=read", "trace=write"}, []string{"write"}, []string{"read"}},
		// classes, regexes, numbers and optional names, as strace reads them
		{[]string{"trace=%file"}, []string{"openat", "execve", "stat"}, []string{"read", "fstat"}},
		{[]string{"%net,%clock"}, []string{"socket", "sendto", "clock_gettime"}, []string{"read"}},
		{[]string{"trace=%%stat"}, []string{"stat", "lstat", "fstat", "newfstatat", "statx"}, []string{"statfs"}},
		{[]string{"trace=!%desc"}, []string{"execve", "getpid"}, []string{"read", "openat"}},
		{[]string{"trace=process"}, []string{"clone", "exit_group", "wait4"}, []string{"openat"}},
		{[]string{"trace=/^get.*id$"}, []string{"getpid", "getuid", "getppid"}, []string{"getcwd", "setuid"}},
		{[]string{"trace=/stat"}, []string{"statfs", "fstat", "newfstatat"}, []string{"read"}},
		{[]string{"trace=39,?nosuch"}, []string{"getpid"}, []string{"read"}},
	}
	for _, c := range cases {
		sel, err := Parse(c.exprs)
		if err != nil {
			t.Fatalf("Parse(%q): %v", c.exprs, err)
		}
		s := sel.Syscalls
		for _, name := range c.in {
			if !s.Has(nr(t, name)) {
				t.Errorf("Parse(%q) does not select %s", c.exprs, name)
			}
		}
		for _, name := range c.out {
			if s.Has(nr(t, name)) {
				t.Errorf("Parse(%q) selects %s", c.exprs, name)
			}
		}
	}
}

func TestParseSignals(t *testing.T) {
	t.Parallel()
	cases := map[string][]int{ // expression -> selected among 1..64
		"signal=USR1,11": {10, 11},
		"s=sigchld":      {17},
		"signal=none":    {},
	}
	for expr, want := range cases {
		sel, err := Parse([]string{expr})
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		for sig := 1; sig <= 64; sig++ {
			if sel.Signals.Has(sig) != slices.Contains(want, sig) {
				t.Errorf("%s: signal %d selected %v", expr, sig, sel.Signals.Has(sig))
			}
		}
	}
	sel, err := Parse([]string{"signal=!SIGUSR1"})
	if err != nil || sel.Signals.Has(10) || !sel.Signals.Has(17) {
		t.Errorf("signal=!SIGUSR1: %v", err)
	}
	if !sel.Syscalls.Has(nr(t, "read")) {
		t.Error("signal= changed the syscall selection")
	}
}

// Numbers the table does not know are always traced, as strace does.
func TestUnknownNumbers(t *testing.T) {
	t.Parallel()
	const unknown = 500
	for exprs, want := range map[string]bool{"": true, "trace=all": true, "!write": true, "read": true, "none": true} {
		var list []string
		if exprs != "" {
			list = []string{exprs}
		}
		sel, err := Parse(list)
		if err != nil {
			t.Fatal(err)
		}
		if sel.Syscalls.Has(unknown) != want {
			t.Errorf("-e %q: syscall %d selected %v, want %v", exprs, unknown, sel.Syscalls.Has(unknown), want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"trace=foo":     "invalid system call 'foo'",
		"opnat":         "invalid system call 'opnat' (did you mean 'openat'?)",
		"trace=execv":   "(did you mean 'execve'?)",
		"read,,write":   "empty name",
		"trace=":        "empty list",
		"signal=SIGFOO": "invalid signal 'SIGFOO'",
		"abbrev=none":   "invalid -e qualifier",
		"status=bogus":  "invalid status 'bogus'",
		"trace=%FILE":   "invalid system call '%FILE'",
		"trace=%foo":    "invalid system call '%foo'",
		"trace=/zzzq":   "invalid system call '/zzzq'",
		"trace=/get[":   "regcomp: get[: ",
		"trace=9999":    "invalid system call '9999'",
	}
	for expr, want := range cases {
		_, err := Parse([]string{expr})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want an error containing %q", expr, err, want)
		}
	}
}

// Parse must never panic, and a set it returns answers for every number.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{"trace=openat,close", "!write", "none", "all", "t=!!read", "trace=", ",", "%file", "signal=INT"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		sel, err := Parse([]string{expr})
		if err != nil {
			if sel.Syscalls != nil {
				t.Fatal("a selection together with an error")
			}
			return
		}
		for nr := -1; nr < 600; nr++ {
			sel.Syscalls.Has(nr)
			sel.Signals.Has(nr)
		}
	})
}
