package bpf

import (
	"encoding/binary"
	"fmt"
	"io"
	"os"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
	"golang.org/x/sys/unix"
)

// Selection modes (enum select_flags).
const (
	SelectCgroup      = uint32(gotraceSelectFlagsSELECT_CGROUP)
	SelectAll         = uint32(gotraceSelectFlagsSELECT_ALL)
	SelectDescendants = uint32(gotraceSelectFlagsSELECT_DESCENDANTS)
	SelectUID         = uint32(gotraceSelectFlagsSELECT_UID)
	// SelectComms is how many --comm names the kernel side holds, and
	// CommLen the size of a task's name with its NUL.
	SelectComms = 8
	CommLen     = 16
)

// Selection is which tasks the kernel side traces besides those gotrace
// names (see select.h): the zero value selects none.
type Selection struct {
	Mode      uint32 // Select* bits
	TaskFlags uint32 // the task flags of the tasks selected
	Root      uint32 // SelectDescendants: the process whose subtree
	UID       uint32 // SelectUID: the effective uid
	Comms     []string
	// CgroupDir and CgroupID are SelectCgroup's cgroup v2 directory
	// and its id.
	CgroupDir string
	CgroupID  uint64
}

// selectionVars are the kernel side's settings of sel.
func selectionVars(sel Selection) ([]setting, error) {
	if len(sel.Comms) > SelectComms {
		return nil, fmt.Errorf("at most %d --comm names", SelectComms)
	}
	var comms [SelectComms][CommLen]byte
	for i, c := range sel.Comms {
		if len(c) >= CommLen {
			return nil, fmt.Errorf("--comm %s: the kernel keeps only %d bytes of a task's name", c, CommLen-1)
		}
		copy(comms[i][:], c)
	}
	return []setting{
		{"select_mode", sel.Mode},
		{"select_task_flags", sel.TaskFlags},
		{"select_root", sel.Root},
		{"select_uid", sel.UID},
		{"select_ncomms", uint32(len(sel.Comms))},
		{"select_comms", comms},
		{"select_cgroup_id", sel.CgroupID},
	}, nil
}

// setCgroup puts the --cgroup directory where bpf_current_task_under_cgroup
// looks for it.
func (p *Probe) setCgroup(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("open cgroup: %w", err)
	}
	defer f.Close()
	if err := p.objs.SelectCgroup.Update(uint32(0), uint32(f.Fd()), ebpf.UpdateAny); err != nil {
		return fmt.Errorf("select cgroup %s: %w", dir, err)
	}
	return nil
}

// SelectExisting selects the tasks of the subtree of Selection.Root, or of
// its cgroup, as they are now, once the programs are attached: a walk over
// every task in the kernel (a task iterator), where sched_process_fork
// takes over. Unless later children are followed (follow), a task of the
// subtree started from now on is not part of it.
func (p *Probe) SelectExisting(follow bool) error {
	if !follow {
		var now unix.Timespec
		unix.ClockGettime(unix.CLOCK_MONOTONIC, &now)
		if err := p.objs.SelectUntil.Set(uint64(now.Nano())); err != nil {
			return fmt.Errorf("set select_until: %w", err)
		}
	}
	it, err := link.AttachIter(link.IterOptions{Program: p.objs.SelectExisting})
	if err != nil {
		return fmt.Errorf("attach task iterator: %w", err)
	}
	defer it.Close()
	r, err := it.Open()
	if err != nil {
		return fmt.Errorf("run task iterator: %w", err)
	}
	defer r.Close()
	if _, err := io.Copy(io.Discard, r); err != nil {
		return fmt.Errorf("run task iterator: %w", err)
	}
	return nil
}

// TracedTasks returns the tids in the traced map.
func (p *Probe) TracedTasks() ([]uint32, error) {
	var tids []uint32
	var tid, flags uint32
	it := p.objs.Traced.Iterate()
	for it.Next(&tid, &flags) {
		tids = append(tids, tid)
	}
	if err := it.Err(); err != nil {
		return nil, fmt.Errorf("read traced tasks: %w", err)
	}
	return tids, nil
}

// StoppedTasks returns, of the tasks given to Trace, those in a group stop
// (stopped by a signal before gotrace attached), each with the signal
// that stopped it: a task iterator walks every task in the kernel.
func (p *Probe) StoppedTasks() (map[uint32]int, error) {
	it, err := link.AttachIter(link.IterOptions{Program: p.objs.StoppedTasks})
	if err != nil {
		return nil, fmt.Errorf("attach task iterator: %w", err)
	}
	defer it.Close()
	r, err := it.Open()
	if err != nil {
		return nil, fmt.Errorf("run task iterator: %w", err)
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("run task iterator: %w", err)
	}
	stopped := map[uint32]int{}
	var st gotraceStoppedTask
	for size := binary.Size(st); len(data) >= size; data = data[size:] {
		binary.Decode(data, binary.LittleEndian, &st)
		stopped[st.Tid] = int(st.Sig)
	}
	return stopped, nil
}
