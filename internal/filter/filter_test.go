package filter

import (
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
	}
	for _, c := range cases {
		s, err := Parse(c.exprs)
		if err != nil {
			t.Fatalf("Parse(%q): %v", c.exprs, err)
		}
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

// Numbers the table does not know are always traced, as strace does.
func TestUnknownNumbers(t *testing.T) {
	const unknown = 500
	for exprs, want := range map[string]bool{"": true, "trace=all": true, "!write": true, "read": true, "none": true} {
		var list []string
		if exprs != "" {
			list = []string{exprs}
		}
		s, err := Parse(list)
		if err != nil {
			t.Fatal(err)
		}
		if s.Has(unknown) != want {
			t.Errorf("-e %q: syscall %d selected %v, want %v", exprs, unknown, s.Has(unknown), want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	cases := map[string]string{
		"trace=foo":     "invalid system call 'foo'",
		"opnat":         "invalid system call 'opnat' (did you mean 'openat'?)",
		"trace=execv":   "(did you mean 'execve'?)",
		"read,,write":   "empty syscall name",
		"trace=":        "empty syscall list",
		"signal=SIGINT": "invalid -e qualifier",
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
		s, err := Parse([]string{expr})
		if err != nil {
			if s != nil {
				t.Fatal("a set together with an error")
			}
			return
		}
		for nr := -1; nr < 600; nr++ {
			s.Has(nr)
		}
	})
}
