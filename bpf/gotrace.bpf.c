//go:build ignore

/* gotrace's kernel side: follows the traced tasks through raw (BTF) tracepoints
 * and sends one record per syscall enter, syscall exit, fork, exec, task exit
 * and signal through one ring buffer. Untraced tasks are dropped at the first
 * map lookup; unselected syscalls at the second.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "event.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

#define PATH_MAX 4096
#define SCRATCH_HALF 16384	/* records are cut at this size */
#define ARGV_MAX 256
#define ENVC_MAX 4096
#define TRACE_SIGNAL_DELIVERED 0
#define TRACE_SIGNAL_IGNORED 1
#define SIGKILL 9
#define SIGCONT 18
#define SIGSTOP 19
#define ERESTARTSYS 512
#define ERESTART_RESTARTBLOCK 516
/* x86_64: sp at rt_sigreturn is &frame->uc; uc_sigmask follows uc_flags,
 * uc_link, uc_stack (24) and uc_mcontext (256) */
#define RT_SIGFRAME_MASK_OFFSET (8 + 8 + 24 + 256)

/* Set by gotrace before loading. */
const volatile __u32 tracer_tgid = 0;
const volatile __u32 str_size = 32;	/* -s */
/* how many strings of an argv-style array are shown: -s of them, all (up
 * to ARGV_MAX) with -v; execve's environment is captured as one with -v */
const volatile __u32 argv_max = 32;
/* -c: count syscalls in the kernel and send no syscall records;
 * -C: count them and send the records too */
const volatile __u32 summary_mode = 0;
#define SUMMARY_ONLY 1
/* -k: send the user stack of each syscall */
const volatile __u32 user_stacks = 0;
/* whether syscall records carry times: only when something shows them
 * (-t, -r, -T, -c, --json, timelines); reading the clock costs a
 * twentieth of a syscall here, and a syscall record would read it twice */
const volatile __u32 syscall_times = 1;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 8 << 20);
} events SEC(".maps");

/* tid -> enum task_flags */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 65536);
	__type(key, __u32);
	__type(value, __u32);
} traced SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, MAX_SYSCALL_NR);
	__type(key, __u32);
	__type(value, struct syscall_plan);
} plans SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct spawn);
} spawner SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct cpu_stats);
} stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, MAX_SYSCALL_NR);
	__type(key, __u32);
	__type(value, struct syscall_stats);
} counts SEC(".maps");

struct scratch_buf {
	__u8 buf[2 * SCRATCH_HALF];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct scratch_buf);
} scratch SEC(".maps");

/* Per-thread state of a traced task, freed by the kernel with the task. */
struct task_state {
	/* enum task_flags; TASK_TRACED is set for every traced task. The
	 * syscall tracepoints find a task's flags here rather than in the
	 * traced map: a hash lookup costs a TLB miss or two at each syscall
	 * entry (the page tables switch on entry), and an untraced task has
	 * no task storage at all, which is the quickest answer. */
	__u32 flags;
	__u32 _pad;
	__s64 nr;
	__u64 args[MAX_SYSCALL_ARGS];
	__u32 in_syscall;
	/* a syscall whose memory was not resident at enter (BPF cannot fault
	 * pages in; the kernel does during the syscall): its enter record is
	 * sent late and whole, at exit, or for an execve, whose old memory
	 * is gone by then, at sched_process_exec (see send_exec_enter) */
	__u32 deferred_enter;
	__u64 enter_ns;
	/* an ignored signal (SIGCHLD by default) is never delivered; strace
	 * shows it on the way back to user space, so it waits here for the
	 * next syscall exit */
	__s32 ignored_sig;
	__u8 ignored_info[SIGINFO_SIZE];
	/* the last signal sent to the task: when its default action kills
	 * and nobody ptraces, the kernel turns it into SIGKILL at once and
	 * never delivers it (complete_signal); strace, a ptracer, sees it
	 * delivered, so its line is sent when the task exits (see
	 * sched_process_exit) unless signal_deliver saw it */
	__s32 sent_sig;
	__u8 sent_info[SIGINFO_SIZE];
};

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct task_state);
} task_states SEC(".maps");

/* For bpf2go -type. */
const struct rec_sys_enter *unused_rec_sys_enter __attribute__((unused));
const struct rec_sys_exit *unused_rec_sys_exit __attribute__((unused));
const struct rec_fork *unused_rec_fork __attribute__((unused));
const struct rec_exec *unused_rec_exec __attribute__((unused));
const struct rec_task_exit *unused_rec_task_exit __attribute__((unused));
const struct rec_signal *unused_rec_signal __attribute__((unused));
const struct rec_stack *unused_rec_stack __attribute__((unused));
const struct capture *unused_capture __attribute__((unused));
const enum rec_type *unused_rec_type __attribute__((unused));
const enum cap_kind *unused_cap_kind __attribute__((unused));
const enum cap_flags *unused_cap_flags __attribute__((unused));
const enum plan_flags *unused_plan_flags __attribute__((unused));
const enum task_flags *unused_task_flags __attribute__((unused));
const enum select_flags *unused_select_flags __attribute__((unused));
const enum task_exit_flags *unused_task_exit_flags __attribute__((unused));
const struct rec_pidns *unused_rec_pidns __attribute__((unused));

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
	h->_pad = 0;
}

static __always_inline void fill_hdr(struct rec_hdr *h, __u16 type, __u32 tid, __u32 tgid)
{
	fill_hdr_at(h, type, tid, tgid, bpf_ktime_get_ns());
}

/* gotrace reads the ring on a short timer rather than being woken for each
 * syscall record: a wake-up costs about as much as the traced syscall. It
 * is woken at once for the rare process records (fork, exec, exit,
 * signal), which it may want to act on while the task is alive (--json
 * reads the task's name from /proc), and when the ring is past wake_bytes
 * (set by gotrace), so that it catches up before records are lost. Asking
 * the ring how full it is costs a cache miss (the reader moves its
 * position), so each CPU asks once every WAKE_CHECK_EVERY records. */
const volatile __u64 wake_bytes = 1 << 20;
#define WAKE_CHECK_EVERY 16

static __always_inline __u64 wake_flags(struct rec_hdr *h, __u64 seen)
{
	if (h->type != REC_SYS_ENTER && h->type != REC_SYS_EXIT && h->type != REC_STACK)
		/* at once, even behind unread syscall records, which the
		 * kernel's default would wait for */
		return BPF_RB_FORCE_WAKEUP;
	if (seen % WAKE_CHECK_EVERY == 0 &&
	    bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) >= wake_bytes)
		return BPF_RB_FORCE_WAKEUP;
	return BPF_RB_NO_WAKEUP;
}

