package syscalltbl

import (
	"regexp"
	"strconv"
	"testing"
)

// Every kind of the registry has its overlay word as its name, and what it
// says of its captures holds together.
func TestKindRegistry(t *testing.T) {
	t.Parallel()
	word := regexp.MustCompile(`^[a-z][a-z0-9]*$`)
	seen := map[string]Kind{}
	used := map[Kind]bool{}
	for _, sc := range All() {
		for _, a := range sc.Args {
			used[a.Kind] = true
		}
	}
	for _, k := range Kinds() {
		w := k.String()
		if !word.MatchString(w) {
			t.Errorf("kind %d is named %q", k, w)
		}
		if prev, dup := seen[w]; dup {
			t.Errorf("kinds %d and %d are both %q", prev, k, w)
		}
		seen[w] = k
		info := k.Info()
		if info.Length == LengthArg && !info.TakesLen {
			t.Errorf("%s: an array of argument length names no length argument", w)
		}
		if !used[k] {
			t.Errorf("%s: no syscall argument is of this kind", w)
		}
	}
	past := Kind(len(Kinds()))
	if got, want := past.String(), "Kind("+strconv.Itoa(int(past))+")"; got != want {
		t.Errorf("a kind past the registry is named %q, want %q", got, want)
	}
}
