package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// Every option is in one group of -h, and -h lists the groups in strace's
// order.
func TestHelpGroups(t *testing.T) {
	cmd := NewRootCommand(&bytes.Buffer{}, &bytes.Buffer{})
	cmd.InitDefaultHelpFlag()
	grouped := map[string]int{}
	for _, g := range helpGroups {
		for _, name := range g.flags {
			grouped[name]++
		}
	}
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Hidden { // another spelling of a listed option
			delete(grouped, f.Name)
			return
		}
		if grouped[f.Name] != 1 {
			t.Errorf("option --%s is in %d groups of -h, want 1", f.Name, grouped[f.Name])
		}
		delete(grouped, f.Name)
	})
	for name := range grouped {
		t.Errorf("-h groups name --%s, which is no option", name)
	}
	var out bytes.Buffer
	if code := Main("gotrace", []string{"-h"}, &out, &out); code != 0 {
		t.Fatalf("-h: exit %d", code)
	}
	help := out.String()
	last := 0
	for _, want := range []string{"Usage: gotrace", "\nGeneral:\n", "\nStartup:\n", "\nTracing:\n", "\nFiltering:\n",
		"\nOutput format:\n", "  -o FILE, --output=FILE\n", "  -r, --relative-timestamps[=PRECISION]\n",
		"\nStatistics:\n", "\nMiscellaneous:\n", "\nExamples:\n"} {
		i := strings.Index(help[last:], want)
		if i < 0 {
			t.Fatalf("-h has no %q after offset %d:\n%s", want, last, help)
		}
		last += i
	}
}
