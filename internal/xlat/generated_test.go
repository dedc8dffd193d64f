package xlat

import (
	"testing"

	"github.com/gotrace/gotrace/internal/gentest"
)

func TestGeneratedUpToDate(t *testing.T) {
	gentest.UpToDate(t, "../../gen/xlat", "zxlat.go")
}
