/* Signals: delivered, ignored (shown when the syscall the task is in
 * returns, or at its next syscall), and fatal ones the kernel never
 * delivers. */
#ifndef GOTRACE_SIGNALS_H
#define GOTRACE_SIGNALS_H

static __always_inline void emit_ignored_signal(struct task_state *ts, __u32 tid, __u32 tgid)
{
	struct rec_signal_ip *rec = get_scratch();

	if (!rec)
		return;
	fill_hdr(&rec->s.h, REC_SIGNAL, tid, tgid);
	rec->s.sig = ts->ignored_sig;
	rec->s.flags = 0;
	__builtin_memcpy(rec->s.info, ts->ignored_info, SIGINFO_SIZE);
	rec->ip = user_ip();
	ts->ignored_sig = 0;
	emit(rec, sizeof(*rec));
}

static __always_inline int sigkill_pending(void)
{
	struct task_struct *task = bpf_get_current_task_btf();

	return (task->pending.signal.sig[0] |
		BPF_CORE_READ(task, signal, shared_pending.signal.sig[0])) &
	       (1UL << (SIGKILL - 1));
}

/* Whether the task dies of a signal other than SIGKILL that the kernel
 * turned into SIGKILL without delivering it (see task_state.sent_sig): a
 * ptracer would have seen the syscall return and the signal delivered. */
static __always_inline int killed_by_fatal_signal(void)
{
	struct task_struct *task = bpf_get_current_task_btf();
	int code = BPF_CORE_READ(task, signal, group_exit_code) & 0x7f;

	return code && code != SIGKILL;
}

/* How far up stops() looks for a parent outside the process group. */
#define PGRP_ANCESTORS 16

/* Whether delivering stop signal sig with its default action stops the
 * task: SIGSTOP always does; the job control signals do nothing in an
 * orphaned process group. The group is not orphaned when a member's
 * parent, not init, is in another group of the same session (a shell's
 * job); of the members, the task and its ancestors in the group are
 * looked at (the kernel's will_become_orphaned_pgrp looks at them all). */
static __always_inline int stops(int sig)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct pid *pgrp = BPF_CORE_READ(task, signal, pids[PIDTYPE_PGID]);
	struct pid *session = BPF_CORE_READ(task, signal, pids[PIDTYPE_SID]);

	if (sig == SIGSTOP)
		return 1;
	for (int i = 0; i < PGRP_ANCESTORS; i++) {
		struct task_struct *parent = BPF_CORE_READ(task, real_parent);

		if (!parent || BPF_CORE_READ(parent, pid) <= 1)
			return 0;
		if (BPF_CORE_READ(parent, signal, pids[PIDTYPE_PGID]) != pgrp)
			return BPF_CORE_READ(parent, signal, pids[PIDTYPE_SID]) == session;
		task = parent;
	}
	return 0;
}

SEC("tp_btf/signal_deliver")
int BPF_PROG(signal_deliver, int sig, struct kernel_siginfo *info, struct k_sigaction *ka)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pid_tgid;
	struct task_state *ts = traced_state(bpf_get_current_task_btf(), tid);
	struct rec_signal_ip *rec;

	/* SIGKILL is never delivered to a handler, and strace never shows it */
	if (!ts || (ts->flags & TASK_PENDING_EXEC) || sig == SIGKILL)
		return 0;
	/* the stop after the command's execve under --no-drop */
	if (sig == SIGSTOP && (ts->flags & TASK_PAUSED))
		return 0;
	if (ts->sent_sig == sig)
		ts->sent_sig = 0;
	rec = get_scratch();
	if (!rec)
		return 0;
	fill_hdr(&rec->s.h, REC_SIGNAL, tid, pid_tgid >> 32);
	rec->s.sig = sig;
	rec->s.flags = 0;
	bpf_probe_read_kernel(rec->s.info, SIGINFO_SIZE, info);
	rec->ip = user_ip();
	emit(rec, sizeof(*rec));
	/* -k: strace prints the stack where the signal found the task */
	if (user_stacks)
		emit_stack((struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf()), tid, pid_tgid >> 32, 0);
	/* a stop signal with its default action: the task stops now (only
	 * a SIGCONT or SIGKILL racing with it would prevent that) */
	if ((sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU) && ka &&
	    ka->sa.sa_handler == NULL && stops(sig)) {
		rec = get_scratch();
		if (!rec)
			return 0;
		fill_hdr(&rec->s.h, REC_SIGNAL, tid, pid_tgid >> 32);
		rec->s.sig = sig;
		rec->s.flags = SIGNAL_STOPPED;
		__builtin_memset(rec->s.info, 0, SIGINFO_SIZE);
		rec->ip = user_ip();
		emit(rec, sizeof(*rec));
	}
	return 0;
}

/* struct kernel_siginfo on x86_64: si_signo, si_errno, si_code, then
 * si_pid and si_uid for the codes sent by a process. */
#define SI_USER 0
#define SI_KERNEL 0x80

/* Copies the siginfo of a signal being generated. The kernel passes two
 * special pointers that it fills in only when it queues the signal:
 * SEND_SIG_NOINFO (0, kill(2)-like, the current task as sender: a SIGPIPE
 * after a failed write) and SEND_SIG_PRIV (1, the kernel as sender). */
static __always_inline void read_generated_siginfo(__u8 *dst, int sig, struct kernel_siginfo *info)
{
	__s32 *w = (__s32 *)dst;

	if ((unsigned long)info > 1) {
		bpf_probe_read_kernel(dst, SIGINFO_SIZE, info);
		return;
	}
	__builtin_memset(dst, 0, SIGINFO_SIZE);
	w[0] = sig;
	if (!info) {
		w[2] = SI_USER;
		w[4] = bpf_get_current_pid_tgid() >> 32;
		w[5] = (__u32)bpf_get_current_uid_gid();
	} else {
		w[2] = SI_KERNEL;
	}
}

SEC("tp_btf/signal_generate")
int BPF_PROG(signal_generate, int sig, struct kernel_siginfo *info, struct task_struct *task,
	     int group, int result)
{
	struct task_state *ts;

	if (result != TRACE_SIGNAL_IGNORED && (result != TRACE_SIGNAL_DELIVERED || sig == SIGKILL))
		return 0;
	ts = traced_state(task, task->pid);
	if (!ts || (ts->flags & TASK_PENDING_EXEC))
		return 0;
	/* the pause of --no-drop, and the SIGCONT that ends the stop after
	 * the command's execve: gotrace suppresses them */
	if ((sig == SIGSTOP || sig == SIGCONT) && (ts->flags & TASK_PAUSED))
		return 0;
	if (result == TRACE_SIGNAL_DELIVERED) {
		ts->sent_sig = sig;
		read_generated_siginfo(ts->sent_info, sig, info);
		return 0;
	}
	/* one ignored signal waits at a time: an earlier one goes now (a
	 * SIGCHLD of a child continued, then of its exit) */
	if (ts->ignored_sig)
		emit_ignored_signal(ts, task->pid, task->tgid);
	ts->ignored_sig = sig;
	read_generated_siginfo(ts->ignored_info, sig, info);
	return 0;
}

#endif
