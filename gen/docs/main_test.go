package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The committed man page and completions are what the command's
// definitions give: run `make docs` after changing an option.
func TestDocsUpToDate(t *testing.T) {
	files, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join("..", "..", "docs", name))
		if err != nil {
			t.Errorf("docs/%s: %v (run make docs)", name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("docs/%s is stale: run make docs", name)
		}
	}
}