/* Writes a record, or counts it as lost; the next record written on this CPU
 * carries the count so that the gap shows where it happened. */
static __always_inline void emit(void *rec, __u32 size)
{
	__u32 zero = 0;
	struct cpu_stats *st = bpf_map_lookup_elem(&stats, &zero);
	struct rec_hdr *h = rec;

	if (!st)
		return;
	/* captures never start past SCRATCH_HALF, so this mask only bounds
	 * the size for the verifier */
	size = (size + 7) & (2 * SCRATCH_HALF - 8);
	h->size = size;
	h->lost = st->lost_pending;
	st->seen++;
	if (bpf_ringbuf_output(&events, rec, size, wake_flags(h, st->seen)) == 0) {
		st->lost_pending = 0;
	} else {
		st->lost++;
		st->lost_pending++;
	}
}

/* Appends a capture header at off; returns the offset of its data. */
static __always_inline struct capture *cap_at(void *buf, __u32 off)
{
	return buf + (off & (SCRATCH_HALF - 1));
}

static __always_inline __u32 cap_end(__u32 off, __u32 len)
{
	return off + sizeof(struct capture) + ((len + 7) & ~7U);
}

/* Reads a NUL-terminated string of at most max bytes (NUL included) into a capture. */
static __always_inline __u32 cap_str(void *buf, __u32 off, __u8 arg, __u8 kind,
				     __u16 flags, __u64 ptr, __u32 max)
{
	struct capture *c = cap_at(buf, off);
	void *data = (void *)c + sizeof(*c);
	long n;

	if (max > PATH_MAX)
		max = PATH_MAX;
	c->arg = arg;
	c->kind = kind;
	c->flags = flags;
	c->len = 0;
	n = bpf_probe_read_user_str(data, max, (void *)ptr);
	if (n <= 0) {
		/* keep the address: strace prints it in place of the string */
		c->flags |= CAPF_FAULT;
		c->len = sizeof(ptr);
		*(__u64 *)data = ptr;
		return cap_end(off, sizeof(ptr));
	}
	if ((__u32)n == max)
		c->flags |= CAPF_MORE;
	c->len = n - 1; /* without the NUL */
	return cap_end(off, c->len);
}

/* Reads exactly len bytes (at most PATH_MAX) into a capture. */
static __always_inline __u32 cap_mem(void *buf, __u32 off, __u8 arg, __u8 kind,
				     __u16 flags, __u64 ptr, __u64 len)
{
	struct capture *c = cap_at(buf, off);
	void *data = (void *)c + sizeof(*c);
	__u32 n = len > PATH_MAX ? PATH_MAX : len;

	c->arg = arg;
	c->kind = kind;
	c->flags = flags;
	c->len = 0;
	if (len > n)
		c->flags |= CAPF_MORE;
	if (n == 0)
		return cap_end(off, 0);
	/* keep the compiler from dropping the mask the verifier needs */
	asm volatile("" : "+r"(n));
	if (bpf_probe_read_user(data, n & (PATH_MAX - 1 + PATH_MAX), (void *)ptr) < 0) {
		c->flags |= CAPF_FAULT;
		return cap_end(off, 0);
	}
	c->len = n;
	return cap_end(off, n);
}

/* Reads count elements of size bytes (at most PATH_MAX bytes in all). */
static __always_inline __u32 cap_array(void *buf, __u32 off, __u8 arg, __u8 kind, __u16 flags,
				       __u64 ptr, __u64 count, __u16 size)
{
	return cap_mem(buf, off, arg, kind, flags, ptr, count * size);
}

/* Reads as many bytes as the int at lenptr says (a socklen_t the kernel
 * wrote back: the length of a sockaddr or an option value). */
static __always_inline __u32 cap_lenptr(void *buf, __u32 off, __u8 arg, __u64 ptr, __u64 lenptr)
{
	__s32 len = 0;

	if (bpf_probe_read_user(&len, sizeof(len), (void *)lenptr) < 0 || len < 0)
		len = 0;
	return cap_mem(buf, off, arg, CAP_LENPTR_OUT, CAPF_EXIT, ptr, len);
}

#define MSG_IOV_MAX 64	/* iovecs of a msghdr read (strace shows -s of them) */
#define MSG_NAME_MAX 128	/* sizeof(struct sockaddr_storage) */
#define MSG_CONTROL_MAX 256

struct msg_iov_ctx {
	void *buf;
	__u64 iov;	/* the tracee's iovec array */
	__s64 left;	/* bytes still to show (recvmsg: what it returned) */
	__u32 off;
	__u16 ncaps;
	__u16 flags;
	__u8 arg;
	__u8 fault;	/* out: some data could not be read */
};

static long msg_iov_elem(__u64 i, struct msg_iov_ctx *ctx)
{
	__u64 vec[2];
	__u64 n;
	__u32 start;

	if (ctx->off >= SCRATCH_HALF - PATH_MAX - 2 * sizeof(struct capture))
		return 1;
	if (bpf_probe_read_user(vec, sizeof(vec), (void *)(ctx->iov + i * sizeof(vec))) < 0)
		return 1;
	n = vec[1];
	if ((__s64)n > ctx->left)
		n = ctx->left;
	if (n > str_size + 1)
		n = str_size + 1;
	ctx->left -= vec[1];
	if (ctx->left < 0)
		ctx->left = 0;
	start = ctx->off;
	ctx->off = cap_mem(ctx->buf, start, ctx->arg, CAP_MSG_DATA, ctx->flags, vec[0], n);
	if (cap_at(ctx->buf, start)->flags & CAPF_FAULT)
		ctx->fault = 1;
	ctx->ncaps++;
	return 0;
}

/* Captures a struct msghdr and what it points to; total is the byte count
 * the syscall returned, or -1 at enter. *fault tells whether some of it
 * could not be read. */
