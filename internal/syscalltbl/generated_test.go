package syscalltbl

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// TestGeneratedUpToDate fails when zsyscalls.go is not what gen/syscalls
// makes of the committed inputs: run go generate ./internal/syscalltbl.
func TestGeneratedUpToDate(t *testing.T) {
	out := filepath.Join(t.TempDir(), "zsyscalls.go")
	cmd := exec.Command("go", "run", "../../gen/syscalls", "-o", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("run generator: %v\n%s", err, msg)
	}
	want, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("zsyscalls.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("zsyscalls.go is stale: run go generate ./internal/syscalltbl")
	}
	first, _, _ := bytes.Cut(got, []byte("\n"))
	if !generatedRE.Match(first) {
		t.Errorf("first line %q is not Go's generated-code comment", first)
	}
}

var generatedRE = regexp.MustCompile(`^// Code generated .* DO NOT EDIT\.$`)
