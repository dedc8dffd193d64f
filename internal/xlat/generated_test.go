package xlat

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// TestGeneratedUpToDate fails when zxlat.go is not what gen/xlat makes of
// the committed inputs: run go generate ./internal/xlat.
func TestGeneratedUpToDate(t *testing.T) {
	out := filepath.Join(t.TempDir(), "zxlat.go")
	cmd := exec.Command("go", "run", "../../gen/xlat", "-o", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("run generator: %v\n%s", err, msg)
	}
	want, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("zxlat.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("zxlat.go is stale: run go generate ./internal/xlat")
	}
	first, _, _ := bytes.Cut(got, []byte("\n"))
	if !generatedRE.Match(first) {
		t.Errorf("first line %q is not Go's generated-code comment", first)
	}
}

var generatedRE = regexp.MustCompile(`^// Code generated .* DO NOT EDIT\.$`)