static __always_inline __u32 cap_msghdr(void *buf, __u32 off, __u8 arg, __u16 flags, __u64 ptr,
					__s64 total, __u16 *ncaps, __u8 *fault)
{
	struct capture *c = cap_at(buf, off);
	struct user_msghdr *m = (void *)c + sizeof(*c);
	__u64 name, iov, iovlen, control, controllen;
	__u32 namelen;

	off = cap_mem(buf, off, arg, CAP_MSGHDR, flags, ptr, sizeof(*m));
	(*ncaps)++;
	*fault = 0;
	if (c->flags & CAPF_FAULT) {
		*fault = 1;
		return off;
	}
	name = (__u64)m->msg_name;
	namelen = m->msg_namelen;
	iov = (__u64)m->msg_iov;
	iovlen = m->msg_iovlen;
	control = (__u64)m->msg_control;
	controllen = m->msg_controllen;
	if (name && namelen) {
		c = cap_at(buf, off);
		off = cap_mem(buf, off, arg, CAP_MSG_NAME, flags, name,
			      namelen < MSG_NAME_MAX ? namelen : MSG_NAME_MAX);
		*fault |= c->flags & CAPF_FAULT;
		(*ncaps)++;
	}
	if (iov && iovlen) {
		struct msg_iov_ctx ctx = {
			.buf = buf,
			.iov = iov,
			.left = total < 0 ? 0x7fffffffffffffffLL : total,
			.flags = flags,
			.arg = arg,
		};

		c = cap_at(buf, off);
		off = cap_mem(buf, off, arg, CAP_MSG_IOV, flags, iov,
			      (iovlen < MSG_IOV_MAX ? iovlen : MSG_IOV_MAX) * 16);
		*fault |= c->flags & CAPF_FAULT;
		(*ncaps)++;
		ctx.off = off;
		bpf_loop(iovlen < MSG_IOV_MAX ? iovlen : MSG_IOV_MAX, msg_iov_elem, &ctx, 0);
		off = ctx.off;
		*ncaps += ctx.ncaps;
		*fault |= ctx.fault;
	}
	if (control && controllen) {
		c = cap_at(buf, off);
		off = cap_mem(buf, off, arg, CAP_MSG_CONTROL, flags, control,
			      controllen < MSG_CONTROL_MAX ? controllen : MSG_CONTROL_MAX);
		*fault |= c->flags & CAPF_FAULT;
		(*ncaps)++;
	}
	return off;
}

/* cap_msghdr's arguments and results, for msghdr_once (a global function
 * takes at most five arguments, and only the buffer as a pointer). */
struct msghdr_args {
	__u64 ptr;
	__s64 total;
	__u32 off;	/* in: where to capture; out: past the captures */
	__u16 flags;
	__u16 ncaps;	/* out: captures added */
	__u8 arg;
	__u8 fault;	/* out */
};

/* cap_msghdr as a global function: the verifier checks it once rather than
 * at each path into it, which keeps loading fast. */
__noinline int msghdr_once(struct scratch_buf *buf, struct msghdr_args *a)
{
	if (!buf || !a)
		return 0;
	a->ncaps = 0;
	a->off = cap_msghdr(buf, a->off, a->arg, a->flags, a->ptr, a->total, &a->ncaps, &a->fault);
	return 0;
}

/* The size of what an ioctl's argument points to: the size field of the
 * request, or for the terminal requests that have none, the struct or int
 * of those internal/printer/ioctl.go decodes; 0: not a pointer. */
static __always_inline __u32 ioctl_arg_size(__u32 req)
{
	__u32 size = (req >> 16) & 0x3fff;

	switch (req) {
	case 0x5401: case 0x5402: case 0x5403: case 0x5404:	/* TCGETS, TCSETS* */
	case 0x5456: case 0x5457:	/* TIOC[GS]LCKTRMIOS */
		return 36;	/* struct termios */
	case 0x5405: case 0x5406: case 0x5407: case 0x5408:	/* TCGETA, TCSETA* */
		return 18;	/* struct termio */
	case 0x5413: case 0x5414:	/* TIOCGWINSZ, TIOCSWINSZ */
		return 8;	/* struct winsize */
	case 0x5412:	/* TIOCSTI */
		return 1;
	case 0x540f: case 0x5410: case 0x5411: case 0x5415: case 0x5416: case 0x5417:
	case 0x5418: case 0x5419: case 0x541a: case 0x541b: case 0x5420: case 0x5421:
	case 0x5423: case 0x5424: case 0x5429: case 0x5452:
		return 4;	/* TIOCGPGRP ... FIOASYNC: an int */
	}
	return size <= MSG_CONTROL_MAX ? size : MSG_CONTROL_MAX;
}

/* The bytes of an fd_set that select looks at: nfds bits in longs. */
static __always_inline __u32 fdset_size(__u64 nfds)
{
	__s32 n = (__s32)nfds;

	if (n <= 0)
		return 0;
	if (n > 8 * PATH_MAX)
		n = 8 * PATH_MAX;
	return ((n + 63) / 64) * 8;
}

/* Reads pselect6's {sigset_t *ss, size_t ss_len} and the sigset. */
static __always_inline __u32 cap_sigset_pack(void *buf, __u32 off, __u8 arg, __u64 ptr)
{
	struct capture *c = cap_at(buf, off);
	__u64 *data = (void *)c + sizeof(*c);

	c->arg = arg;
	c->kind = CAP_SIGSET_PACK;
	c->flags = 0;
	c->len = 0;
	if (bpf_probe_read_user(data, 16, (void *)ptr) < 0) {
		c->flags |= CAPF_FAULT;
		return cap_end(off, 0);
	}
	c->len = 16;
	if (data[0] && bpf_probe_read_user(&data[2], 8, (void *)data[0]) == 0)
		c->len = 24;
	return cap_end(off, c->len);
}

struct argv_ctx {
	void *buf;
	__u64 ptr;
	__u32 off;
	__u32 max;
	__u16 ncaps;
	__u16 end_flags;
	__u8 arg;
	__u8 fault;	/* out: an element could not be read */
};

static long argv_elem(__u64 i, struct argv_ctx *ctx)
{
	__u64 elem;
	__u32 start;

	if (ctx->off >= SCRATCH_HALF - PATH_MAX - 2 * sizeof(struct capture)) {
		ctx->end_flags |= CAPF_MORE;
		return 1;
	}
	if (bpf_probe_read_user(&elem, sizeof(elem), (void *)(ctx->ptr + i * 8)) < 0) {
		ctx->end_flags |= CAPF_FAULT;
		ctx->fault = 1;
		return 1;
	}
	if (!elem)
		return 1;
	if (i >= ctx->max) {
		ctx->end_flags |= CAPF_MORE;
		return 1;
	}
	start = ctx->off;
	ctx->off = cap_str(ctx->buf, start, ctx->arg, CAP_STR, 0, elem, str_size + 2);
	if (cap_at(ctx->buf, start)->flags & CAPF_FAULT)
		ctx->fault = 1;
	ctx->ncaps++;
	return 0;
}

