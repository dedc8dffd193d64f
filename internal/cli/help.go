package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// helpGroups are the sections of gotrace -h, named and ordered as strace's
// -h, with the long names of their options.
var helpGroups = []struct {
	title string
	flags []string
}{
	{"General", []string{"expr"}},
	{"Startup", []string{"env", "attach", "user", "daemonize"}},
	{"Tracing", []string{"detach-on", "follow-forks", "output-separately", "interruptible", "stack-trace", "stack-trace-frame-limit", "stack-trace-size", "seccomp-bpf", "flight-recorder"}},
	{"Selection", []string{"descendants", "cgroup", "container", "all", "comm", "uid", "context"}},
	{"Filtering", []string{"trace", "trace-path", "trace-fds", "status", "successful-only", "failed-only", "signals", "kvm"}},
	{"Output format", []string{"columns", "abbrev", "verbose", "raw", "read", "write", "instruction-pointer", "syscall-number",
		"output", "output-append-mode", "quiet", "always-show-pid", "decode-pids",
		"relative-timestamps", "string-limit", "absolute-timestamps", "timestamps", "syscall-times",
		"decode-fds", "secontext", "json", "color", "hex", "strings-in-hex", "no-abbrev", "const-print-style", "pidns-translation"}},
	{"Statistics", []string{"summary-only", "summary", "summary-syscall-overhead", "summary-columns", "summary-sort-by", "summary-wall-clock",
		"histogram", "summary-interval", "summary-per-process"}},
	{"Tampering", []string{"inject", "fault"}},
	{"Classroom", []string{"explain", "perfetto"}},
	{"Miscellaneous", []string{"debug", "help", "version", "tips", "ring-buffer-size", "no-drop", "record"}},
}

// flagSynopsis spells a flag as strace's -h does: "-o FILE, --output=FILE",
// "-r, --relative-timestamps[=PRECISION]".
func flagSynopsis(f *pflag.Flag) string {
	arg, _ := pflag.UnquoteUsage(f)
	switch f.Value.Type() {
	case "bool", "count":
		arg = ""
	}
	var b strings.Builder
	if f.Shorthand != "" {
		b.WriteString("-" + f.Shorthand)
		if arg != "" && f.NoOptDefVal == "" {
			b.WriteString(" " + arg)
		}
		b.WriteString(", ")
	}
	b.WriteString("--" + f.Name)
	switch {
	case arg != "" && f.NoOptDefVal != "":
		b.WriteString("[=" + arg + "]")
	case arg != "":
		b.WriteString("=" + arg)
	}
	return b.String()
}

// writeHelp writes gotrace -h: strace's layout, the options in its groups.
func writeHelp(w io.Writer, cmd *cobra.Command) {
	fmt.Fprintf(w, "Usage: %s\n\n%s\n", cmd.Use, cmd.Long)
	flags := cmd.Flags()
	for _, g := range helpGroups {
		fmt.Fprintf(w, "\n%s:\n", g.title)
		for _, name := range g.flags {
			f := flags.Lookup(name)
			if f == nil {
				continue
			}
			_, usage := pflag.UnquoteUsage(f)
			syn := flagSynopsis(f)
			if len(syn) < 15 {
				fmt.Fprintf(w, "  %-14s %s\n", syn, usage)
			} else {
				fmt.Fprintf(w, "  %s\n                 %s\n", syn, usage)
			}
		}
	}
	fmt.Fprintf(w, "\nCommands:\n")
	for _, sub := range cmd.Commands() {
		if !sub.IsAvailableCommand() {
			continue
		}
		fmt.Fprintf(w, "  %-14s %s\n", sub.Name(), sub.Short)
	}
	fmt.Fprintf(w, "\nExamples:\n%s\n", cmd.Example)
}
