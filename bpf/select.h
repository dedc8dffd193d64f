/* Tasks gotrace neither started nor attached to, selected in the kernel:
 * --cgroup and --container (a cgroup v2 subtree), --all (every task, by
 * --comm and --uid), -p PID --descendants (PID's subtree).
 *
 * A selected task gets its task state, the syscall tracepoints' fast path,
 * at first sight: its first syscall enter or exit, or its first fork, or
 * (--descendants) the walk over the existing tasks that gotrace runs once at
 * attach. Its children then follow it from sched_process_fork. Only tasks
 * without a state pay for the test: one helper call for a cgroup, none for
 * --all once a task is known (an unselected one keeps a state saying so,
 * tested again at exec). */
#ifndef GOTRACE_SELECT_H
#define GOTRACE_SELECT_H

#define SELECT_COMMS 8
#define TASK_COMM_LEN 16
/* deepest ancestry walked for --descendants */
#define SELECT_DEPTH 64
#define PF_KTHREAD 0x00200000

/* enum select_flags; 0: only what gotrace names (a command, -p) */
const volatile __u32 select_mode = 0;
/* enum task_flags given to the selected tasks */
const volatile __u32 select_task_flags = 0;
/* --descendants: the process whose subtree is traced */
const volatile __u32 select_root = 0;
/* --uid */
const volatile __u32 select_uid = 0;
/* --comm: names, NUL-padded */
const volatile __u32 select_ncomms = 0;
const volatile char select_comms[SELECT_COMMS][TASK_COMM_LEN] = {};
/* --cgroup: the cgroup's id (its kernfs node id, the directory's inode) */
const volatile __u64 select_cgroup_id = 0;
/* --descendants without -f: a task started after this (CLOCK_MONOTONIC,
 * set by gotrace once the programs are attached) did not exist at attach */
__u64 select_until = ~0ULL;

static __always_inline void emit_pidns(struct task_struct *task, __u32 tid, __u32 tgid);

/* --cgroup: the cgroup v2 directory at index 0 */
struct {
	__uint(type, BPF_MAP_TYPE_CGROUP_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} select_cgroup SEC(".maps");

static __always_inline int comm_selected(struct task_struct *task)
{
	char comm[TASK_COMM_LEN];

	if (!select_ncomms)
		return 1;
	bpf_probe_read_kernel(comm, sizeof(comm), task->comm);
	for (__u32 i = 0; i < SELECT_COMMS && i < select_ncomms; i++) {
		int same = 1;

		for (int j = 0; j < TASK_COMM_LEN; j++) {
			if (comm[j] != select_comms[i][j]) {
				same = 0;
				break;
			}
			if (!comm[j])
				break;
		}
		if (same)
			return 1;
	}
	return 0;
}

/* Whether task descends from (or is in) the process select_root. */
static __always_inline int descends(struct task_struct *task)
{
	for (int i = 0; i < SELECT_DEPTH && task; i++) {
		struct task_struct *parent;

		if (BPF_CORE_READ(task, tgid) == select_root)
			return 1;
		parent = BPF_CORE_READ(task, real_parent);
		if (parent == task)
			break;
		task = parent;
	}
	return 0;
}

/* Whether task is in the cgroup select_cgroup_id or below it, walking up
 * from its cgroup v2 (what bpf_current_task_under_cgroup tests for the
 * current task). */
static __always_inline int in_cgroup(struct task_struct *task)
{
	struct cgroup *c = BPF_CORE_READ(task, cgroups, dfl_cgrp);

	for (int i = 0; i < SELECT_DEPTH && c; i++) {
		if (BPF_CORE_READ(c, kn, id) == select_cgroup_id)
			return 1;
		/* a cgroup's css "self" is its first member */
		c = (struct cgroup *)BPF_CORE_READ(c, self.parent);
	}
	return 0;
}

/* Starts tracing a task that was running before: it may be in the middle
 * of a syscall (TASK_ATTACHED), and a state it already has is kept. */
static __always_inline struct task_state *select_task(struct task_struct *task, __u32 tid)
{
	struct task_state *ts;

	if (!select_mode)
		return 0;
	__u32 flags = select_task_flags;

	ts = bpf_task_storage_get(&task_states, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!ts)
		return 0;
	if (ts->flags & TASK_TRACED)
		return ts;
	__builtin_memset(ts, 0, sizeof(*ts));
	ts->flags = flags | TASK_TRACED | TASK_ATTACHED;
	bpf_map_update_elem(&traced, &tid, &flags, BPF_ANY);
	/* its pids in a container's namespace, for --pidns-translation */
	emit_pidns(task, tid, task->tgid);
	return ts;
}

/* Remembers that the task is not selected (--all with --comm or --uid),
 * so that its next syscalls skip the test. */
static __always_inline void unselect_task(struct task_struct *task)
{
	struct task_state *ts;

	ts = bpf_task_storage_get(&task_states, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (ts)
		ts->flags = TASK_UNSELECTED;
}

/* The state of task, the current task without a state of its own (or with
 * an unselected one, ts), if a selection takes it. at_fork: it is forking,
 * the only first sight --descendants looks at (its walk at attach took the
 * others). */
static __always_inline struct task_state *select_current(struct task_struct *task, __u32 tid,
							 struct task_state *ts, int at_fork)
{
	if (ts || task->tgid == tracer_tgid)
		return 0;
	if (select_mode & SELECT_CGROUP) {
		if (bpf_current_task_under_cgroup(&select_cgroup, 0) != 1)
			return 0;
		return select_task(task, tid);
	}
	if (select_mode & SELECT_ALL) {
		if (((select_mode & SELECT_UID) && BPF_CORE_READ(task, cred, euid.val) != select_uid) ||
		    !comm_selected(task)) {
			unselect_task(task);
			return 0;
		}
		return select_task(task, tid);
	}
	if ((select_mode & SELECT_DESCENDANTS) && at_fork && task->start_time <= select_until &&
	    descends(task))
		return select_task(task, tid);
	return 0;
}

/* The state of the current task: traced, or taken now by a selection. */
static __always_inline struct task_state *current_state(__u32 tid, int at_fork)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct task_state *ts = bpf_task_storage_get(&task_states, task, 0, 0);

	if (ts && (ts->flags & TASK_TRACED))
		return ts;
	if (select_mode)
		return select_current(task, tid, ts, at_fork);
	return lazy_state(task, tid);
}

/* After an exec, a task --all did not select is tested again: its name and
 * perhaps its effective uid changed. */
static __always_inline void select_after_exec(struct task_struct *task)
{
	struct task_state *ts;

	if (!(select_mode & SELECT_ALL))
		return;
	ts = bpf_task_storage_get(&task_states, task, 0, 0);
	if (ts && ts->flags == TASK_UNSELECTED) {
		bpf_task_storage_delete(&task_states, task);
		select_current(task, task->pid, 0, 0);
	}
}

/* Run once by gotrace at attach (a task iterator) over every task, to
 * select those of the subtree (--descendants) or of the cgroup as they are
 * then, blocked ones too: their syscall in progress and their end show.
 * sched_process_fork follows them from there, and first sights (--cgroup)
 * take those that come later. */
SEC("iter/task")
int select_existing(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;

	if (!task || task->tgid == tracer_tgid || (task->flags & PF_KTHREAD))
		return 0;
	if ((select_mode & SELECT_DESCENDANTS) && task->start_time <= select_until &&
	    descends(task))
		select_task(task, task->pid);
	if ((select_mode & SELECT_CGROUP) && in_cgroup(task))
		select_task(task, task->pid);
	return 0;
}

#endif
