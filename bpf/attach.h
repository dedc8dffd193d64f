/* -p: which of the tasks gotrace attaches to are stopped (a group stop
 * before the attach), and by which signal: strace then shows
 * "--- stopped by SIGSTOP ---". */
#ifndef GOTRACE_ATTACH_H
#define GOTRACE_ATTACH_H

#define TASK_STOPPED_STATE 0x4	/* __TASK_STOPPED */
#define JOBCTL_STOP_SIGMASK 0xffff	/* the signal of the group stop */

/* What stopped_tasks writes for each traced task in a group stop. */
struct stopped_task {
	__u32 tid;
	__u32 sig;
};

SEC("iter/task")
int stopped_tasks(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;
	struct stopped_task st;

	if (!task)
		return 0;
	st.tid = task->pid;
	if (!bpf_map_lookup_elem(&traced, &st.tid) || !(task->__state & TASK_STOPPED_STATE))
		return 0;
	st.sig = task->jobctl & JOBCTL_STOP_SIGMASK;
	bpf_seq_write(ctx->meta->seq, &st, sizeof(st));
	return 0;
}

#endif
