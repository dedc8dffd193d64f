/* The syscall tracepoints: enter and exit records, as the plans say. */
#ifndef GOTRACE_SYSCALLS_H
#define GOTRACE_SYSCALLS_H

static __always_inline int is_execve(__s64 nr)
{
	return nr == NR_execve || nr == NR_execveat;
}

/* Whether the enter record of a call planned so goes with its exit record
 * (PLAN_JOIN): not for calls gotrace tampers with, nor for the flight
 * recorder, which keeps records one by one. */
static __always_inline int joined(struct syscall_plan *plan)
{
	return !flight_recorder && !instr_ptr && (plan->flags & (PLAN_JOIN | PLAN_INJECT)) == PLAN_JOIN;
}

/* How send_syscall sends: an exit record, or an enter record held back
 * when some memory could not be read. */
enum send_how {
	SEND_ENTER = 0,
	SEND_ENTER_UNLESS_FAULTED = 1,
	SEND_EXIT = 2,
};

/* Builds the enter or exit record of the task's syscall from its saved
 * number and arguments, ret being its return value, stamped ns, with the
 * captures its plan reads then, and sends it as how says. Returns the
 * arguments whose memory faulted. A global function: the verifier checks
 * it once, not at each of its call sites, which keeps loading fast. */
__noinline int send_syscall(struct task_state *ts, __u64 pid_tgid, __u64 ns, __s64 ret,
			    enum send_how how)
{
	struct flight_ring *fr = 0;
	void *rec;
	struct rec_hdr *h;
	struct syscall_plan *plan;
	struct arg_walk w = { .ret = ret, .exit = how == SEND_EXIT };
	__u32 i, n, start = 0;

	if (!ts)
		return 0;
	plan = plan_for(ts->nr);
	if (!plan)
		return 0;
	if (flight_recorder) {
		/* built in the thread's ring: one lookup for the call's
		 * records, no copy */
		fr = flight_ring_of(pid_tgid >> 32, (__u32)pid_tgid);
		if (!fr) {
			count_unkept();
			return 0;
		}
		if (how == SEND_EXIT)
			flight_enter_of(fr, ts, (__u32)pid_tgid, pid_tgid >> 32);
		rec = flight_next(fr);
		if (!syscall_times)
			ns = flight_stamp();
	} else {
		rec = get_scratch();
		if (!rec)
			return 0;
	}
	h = rec;
	if (how == SEND_EXIT) {
		struct rec_sys_exit *x = rec;

		if (joined(plan)) {
			/* the enter record, held back, goes first */
			fill_enter(rec, ts, (__u32)pid_tgid, pid_tgid >> 32, ts->enter_ns);
			h->size = sizeof(struct rec_sys_enter);
			start = sizeof(struct rec_sys_enter);
			x = rec + start;
			h = &x->h;
		}
		fill_hdr_at(h, REC_SYS_EXIT, (__u32)pid_tgid, pid_tgid >> 32, ns);
		x->nr = ts->nr;
		x->ret = ret;
		h->note = ts->inject_note;
		w.off = start + sizeof(*x);
		n = plan->exit_args;
	} else {
		fill_enter(rec, ts, (__u32)pid_tgid, pid_tgid >> 32, ns);
		w.off = sizeof(struct rec_sys_enter);
		n = plan->enter_args;
	}
	for (i = 0; i < MAX_SYSCALL_ARGS && i < n; i++)
		capture_arg(rec, ts, &w, i);
	if (instr_ptr && how != SEND_EXIT && !fr) {
		struct capture *c = cap_at(rec, w.off);

		c->arg = 0;
		c->kind = CAP_IP;
		c->flags = 0;
		c->len = sizeof(__u64);
		*(__u64 *)((void *)c + sizeof(*c)) = ts->ip;
		w.off = cap_end(w.off, sizeof(__u64));
		w.ncaps++;
	}
	h->ncaps = w.ncaps;
	if (how == SEND_ENTER_UNLESS_FAULTED && w.faults)
		return w.faults;
	if (fr) {
		flight_commit(fr, h, (w.off + 7) & (2 * SCRATCH_HALF - 8));
	} else if (start) {
		/* captures end on 8 bytes; the mask bounds the size for the
		 * verifier, as emit's */
		h->size = w.off - start;
		output_sized(rec, w.off & (2 * SCRATCH_HALF - 8), 2);
	} else {
		emit(rec, w.off);
	}
	return w.faults;
}

