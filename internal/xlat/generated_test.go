package xlat

import (
	"testing"

	"github.com/gotrace/gotrace/internal/gentest"
)

func TestGeneratedUpToDate(t *testing.T) {
	t.Parallel()
	gentest.UpToDate(t, "../../gen/xlat", "zxlat.go")
}

func TestIoctlsUpToDate(t *testing.T) {
	t.Parallel()
	gentest.UpToDate(t, "../../gen/ioctls", "zioctls.go")
}
