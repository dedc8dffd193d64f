package stack

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
)

// An address of this test binary (linked without a symbol table, at its
// own addresses) names the binary and the address within it; an address
// in no mapping ends the stack.
func TestAppendFrame(t *testing.T) {
	s := New()
	pc := uint64(reflect.ValueOf(New).Pointer()) + 3
	line, ok := s.AppendFrame(nil, uint32(os.Getpid()), pc)
	if !ok {
		t.Fatalf("no frame for %#x", pc)
	}
	exe, _ := os.Readlink("/proc/self/exe")
	if want := fmt.Sprintf(" > %s() [%#x]\n", exe, pc); string(line) != want && !strings.Contains(string(line), "(github.com/gotrace/gotrace/internal/stack.New+0x3)") {
		t.Errorf("frame %q, want %q", line, want)
	}
	if _, ok := s.AppendFrame(nil, uint32(os.Getpid()), 8); ok {
		t.Error("address 8 gave a frame")
	}
}