/* Captures each string of an argv-style array, then a CAP_ARGV end marker;
 * *fault tells whether some of it could not be read. */
static __always_inline __u32 cap_argv(void *buf, __u32 off, __u8 arg, __u64 ptr, __u16 *ncaps,
				      __u8 *fault)
{
	struct argv_ctx ctx = {
		.buf = buf,
		.ptr = ptr,
		.off = off,
		.max = argv_max < ARGV_MAX ? argv_max : ARGV_MAX,
		.end_flags = CAPF_END,
		.arg = arg,
	};
	struct capture *c;

	bpf_loop(ARGV_MAX + 1, argv_elem, &ctx, 0);
	c = cap_at(buf, ctx.off);
	c->arg = arg;
	c->kind = CAP_ARGV;
	c->flags = ctx.end_flags;
	c->len = 0;
	*ncaps += ctx.ncaps + 1;
	*fault = ctx.fault;
	return cap_end(ctx.off, 0);
}

struct envc_ctx {
	__u64 ptr;
	__u32 count;
	__u32 fault;
};

static long envc_elem(__u64 i, struct envc_ctx *ctx)
{
	__u64 elem;

	if (bpf_probe_read_user(&elem, sizeof(elem), (void *)(ctx->ptr + i * 8)) < 0) {
		ctx->fault = 1;
		return 1;
	}
	if (!elem)
		return 1;
	ctx->count++;
	return 0;
}

/* Captures the number of entries of a NULL-terminated array (execve's envp). */
static __always_inline __u32 cap_envc(void *buf, __u32 off, __u8 arg, __u64 ptr)
{
	struct capture *c = cap_at(buf, off);
	__u32 *count = (void *)c + sizeof(*c);
	struct envc_ctx ctx = { .ptr = ptr };

	bpf_loop(ENVC_MAX, envc_elem, &ctx, 0);
	c->arg = arg;
	c->kind = CAP_ENVC;
	c->flags = ctx.fault ? CAPF_FAULT : 0;
	c->len = sizeof(__u32);
	*count = ctx.count;
	return cap_end(off, sizeof(__u32));
}

#define IOV_MAX_CAP 32	/* strace shows at most -s elements, 32 by default */

struct iov_ctx {
	void *buf;
	__u64 ptr;
	__u64 count;
	__u64 left;	/* at exit: bytes of the return value not yet shown */
	__u32 off;
	__u16 ncaps;
	__u16 end_flags;
	__u16 elem_flags;
	__u8 arg;
	__u8 fault;	/* out: some of it could not be read */
};

static long iov_elem(__u64 i, struct iov_ctx *ctx)
{
	__u64 iov[2];
	__u64 n;
	__u32 start = ctx->off;
	struct capture *c;

	if (i >= ctx->count)
		return 1;
	if (i >= str_size || ctx->off >= SCRATCH_HALF - PATH_MAX - 3 * sizeof(struct capture) - 16) {
		ctx->end_flags |= CAPF_MORE;
		return 1;
	}
	if (bpf_probe_read_user(iov, sizeof(iov), (void *)(ctx->ptr + i * sizeof(iov))) < 0) {
		ctx->end_flags |= CAPF_FAULT;
		ctx->fault = 1;
		return 1;
	}
	n = iov[1];
	if (ctx->elem_flags & CAPF_EXIT) {
		n = n < ctx->left ? n : ctx->left;
		ctx->left -= n;
	}
	/* the element's base and length, then as many bytes as -s shows */
	c = cap_at(ctx->buf, start);
	c->arg = ctx->arg;
	c->kind = CAP_IOV;
	c->flags = ctx->elem_flags;
	c->len = sizeof(iov);
	__builtin_memcpy((void *)c + sizeof(*c), iov, sizeof(iov));
	ctx->off = cap_mem(ctx->buf, cap_end(start, sizeof(iov)), ctx->arg, CAP_IOV,
			   ctx->elem_flags, iov[0], n < str_size + 1 ? n : str_size + 1);
	if (cap_at(ctx->buf, cap_end(start, sizeof(iov)))->flags & CAPF_FAULT)
		ctx->fault = 1;
	ctx->ncaps += 2;
	return 0;
}

/* Captures an iovec array: per element a capture of its base and length and
 * one of its bytes, then an end marker. At exit (flags CAPF_EXIT) the bytes
 * shown total at most left, what the syscall returned. */
static __always_inline __u32 cap_iov(void *buf, __u32 off, __u8 arg, __u64 ptr, __u64 count,
				     __u16 flags, __u64 left, __u16 *ncaps, __u8 *fault)
{
	struct iov_ctx ctx = {
		.buf = buf,
		.ptr = ptr,
		.count = count,
		.left = left,
		.off = off,
		.end_flags = CAPF_END | flags,
		.elem_flags = flags,
		.arg = arg,
	};
	struct capture *c;

	if (count > IOV_MAX_CAP)
		ctx.end_flags |= CAPF_MORE;
	bpf_loop(IOV_MAX_CAP, iov_elem, &ctx, 0);
	c = cap_at(buf, ctx.off);
	c->arg = arg;
	c->kind = CAP_IOV;
	c->flags = ctx.end_flags;
	c->len = 0;
	*ncaps += ctx.ncaps + 1;
	*fault = ctx.fault;
	return cap_end(ctx.off, 0);
}

#define DIRENTS_MAX 4096	/* entries counted in one getdents64 buffer */

/* The count and the position live in the record (a map value), not on the
 * stack: the verifier then does not follow their growing bounds from one
 * iteration to the next, which it could not finish. */
struct dirents_ctx {
	__u64 ptr;
	__u64 size;
	__u64 *count;	/* then the position, in the capture's data */
	__u32 fault;
};

static long dirent_elem(__u64 i, struct dirents_ctx *ctx)
{
	__u64 *pos = ctx->count + 1;
	__u16 reclen;

	if (*pos >= ctx->size)
		return 1;
	/* d_reclen follows d_ino and d_off */
	if (bpf_probe_read_user(&reclen, sizeof(reclen), (void *)(ctx->ptr + *pos + 16)) < 0) {
		ctx->fault = 1;
		return 1;
	}
	if (!reclen)
		return 1;
	*ctx->count += 1;
	*pos += reclen;
	return 0;
}

