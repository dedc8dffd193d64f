/* -c and -C: each syscall's calls, errors and latencies (sum, extremes,
 * histogram), counted in the kernel (-c then sends no syscall records at
 * all). */
#ifndef GOTRACE_SUMMARY_H
#define GOTRACE_SUMMARY_H

#define MAX_ERRNO 4095

/* --summary-per-process: count each process (tgid) apart */
const volatile __u32 summary_per_process = 0;

/* The counts, per CPU. A hash whose entries are made at a key's first
 * call, so that memory goes to the syscalls (and processes) that call,
 * not to every number on every CPU: an entry with its histogram is 5 KiB
 * per CPU. gotrace sets max_entries. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, MAX_SYSCALL_NR);
	__type(key, struct stats_key);
	__type(value, struct syscall_stats);
} counts SEC(".maps");

/* what a new entry starts from */
const struct syscall_stats zero_stats = {};

/* Counts syscall nr of process tgid returning ret after ns nanoseconds. */
static __always_inline void count_syscall(__s64 nr, long ret, __u64 ns, __u32 tgid)
{
	struct stats_key key = { .tgid = summary_per_process ? tgid : 0, .nr = nr };
	struct syscall_stats *st = bpf_map_lookup_elem(&counts, &key);
	__u32 b;

	if (!st) {
		bpf_map_update_elem(&counts, &key, &zero_stats, BPF_NOEXIST);
		st = bpf_map_lookup_elem(&counts, &key);
	}
	if (!st) {
		/* the table is full: say so rather than count wrong */
		__u32 zero = 0;
		struct cpu_stats *cs = bpf_map_lookup_elem(&stats, &zero);

		if (cs)
			cs->uncounted++;
		return;
	}
	if (!st->calls || ns < st->min_ns)
		st->min_ns = ns;
	if (ns > st->max_ns)
		st->max_ns = ns;
	st->calls++;
	st->errors += ret < 0 && ret >= -MAX_ERRNO;
	st->ns += ns;
	b = lat_bucket(ns);
	if (b < LAT_BUCKETS)
		st->hist[b]++;
}

#endif
