package proctree

// Running adds a task that was already running when the trace began (the
// subtree of -p PID, the tasks of a container): under the task ppid when
// that is in the tree, a thread under its process's leader. Give parents
// before their children.
func (b *Builder) Running(tid, tgid, ppid uint32, comm string) {
	if b.tasks[tid] != nil {
		return
	}
	t := &Task{Tid: tid, Tgid: tgid, Comm: comm, Running: true}
	b.tasks[tid] = t
	parent := b.tasks[ppid]
	if tid != tgid {
		parent, t.Thread = b.tasks[tgid], true
	}
	if parent == nil {
		b.roots = append(b.roots, t)
		return
	}
	t.Parent = parent
	parent.Children = append(parent.Children, t)
}
