/* Building records: the scratch buffer, headers, the start of an enter
 * record. */
#ifndef GOTRACE_RECORD_H
#define GOTRACE_RECORD_H

static __always_inline void *get_scratch(void)
{
	__u32 zero = 0;
	return bpf_map_lookup_elem(&scratch, &zero);
}

/* Fills a record's header, stamped ts (reading the clock is not free). */
static __always_inline void fill_hdr_at(struct rec_hdr *h, __u16 type, __u32 tid, __u32 tgid,
					__u64 ts)
{
	h->ts = ts;
	h->tid = tid;
	h->tgid = tgid;
	h->type = type;
	h->ncaps = 0;
	h->lost = 0;
	h->note = 0;
}

/* The start of an enter record: the header, and the number and arguments
 * of the task's syscall. */
static __always_inline void fill_enter(struct rec_sys_enter *rec, struct task_state *ts,
				       __u32 tid, __u32 tgid, __u64 ns)
{
	fill_hdr_at(&rec->h, REC_SYS_ENTER, tid, tgid, ns);
	rec->nr = ts->nr;
	__builtin_memcpy(rec->args, ts->args, sizeof(rec->args));
}

/* Where the current task is in user space: the instruction pointer its
 * return from the kernel goes back to. */
static __always_inline __u64 user_ip(void)
{
	return ((struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf()))->ip;
}

static __always_inline void fill_hdr(struct rec_hdr *h, __u16 type, __u32 tid, __u32 tgid)
{
	fill_hdr_at(h, type, tid, tgid, bpf_ktime_get_ns());
}

#endif
