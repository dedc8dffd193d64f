package bpf

import (
	"os"
	"testing"
)

// Loading checks the verifier accepts every program on this kernel and that
// every tracepoint attaches. A root run on a kernel with BTF must not skip.
func TestLoadAndAttach(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root (or CAP_BPF and CAP_PERFMON) to load BPF programs")
	}
	p, err := Load(Config{StrSize: 32})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	if _, err := p.Stats(); err != nil {
		t.Errorf("stats: %v", err)
	}
	if err := p.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
}
