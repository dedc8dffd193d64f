/* -k: the user stack of each syscall. */
#ifndef GOTRACE_STACK_H
#define GOTRACE_STACK_H

/* -k: the user stack of the syscall returning, in a record of its own so
 * that the syscall records are the same with and without -k. The kernel
 * unwinds it by frame pointers. */
static __always_inline void emit_stack(void *ctx, __u32 tid, __u32 tgid)
{
	struct rec_stack *rec = get_scratch();
	long n;

	if (!rec)
		return;
	n = bpf_get_stack(ctx, rec->ips, sizeof(rec->ips), BPF_F_USER_STACK);
	if (n <= 0)
		return;
	fill_hdr(&rec->h, REC_STACK, tid, tgid);
	rec->nframes = n / 8;
	rec->_pad = 0;
	emit(rec, sizeof(rec->h) + 8 + n);
}

#endif
