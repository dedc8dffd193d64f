/* Writing records to the ring buffer. */
#ifndef GOTRACE_EMIT_H
#define GOTRACE_EMIT_H

/* seen: the records this CPU tried to write, before and after this one */
static __always_inline __u64 wake_flags(struct rec_hdr *h, __u64 before, __u64 seen)
{
	if (h->type != REC_SYS_ENTER && h->type != REC_SYS_EXIT && h->type != REC_STACK &&
	    h->type != REC_MAP)
		/* at once, even behind unread syscall records, which the
		 * kernel's default would wait for */
		return BPF_RB_FORCE_WAKEUP;
	if (before / WAKE_CHECK_EVERY != seen / WAKE_CHECK_EVERY &&
	    bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) >= wake_bytes)
		return BPF_RB_FORCE_WAKEUP;
	return BPF_RB_NO_WAKEUP;
}

/* Counts a syscall record --flight-recorder could not keep. */
static __always_inline void count_unkept(void)
{
	__u32 zero = 0;
	struct cpu_stats *st = bpf_map_lookup_elem(&stats, &zero);

	if (st)
		st->unkept++;
}

/* Writes the n records at rec, size bytes in all, each with its size in
 * its header: one record, or an enter and an exit record joined (see
 * PLAN_JOIN), which cost one reservation in the ring instead of two. */
static __always_inline void output_sized(void *rec, __u32 size, __u32 n)
{
	__u32 zero = 0;
	struct cpu_stats *st = bpf_map_lookup_elem(&stats, &zero);
	struct rec_hdr *h = rec;
	__u64 before;

	if (!st)
		return;
	if (flight_recorder) {
		if (!keep_record(rec, size))
			st->unkept++;
		/* syscall records stay in the kernel; process records go on
		 * to gotrace too, which acts on exits */
		if (h->type == REC_SYS_ENTER || h->type == REC_SYS_EXIT || h->type == REC_STACK)
			return;
	}
	h->lost = st->lost_pending;
	before = st->seen;
	st->seen += n;
	if (bpf_ringbuf_output(&events, rec, size, wake_flags(h, before, st->seen)) == 0) {
		st->lost_pending = 0;
	} else {
		st->lost += n;
		st->lost_pending += n;
	}
}

/* Writes a record of size bytes (a multiple of 8, bounded for the
 * verifier by the caller), or counts it as lost; the next record written
 * on this CPU carries the count so that the gap shows where it happened. */
static __always_inline void output(void *rec, __u32 size)
{
	((struct rec_hdr *)rec)->size = size;
	output_sized(rec, size, 1);
}

/* Writes a record built in the scratch buffer. */
static __always_inline void emit(void *rec, __u32 size)
{
	/* captures never start past SCRATCH_HALF, so this mask only bounds
	 * the size for the verifier */
	output(rec, (size + 7) & (2 * SCRATCH_HALF - 8));
}

#endif
