/* --flight-recorder: each thread's last records kept in the kernel, in a
 * ring of its own, instead of being sent; gotrace reads a process's rings
 * when it dies badly (its exit record is still sent, as every process
 * record is), on SIGUSR1 and at the end. Nothing is read or woken per
 * syscall. */
#ifndef GOTRACE_FLIGHT_H
#define GOTRACE_FLIGHT_H

const volatile __u32 flight_recorder = 0;

#define FLIGHT_BYTES 32768	/* a thread's ring; a power of two */
#define FLIGHT_RECS 256		/* records whose start is remembered */

/* A record written at byte head of the ring goes whole to data[head %
 * FLIGHT_BYTES], running on past FLIGHT_BYTES rather than wrapping: so a
 * record is intact while the bytes written after its start are at most
 * FLIGHT_BYTES (gotrace reads back from the newest). */
struct flight_ring {
	__u64 head;	/* bytes written in all */
	__u64 nrec;	/* records written in all */
	__u64 unkept;	/* records too large to keep */
	__u64 pos[FLIGHT_RECS];	/* head at the start of the last FLIGHT_RECS */
	__u8 data[2 * FLIGHT_BYTES];
};

struct flight_key {
	__u32 tgid;
	__u32 tid;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, 1);	/* gotrace sets it: bpf.FlightThreads */
	__type(key, struct flight_key);
	__type(value, struct flight_ring);
} flight SEC(".maps");

/* what a new ring starts from: zeros */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct flight_ring);
} flight_zero SEC(".maps");

/* The order of the records kept, across threads, when they carry no
 * times (reading the clock costs more than this one shared counter):
 * gotrace merges a process's threads by the records' ts, which holds
 * this instead. */
__u64 flight_seq = 0;

/* The ring of thread tid of process tgid, made on its first record. */
static __always_inline struct flight_ring *flight_ring_of(__u32 tgid, __u32 tid)
{
	struct flight_key key = { .tgid = tgid, .tid = tid };
	struct flight_ring *r = bpf_map_lookup_elem(&flight, &key);

	if (!r) {
		__u32 zero = 0;
		struct flight_ring *z = bpf_map_lookup_elem(&flight_zero, &zero);

		if (!z)
			return 0;
		bpf_map_update_elem(&flight, &key, z, BPF_NOEXIST);
		r = bpf_map_lookup_elem(&flight, &key);
	}
	return r;
}

/* Where the next record of ring r goes: the syscall records are built
 * there in place, not copied from the scratch buffer. Up to 2 *
 * SCRATCH_HALF bytes (a record's largest) fit past it. */
static __always_inline void *flight_next(struct flight_ring *r)
{
	__u64 off = r->head & (FLIGHT_BYTES - 1);

	/* the mask changes nothing but tells the verifier; the empty asm
	 * keeps the compiler from dropping it as such */
	asm volatile("" : "+r"(off));
	return &r->data[off & (FLIGHT_BYTES - 1)];
}

/* Keeps the record of size bytes (a multiple of 8, below FLIGHT_BYTES)
 * built at flight_next(r). */
static __always_inline void flight_commit(struct flight_ring *r, struct rec_hdr *h, __u32 size)
{
	h->size = size;
	h->lost = 0;
	r->pos[r->nrec & (FLIGHT_RECS - 1)] = r->head;
	r->nrec++;
	r->head += size;
}

/* A kept record's ts when records carry no times. */
static __always_inline __u64 flight_stamp(void)
{
	return __sync_fetch_and_add(&flight_seq, 1);
}

/* Keeps rec (size bytes, a multiple of 8), built elsewhere, in its
 * thread's ring; returns whether it could. */
static __always_inline int keep_record(void *rec, __u32 size)
{
	struct rec_hdr *h = rec;
	struct flight_ring *r = flight_ring_of(h->tgid, h->tid);
	void *at;

	if (!r)
		return 0;
	if (size >= FLIGHT_BYTES) {
		r->unkept++;
		return 1;
	}
	at = flight_next(r);
	/* as above, for the size */
	asm volatile("" : "+r"(size));
	size &= FLIGHT_BYTES - 1;
	bpf_probe_read_kernel(at, size, rec);
	if (!syscall_times)
		((struct rec_hdr *)at)->ts = flight_stamp();
	flight_commit(r, at, size);
	return 1;
}

/* A call with nothing to read at its enter: its enter record is made
 * with its exit record, into the ring looked up once for both
 * (flight_enter_of), or when the task exits in it; gotrace makes it
 * from the task's state when it reads the ring of a task that is in it
 * (bpf.FlightRecords). Keeps the enter's place in the order. */
static __always_inline void flight_hold_enter(struct task_state *ts)
{
	ts->flight_enter_pending = 1;
	if (!syscall_times)
		ts->enter_ns = flight_stamp();
}

/* Keeps the held enter record of the task's call in ring r, if any. */
static __always_inline void flight_enter_of(struct flight_ring *r, struct task_state *ts,
					    __u32 tid, __u32 tgid)
{
	struct rec_sys_enter *e;

	if (!ts->flight_enter_pending)
		return;
	ts->flight_enter_pending = 0;
	e = flight_next(r);
	fill_enter(e, ts, tid, tgid, ts->enter_ns);
	flight_commit(r, &e->h, sizeof(*e));
}

#endif
