/* --no-drop: pausing a task rather than losing its records. */
#ifndef GOTRACE_NODROP_H
#define GOTRACE_NODROP_H

static __always_inline void pause_if_full(struct task_state *ts)
{
	struct task_struct *task;

	if (ts->flags & TASK_PAUSED)
		return;
	if (bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) < pause_bytes)
		return;
	task = bpf_get_current_task_btf();
	if (!(task->ptrace & PT_PTRACED) || BPF_CORE_READ(task, parent, tgid) != tracer_tgid)
		return;
	ts->flags |= TASK_PAUSED;
	bpf_send_signal_thread(SIGSTOP);
}

#endif
