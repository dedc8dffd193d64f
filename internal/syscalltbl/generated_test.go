package syscalltbl

import (
	"testing"

	"github.com/gotrace/gotrace/internal/gentest"
)

func TestGeneratedUpToDate(t *testing.T) {
	t.Parallel()
	gentest.UpToDate(t, "../../gen/syscalls", "zsyscalls.go")
}

func TestKindsUpToDate(t *testing.T) {
	t.Parallel()
	gentest.UpToDate(t, "../../gen/kinds", "zkinds.go")
}

func TestPersonalitiesUpToDate(t *testing.T) {
	gentest.UpToDate(t, "../../gen/personalities", "zpersonalities.go")
}
