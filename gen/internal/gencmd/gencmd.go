// Package gencmd is the command line shared by gotrace's generators.
package gencmd

import (
	"flag"
	"log"
	"os"
)

// Main parses -inputs and -o, runs generate on the inputs directory and
// writes its output; any error ends the program with one line.
func Main(name, defaultOut string, generate func(inputs string) ([]byte, error)) {
	log.SetFlags(0)
	log.SetPrefix(name + ": ")
	inputs := flag.String("inputs", "../../gen/inputs", "directory of the pinned inputs")
	out := flag.String("o", defaultOut, "output file")
	flag.Parse()
	src, err := generate(*inputs)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		log.Fatal(err)
	}
}