/* Captures how many directory entries getdents64 returned (strace shows
 * the count, not the entries, unless -v). */
static __always_inline __u32 cap_dirents(void *buf, __u32 off, __u8 arg, __u64 ptr, __u64 size)
{
	struct capture *c = cap_at(buf, off);
	__u64 *count = (void *)c + sizeof(*c);
	struct dirents_ctx ctx = { .ptr = ptr, .size = size, .count = count };

	count[0] = 0;
	count[1] = 0;
	bpf_loop(DIRENTS_MAX, dirent_elem, &ctx, 0);
	c->arg = arg;
	c->kind = CAP_DIRENTS;
	c->flags = CAPF_EXIT | (ctx.fault ? CAPF_FAULT : 0) | (count[1] < size ? CAPF_MORE : 0);
	c->len = sizeof(__u64);
	return cap_end(off, sizeof(__u64));
}

/* args[i] for a runtime i, in a form the verifier can bound. */
static __always_inline __u64 arg_at(__u64 *args, __u8 i)
{
	switch (i) {
	case 0: return args[0];
	case 1: return args[1];
	case 2: return args[2];
	case 3: return args[3];
	case 4: return args[4];
	case 5: return args[5];
	}
	return 0;
}

/* Set by gotrace when it could not give the tasks it adds to the traced
 * map (-p) a task state (no PIDFD_THREAD before Linux 6.9): their state
 * is then made from the map at their first event. */
__u32 lazy_states = 0;

/* The state of task, traced but without one, made from the traced map
 * (lazy_states), else NULL. */
