package cli

import (
	"bytes"
	"strings"
	"testing"
)

// "tree" is the subcommand only as the first word; elsewhere it is the
// program to trace, with the trace's options.
func TestTreeOnlyFirst(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"-s", "-1", "tree"}, "gotrace: invalid -s argument: '-1'\nTry 'gotrace -h' for more information.\n"},
		{[]string{"tree"}, "gotrace: must have PROG [ARGS] or -p PID (see gotrace tree -h)\n"},
		{[]string{"tree", "-p", "abc"}, "gotrace: Invalid process id: 'abc'\n"},
		{[]string{"tree", "-p", "1", "true"}, "gotrace: give either PROG [ARGS] or -p PID, not both\n"},
		{[]string{"tree", "-s", "1", "true"}, "gotrace: unknown shorthand flag: 's' in -s\n"},
		{[]string{"--perfetto", "/nonexistent/dir/x.json", "--", "true"}, "gotrace: open perfetto file: open /nonexistent/dir/x.json: no such file or directory\n"},
	}
	for _, c := range cases {
		var stdout, stderr bytes.Buffer
		if code := Main("gotrace", c.args, &stdout, &stderr); code == 0 {
			t.Errorf("gotrace %q exited 0", c.args)
		}
		if stderr.String() != c.want {
			t.Errorf("gotrace %q: stderr %q, want %q", c.args, stderr.String(), c.want)
		}
	}
	var stdout, stderr bytes.Buffer
	Main("gotrace", []string{"-h"}, &stdout, &stderr)
	if !strings.Contains(stdout.String(), "tree ") {
		t.Errorf("gotrace -h does not list tree:\n%s", stdout.String())
	}
}
