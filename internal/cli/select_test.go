package cli

import (
	"bytes"
	"strings"
	"testing"
)

// The selections' bad input, found before anything is loaded: one line on
// stderr and status 1 each, root or not.
func TestSelectionBadInput(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--descendants", "--", "true"}, "gotrace: --descendants needs -p PID, whose subtree it traces\n"},
		{[]string{"--descendants", "-p", "1,2"}, "gotrace: --descendants needs one -p PID, whose subtree it traces\n"},
		{[]string{"--all", "-p", "1"}, "gotrace: --cgroup, --container and --all choose the tasks: give no PROG and no -p with them\n"},
		{[]string{"--all", "--", "true"}, "gotrace: --cgroup, --container and --all choose the tasks: give no PROG and no -p with them\n"},
		{[]string{"--comm", "sh", "--", "true"}, "gotrace: --comm and --uid select among every process: use them with --all\n"},
		{[]string{"--uid", "0", "-p", "1"}, "gotrace: --comm and --uid select among every process: use them with --all\n"},
		{[]string{"--all", "--no-drop"}, "gotrace: --no-drop ptraces the tasks of a command or of -p; it does not go with --cgroup, --container, --all or --descendants\n"},
		{[]string{"--all", "--context=pod"}, "gotrace: invalid --context argument: 'pod' (container)\n"},
		{[]string{"--all", "--context=container"}, "gotrace: --context=container needs --container\n"},
		{[]string{"--all", "--comm", "a-name-of-16-chr"}, "gotrace: --comm a-name-of-16-chr: the kernel keeps only 15 bytes of a task's name\n"},
		{[]string{"--all", "--comm", "a", "--comm", "b", "--comm", "c", "--comm", "d", "--comm", "e", "--comm", "f", "--comm", "g", "--comm", "h", "--comm", "i"}, "gotrace: at most 8 --comm names\n"},
		{[]string{"--all", "--uid", "no-such-user-here"}, "gotrace: --uid: user: unknown user no-such-user-here\n"},
		{[]string{"--cgroup", "x", "--container", "y"}, "gotrace: give either --cgroup or --container, not both\n"},
	} {
		var stdout, stderr bytes.Buffer
		code := Main("gotrace", c.args, &stdout, &stderr)
		if code != 1 || stderr.String() != c.want {
			t.Errorf("gotrace %s: status %d, stderr %q; want 1, %q", strings.Join(c.args, " "), code, stderr.String(), c.want)
		}
	}
}
