/* -e inject=: the calls gotrace tampers with through the command's seccomp
 * filter (see internal/inject). gotrace marks a call here before it lets
 * the task go on; the syscall tracepoints take the mark. */
#ifndef GOTRACE_INJECT_H
#define GOTRACE_INJECT_H

/* tid -> the call of that task gotrace tampers with */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32);
	__type(value, struct injected_call);
} injected SEC(".maps");

/* Takes task tid's mark for its call of nr into *call; 0 if it has none. */
static __always_inline int take_injected(__u32 tid, __s64 nr, struct injected_call *call)
{
	struct injected_call *c = bpf_map_lookup_elem(&injected, &tid);

	if (!c || c->nr != nr)
		return 0;
	*call = *c;
	bpf_map_delete_elem(&injected, &tid);
	return 1;
}

/* delay_exit= and poke_exit= of a call let run: seccomp has no stop at a
 * call's exit, so the task stops as it returns to user space, with a
 * SIGSTOP sent as the kernel, which gotrace, its ptracer for this,
 * receives as a signal-delivery stop; it writes the bytes, waits, and
 * resumes the task with the signal suppressed (internal/inject/exit.go).
 * The exit record is made before the stop, so gotrace lays the poked
 * bytes over what it read. */
static __always_inline void stop_at_exit(struct task_state *ts)
{
	struct task_struct *task = bpf_get_current_task_btf();

	if (!(task->ptrace & PT_PTRACED) || task->parent->tgid != tracer_tgid)
		return;
	ts->flags |= TASK_PAUSED;
	bpf_send_signal_thread(SIGSTOP);
}

/* signal=: the signal goes to the task as its call enters, as strace
 * restarts the task from the call's entry stop with it. Sent by the kernel,
 * it carries si_code SI_KERNEL, as strace's does. */
static __always_inline void inject_signal(struct injected_call *c)
{
	if (c->sig)
		bpf_send_signal_thread(c->sig);
}

#endif
