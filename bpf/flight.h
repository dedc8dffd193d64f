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

/* Keeps rec (size bytes, a multiple of 8) in its thread's ring; returns
 * whether it could. */
static __always_inline int keep_record(void *rec, __u32 size)
{
	struct rec_hdr *h = rec;
	struct flight_key key = { .tgid = h->tgid, .tid = h->tid };
	struct flight_ring *r = bpf_map_lookup_elem(&flight, &key);
	__u64 off;

	if (!r) {
		__u32 zero = 0;
		struct flight_ring *z = bpf_map_lookup_elem(&flight_zero, &zero);

		if (!z)
			return 0;
		bpf_map_update_elem(&flight, &key, z, BPF_NOEXIST);
		r = bpf_map_lookup_elem(&flight, &key);
		if (!r)
			return 0;
	}
	if (size >= FLIGHT_BYTES) {
		r->unkept++;
		return 1;
	}
	off = r->head & (FLIGHT_BYTES - 1);
	/* the mask changes nothing but tells the verifier; the empty asm
	 * keeps the compiler from dropping it as such */
	asm volatile("" : "+r"(size));
	size &= FLIGHT_BYTES - 1;
	bpf_probe_read_kernel(&r->data[off], size, rec);
	if (!syscall_times)
		*(__u64 *)&r->data[off] = __sync_fetch_and_add(&flight_seq, 1);
	r->pos[r->nrec & (FLIGHT_RECS - 1)] = r->head;
	r->nrec++;
	r->head += size;
	return 1;
}

#endif
