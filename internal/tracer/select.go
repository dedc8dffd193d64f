package tracer

import (
	"errors"
	"fmt"
	"os"
	"strconv"

	"github.com/gotrace/gotrace/bpf"
	"github.com/gotrace/gotrace/internal/container"
)

// Selection is the tasks the kernel side chooses rather than those gotrace
// names: a cgroup's (--cgroup, --container), every task (--all), or the
// subtree of the one -p process (--descendants).
type Selection struct {
	Cgroup    *container.Cgroup
	Container *container.Container // --container: what found the cgroup
	All       bool
	Comms     []string // --all --comm
	UID       int      // --all --uid; -1 for any
	// Descendants traces the -p process and its descendants.
	Descendants bool
}

// independent reports whether the selection needs no command nor -p.
func (s *Selection) independent() bool {
	return s != nil && (s.Cgroup != nil || s.All)
}

// check says what does not go together.
func (s *Selection) check(cfg *Config) error {
	if s == nil {
		return nil
	}
	if s.independent() && (len(cfg.Command) > 0 || len(cfg.Pids) > 0) {
		return errors.New("--cgroup, --container and --all choose the tasks: give no PROG and no -p with them")
	}
	if s.Cgroup != nil && s.All {
		return errors.New("give either --all or --cgroup/--container, not both")
	}
	if (len(s.Comms) > 0 || s.UID >= 0) && !s.All {
		return errors.New("--comm and --uid select among every process: use them with --all")
	}
	if s.Descendants && len(cfg.Pids) != 1 {
		return errors.New("--descendants needs one -p PID, whose subtree it traces")
	}
	if cfg.NoDrop && (s.independent() || s.Descendants) {
		return errors.New("--no-drop ptraces the tasks of a command or of -p; it does not go with --cgroup, --container, --all or --descendants")
	}
	return nil
}

// kernel is the selection for the kernel side.
func (s *Selection) kernel(follow bool, pids []int) bpf.Selection {
	if s == nil {
		return bpf.Selection{}
	}
	sel := bpf.Selection{TaskFlags: bpf.FollowForks | bpf.FollowThreads, Comms: s.Comms}
	switch {
	case s.Cgroup != nil:
		sel.Mode, sel.CgroupDir, sel.CgroupID = bpf.SelectCgroup, s.Cgroup.Dir, s.Cgroup.ID
	case s.All:
		sel.Mode = bpf.SelectAll
		if s.UID >= 0 {
			sel.Mode |= bpf.SelectUID
			sel.UID = uint32(s.UID)
		}
	case s.Descendants:
		sel.Mode, sel.Root = bpf.SelectDescendants, uint32(pids[0])
		if !follow {
			sel.TaskFlags = bpf.FollowThreads
		}
	}
	return sel
}

// many reports whether the kernel side selects tasks that come without a
// fork record.
func (s *Selection) many() bool {
	return s != nil && (s.independent() || s.Descendants)
}

// attachSubtree traces the -p process and its descendants, or the tasks of
// the cgroup, as they are now, selected in the kernel, and returns how
// many tasks that is.
func (t *trace) attachSubtree() (int, error) {
	// a cgroup's tasks are followed whatever -f says
	follow := t.cfg.Follow || t.cfg.Select.Cgroup != nil
	if err := t.probe.SelectExisting(follow); err != nil {
		return 0, err
	}
	tids, err := t.probe.TracedTasks()
	if err == nil && len(tids) == 0 && t.cfg.Select.Descendants {
		return 0, fmt.Errorf("attach: pid %d: no such process", t.cfg.Pids[0])
	}
	return len(tids), err
}

// notice is the line that says what is traced, as "Process N attached"
// does for -p.
func (s *Selection) notice() string {
	if d := s.Describe(); d != "" {
		return "Tracing " + d
	}
	return ""
}

// Describe names what a selection of --cgroup, --container or --all
// traces: "container web (f07d58da59b9, podman), cgroup /libpod_parent/...".
func (s *Selection) Describe() string {
	if s == nil {
		return ""
	}
	switch {
	case s.Container != nil:
		c := s.Container
		msg := "container " + c.Label()
		if c.Name != "" {
			msg += " (" + container.ShortID(c.ID) + ", " + c.Via + ")"
		}
		if c.Pod != "" {
			msg += ", pod " + c.Pod
		}
		return msg + ", cgroup " + c.Cgroup.Path
	case s.Cgroup != nil:
		return "cgroup " + s.Cgroup.Path + " (id " + strconv.FormatUint(s.Cgroup.ID, 10) + ")"
	case s.All:
		return "every process"
	}
	return ""
}

// selectionOver reports whether the selected tasks are gone: a cgroup
// removed or emptied after it had tasks (a container that stopped). --all
// ends only when the user interrupts it.
func (t *trace) selectionOver() bool {
	s := t.cfg.Select
	switch {
	case s.Cgroup != nil:
		if s.Cgroup.Populated() {
			t.cgroupHadTasks = true
			return false
		}
		return t.cgroupHadTasks || !isDir(s.Cgroup.Dir)
	case s.All:
		return false
	}
	return true
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}
