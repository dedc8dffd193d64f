/* -c and -C: each syscall's calls, errors and time, counted in the kernel
 * (-c then sends no syscall records at all). */
#ifndef GOTRACE_SUMMARY_H
#define GOTRACE_SUMMARY_H

#define MAX_ERRNO 4095

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, MAX_SYSCALL_NR);
	__type(key, __u32);
	__type(value, struct syscall_stats);
} counts SEC(".maps");

/* Counts syscall nr returning ret after ns nanoseconds. */
static __always_inline void count_syscall(__s64 nr, long ret, __u64 ns)
{
	__u32 key = nr;
	struct syscall_stats *st = bpf_map_lookup_elem(&counts, &key);

	if (!st)
		return;
	st->calls++;
	st->errors += ret < 0 && ret >= -MAX_ERRNO;
	st->ns += ns;
}

#endif
