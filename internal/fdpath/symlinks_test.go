package fdpath

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// symlinkTree makes a directory tree with relative, absolute, chained
// and looping symbolic links, and returns its root (itself free of
// links, so that filepath.EvalSymlinks can be the reference).
func symlinkTree(t testing.TB) string {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"a/b/c", "x/y"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(root, "a/file"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{
		"rel":       "a/b",
		"abs":       filepath.Join(root, "x/y"),
		"chain":     "rel/c",
		"up":        "../..",
		"x/y/back":  "../../a",
		"loop1":     "loop2",
		"loop2":     "loop1",
		"tofile":    "a/file",
		"dangling":  "nowhere",
		"a/b/c/top": "/",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(root, name)); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestEvalSymlinksAsGo(t *testing.T) {
	root := symlinkTree(t)
	for _, p := range []string{
		"", "/", "a", "a/b/c", "a/b/c/", "a/./b//c/.", "rel", "rel/c", "rel/..", "rel/../..",
		"abs", "abs/..", "abs/back/b", "chain", "chain/..", "up", "x/y/back/b/../file",
		"a/b/c/top", "a/b/c/top/proc/..", "tofile", "tofile/", "a/file", "a/file/", "a/file/x", "abs/", "rel/c/../",
		"dangling", "missing", "missing/..", "loop1",
	} {
		path := root + "/" + p
		want, wantErr := filepath.EvalSymlinks(path)
		got, err := evalSymlinks(path)
		if (err != nil) != (wantErr != nil) || got != want {
			t.Errorf("evalSymlinks(%q) = %q, %v; filepath.EvalSymlinks: %q, %v", p, got, err, want, wantErr)
		}
	}
}

func TestEvalSymlinksAboveRoot(t *testing.T) {
	// the paths of strace's printpath-umovestr: ".." of the root is the root
	for _, p := range []string{"/..", "/../..", strings.Repeat("/..", 1365), strings.Repeat("/..", 1000) + "/proc/../dev/.", "/../.././/../"} {
		want := "/"
		if strings.Contains(p, "dev") {
			want = "/dev"
		}
		if got, err := evalSymlinks(p); err != nil || got != want {
			t.Errorf("evalSymlinks(%.20q...) = %q, %v; want %q", p, got, err, want)
		}
	}
}

// BenchmarkEvalSymlinksAboveRoot is what a 4 KiB chdir("/../..") costs
// the reader: Go's filepath.EvalSymlinks takes milliseconds for it.
func BenchmarkEvalSymlinksAboveRoot(b *testing.B) {
	p := strings.Repeat("/..", 1365)
	for b.Loop() {
		if _, err := evalSymlinks(p); err != nil {
			b.Fatal(err)
		}
	}
}