static __always_inline struct task_state *lazy_state(struct task_struct *task, __u32 tid)
{
	struct task_state *ts;
	__u32 *flags;

	if (!lazy_states)
		return 0;
	flags = bpf_map_lookup_elem(&traced, &tid);
	if (!flags)
		return 0;
	ts = bpf_task_storage_get(&task_states, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (ts)
		ts->flags = *flags | TASK_TRACED;
	return ts;
}

/* The state of task (whose pid is tid) if it is traced, else NULL. */
static __always_inline struct task_state *traced_state(struct task_struct *task, __u32 tid)
{
	struct task_state *ts = bpf_task_storage_get(&task_states, task, 0, 0);

	if (ts && (ts->flags & TASK_TRACED))
		return ts;
	return lazy_state(task, tid);
}

/* Starts tracing task with flags: its state, and its entry in the traced
 * map, where gotrace sees which tasks are left. */
static __always_inline void trace_task(struct task_struct *task, __u32 tid, __u32 flags)
{
	struct task_state *ts;

	ts = bpf_task_storage_get(&task_states, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!ts)
		return;
	__builtin_memset(ts, 0, sizeof(*ts));
	ts->flags = flags | TASK_TRACED;
	bpf_map_update_elem(&traced, &tid, &flags, BPF_ANY);
}

#include "select.h"

/* How numbers past the plans are traced (raw arguments); set by gotrace. */
const volatile struct syscall_plan beyond_plans = {};

static __always_inline struct syscall_plan *plan_for(__s64 nr)
{
	__u32 key = nr;

	if (nr < 0 || nr >= MAX_SYSCALL_NR)
		return (struct syscall_plan *)&beyond_plans;
	return bpf_map_lookup_elem(&plans, &key);
}

static __always_inline int is_execve(__s64 nr)
{
	return nr == 59 || nr == 322; /* execve, execveat */
}

/* State shared by the per-argument capture callbacks. */
struct args_ctx {
	void *buf;
	struct syscall_plan *plan;
	struct task_state *ts;
	__s64 ret;
	__u32 off;
	__u16 ncaps;
	__u8 faults;	/* out: the arguments whose memory could not be read */
};

static long capture_enter_arg(__u64 i, struct args_ctx *ctx)
{
	struct arg_plan *ap;
	__u64 arg;
	__u32 limit = str_size < PATH_MAX ? str_size : PATH_MAX;
	__u32 start = ctx->off;

	if (i >= MAX_SYSCALL_ARGS)
		return 1;
	ap = &ctx->plan->args[i];
	arg = ctx->ts->args[i];
	switch (ap->enter) {
	case CAP_STR:
		ctx->off = cap_str(ctx->buf, ctx->off, i, CAP_STR, 0, arg, ap->size);
		break;
	case CAP_PATH:
		ctx->off = cap_str(ctx->buf, ctx->off, i, CAP_PATH, 0, arg, PATH_MAX);
		break;
	case CAP_BUF_IN: {
		__u64 len = arg_at(ctx->ts->args, ap->len_arg);

		ctx->off = cap_mem(ctx->buf, ctx->off, i, CAP_BUF_IN, 0, arg,
				   len < limit ? len : limit);
		break;
	}
	case CAP_MEM_IN:
		ctx->off = cap_mem(ctx->buf, ctx->off, i, CAP_MEM_IN, 0, arg, ap->size);
		break;
	case CAP_ARGV: {
		__u8 fault = 0;

		ctx->off = cap_argv(ctx->buf, ctx->off, i, arg, &ctx->ncaps, &fault);
		if (fault)
			ctx->faults |= 1 << i;
		return 0;
	}
	case CAP_ENVC:
		ctx->off = cap_envc(ctx->buf, ctx->off, i, arg);
		break;
	case CAP_IOV: {
		__u8 fault = 0;

		ctx->off = cap_iov(ctx->buf, ctx->off, i, arg, arg_at(ctx->ts->args, ap->len_arg),
				   0, 0, &ctx->ncaps, &fault);
		if (fault)
			ctx->faults |= 1 << i;
		return 0;
	}
	case CAP_MSGHDR: {
		struct msghdr_args ma = { .ptr = arg, .total = -1, .off = ctx->off, .arg = i };

		msghdr_once(ctx->buf, &ma);
		ctx->off = ma.off;
		ctx->ncaps += ma.ncaps;
		if (arg && ma.fault)
			ctx->faults |= 1 << i;
		return 0;
	}
	case CAP_SIGSET_PACK:
		ctx->off = cap_sigset_pack(ctx->buf, ctx->off, i, arg);
		break;
	case CAP_FDSET_IN:
		ctx->off = cap_mem(ctx->buf, ctx->off, i, CAP_FDSET_IN, 0, arg,
				   fdset_size(ctx->ts->args[0]));
		break;
	case CAP_IOCTL_IN:
		ctx->off = cap_mem(ctx->buf, ctx->off, i, CAP_IOCTL_IN, 0, arg,
				   ioctl_arg_size(ctx->ts->args[1]));
		break;
	case CAP_ARRAY_IN:
		ctx->off = cap_array(ctx->buf, ctx->off, i, CAP_ARRAY_IN, 0, arg,
				     arg_at(ctx->ts->args, ap->len_arg), ap->size);
		break;
	default:
		return 0;
	}
	if (arg && (cap_at(ctx->buf, start)->flags & CAPF_FAULT))
		ctx->faults |= 1 << i;
	ctx->ncaps++;
	return 0;
}

static long capture_exit_arg(__u64 i, struct args_ctx *ctx)
{
	struct arg_plan *ap;
	__u64 arg;
	__s64 ret = ctx->ret;
	__u32 limit = str_size < PATH_MAX ? str_size : PATH_MAX;

	if (i >= MAX_SYSCALL_ARGS)
		return 1;
	ap = &ctx->plan->args[i];
	arg = ctx->ts->args[i];
	switch (ap->exit) {
	case CAP_BUF_OUT:
		if (ret <= 0)
			return 0;
		ctx->off = cap_mem(ctx->buf, ctx->off, i, CAP_BUF_OUT, CAPF_EXIT, arg,
				   (__u64)ret < limit ? (__u64)ret : limit);
		break;
	case CAP_MEM_OUT:
		if (ret < 0)
			return 0;
		ctx->off = cap_mem(ctx->buf, ctx->off, i, CAP_MEM_OUT, CAPF_EXIT, arg, ap->size);
		break;
	case CAP_PATH:
		if (ret < 0)
			return 0;
		ctx->off = cap_str(ctx->buf, ctx->off, i, CAP_PATH, CAPF_EXIT, arg, PATH_MAX);
		break;
	case CAP_DIRENTS:
		if (ret < 0)
			return 0;
		ctx->off = cap_dirents(ctx->buf, ctx->off, i, arg, ret);
		break;
	case CAP_IOV: {
		__u8 fault = 0;

		if (ret < 0)
			return 0;
		ctx->off = cap_iov(ctx->buf, ctx->off, i, arg, arg_at(ctx->ts->args, ap->len_arg),
				   CAPF_EXIT, ret, &ctx->ncaps, &fault);
		return 0;
	}
	case CAP_ARRAY_OUT: {
		__u64 count = ap->len_arg == ARRAY_BY_RET ? ret : arg_at(ctx->ts->args, ap->len_arg);

		if (ret < 0)
			return 0;
		ctx->off = cap_array(ctx->buf, ctx->off, i, CAP_ARRAY_OUT, CAPF_EXIT, arg, count,
				     ap->size);
		break;
	}
	case CAP_MSGHDR: {
		struct msghdr_args ma = {
			.ptr = arg, .total = ret, .off = ctx->off, .flags = CAPF_EXIT, .arg = i,
		};

		if (ret < 0)
			return 0;

		msghdr_once(ctx->buf, &ma);
		ctx->off = ma.off;
		ctx->ncaps += ma.ncaps;
		return 0;
	}
	case CAP_FDSET_OUT:
		if (ret < 0)
			return 0;
		ctx->off = cap_mem(ctx->buf, ctx->off, i, CAP_FDSET_OUT, CAPF_EXIT, arg,
				   fdset_size(ctx->ts->args[0]));
		break;
	case CAP_IOCTL_OUT:
		if (ret < 0)
			return 0;
		ctx->off = cap_mem(ctx->buf, ctx->off, i, CAP_IOCTL_OUT, CAPF_EXIT, arg,
				   ioctl_arg_size(ctx->ts->args[1]));
		break;
	case CAP_LENPTR_OUT:
		if (ret < 0 || !arg)
			return 0;
		ctx->off = cap_lenptr(ctx->buf, ctx->off, i, arg,
				      arg_at(ctx->ts->args, ap->len_arg));
		break;
	case CAP_CLONE3_OUT: {
		/* struct clone_args: pidfd pointer at 8, parent_tid pointer at 24 */
		__u64 ptrs[4] = {};
		struct capture *c;
		__s32 *vals;

		if (ret <= 0)
			return 0;
		bpf_probe_read_user(ptrs, sizeof(ptrs), (void *)arg);
		c = cap_at(ctx->buf, ctx->off);
		vals = (void *)c + sizeof(*c);
		c->arg = i;
		c->kind = CAP_CLONE3_OUT;
		c->flags = CAPF_EXIT;
		c->len = 2 * sizeof(__s32);
		vals[0] = 0;
		vals[1] = 0;
		if (ptrs[1] && bpf_probe_read_user(&vals[0], sizeof(__s32), (void *)ptrs[1]) < 0)
			c->flags |= CAPF_FAULT;
		if (ptrs[3] && bpf_probe_read_user(&vals[1], sizeof(__s32), (void *)ptrs[3]) < 0)
			c->flags |= CAPF_FAULT;
		ctx->off = cap_end(ctx->off, c->len);
		break;
	}
	default:
		return 0;
	}
	ctx->ncaps++;
	return 0;
}

/* Builds the enter record of the task's syscall from its saved number and arguments,
 * stamped ns, and sends it unless hold_if_faulted and some memory could not
 * be read. Returns the arguments whose memory faulted. A global function:
 * the verifier checks it once, not at each of its three call sites, which
 * keeps loading fast. */
__noinline int send_enter(struct task_state *ts, __u64 pid_tgid, __u64 ns, int hold_if_faulted)
{
	struct rec_sys_enter *rec = get_scratch();
	struct syscall_plan *plan;
	struct args_ctx ac = {};

	if (!rec || !ts)
		return 0;
	plan = plan_for(ts->nr);
	if (!plan)
		return 0;
	fill_hdr_at(&rec->h, REC_SYS_ENTER, (__u32)pid_tgid, pid_tgid >> 32, ns);
	rec->nr = ts->nr;
	__builtin_memcpy(rec->args, ts->args, sizeof(rec->args));
	ac.buf = rec;
	ac.plan = plan;
	ac.ts = ts;
	ac.off = sizeof(*rec);
	if (plan->enter_args)
		bpf_loop(plan->enter_args, capture_enter_arg, &ac, 0);
	rec->h.ncaps = ac.ncaps;
	if (!hold_if_faulted || !ac.faults)
		emit(rec, ac.off);
	return ac.faults;
}

/* Records the enter of syscall nr with the arguments in regs, and sends it. */
static __always_inline void enter_syscall(struct task_state *ts, struct pt_regs *regs,
					  __s64 nr, struct syscall_plan *plan, __u64 pid_tgid)
{
	__u64 now = syscall_times ? bpf_ktime_get_ns() : 0;

	ts->nr = nr;
	ts->args[0] = regs->di;
	ts->args[1] = regs->si;
	ts->args[2] = regs->dx;
	ts->args[3] = regs->r10;
	ts->args[4] = regs->r8;
	ts->args[5] = regs->r9;
	/* rt_sigreturn has no argument; strace shows the signal mask it
	 * restores, uc_sigmask of the rt_sigframe just below the stack
	 * pointer, so its address stands in for the first argument */
	if (nr == 15)
		ts->args[0] = regs->sp + RT_SIGFRAME_MASK_OFFSET;
	ts->in_syscall = 1;
	ts->deferred_enter = 0;
	ts->enter_ns = now;
	if (summary_mode == SUMMARY_ONLY)
		return;
	/* memory may not be resident (a literal string in a page a forked
	 * child never touched): send now if all could be read, else later */
	if (send_enter(ts, pid_tgid, now, 1))
		ts->deferred_enter = 1;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(sys_enter, struct pt_regs *regs, long id)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct task_state *ts = current_state((__u32)pid_tgid, 0);
	struct syscall_plan *plan;

	if (!ts)
		return 0;
	if (ts->flags & TASK_PENDING_EXEC) {
		if (!is_execve(id))
			return 0;
		ts->flags &= ~TASK_PENDING_EXEC;
	}
	/* running again: a pause (see pause_if_full) is over */
	ts->flags &= ~(TASK_ATTACHED | TASK_PAUSED);
	plan = plan_for(id);
	if (!plan || !(plan->flags & PLAN_TRACED))
		return 0;
	enter_syscall(ts, regs, id, plan, pid_tgid);
	return 0;
}

static __always_inline void emit_ignored_signal(struct task_state *ts, __u32 tid, __u32 tgid)
{
	struct rec_signal *rec = get_scratch();

	if (!rec)
		return;
	fill_hdr(&rec->h, REC_SIGNAL, tid, tgid);
	rec->sig = ts->ignored_sig;
	rec->_pad = 0;
	__builtin_memcpy(rec->info, ts->ignored_info, SIGINFO_SIZE);
	ts->ignored_sig = 0;
	emit(rec, sizeof(*rec));
}

static __always_inline int sigkill_pending(void)
{
	struct task_struct *task = bpf_get_current_task_btf();

	return (task->pending.signal.sig[0] | task->signal->shared_pending.signal.sig[0]) &
	       (1UL << (SIGKILL - 1));
}

/* Whether the task dies of a signal other than SIGKILL that the kernel
 * turned into SIGKILL without delivering it (see task_state.sent_sig): a
 * ptracer would have seen the syscall return and the signal delivered. */
static __always_inline int killed_by_fatal_signal(void)
{
	struct task_struct *task = bpf_get_current_task_btf();
	int code = task->signal->group_exit_code & 0x7f;

	return code && code != SIGKILL;
}

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

/* Builds and sends the exit record of the task's syscall (its saved
 * number) returning ret, stamped ns. A global function, verified once (see
 * send_enter). */
__noinline int send_exit(struct task_state *ts, __u64 pid_tgid, __s64 ret, __u64 ns)
{
	struct rec_sys_exit *rec = get_scratch();
	struct syscall_plan *plan;
	struct args_ctx ac = {};

	if (!rec || !ts)
		return 0;
	plan = plan_for(ts->nr);
	if (!plan)
		return 0;
	fill_hdr_at(&rec->h, REC_SYS_EXIT, (__u32)pid_tgid, pid_tgid >> 32, ns);
	rec->nr = ts->nr;
	rec->ret = ret;
	ac.buf = rec;
	ac.plan = plan;
	ac.ts = ts;
	ac.ret = ret;
	ac.off = sizeof(*rec);
	if (plan->exit_args)
		bpf_loop(plan->exit_args, capture_exit_arg, &ac, 0);
	rec->h.ncaps = ac.ncaps;
	emit(rec, ac.off);
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

	/* rt_sigreturn restores the registers of the interrupted code, with
	 * orig_ax = -1: the syscall is the one that entered */
	if (nr < 0 && ts->in_syscall)
		nr = ts->nr;
	plan = plan_for(nr);
	if (!ts->in_syscall || ts->nr != nr) {
		/* No enter seen: a new child returning from fork, or a syscall
		 * in flight when gotrace attached to the task (-p). For the
		 * latter the argument registers still hold the arguments, so
		 * the whole call prints, as strace prints the restarted call. */
		if (!(ts->flags & TASK_ATTACHED) || !plan || !(plan->flags & PLAN_TRACED)) {
			if (ts->ignored_sig)
				emit_ignored_signal(ts, tid, pid_tgid >> 32);
			return;
		}
		ts->flags &= ~TASK_ATTACHED;
		enter_syscall(ts, regs, nr, plan, pid_tgid);
	}
	/* The kernel has faulted in what the syscall read (and a failed
	 * execve still has its memory): a held-back enter goes whole now. */
	if (ts->deferred_enter && plan) {
		ts->deferred_enter = 0;
		send_enter(ts, pid_tgid, ts->enter_ns, 0);
	}
	/* A task being killed leaves its syscall with -ERESTART*: strace
	 * never sees that return and prints "= ?" when the task exits, so
	 * the syscall stays in progress for the exit record. */
	if (ret <= -ERESTARTSYS && ret >= -ERESTART_RESTARTBLOCK && sigkill_pending() &&
	    !killed_by_fatal_signal())
		return;
	ts->in_syscall = 0;
	now = syscall_times ? bpf_ktime_get_ns() : 0;
	if (summary_mode) {
		__u32 key = nr;
		struct syscall_stats *st = bpf_map_lookup_elem(&counts, &key);

		if (st) {
			st->calls++;
			st->errors += ret < 0 && ret >= -4095;
			st->ns += now - ts->enter_ns;
		}
		if (summary_mode == SUMMARY_ONLY)
			return;
	}
	if (!plan)
		return;
	send_exit(ts, pid_tgid, ret, now);
	if (user_stacks)
		emit_stack(ctx, tid, pid_tgid >> 32);
	if (ts->ignored_sig)
		emit_ignored_signal(ts, tid, pid_tgid >> 32);
}

/* --no-drop: past pause_bytes of unread records, a task returning from a
 * syscall is stopped until gotrace has read the ring down, rather than
 * letting later records be lost. It sends the task a SIGSTOP, which its
 * tracer, gotrace (this works only for tasks gotrace ptraces), receives
 * as a signal-delivery stop on the task's way back to user space and
 * suppresses when it resumes the task: the task never stops for real, its
 * parent is not told, no signal is delivered (see docs/no-drop.md). */
const volatile __u32 no_drop = 0;
const volatile __u64 pause_bytes = 1 << 22;
#define PT_PTRACED 1

static __always_inline void pause_if_full(struct task_state *ts)
{
	struct task_struct *task;

	if (ts->flags & TASK_PAUSED)
		return;
	if (bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) < pause_bytes)
		return;
	task = bpf_get_current_task_btf();
	if (!(task->ptrace & PT_PTRACED) || task->parent->tgid != tracer_tgid)
		return;
	ts->flags |= TASK_PAUSED;
	bpf_send_signal_thread(SIGSTOP);
}

