// Package gentest checks the files tests compare with: that a generated
// file is what its generator makes of the committed inputs, and that an
// output is its golden file. `go test -update` rewrites the golden files of
// the packages it tests instead.
package gentest

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files instead of comparing with them")

var generatedRE = regexp.MustCompile(`^(// Code generated .* DO NOT EDIT\.|/\* Code generated .* DO NOT EDIT\. \*/)$`)

// UpToDate runs `go run generator args... -o TMP` from the test's package
// directory and fails unless file (in that directory) is identical to TMP
// and starts with Go's generated-code comment (in C, a /* */ comment).
func UpToDate(t *testing.T, generator, file string, args ...string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), file)
	run := append(append([]string{"run", generator}, args...), "-o", out)
	if msg, err := exec.Command("go", run...).CombinedOutput(); err != nil {
		t.Fatalf("run %s: %v\n%s", generator, err, msg)
	}
	want, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale: run go generate (make generate)", file)
	}
	if first, _, _ := bytes.Cut(got, []byte("\n")); !generatedRE.Match(first) {
		t.Errorf("first line %q of %s is not Go's generated-code comment", first, file)
	}
}

// Golden fails unless got is the content of the golden file path; with
// -update it writes got there instead.
func Golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("differs from %s (go test -update rewrites it):\n%s", path, firstDiff(got, want))
	}
}

// Recordings runs fn as a parallel subtest for each recording (a file of
// raw records, decoder.Recorder's) that pattern matches, named after the
// file without ".rec"; it fails when there is none.
func Recordings(t *testing.T, pattern string, fn func(t *testing.T, name, rec string)) {
	t.Helper()
	recs, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) == 0 {
		t.Fatalf("no recordings match %s", pattern)
	}
	for _, rec := range recs {
		name := strings.TrimSuffix(filepath.Base(rec), ".rec")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			fn(t, name, rec)
		})
	}
}

// firstDiff shows the first line where got and want differ, and how many
// lines each has.
func firstDiff(got, want []byte) string {
	g := strings.SplitAfter(string(got), "\n")
	w := strings.SplitAfter(string(want), "\n")
	i := 0
	for i < len(g) && i < len(w) && g[i] == w[i] {
		i++
	}
	line := func(l []string) string {
		if i < len(l) {
			return strings.TrimSuffix(l[i], "\n")
		}
		return "(end)"
	}
	return fmt.Sprintf("line %d:\n got  %s\n want %s\n(%d lines, want %d)", i+1, line(g), line(w), len(g), len(w))
}
