package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// roff escapes s for a man page: backslashes and leading dots or quotes.
func roff(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	s = strings.ReplaceAll(s, "-", `\-`)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}

// WriteMan writes gotrace's man page (section 1) from the command's
// definitions: its synopsis, description, options in -h's groups, and
// examples.
func WriteMan(w io.Writer, cmd *cobra.Command) error {
	var b strings.Builder
	b.WriteString(".TH GOTRACE 1 \"\" \"gotrace " + Version + "\" \"User Commands\"\n")
	b.WriteString(".SH NAME\ngotrace \\- " + roff(cmd.Short) + "\n")
	b.WriteString(".SH SYNOPSIS\n.B " + roff(cmd.Use) + "\n")
	b.WriteString(".SH DESCRIPTION\n" + roff(strings.ReplaceAll(cmd.Long, "\n", " ")) + "\n")
	b.WriteString(".SH OPTIONS\n")
	flags := cmd.Flags()
	for _, g := range helpGroups {
		b.WriteString(".SS " + g.title + "\n")
		for _, name := range g.flags {
			f := flags.Lookup(name)
			if f == nil {
				continue
			}
			_, usage := pflag.UnquoteUsage(f)
			b.WriteString(".TP\n.B " + roff(flagSynopsis(f)) + "\n" + roff(usage) + "\n")
		}
	}
	b.WriteString(".SH EXAMPLES\n.nf\n" + roff(cmd.Example) + "\n.fi\n")
	b.WriteString(".SH SEE ALSO\n.BR strace (1)\n")
	_, err := io.WriteString(w, b.String())
	if err != nil {
		return fmt.Errorf("write man page: %w", err)
	}
	return nil
}
