package stdfds

import (
	"os"
	"path/filepath"
	"testing"
)

// A /proc/PID directory whose descriptors 0 to 2 are what the Go runtime
// opens for a closed one (/dev/null, read-write), what a shell's
// </dev/null and 2>/dev/null make, and other files.
func TestOpened(t *testing.T) {
	for _, c := range []struct {
		name    string
		targets [3]string
		flags   [3]string
		want    [3]bool
	}{
		{"runtime's", [3]string{"/dev/null", "/dev/null", "/dev/null"}, [3]string{"0100002", "0100002", "02"}, [3]bool{true, true, true}},
		{"redirected", [3]string{"/dev/null", "/dev/null", "/dev/null"}, [3]string{"0100000", "0100001", "0100001"}, [3]bool{}},
		{"close-on-exec", [3]string{"/dev/null", "/dev/null", "/dev/null"}, [3]string{"02100002", "0100002", "0100002"}, [3]bool{false, true, true}},
		{"files", [3]string{"/dev/pts/0", "/tmp/log", "pipe:[123]"}, [3]string{"0100002", "0100002", "02"}, [3]bool{}},
		{"missing", [3]string{"", "/dev/null", ""}, [3]string{"", "", "0100002"}, [3]bool{}},
	} {
		proc := t.TempDir()
		for _, d := range []string{"fd", "fdinfo"} {
			if err := os.Mkdir(filepath.Join(proc, d), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		for fd, target := range c.targets {
			n := string(rune('0' + fd))
			if target != "" {
				if err := os.Symlink(target, filepath.Join(proc, "fd", n)); err != nil {
					t.Fatal(err)
				}
			}
			if c.flags[fd] != "" {
				info := "pos:\t0\nflags:\t" + c.flags[fd] + "\nmnt_id:\t25\nino:\t4\n"
				if err := os.WriteFile(filepath.Join(proc, "fdinfo", n), []byte(info), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		if got := opened(proc); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
