/* The maps, and the per-thread state of a traced task. */
#ifndef GOTRACE_MAPS_H
#define GOTRACE_MAPS_H

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 8 << 20);
} events SEC(".maps");

/* tid -> enum task_flags */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 65536);
	__type(key, __u32);
	__type(value, __u32);
} traced SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, MAX_SYSCALL_NR);
	__type(key, __u32);
	__type(value, struct syscall_plan);
} plans SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct spawn);
} spawner SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct cpu_stats);
} stats SEC(".maps");

/* ioctl request code -> struct ioctl_ptr */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, struct ioctl_ptr);
} ioctl_ptrs SEC(".maps");

struct scratch_buf {
	__u8 buf[2 * SCRATCH_HALF];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct scratch_buf);
} scratch SEC(".maps");

/* Per-thread state of a traced task, freed by the kernel with the task. */
struct task_state {
	/* enum task_flags; TASK_TRACED is set for every traced task. The
	 * syscall tracepoints find a task's flags here rather than in the
	 * traced map: a hash lookup costs a TLB miss or two at each syscall
	 * entry (the page tables switch on entry), and an untraced task has
	 * no task storage at all, which is the quickest answer. */
	__u32 flags;
	/* enum call_note of the call in progress (-e inject=), for its exit */
	__u16 inject_note;
	/* whether the task stops as it returns (see struct injected_call) */
	__u16 inject_exit_stop;
	__s64 nr;
	__u64 args[MAX_SYSCALL_ARGS];
	__u64 ip;	/* where the call was made (-i) */
	__u32 in_syscall;
	/* a syscall whose memory was not resident at enter (BPF cannot fault
	 * pages in; the kernel does during the syscall): its enter record is
	 * sent late and whole, at exit, or for an execve, whose old memory
	 * is gone by then, at sched_process_exec (see send_exec_enter) */
	__u32 deferred_enter;
	/* --flight-recorder: the enter record of the call in progress is not
	 * in the thread's ring yet (see flight_hold_enter) */
	__u32 flight_enter_pending;
	__u32 _pad;
	/* its enter time, or with --flight-recorder and no times its place
	 * in the order of the records kept (flight_stamp) */
	__u64 enter_ns;
	/* an ignored signal (SIGCHLD by default) is never delivered; strace
	 * shows it on the way back to user space, so it waits here for the
	 * next syscall exit */
	__s32 ignored_sig;
	__u8 ignored_info[SIGINFO_SIZE];
	/* the last signal sent to the task: when its default action kills
	 * and nobody ptraces, the kernel turns it into SIGKILL at once and
	 * never delivers it (complete_signal); strace, a ptracer, sees it
	 * delivered, so its line is sent when the task exits (see
	 * sched_process_exit) unless signal_deliver saw it */
	__s32 sent_sig;
	__u8 sent_info[SIGINFO_SIZE];
};

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct task_state);
} task_states SEC(".maps");

/* The state of task, traced but without one, made from the traced map
 * (lazy_states), else NULL. */
static __always_inline struct task_state *lazy_state(struct task_struct *task, __u32 tid)
{
	struct task_state *ts;
	__u32 *flags;

	if (!lazy_states)
		return 0;
	flags = bpf_map_lookup_elem(&traced, &tid);
	if (!flags)
		return 0;
	ts = bpf_task_storage_get(&task_states, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (ts)
		ts->flags = *flags | TASK_TRACED;
	return ts;
}

/* The state of task (whose pid is tid) if it is traced, else NULL. */
static __always_inline struct task_state *traced_state(struct task_struct *task, __u32 tid)
{
	struct task_state *ts = bpf_task_storage_get(&task_states, task, 0, 0);

	if (ts && (ts->flags & TASK_TRACED))
		return ts;
	return lazy_state(task, tid);
}

/* Starts tracing task with flags: its state, and its entry in the traced
 * map, where gotrace sees which tasks are left. */
static __always_inline void trace_task(struct task_struct *task, __u32 tid, __u32 flags)
{
	struct task_state *ts;

	ts = bpf_task_storage_get(&task_states, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!ts)
		return;
	__builtin_memset(ts, 0, sizeof(*ts));
	ts->flags = flags | TASK_TRACED;
	bpf_map_update_elem(&traced, &tid, &flags, BPF_ANY);
}

static __always_inline struct syscall_plan *plan_for(__s64 nr)
{
	__u32 key = nr;

	if (nr < 0 || nr >= MAX_SYSCALL_NR)
		return (struct syscall_plan *)&beyond_plans;
	return bpf_map_lookup_elem(&plans, &key);
}

#endif
