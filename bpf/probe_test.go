package bpf

import (
	"encoding/binary"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/cilium/ebpf"
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

// A task in the traced map without a task state, as gotrace leaves the
// threads of -p when it has no pidfd for them (before Linux 6.9), is traced
// from its first event when lazy_states is set, and not otherwise.
func TestLazyStates(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root (or CAP_BPF and CAP_PERFMON) to load BPF programs")
	}
	for _, lazy := range []bool{true, false} {
		var plans [MaxSyscallNr]SyscallPlan
		for i := range plans {
			plans[i].Flags = PlanTraced
		}
		p, err := Load(Config{StrSize: 32, Plans: &plans})
		if err != nil {
			t.Fatalf("load: %v", err)
		}
		// a shell waiting for a line, then making syscalls
		cmd := exec.Command("/bin/sh", "-c", "read line; echo $line > /dev/null")
		stdin, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		tid := uint32(cmd.Process.Pid)
		if err := p.objs.Traced.Update(tid, uint32(0), ebpf.UpdateAny); err != nil {
			t.Fatal(err)
		}
		if lazy {
			if err := p.objs.LazyStates.Set(uint32(1)); err != nil {
				t.Fatal(err)
			}
		}
		stdin.Write([]byte("x\n"))
		stdin.Close()
		if err := cmd.Wait(); err != nil {
			t.Fatal(err)
		}
		records := 0
		p.Reader().SetDeadline(time.Now())
		for {
			rec, err := p.Reader().Read()
			if err != nil {
				break
			}
			if binary.LittleEndian.Uint32(rec[8:]) == tid {
				records++
			}
		}
		p.Close()
		if lazy && records == 0 {
			t.Errorf("lazy_states: no record of the task added by the traced map alone")
		}
		if !lazy && records != 0 {
			t.Errorf("without lazy_states: %d records of a task without a task state", records)
		}
	}
}
