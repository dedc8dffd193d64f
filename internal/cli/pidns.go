package cli

import (
	"os"
	"strconv"
	"strings"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/pidns"
	"github.com/gotrace/gotrace/internal/tracer"
)

// translatePids adds to the trace the pids of tasks in child pid namespaces
// as gotrace's namespace sees them (--pidns-translation): for the -p
// processes, from /proc; for the tasks they create, from the kernel side.
func translatePids(cfg *tracer.Config) {
	m := pidns.New()
	for _, ev := range attachedPidNS(cfg.Pids) {
		m.Handle(&ev)
	}
	cfg.Printer.PidNote = m.AppendNote
	cfg.Observers = append(cfg.Observers, m)
}

// attachedPidNS describes, as the kernel side does for new tasks, the
// threads of the -p processes that live in a child pid namespace: their
// ids there (the last of /proc/TID/status NSpid) and the namespace's inode.
func attachedPidNS(pids []int) []decoder.Event {
	var evs []decoder.Event
	for _, pid := range pids {
		dir := "/proc/" + strconv.Itoa(pid) + "/task/"
		tasks, _ := os.ReadDir(dir)
		for _, task := range tasks {
			tid, err := strconv.ParseUint(task.Name(), 10, 32)
			if err != nil {
				continue
			}
			status, err := os.ReadFile(dir + task.Name() + "/status")
			if err != nil {
				continue
			}
			tgid, nstid, nstgid, level := nsIDs(string(status))
			link, err := os.Readlink(dir + task.Name() + "/ns/pid")
			if err != nil || level == 0 {
				continue
			}
			inum, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimPrefix(link, "pid:["), "]"), 10, 32)
			if err != nil {
				continue
			}
			evs = append(evs, decoder.Event{Type: decoder.PidNS, Tid: uint32(tid), Tgid: tgid,
				NsTid: nstid, NsTgid: nstgid, NsInum: uint32(inum), NsLevel: level})
		}
	}
	return evs
}

// nsIDs reads Tgid, and the innermost NSpid and NStgid, from a status file;
// level is how many namespaces below the host's the task is.
func nsIDs(status string) (tgid, nstid, nstgid, level uint32) {
	last := func(fields []string) uint32 {
		v, _ := strconv.ParseUint(fields[len(fields)-1], 10, 32)
		return uint32(v)
	}
	for _, line := range strings.Split(status, "\n") {
		name, value, _ := strings.Cut(line, ":")
		f := strings.Fields(value)
		if len(f) == 0 {
			continue
		}
		switch name {
		case "Tgid":
			tgid = last(f)
		case "NSpid":
			nstid, level = last(f), uint32(len(f)-1)
		case "NStgid":
			nstgid = last(f)
		}
	}
	return tgid, nstid, nstgid, level
}