SEC("tp_btf/sys_exit")
int BPF_PROG(sys_exit, struct pt_regs *regs, long ret)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct task_state *ts = current_state((__u32)pid_tgid, 0);

	if (!ts || (ts->flags & TASK_PENDING_EXEC))
		return 0;
	exit_syscall(ctx, ts, regs, ret, pid_tgid);
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
		.max = str_size < ARGV_MAX ? str_size : ARGV_MAX,
		.end_flags = CAPF_END,
		.arg = arg,
	};
	struct capture *c;

	bpf_loop(ARGV_MAX + 1, exec_argv_elem, &ctx, 0);
	if (count > ctx.ncaps)
		ctx.end_flags |= CAPF_MORE;
	c = cap_at(buf, ctx.off);
	c->arg = arg;
	c->kind = CAP_ARGV;
	c->flags = ctx.end_flags;
	c->len = 0;
	*ncaps += ctx.ncaps + 1;
	return cap_end(ctx.off, 0);
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
	__u8 argv = ts->nr == 322 ? 2 : 1;
	__u32 off;
	long n;

	if (!rec)
		return;
	/* under the tid the call entered with: a thread that is not the
	 * leader takes the leader's tid only with the exec record */
	fill_hdr_at(&rec->h, REC_SYS_ENTER, entered_tid, p->tgid, ts->enter_ns);
	rec->nr = ts->nr;
	__builtin_memcpy(rec->args, ts->args, sizeof(rec->args));
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
	off = cap_exec_strings(rec, off, argv, p->mm->arg_start, p->mm->arg_end, bprm->argc,
			       &rec->h.ncaps);
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
	if (ts->in_syscall && ts->deferred_enter && ts->nr == 59 /* execve */) {
		ts->deferred_enter = 0;
		send_exec_enter(ts, p, bprm, old_pid);
	}
	rec = get_scratch();
	if (!rec)
		return 0;
	fill_hdr(&rec->h, REC_EXEC, tid, p->tgid);
	rec->old_tid = old_pid;
	rec->_pad = 0;
	emit(rec, sizeof(*rec));
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
		struct rec_signal *sr = get_scratch();

		if (sr) {
			fill_hdr(&sr->h, REC_SIGNAL, tid, p->tgid);
			sr->sig = ts->sent_sig;
			sr->_pad = 0;
			__builtin_memcpy(sr->info, ts->sent_info, SIGINFO_SIZE);
			emit(sr, sizeof(*sr));
		}
	}
	rec = get_scratch();
	if (!pending && rec) {
		fill_hdr(&rec->h, REC_TASK_EXIT, tid, p->tgid);
		rec->exit_code = p->exit_code;
		rec->flags = 0;
		if (p->signal->group_exec_task && p->signal->group_exec_task != p)
			rec->flags = EXIT_BY_EXEC;
		emit(rec, sizeof(*rec));
	}
	/* after the record: gotrace stops once no task is left in the map,
	 * and every exit record must be in the ring by then */
	bpf_map_delete_elem(&traced, &tid);
	return 0;
}

