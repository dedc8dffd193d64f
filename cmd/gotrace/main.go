// Command gotrace traces system calls and signals with eBPF and prints them
// as strace does.
package main

import (
	"os"

	"github.com/gotrace/gotrace/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[0], os.Args[1:], os.Stdout, os.Stderr))
}
