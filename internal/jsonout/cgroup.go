package jsonout

import (
	"sync"

	"github.com/gotrace/gotrace/internal/container"
)

// cgroupMount is the cgroup v2 mount, found once; "" on a host without one.
var cgroupMount = sync.OnceValue(func() string {
	m, _ := container.HostV2Mount()
	return m
})

// cgroup is the id of the task's cgroup v2, read when the task is first
// seen (children inherit their parent's); when it is gone by then, the
// cgroup traced (--cgroup, --container), else 0.
func (j *Writer) cgroup(tid uint32) uint64 {
	if id, ok := j.cgroups[tid]; ok {
		return id
	}
	id := j.ReadCgroup(tid)
	if id == 0 {
		id = j.opt.CgroupID
	}
	j.cgroups[tid] = id
	return id
}

// procCgroup is the id of a running task's cgroup v2; 0 once it is gone.
func procCgroup(tid uint32) uint64 {
	if m := cgroupMount(); m != "" {
		return container.TaskCgroupID(m, tid)
	}
	return 0
}
