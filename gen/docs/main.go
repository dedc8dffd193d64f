// Command docs writes gotrace's man page and its bash, zsh and fish
// completions from the command's definitions (internal/cli), into docs/
// (make docs). A test checks that the committed files are up to date.
package main

import (
	"bytes"
	"flag"
	"io"
	"log"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/gotrace/gotrace/internal/cli"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen/docs: ")
	dir := flag.String("dir", "docs", "directory to write man/ and completions/ into")
	flag.Parse()
	files, err := generate()
	if err != nil {
		log.Fatal(err)
	}
	for name, data := range files {
		path := filepath.Join(*dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

// generate returns each file's path under docs/ and its contents.
func generate() (map[string][]byte, error) {
	cmd := cli.NewRootCommand(io.Discard, io.Discard)
	cmd.InitDefaultHelpFlag()
	gens := map[string]func(*cobra.Command, io.Writer) error{
		"man/gotrace.1":            func(c *cobra.Command, w io.Writer) error { return cli.WriteMan(w, c) },
		"completions/gotrace.bash": func(c *cobra.Command, w io.Writer) error { return c.GenBashCompletionV2(w, true) },
		"completions/_gotrace":     func(c *cobra.Command, w io.Writer) error { return c.GenZshCompletion(w) },
		"completions/gotrace.fish": func(c *cobra.Command, w io.Writer) error { return c.GenFishCompletion(w, true) },
	}
	files := map[string][]byte{}
	for name, gen := range gens {
		var b bytes.Buffer
		if err := gen(cmd, &b); err != nil {
			return nil, err
		}
		files[name] = b.Bytes()
	}
	return files, nil
}
