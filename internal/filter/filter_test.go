package filter

import (
	"errors"
	"slices"
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
		{[]string{"trace=/^get(p{1}|u)id$)?"}, []string{"getpid", "getuid"}, []string{"getppid", "getgid"}},
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
	cases := map[string]string{ // strace 6.1's messages
		"trace=foo":     "invalid system call 'foo'",
		"opnat":         "invalid system call 'opnat'",
		"trace=":        "invalid system call ''",
		"trace=,":       "invalid system call ','",
		"!,,":           "invalid system call '!,,'",
		"signal=SIGFOO": "invalid signal 'SIGFOO'",
		"signal=":       "invalid signal ''",
		"status=bogus":  "invalid status 'bogus'",
		"quiet=foo":     "invalid quiet 'foo'",
		"read=x":        "invalid descriptor 'x'",
		"write=":        "invalid descriptor ''",
		"abbrev=":       "invalid system call ''",
		"trace=%FILE":   "invalid system call '%FILE'",
		"trace=%foo":    "invalid system call '%foo'",
		"trace=/zzzq":   "invalid system call '/zzzq'",
		"trace=/[a":     "regcomp: [a: Unmatched [, [^, [:, [., or [=",
		"trace=/get[":   "regcomp: get[: Invalid regular expression",
		"trace=/(":      "regcomp: (: Unmatched ( or \\(",
		"trace=/+a":     "regcomp: +a: Invalid preceding regular expression",
		// glibc's ERE where Go's parser differs
		"trace=/{id":        "regcomp: {id: Invalid preceding regular expression",
		"trace=/x|{1}":      "regcomp: x|{1}: Invalid preceding regular expression",
		"trace=/^*":         "regcomp: ^*: Invalid preceding regular expression",
		"trace=/a{":         "regcomp: a{: Unmatched \\{",
		"trace=/a{x":        "regcomp: a{x: Unmatched \\{",
		"trace=/a{1x}":      "regcomp: a{1x}: Invalid content of \\{\\}",
		"trace=/a{}":        "regcomp: a{}: Invalid content of \\{\\}",
		"trace=/a{2;1}":     "regcomp: a{2;1}: Invalid content of \\{\\}",
		"trace=/a{32768}":   "regcomp: a{32768}: Regular expression too big",
		"trace=/[[:foo:]]x": "regcomp: [[:foo:]]x: Invalid character class name",
		"trace=/[":          "regcomp: [: Invalid regular expression",
		"trace=/a\\":        "regcomp: a\\: Trailing backslash",
		"trace=9999":        "invalid system call '9999'",
		"trace=mmap2@64":    "invalid system call 'mmap2@64'",
		"trace=read@foo":    "incorrect personality designator 'foo' in qualification 'read@foo'",
	}
	for expr, want := range cases {
		_, err := Parse([]string{expr})
		if err == nil || err.Error() != want {
			t.Errorf("Parse(%q) = %v, want %q", expr, err, want)
		}
	}
}

// A mistyped name or class carries the nearest one, for a hint on a
// terminal.
func TestNearestName(t *testing.T) {
	for expr, want := range map[string]string{"opnat": "openat", "trace=execv": "execve", "trace=%fiel": "%file", "trace=zzzzzzzz": ""} {
		_, err := Parse([]string{expr})
		var ne *NameError
		if !errors.As(err, &ne) || ne.Near != want {
			t.Errorf("Parse(%q) = %v, want a NameError near %q", expr, err, want)
		}
	}
}

// What strace accepts and gotrace must too: empty items, x86_64's other
// personalities (which select nothing for 64-bit tasks), all in a list.
func TestParseStraceSyntax(t *testing.T) {
	cases := []struct {
		expr    string
		in, out []string
	}{
		{"read,,write,", []string{"read", "write"}, []string{"openat"}},
		{"trace=mmap2", nil, []string{"mmap", "read"}},
		{"trace=read@64", []string{"read"}, []string{"write"}},
		{"trace=read@32", nil, []string{"read"}},
		{"trace=read@x32,write", []string{"write"}, []string{"read"}},
		{"trace=400", nil, []string{"read"}},
		{"trace=%file@32", nil, []string{"openat"}},
		{"trace=getpid,all", []string{"read", "getpid"}, nil},
		{"trace=?nosuch@32", nil, []string{"read"}},
	}
	for _, c := range cases {
		sel, err := Parse([]string{c.expr})
		if err != nil {
			t.Fatalf("Parse(%q): %v", c.expr, err)
		}
		for _, name := range c.in {
			if !sel.Syscalls.Has(nr(t, name)) {
				t.Errorf("Parse(%q) does not select %s", c.expr, name)
			}
		}
		for _, name := range c.out {
			if sel.Syscalls.Has(nr(t, name)) {
				t.Errorf("Parse(%q) selects %s", c.expr, name)
			}
		}
	}
}

func TestParseQualifiers(t *testing.T) {
	sel, err := Parse([]string{"quiet=exit,path-resolution", "read=3,5", "w=!1", "v=none", "x=read", "silent=!attach"})
	if err != nil {
		t.Fatal(err)
	}
	if !sel.Quiet.Has(QuietExit) || !sel.Quiet.Has(QuietThreadExecve) || sel.Quiet.Has(QuietAttach) {
		t.Errorf("quiet: the last -e quiet= must win: %+v", sel.Quiet)
	}
	if !sel.Read.Has(3) || !sel.Read.Has(5) || sel.Read.Has(4) || sel.Write.Has(1) || !sel.Write.Has(2) {
		t.Errorf("read=/write= sets wrong: %+v %+v", sel.Read, sel.Write)
	}
	if sel.Verbose.Has(nr(t, "read")) || !sel.Raw.Has(nr(t, "read")) || sel.Raw.Has(nr(t, "write")) {
		t.Error("verbose=/raw= sets wrong")
	}
	if sel.Abbrev != nil {
		t.Error("abbrev= not given, but set")
	}
	for expr, want := range map[string]string{"t=read": "trace", "decode-fd=all": "decode-fds", "inject=x": "inject", "quiet": "trace", "writes=1": "write"} {
		if q, _ := Qualifier(expr); q != want {
			t.Errorf("Qualifier(%q) = %q, want %q", expr, q, want)
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
