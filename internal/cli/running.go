package cli

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gotrace/gotrace/internal/proctree"
)

// For gotrace tree: the processes running when the trace begins (the
// subtree of -p PID, the tasks of a container), as /proc shows them, so
// that the tree shows who made whom before the trace. Only the picture
// comes from /proc: which tasks are traced is the kernel side's choice.

// subtree lists pid and its descendants.
func subtree(pid int) []int {
	var out []int
	seen := map[int]bool{}
	for queue := []int{pid}; len(queue) > 0; queue = queue[1:] {
		p := queue[0]
		if seen[p] {
			continue
		}
		seen[p] = true
		out = append(out, p)
		tasks, _ := os.ReadDir("/proc/" + strconv.Itoa(p) + "/task")
		for _, task := range tasks {
			data, _ := os.ReadFile("/proc/" + strconv.Itoa(p) + "/task/" + task.Name() + "/children")
			for _, f := range strings.Fields(string(data)) {
				if c, err := strconv.Atoi(f); err == nil {
					queue = append(queue, c)
				}
			}
		}
	}
	return out
}

// cgroupProcs lists the processes in the cgroup v2 directory dir and below.
func cgroupProcs(dir string) []int {
	var out []int
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		data, _ := os.ReadFile(filepath.Join(path, "cgroup.procs"))
		for _, f := range strings.Fields(string(data)) {
			if p, err := strconv.Atoi(f); err == nil {
				out = append(out, p)
			}
		}
		return nil
	})
	return out
}

// addRunning adds the processes pids and their threads to b, each after its
// parent when that is one of them.
func addRunning(b *proctree.Builder, pids []int) {
	in := map[int]bool{}
	for _, p := range pids {
		in[p] = true
	}
	added := map[int]bool{}
	var add func(p int, depth int)
	add = func(p int, depth int) {
		if added[p] || depth > len(pids) {
			return
		}
		ppid := parentPid(p)
		if in[ppid] {
			add(ppid, depth+1)
		}
		added[p] = true
		tasks, _ := os.ReadDir("/proc/" + strconv.Itoa(p) + "/task")
		for _, task := range tasks {
			if tid, err := strconv.ParseUint(task.Name(), 10, 32); err == nil {
				b.Running(uint32(tid), uint32(p), uint32(ppid), procComm(uint32(tid)))
			}
		}
	}
	for _, p := range pids {
		add(p, 0)
	}
}

// parentPid is the ppid of /proc/PID/stat, or 0.
func parentPid(pid int) int {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	// the command name (2nd field) is in parentheses and may hold spaces
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(stat[i+1:]))
	if len(f) < 2 {
		return 0
	}
	ppid, _ := strconv.Atoi(f[1])
	return ppid
}
