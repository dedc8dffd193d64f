// Command gotrace traces system calls and signals with eBPF and prints them
// as strace does.
package main

import (
	"os"

	"github.com/gotrace/gotrace/internal/cli"
	"github.com/gotrace/gotrace/internal/inject"
)

func main() {
	inject.Shim() // gotrace re-executed as -e inject='s shim: does not return
	os.Exit(cli.Main(os.Args[0], os.Args[1:], os.Stdout, os.Stderr))
}
