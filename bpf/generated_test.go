package bpf

import (
	"testing"

	"github.com/gotrace/gotrace/internal/gentest"
)

// The syscall numbers the C code names; bpf2go's output is checked by
// make check-generated, which needs clang.
func TestSyscallNumbersUpToDate(t *testing.T) {
	gentest.UpToDate(t, "../gen/bpfnr", "syscall_nr.h", "-inputs", "../gen/inputs")
}