/* Records the enter of syscall nr with the arguments in regs, at time since
 * (0: now), and sends it. */
static __always_inline void enter_syscall(struct task_state *ts, struct pt_regs *regs,
					  __s64 nr, struct syscall_plan *plan, __u64 pid_tgid,
					  __u64 since)
{
	__u64 now = syscall_times ? (since ? since : bpf_ktime_get_ns()) : 0;

	ts->nr = nr;
	ts->args[0] = regs->di;
	ts->args[1] = regs->si;
	ts->args[2] = regs->dx;
	ts->args[3] = regs->r10;
	ts->args[4] = regs->r8;
	ts->args[5] = regs->r9;
	ts->ip = regs->ip;
	/* rt_sigreturn has no argument; strace shows the signal mask it
	 * restores, uc_sigmask of the rt_sigframe just below the stack
	 * pointer, so its address stands in for the first argument */
	if (nr == NR_rt_sigreturn)
		ts->args[0] = regs->sp + RT_SIGFRAME_MASK_OFFSET;
	ts->in_syscall = 1;
	ts->deferred_enter = 0;
	/* -e inject=: the caller sets them for a call gotrace marked */
	ts->inject_note = 0;
	ts->inject_exit_stop = 0;
	ts->flight_enter_pending = 0;
	ts->enter_ns = now;
	if (summary_mode == SUMMARY_ONLY || joined(plan))
		return;
	if (flight_recorder && !plan->enter_args) {
		flight_hold_enter(ts);
		return;
	}
	/* memory may not be resident (a literal string in a page a forked
	 * child never touched): send now if all could be read, else later */
	if (send_syscall(ts, pid_tgid, now, 0, SEND_ENTER_UNLESS_FAULTED))
		ts->deferred_enter = 1;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(sys_enter, struct pt_regs *regs, long id)
{
	if (bench_floor)
		return 0;
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct task_state *ts = current_state((__u32)pid_tgid, 0);
	struct syscall_plan *plan;

	int first_exec = 0;

	if (!ts)
		return 0;
	if (ts->flags & TASK_PENDING_EXEC) {
		if (!is_execve(id))
			return 0;
		ts->flags = (ts->flags & ~TASK_PENDING_EXEC) | TASK_FIRST_EXEC;
		first_exec = 1;
	}
	/* running again: a pause (see pause_if_full) is over */
	ts->flags &= ~(TASK_ATTACHED | TASK_PAUSED);
	/* a signal ignored since the last syscall returned (in user space,
	 * or the SIGCONT that ended a stop on the way there) came before
	 * this call, where strace shows it */
	if (ts->ignored_sig)
		emit_ignored_signal(ts, (__u32)pid_tgid, pid_tgid >> 32);
	plan = plan_for(id);
	if (!plan || !(plan->flags & PLAN_TRACED))
		return 0;
	if (plan->flags & PLAN_INJECT) {
		struct injected_call c;

		if (take_injected((__u32)pid_tgid, id, &c)) {
			enter_syscall(ts, regs, id, plan, pid_tgid, c.since);
			ts->inject_note = c.note;
			ts->inject_exit_stop = c.exit_stop;
			inject_signal(&c);
			return 0;
		}
	}
	enter_syscall(ts, regs, id, plan, pid_tgid, 0);
	/* -k: exit and exit_group do not return, and execve returns in
	 * another program: strace takes their stacks at entry (but that of
	 * the command's own execve, which it sees only return) */
	if (user_stacks && (id == NR_exit || id == NR_exit_group || (is_execve(id) && !first_exec)))
		emit_stack(regs, (__u32)pid_tgid, pid_tgid >> 32, STACK_AT_ENTER);
	return 0;
}

/* Ends the task's syscall nr (from regs) returning ret: its exit record,
 * or its whole record when its enter was not seen. */
static __always_inline void exit_syscall(void *ctx, struct task_state *ts, struct pt_regs *regs,
					 long ret, __u64 pid_tgid)
{
	__u32 tid = (__u32)pid_tgid;
	struct syscall_plan *plan;
	__s64 nr = regs->orig_ax;
	__u64 now;

	/* The syscall is the one that entered when rt_sigreturn restores the
	 * registers of the interrupted code (orig_ax = -1), and when an
	 * execveat returns in the new image, whose registers say execve */
	if (ts->in_syscall && (nr < 0 || (nr == NR_execve && ts->nr == NR_execveat)))
		nr = ts->nr;
	plan = plan_for(nr);
	if (!ts->in_syscall || ts->nr != nr) {
		/* No enter seen: a new child returning from fork, a syscall
		 * in flight when gotrace attached to the task (-p), or one
		 * gotrace answered from the seccomp filter (-e inject=), which
		 * the enter tracepoint never saw. For the last two the argument
		 * registers still hold the arguments, so the whole call prints,
		 * as strace prints the restarted or the tampered call. */
		struct injected_call c = {};
		int answered = plan && (plan->flags & PLAN_INJECT) && take_injected(tid, nr, &c) &&
			       c.answered;

		if (!(answered || (ts->flags & TASK_ATTACHED)) || !plan ||
		    !(plan->flags & PLAN_TRACED)) {
			if (ts->ignored_sig)
				emit_ignored_signal(ts, tid, pid_tgid >> 32);
			return;
		}
		ts->flags &= ~TASK_ATTACHED;
		enter_syscall(ts, regs, nr, plan, pid_tgid, c.since);
		ts->inject_note = c.note;
		inject_signal(&c);
	}
	/* The kernel has faulted in what the syscall read (and a failed
	 * execve still has its memory): a held-back enter goes whole now. */
	if (ts->deferred_enter && plan) {
		ts->deferred_enter = 0;
		send_syscall(ts, pid_tgid, ts->enter_ns, 0, SEND_ENTER);
	}
	/* A task being killed leaves its syscall with -ERESTART*: strace
	 * never sees that return and prints "= ?" when the task exits, so
	 * the syscall stays in progress for the exit record. */
	if (ret <= -ERESTARTSYS && ret >= -ERESTART_RESTARTBLOCK && sigkill_pending() &&
	    !killed_by_fatal_signal())
		return;
	ts->in_syscall = 0;
	now = syscall_times ? bpf_ktime_get_ns() : 0;
	if (ts->inject_exit_stop) {
		ts->inject_exit_stop = 0;
		stop_at_exit(ts);
	}
	if (summary_mode) {
		count_syscall(nr, ret, now - ts->enter_ns, pid_tgid >> 32);
		if (summary_mode == SUMMARY_ONLY)
			return;
	}
	if (!plan)
		return;
	send_syscall(ts, pid_tgid, now, ret, SEND_EXIT);
	ts->inject_note = 0;
	if (user_stacks)
		emit_stack(regs, tid, pid_tgid >> 32, 0);
	if (ts->ignored_sig)
		emit_ignored_signal(ts, tid, pid_tgid >> 32);
}

SEC("tp_btf/sys_exit")
int BPF_PROG(sys_exit, struct pt_regs *regs, long ret)
{
	if (bench_floor)
		return 0;
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct task_state *ts = current_state((__u32)pid_tgid, 0);

	if (!ts || (ts->flags & TASK_PENDING_EXEC))
		return 0;
	if (user_stacks)
		track_mappings(regs, regs->orig_ax, ret, pid_tgid);
	exit_syscall(ctx, ts, regs, ret, pid_tgid);
	if (ts->flags & TASK_FIRST_EXEC) {
		ts->flags &= ~TASK_FIRST_EXEC;
		/* as strace, the failed execve shows and then the exit */
		if (ret < 0)
			ts->flags |= TASK_PENDING_EXEC | TASK_EXEC_FAILED;
	}
	if (ts->flags & TASK_SEIZE) {
		/* the command gotrace started, back from its execve: a plain
		 * stop, which only gotrace, its parent, sees, so that gotrace
		 * ptraces it before it runs; gotrace then sends the SIGCONT
		 * it suppresses */
		if (ret == 0 && is_execve(regs->orig_ax)) {
			ts->flags = (ts->flags & ~TASK_SEIZE) | TASK_PAUSED;
			bpf_send_signal_thread(SIGSTOP);
		}
	} else if (no_drop) {
		pause_if_full(ts);
	}
	return 0;
}

#endif
