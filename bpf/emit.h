/* Writing records to the ring buffer. */
#ifndef GOTRACE_EMIT_H
#define GOTRACE_EMIT_H

static __always_inline __u64 wake_flags(struct rec_hdr *h, __u64 seen)
{
	if (h->type != REC_SYS_ENTER && h->type != REC_SYS_EXIT && h->type != REC_STACK &&
	    h->type != REC_MAP)
		/* at once, even behind unread syscall records, which the
		 * kernel's default would wait for */
		return BPF_RB_FORCE_WAKEUP;
	if (seen % WAKE_CHECK_EVERY == 0 &&
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

/* Writes a record of size bytes (a multiple of 8, bounded for the
 * verifier by the caller), or counts it as lost; the next record written
 * on this CPU carries the count so that the gap shows where it happened. */
static __always_inline void output(void *rec, __u32 size)
{
	__u32 zero = 0;
	struct cpu_stats *st = bpf_map_lookup_elem(&stats, &zero);
	struct rec_hdr *h = rec;

	if (!st)
		return;
	h->size = size;
	if (flight_recorder) {
		if (!keep_record(rec, size))
			st->unkept++;
		/* syscall records stay in the kernel; process records go on
		 * to gotrace too, which acts on exits */
		if (h->type == REC_SYS_ENTER || h->type == REC_SYS_EXIT || h->type == REC_STACK)
			return;
	}
	h->lost = st->lost_pending;
	st->seen++;
	if (bpf_ringbuf_output(&events, rec, size, wake_flags(h, st->seen)) == 0) {
		st->lost_pending = 0;
	} else {
		st->lost++;
		st->lost_pending++;
	}
}

/* Writes a record built in the scratch buffer. */
static __always_inline void emit(void *rec, __u32 size)
{
	/* captures never start past SCRATCH_HALF, so this mask only bounds
	 * the size for the verifier */
	output(rec, (size + 7) & (2 * SCRATCH_HALF - 8));
}

#endif
