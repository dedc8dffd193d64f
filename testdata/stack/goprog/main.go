// A Go program for -k: its syscalls go through the runtime's assembly,
// unwound by frame pointers as strace's libunwind does.
package main

import "os"

func main() {
	if f, err := os.Open("/etc/hostname"); err == nil {
		f.Close()
	}
	os.Exit(0)
}
