package syscalltbl

import (
	"testing"

	"github.com/gotrace/gotrace/internal/gentest"
)

func TestClassesUpToDate(t *testing.T) {
	t.Parallel()
	gentest.UpToDate(t, "../../gen/classes", "zclasses.go")
}

func TestClasses(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		want Class
	}{
		{"openat", ClassDesc | ClassFile},
		{"newfstatat", ClassDesc | ClassFile | ClassFstat | ClassStatLike},
		{"getpid", ClassPure},
		{"clock_gettime", ClassClock},
		{"setuid", ClassCreds},
		{"getuid", ClassCreds | ClassPure},
		{"prlimit64", 0},
	} {
		if got := Classes(ByName(c.name).Nr); got != c.want {
			t.Errorf("Classes(%s) = %#x, want %#x", c.name, got, c.want)
		}
	}
}
