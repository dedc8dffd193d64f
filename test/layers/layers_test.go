// Package layers checks how gotrace's packages depend on each other and
// that README's "How it works" names each of them.
package layers

import (
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/gotrace/gotrace/"

// outputs render the trace, each one view of it. They share the pairing
// point (decoder), the tables and internal/format, strace's text of each
// argument and return value, but none uses another's code.
var outputs = []string{"internal/printer", "internal/jsonout", "internal/perfetto", "internal/proctree", "internal/explain", "internal/pidns"}

// pure packages touch no kernel: they are tested anywhere, without root.
var pure = append([]string{"internal/decoder", "internal/syscalltbl", "internal/xlat", "internal/quote", "internal/filter", "internal/format"}, outputs...)

// goList runs go list with args from the module's root.
func goList(t *testing.T, args ...string) []string {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list"}, args...)...)
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list %v: %v", args, err)
	}
	return strings.Fields(string(out))
}

func TestOutputsStandAlone(t *testing.T) {
	t.Parallel()
	for _, pkg := range outputs {
		deps := goList(t, "-deps", "./"+pkg)
		for _, other := range outputs {
			if other == pkg {
				continue
			}
			if slices.Contains(deps, module+other) {
				t.Errorf("%s depends on %s: outputs share the decoder's calls, not each other's code", pkg, other)
			}
		}
	}
	for _, pkg := range pure {
		for _, dep := range goList(t, "-deps", "./"+pkg) {
			if strings.HasPrefix(dep, "github.com/cilium/ebpf") || dep == module+"bpf" {
				t.Errorf("%s depends on %s: it should not touch the kernel", pkg, dep)
			}
		}
	}
}

// README's table names every package of internal/, one row each.
func TestReadmeNamesEveryPackage(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, how, ok := strings.Cut(string(readme), "## How it works")
	if !ok {
		t.Fatal(`README.md has no "## How it works"`)
	}
	rows := map[string]int{}
	for _, m := range regexp.MustCompile("(?m)^\\| `(internal/[a-z0-9]+)` \\| .+ \\|$").FindAllStringSubmatch(how, -1) {
		rows[m[1]]++
	}
	for _, pkg := range goList(t, "./internal/...") {
		name := strings.TrimPrefix(pkg, module)
		switch rows[name] {
		case 0:
			t.Errorf("README's How it works does not name %s", name)
		case 1:
		default:
			t.Errorf("README's How it works names %s %d times", name, rows[name])
		}
		delete(rows, name)
	}
	for name := range rows {
		t.Errorf("README's How it works names %s, which is not a package", name)
	}
}
