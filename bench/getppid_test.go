package bench

import (
	"syscall"
	"testing"
	"unsafe"
)

// payload is W1's 55-byte string, passed to getppid as an argument the
// kernel ignores.
var payload = []byte("gotrace benchmark: a 55-byte string passed to getppid()\x00")

// BenchmarkGetppid is W1's call from Go, to see a tracer's cost per call in
// ns/op: compare
//
//	go test -c -o /tmp/bench.test ./bench && /tmp/bench.test -test.bench Getppid
//	bin/gotrace -f -o /tmp/trace -- /tmp/bench.test -test.bench Getppid
//
// (it runs only with -bench: go test ./... times nothing).
func BenchmarkGetppid(b *testing.B) {
	if len(payload) != 56 {
		b.Fatalf("the payload is %d bytes, not 55 and a NUL", len(payload))
	}
	for b.Loop() {
		syscall.RawSyscall(syscall.SYS_GETPPID, uintptr(unsafe.Pointer(&payload[0])), 0, 0)
	}
}