SEC("tp_btf/signal_deliver")
int BPF_PROG(signal_deliver, int sig, struct kernel_siginfo *info, struct k_sigaction *ka)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pid_tgid;
	struct task_state *ts = traced_state(bpf_get_current_task_btf(), tid);
	struct rec_signal *rec;

	/* SIGKILL is never delivered to a handler, and strace never shows it */
	if (!ts || (ts->flags & TASK_PENDING_EXEC) || sig == SIGKILL)
		return 0;
	/* the stop after the command's execve under --no-drop */
	if (sig == SIGSTOP && (ts->flags & TASK_PAUSED))
		return 0;
	if (ts->sent_sig == sig)
		ts->sent_sig = 0;
	rec = get_scratch();
	if (!rec)
		return 0;
	fill_hdr(&rec->h, REC_SIGNAL, tid, pid_tgid >> 32);
	rec->sig = sig;
	rec->_pad = 0;
	bpf_probe_read_kernel(rec->info, SIGINFO_SIZE, info);
	emit(rec, sizeof(*rec));
	return 0;
}

SEC("tp_btf/signal_generate")
int BPF_PROG(signal_generate, int sig, struct kernel_siginfo *info, struct task_struct *task,
	     int group, int result)
{
	struct task_state *ts;

	if (result != TRACE_SIGNAL_IGNORED && (result != TRACE_SIGNAL_DELIVERED || sig == SIGKILL))
		return 0;
	ts = traced_state(task, task->pid);
	if (!ts || (ts->flags & TASK_PENDING_EXEC))
		return 0;
	/* the pause of --no-drop, and the SIGCONT that ends the stop after
	 * the command's execve: gotrace suppresses them */
	if ((sig == SIGSTOP || sig == SIGCONT) && (ts->flags & TASK_PAUSED))
		return 0;
	if (result == TRACE_SIGNAL_DELIVERED) {
		ts->sent_sig = sig;
		bpf_probe_read_kernel(ts->sent_info, SIGINFO_SIZE, info);
		return 0;
	}
	ts->ignored_sig = sig;
	bpf_probe_read_kernel(ts->ignored_info, SIGINFO_SIZE, info);
	return 0;
}
