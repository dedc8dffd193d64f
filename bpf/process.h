/* Process lifecycle: fork, exec (with the enter record of an execve
 * whose memory was not resident), exit, and pid namespaces. */
#ifndef GOTRACE_PROCESS_H
#define GOTRACE_PROCESS_H

/* The number of pid at its own level: what its namespace calls it. */
static __always_inline __u32 ns_nr(struct pid *pid, unsigned int level)
{
	return BPF_CORE_READ(pid, numbers[level].nr);
}

/* Tells gotrace the ids a task in a child pid namespace has there
 * (--pidns-translation). */
static __always_inline void emit_pidns(struct task_struct *task, __u32 tid, __u32 tgid)
{
	struct pid *pid = BPF_CORE_READ(task, thread_pid);
	unsigned int level = BPF_CORE_READ(pid, level);
	struct rec_pidns *rec;

	if (level == 0 || level > 32)
		return;
	rec = get_scratch();
	if (!rec)
		return;
	fill_hdr(&rec->h, REC_PIDNS, tid, tgid);
	rec->ns_tid = ns_nr(pid, level);
	rec->ns_tgid = ns_nr(BPF_CORE_READ(task, group_leader, thread_pid), level);
	rec->ns_inum = BPF_CORE_READ(pid, numbers[level].ns, ns.inum);
	rec->level = level;
	emit(rec, sizeof(*rec));
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(sched_process_fork, struct task_struct *parent, struct task_struct *child)
{
	__u32 ptid = parent->pid, ptgid = parent->tgid;
	__u32 ctid = child->pid, ctgid = child->tgid;
	/* the parent is the current task */
	struct task_state *pts = current_state(ptid, 1);
	__u32 pflags, cflags;
	struct rec_fork *rec;

	if (!pts) {
		__u32 zero = 0;
		struct spawn *sp = bpf_map_lookup_elem(&spawner, &zero);

		/* The command gotrace starts: traced from its execve on. Go's
		 * runtime may fork a short-lived probe child first, so every
		 * child forked while gotrace is armed waits for an execve. */
		if (sp && sp->tgid && sp->tgid == ptgid && ctgid != ptgid)
			trace_task(child, ctid, sp->flags | TASK_PENDING_EXEC);
		return 0;
	}
	pflags = pts->flags;
	if (pflags & TASK_PENDING_EXEC)
		return 0;
	if (pflags & TASK_FOLLOW_FORKS)
		cflags = pflags & (TASK_FOLLOW_FORKS | TASK_FOLLOW_THREADS);
	else if ((pflags & TASK_FOLLOW_THREADS) && ctgid == ptgid)
		cflags = pflags & TASK_FOLLOW_THREADS;
	else
		return 0;
	trace_task(child, ctid, cflags);

	rec = get_scratch();
	if (!rec)
		return 0;
	fill_hdr(&rec->h, REC_FORK, ptid, ptgid);
	rec->child_tid = ctid;
	rec->child_tgid = ctgid;
	emit(rec, sizeof(*rec));
	emit_pidns(child, ctid, ctgid);
	return 0;
}

struct exec_argv_ctx {
	void *buf;
	__u64 ptr;	/* next string in the new image's argument area */
	__u64 end;
	__u32 off;
	__u32 max;
	__u16 ncaps;
	__u16 end_flags;
	__u8 arg;
};

/* One string of the new image's argv: read whole (to step to the next one),
 * kept up to -s + 1 bytes as cap_str keeps them. */
static long exec_argv_elem(__u64 i, struct exec_argv_ctx *ctx)
{
	struct capture *c;
	long n;

	if (ctx->ptr >= ctx->end)
		return 1;
	if (i >= ctx->max || ctx->off >= SCRATCH_HALF - PATH_MAX - 2 * sizeof(struct capture)) {
		ctx->end_flags |= CAPF_MORE;
		return 1;
	}
	c = cap_at(ctx->buf, ctx->off);
	n = bpf_probe_read_user_str((void *)c + sizeof(*c), PATH_MAX, (void *)ctx->ptr);
	if (n <= 0 || n == PATH_MAX) {
		ctx->end_flags |= CAPF_MORE;
		return 1;
	}
	c->arg = ctx->arg;
	c->kind = CAP_STR;
	c->flags = 0;
	c->len = n - 1;
	if (c->len > str_size + 1) {
		c->len = str_size + 1;
		c->flags |= CAPF_MORE;
	}
	ctx->off = cap_end(ctx->off, c->len);
	ctx->ptr += n;
	ctx->ncaps++;
	return 0;
}

/* Captures the strings the new image has between ptr and end (its argv),
 * count of them given to execve, as cap_argv does. */
static __always_inline __u32 cap_exec_strings(void *buf, __u32 off, __u8 arg, __u64 ptr,
					      __u64 end, __u32 count, __u16 *ncaps)
{
	struct exec_argv_ctx ctx = {
		.buf = buf,
		.ptr = ptr,
		.end = end,
		.off = off,
		.max = argv_max < ARGV_MAX ? argv_max : ARGV_MAX,
		.end_flags = CAPF_END,
		.arg = arg,
	};

	bpf_loop(ARGV_MAX + 1, exec_argv_elem, &ctx, 0);
	if (count > ctx.ncaps)
		ctx.end_flags |= CAPF_MORE;
	*ncaps += ctx.ncaps + 1;
	return cap_marker(buf, ctx.off, arg, CAP_ARGV, ctx.end_flags);
}

/* The enter record of an execve whose strings were not resident at enter,
 * sent whole now that the kernel has copied them: the path from bprm, argv
 * from the new image's argument area, the environment's size from bprm. */
static __always_inline void send_exec_enter(struct task_state *ts, struct task_struct *p,
					    struct linux_binprm *bprm, __u32 entered_tid)
{
	struct rec_sys_enter *rec = get_scratch();
	struct capture *c;
	/* execveat's path, argv and envp come one argument later */
	__u8 argv = ts->nr == NR_execveat ? 2 : 1;
	__u32 off;
	long n;

	if (!rec)
		return;
	/* under the tid the call entered with: a thread that is not the
	 * leader takes the leader's tid only with the exec record */
	fill_enter(rec, ts, entered_tid, p->tgid, ts->enter_ns);
	off = sizeof(*rec);

	c = cap_at(rec, off);
	n = bpf_probe_read_kernel_str((void *)c + sizeof(*c), PATH_MAX, bprm->filename);
	c->arg = argv - 1;
	c->kind = CAP_PATH;
	c->flags = n > 0 ? 0 : CAPF_FAULT;
	c->len = n > 0 ? n - 1 : 0;
	off = cap_end(off, c->len);
	rec->h.ncaps++;

	/* the environment's strings (-v) are left out here: a second loop
	 * makes this program too large for the verifier; its count shows */
	off = cap_exec_strings(rec, off, argv, BPF_CORE_READ(p, mm, arg_start),
			       BPF_CORE_READ(p, mm, arg_end), bprm->argc, &rec->h.ncaps);
	c = cap_at(rec, off);
	c->arg = argv + 1;
	c->kind = CAP_ENVC;
	c->flags = 0;
	c->len = sizeof(__u32);
	*(__u32 *)((void *)c + sizeof(*c)) = bprm->envc;
	off = cap_end(off, sizeof(__u32));
	rec->h.ncaps++;
	emit(rec, off);
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(sched_process_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	__u32 tid = p->pid, old = old_pid;
	struct task_state *ts;
	struct rec_exec *rec;
	int detach;

	select_after_exec(p);
	ts = traced_state(p, old);
	if (!ts)
		return 0;
	if (old != tid) {
		/* A thread other than the leader called execve and took over the
		 * leader's pid: keep tracing under the new tid. */
		__u32 flags = ts->flags & ~TASK_TRACED;

		bpf_map_update_elem(&traced, &tid, &flags, BPF_ANY);
		bpf_map_delete_elem(&traced, &old);
	}
	if (ts->flags & TASK_PENDING_EXEC)
		return 0;
	if (ts->in_syscall && ts->deferred_enter && is_execve(ts->nr)) {
		ts->deferred_enter = 0;
		send_exec_enter(ts, p, bprm, old_pid);
	}
	detach = detach_on_exec && !(ts->flags & TASK_FIRST_EXEC);
	ts->flags &= ~TASK_FIRST_EXEC;
	rec = get_scratch();
	if (rec) {
		fill_hdr(&rec->h, REC_EXEC, tid, p->tgid);
		rec->old_tid = old_pid;
		rec->flags = detach ? EXEC_DETACHED : 0;
		emit(rec, sizeof(*rec));
	}
	if (detach) {
		/* after the record, as at exit: gotrace stops once no task is
		 * left in the map */
		ts->flags = 0;
		bpf_map_delete_elem(&traced, &tid);
		bpf_task_storage_delete(&task_states, p);
	}
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(sched_process_exit, struct task_struct *p, bool group_dead)
{
	__u32 tid = p->pid;
	struct task_state *ts = traced_state(p, tid);
	struct rec_task_exit *rec;
	__u32 pending;

	if (!ts)
		return 0;
	pending = ts->flags & TASK_PENDING_EXEC;
	if (!pending && ts->sent_sig && ts->sent_sig == (p->exit_code & 0x7f)) {
		struct rec_signal_ip *sr = get_scratch();

		if (sr) {
			fill_hdr(&sr->s.h, REC_SIGNAL, tid, p->tgid);
			sr->s.sig = ts->sent_sig;
			sr->s.flags = 0;
			__builtin_memcpy(sr->s.info, ts->sent_info, SIGINFO_SIZE);
			sr->ip = user_ip();
			emit(sr, sizeof(*sr));
		}
	}
	if (ts->flight_enter_pending) {
		/* the call it dies in (exit_group, or killed in a read) */
		struct flight_ring *fr = flight_ring_of(p->tgid, tid);

		if (fr)
			flight_enter_of(fr, ts, tid, p->tgid);
	}
	rec = get_scratch();
	if ((!pending || (ts->flags & TASK_EXEC_FAILED)) && rec) {
		fill_hdr(&rec->h, REC_TASK_EXIT, tid, p->tgid);
		rec->exit_code = p->exit_code;
		rec->flags = (ts->flags & TASK_EXEC_FAILED) ? EXIT_EXEC_FAILED : 0;
		struct task_struct *execing = BPF_CORE_READ(p, signal, group_exec_task);

		if (execing && execing != p)
			rec->flags |= EXIT_BY_EXEC;
		if (group_dead)
			rec->flags |= EXIT_GROUP_DEAD;
		else if (p->pid == p->tgid && (ts->flags & (TASK_FOLLOW_FORKS | TASK_FOLLOW_THREADS)))
			rec->flags |= EXIT_LEADER_EARLY;
		emit(rec, sizeof(*rec));
	}
	/* after the record: gotrace stops once no task is left in the map,
	 * and every exit record must be in the ring by then */
	bpf_map_delete_elem(&traced, &tid);
	/* a mark left by a call the task died in must not meet its tid's
	 * next owner */
	if (inject_on)
		bpf_map_delete_elem(&injected, &tid);
	return 0;
}

#endif
