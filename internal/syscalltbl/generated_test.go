package syscalltbl

import (
	"testing"

	"github.com/gotrace/gotrace/internal/gentest"
)

func TestGeneratedUpToDate(t *testing.T) {
	gentest.UpToDate(t, "../../gen/syscalls", "zsyscalls.go")
}

func TestPersonalitiesUpToDate(t *testing.T) {
	gentest.UpToDate(t, "../../gen/personalities", "zpersonalities.go")
}
