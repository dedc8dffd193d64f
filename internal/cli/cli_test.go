package cli

import (
	"bytes"
	"strings"
	"testing"
)

// Bad input: one line on stderr, a non-zero status, and nothing traced.
func TestBadInput(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"-e", "trace=nosuchcall", "--", "true"}, "gotrace: invalid system call 'nosuchcall'\n"},
		{[]string{"-s", "abc", "--", "true"}, `gotrace: invalid argument "abc" for "-s, --string-limit" flag`},
		{[]string{"-s", "-1", "--", "true"}, "gotrace: invalid -s argument: '-1'\n"},
		{[]string{"-p", "abc"}, "gotrace: invalid process id: 'abc'\n"},
		{[]string{"-p", "0"}, "gotrace: invalid process id: '0'\n"},
		{[]string{}, "gotrace: must have PROG [ARGS] or -p PID"},
		{[]string{"-p", "1", "--", "true"}, "gotrace: give either PROG [ARGS] or -p PID, not both\n"},
		{[]string{"--no-such-flag"}, "gotrace: unknown flag: --no-such-flag\n"},
		{[]string{"--ring-buffer-size", "5000", "--", "true"}, "gotrace: invalid --ring-buffer-size: '5000'"},
		{[]string{"-a", "-3", "--", "true"}, "gotrace: invalid -a argument: '-3'\n"},
	}
	for _, c := range cases {
		var stdout, stderr bytes.Buffer
		code := Main(c.args, &stdout, &stderr)
		if code == 0 {
			t.Errorf("gotrace %q exited 0", c.args)
		}
		if !strings.HasPrefix(stderr.String(), c.want) || strings.Count(stderr.String(), "\n") != 1 {
			t.Errorf("gotrace %q: stderr %q, want one line starting %q", c.args, stderr.String(), c.want)
		}
	}
}

func TestVersion(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"-V"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if got := stdout.String(); got != "gotrace -- version "+Version+"\n" {
		t.Errorf("-V printed %q", got)
	}
}

func TestParsePids(t *testing.T) {
	got, err := parsePids([]string{"1,2", "3 4", "5"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 5 || got[0] != 1 || got[4] != 5 {
		t.Errorf("parsePids = %v", got)
	}
}

func TestCommandEnv(t *testing.T) {
	got := commandEnv([]string{"A=1", "B=2", "AB=3"}, []string{"A", "C=4", "B=5"})
	want := []string{"AB=3", "C=4", "B=5"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("commandEnv = %q, want %q", got, want)
	}
	if commandEnv([]string{"A=1"}, nil) != nil {
		t.Error("without -E the command must inherit the environment (nil)")
	}
}
