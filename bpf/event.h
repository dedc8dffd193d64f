/* Records sent from the kernel to gotrace through the ring buffer.
 * This file is the only definition of their layout: bpf2go generates the Go
 * types from it (-type), and a test checks the decoder's offsets against them.
 */
#ifndef GOTRACE_EVENT_H
#define GOTRACE_EVENT_H

#define MAX_SYSCALL_ARGS 6
#define MAX_SYSCALL_NR 512

#include "latency.h"

enum rec_type {
	REC_SYS_ENTER = 1,
	REC_SYS_EXIT = 2,
	REC_FORK = 3,
	REC_EXEC = 4,
	REC_TASK_EXIT = 5,
	REC_SIGNAL = 6,
	REC_PIDNS = 7,
	REC_STACK = 8,
	REC_MAP = 9,
};

/* Every record starts with this header. */
struct rec_hdr {
	__u64 ts;	/* CLOCK_MONOTONIC, ns */
	__u32 tid;
	__u32 tgid;
	__u32 lost;	/* records this CPU could not write since its previous one */
	__u16 type;	/* enum rec_type */
	__u16 ncaps;	/* captures following the fixed part (sys enter/exit) */
	__u32 size;	/* whole record, bytes, a multiple of 8 */
	__u32 note;	/* sys exit: enum call_note, how gotrace tampered with it */
};

/* What gotrace did to a call (-e inject=), as strace notes it after the
 * return value. */
enum call_note {
	NOTE_INJECTED = 1,	/* the return value is gotrace's: "(INJECTED)" */
	NOTE_POKED = 2,		/* its memory was written: "(INJECTED: args)" */
	NOTE_DELAYED = 4,	/* it waited: "(DELAYED)" */
	NOTE_RETVAL = 8,	/* the return value is retval='s: a success, whatever
				 * its value (strace's syscall_tampered_nofail) */
};

struct rec_sys_enter {
	struct rec_hdr h;
	__s64 nr;
	__u64 args[MAX_SYSCALL_ARGS];
	/* captures follow */
};

struct rec_sys_exit {
	struct rec_hdr h;
	__s64 nr;
	__s64 ret;
	/* captures follow */
};

struct rec_fork {
	struct rec_hdr h;	/* tid, tgid: the parent */
	__u32 child_tid;
	__u32 child_tgid;
};

enum exec_flags {
	/* -b execve: the kernel side stopped tracing the task at this exec
	 * (not at a command's first, which starts its trace) */
	EXEC_DETACHED = 1,
};

struct rec_exec {
	struct rec_hdr h;
	__u32 old_tid;	/* tid that called execve (differs in a multithreaded exec) */
	__u32 flags;	/* enum exec_flags */
};

/* A new task in a child pid namespace: its ids as that namespace sees them. */
struct rec_pidns {
	struct rec_hdr h;	/* tid, tgid: as the host sees them */
	__u32 ns_tid;
	__u32 ns_tgid;
	__u32 ns_inum;	/* the pid namespace's inode number */
	__u32 level;	/* its depth below the host's (1: a child namespace) */
};

enum task_exit_flags {
	EXIT_BY_EXEC = 1,	/* killed because another thread of its group called execve */
	/* a thread group leader ending while threads it follows (-f) live
	 * on: the kernel reports it to a waiter, and strace prints its end,
	 * only when the last of them ends or one's execve takes its pid */
	EXIT_LEADER_EARLY = 2,
	EXIT_GROUP_DEAD = 4,	/* the last task of its thread group */
	EXIT_EXEC_FAILED = 8,	/* the spawned command, whose first execve failed */
};

struct rec_task_exit {
	struct rec_hdr h;
	__s32 exit_code;	/* wait status: code << 8, or signal | 0x80 if core */
	__u32 flags;		/* enum task_exit_flags */
};

#define SIGINFO_SIZE 48

enum signal_flags {
	/* not a delivery: the task stops (a group stop) by the signal it
	 * was just delivered, strace's "--- stopped by SIGSTOP ---" */
	SIGNAL_STOPPED = 1,
};

struct rec_signal {
	struct rec_hdr h;
	__s32 sig;
	__u32 flags;	/* enum signal_flags */
	__u8 info[SIGINFO_SIZE];	/* struct kernel_siginfo */
};

/* A signal record as sent since -i: the user instruction pointer the
 * signal found follows (a record's size says whether it is there). */
struct rec_signal_ip {
	struct rec_signal s;
	__u64 ip;
};

/* -k: the user stack of a syscall, sent right after its exit record (after
 * its enter record for exit and exit_group, which do not return, and
 * execve, whose caller's stack the exit no longer has): the user registers
 * and a copy of the top of the stack, which gotrace unwinds with the
 * call-frame information of the mapped objects. */
#define STACK_REGS 17
#define MAX_STACK_COPY 65536	/* --stack-trace-size's maximum */

enum stack_flags {
	STACK_AT_ENTER = 1,	/* captured at the syscall's entry */
};

struct rec_stack {
	struct rec_hdr h;
	__u64 regs[STACK_REGS];	/* DWARF numbering: rax rdx rcx rbx rsi rdi rbp rsp
				 * r8-r15, then rip */
	__u32 size;		/* bytes of stack copied from regs[7] (rsp) */
	__u32 flags;		/* enum stack_flags */
	/* the stack's bytes follow */
};

enum map_flags {
	MAP_UNMAPPED = 1,	/* [start, end) is no longer mapped */
};

/* -k: a traced process mapped a file executable (mmap or mprotect with
 * PROT_EXEC, the program and its interpreter at execve), or unmapped a
 * range: sent before the records of the syscall that did it, so that
 * gotrace names the frames of each stack by the mappings of its moment. */
#define MAP_PATH_MAX 1024

struct rec_map {
	struct rec_hdr h;
	__u64 start;
	__u64 end;
	__u64 offset;		/* file offset of start */
	__u64 ino;
	__u32 dev;		/* the kernel's dev_t: major << 20 | minor */
	__u16 flags;		/* enum map_flags */
	__u16 path_len;		/* bytes of path */
	/* path: the names from the file up to the root, each NUL-terminated */
};

/* What to read from the tracee for one syscall argument. */
enum cap_kind {
	CAP_NONE = 0,
	CAP_STR = 1,		/* enter: NUL-terminated string, at most size bytes */
	CAP_PATH = 2,		/* enter (or exit, getcwd): NUL-terminated path, at most PATH_MAX bytes */
	CAP_BUF_IN = 3,		/* enter: buffer whose length is argument len_arg */
	CAP_BUF_OUT = 4,	/* exit: buffer whose length is the return value */
	CAP_MEM_IN = 5,		/* enter: size bytes */
	CAP_MEM_OUT = 6,	/* exit, on success: size bytes */
	CAP_ARGV = 7,		/* enter: NULL-terminated array of strings */
	CAP_ENVC = 8,		/* enter: number of entries of a NULL-terminated array */
	CAP_CLONE3_OUT = 10,	/* exit: *parent_tid and *pidfd of a struct clone_args */
	CAP_SIZED_IN = 13,	/* enter: a struct whose caller passes its size in
				 * argument len_arg (open_how, clone_args): that
				 * many bytes, or when they cannot all be read the
				 * first size, flagged CAPF_PART; the capture comes
				 * as CAP_MEM_IN */
	CAP_CLONE3_IN = 14,	/* enter: a struct clone_args as CAP_SIZED_IN, then,
				 * when its set_tid and set_tid_size (at most 32)
				 * are set, the pids set_tid points to as
				 * CAP_CLONE3_SET_TID (cut at a page's end: CAPF_PART
				 * with CAPF_FAULT) */
	CAP_CLONE3_SET_TID = 15,
	CAP_DIRENTS = 12,	/* exit: the number of struct linux_dirent64 in the
				 * return value's bytes (a __u64) */
	CAP_IOV = 11,		/* struct iovec array of len_arg elements: one capture per
				 * element (its base and len, then its bytes), then an end
				 * marker (CAPF_END); at exit the bytes total the return value */
	/* arrays and sockaddrs (numbered apart from the kinds above) */
	CAP_ARRAY_IN = 32,	/* enter: argument len_arg elements of size bytes */
	CAP_ARRAY_OUT = 33,	/* exit, on success: len_arg elements of size bytes, or as
				 * many as the return value if len_arg is ARRAY_BY_RET */
	CAP_LENPTR_OUT = 34,	/* exit, on success: as many bytes as the int that
				 * argument len_arg points to says (sockaddr, optval) */
	/* a struct msghdr (sendmsg at enter, recvmsg at exit) comes as
	 * CAP_MSGHDR, then CAP_MSG_NAME, CAP_MSG_IOV (the iovec array), one
	 * CAP_MSG_DATA per iovec (at most -s + 1 bytes, and for recvmsg no
	 * more than it returned in all) and CAP_MSG_CONTROL */
	CAP_MSGHDR = 35,
	CAP_MSG_NAME = 36,
	CAP_MSG_IOV = 37,
	CAP_MSG_DATA = 38,
	CAP_MSG_CONTROL = 39,
	/* ioctl's argument, read at enter and (on success) at exit, as many
	 * bytes as the request says (see ioctl_arg_size) */
	CAP_IOCTL_IN = 40,
	CAP_IOCTL_OUT = 41,
	/* enter: pselect6's {sigset_t *, size_t}, then the sigset_t if it
	 * could be read (24 bytes in all, else 16) */
	CAP_SIGSET_PACK = 42,
	/* select's fd_set, as many bytes as argument 0 (nfds) needs in longs,
	 * at enter and (on success) at exit */
	CAP_FDSET_IN = 43,
	CAP_FDSET_OUT = 44,
	/* enter: the socket behind a descriptor argument (sendto, recvfrom,
	 * sendmsg, recvmsg), a struct sock_info; no capture when the
	 * descriptor is no socket. The buffers of a netlink socket's call are
	 * then read whole (up to PATH_MAX), and up to an unreadable page when
	 * they run into one (CAPF_FAULT with data): strace decodes the
	 * messages as far as it can read them. At exit it only sizes the
	 * buffer. */
	CAP_SOCK = 45,
	/* as CAP_MEM_IN and CAP_MEM_OUT, but only the bytes before the page
	 * that cannot be read when the size bytes cross into one: what an
	 * argument whose size the operation decides holds at the end of a
	 * page (prctl's, seccomp's); the capture says CAP_MEM_IN, CAP_MEM_OUT */
	CAP_MEM_OUT_FIT = 46,
	CAP_MEM_IN_FIT = 47,
	/* enter: the struct sock_fprog a call passes (see fprog_arg), up to
	 * its 16 bytes that can be read, then when it was read whole its
	 * classic BPF program as CAP_FPROG_INSNS: len instructions of 8 bytes,
	 * at most PATH_MAX bytes (CAPF_MORE past them) */
	CAP_FPROG = 48,
	CAP_FPROG_INSNS = 49,
	/* exit, whether the call failed or not: as CAP_MEM_OUT_FIT (what
	 * the kernel wrote back on an error: perf_event_open's E2BIG size) */
	CAP_MEM_OUT_ANY_FIT = 50,
	/* what an ioctl's struct points to (struct ioctl_ptr), after its
	 * CAP_IOCTL_IN or CAP_IOCTL_OUT: the elements of an array, up to -s
	 * of them, cut at a page's end when they cross into one that cannot
	 * be read (CAPF_PART); then, of each element whose buffer length is
	 * not 0, in order, -s bytes of that buffer (CAPF_FAULT when they
	 * cannot be read). */
	CAP_IOCTL_ARRAY = 51,
	CAP_IOCTL_ELEM_BUF = 52,
	/* plan only, at exit: the socket behind the descriptor the call
	 * returned (socket()), as a CAP_SOCK capture flagged CAPF_EXIT */
	CAP_SOCK_RET = 53,
	/* plan only, at exit: as CAP_BUF_OUT, no more than argument len_arg
	 * bytes (recvfrom with MSG_TRUNC returns more than it stored) */
	CAP_BUF_OUT_MAX = 54,
	/* what a struct argument points to that its decoder shows (see
	 * cap_bpf_nested, cap_bpf_info), one capture per pointer in the order
	 * the decoder reads them, an empty one for a NULL pointer; at exit
	 * (CAPF_EXIT) what the kernel filled in */
	CAP_NESTED = 55,
	/* -i: the last capture of an enter record, with no argument of its
	 * own (arg 0): the user instruction pointer the call was made from,
	 * a __u64 */
	CAP_IP = 60,
};

/* An array an ioctl request's struct points to, which strace prints with
 * the struct (internal/plan's IoctlPointers fills the ioctl_ptrs map with
 * them, by request code). */
struct ioctl_ptr {
	__u16 ptr_off;		/* offset of the array's address in the struct */
	__u16 count_off;	/* offset of its number of elements, a __u32 */
	__u16 elem_size;	/* bytes of an element */
	__u16 type_off;		/* IOCTL_PTR_NONE, or offset of a __u32 type: */
	__u32 types;		/* the array is read when 1 << type is in types */
	__u16 buf_ptr_off;	/* IOCTL_PTR_NONE, or offset in an element of a buffer's address */
	__u16 buf_len_off;	/* and of its length, a __u32 */
	__u16 when;		/* enum ioctl_ptr_when */
	__u16 _pad;
};

#define IOCTL_PTR_NONE 0xffff

enum ioctl_ptr_when {
	IOCTL_PTR_ENTER = 1,	/* read at enter */
	IOCTL_PTR_EXIT = 2,	/* read at exit when the call succeeded */
	IOCTL_PTR_FAILED = 4,	/* read at exit when it failed too, with the
				 * struct itself (strace reads them regardless) */
};

/* The data of a CAP_SOCK capture. */
struct sock_info {
	__u16 family;	/* AF_* */
	__u16 type;	/* SOCK_* */
	__u16 protocol;	/* NETLINK_* of an AF_NETLINK socket */
	__u16 _pad;
	__u64 inode;	/* the socket's inode: socket:[INODE] under -y */
};

enum cap_flags {
	CAPF_FAULT = 1,	/* the tracee's memory could not be read */
	CAPF_MORE = 2,	/* more data than was captured (string unterminated, array longer) */
	CAPF_EXIT = 4,	/* read at syscall exit */
	CAPF_END = 8,	/* closes a CAP_ARGV array */
	CAPF_PART = 16,	/* only the first bytes could be read: CAP_SIZED_IN's struct, or
			 * CAP_ARRAY_IN's bytes up to a page's end (with CAPF_FAULT) */
};

/* One capture: a header followed by len bytes, padded to 8. */
struct capture {
	__u8 arg;	/* argument index */
	__u8 kind;	/* enum cap_kind */
	__u16 flags;	/* enum cap_flags */
	__u32 len;
};

/* len_arg of CAP_ARRAY_OUT: the return value counts the elements */
#define ARRAY_BY_RET 0xff

struct arg_plan {
	__u8 enter;	/* enum cap_kind read at syscall enter */
	__u8 exit;	/* enum cap_kind read at syscall exit */
	__u8 len_arg;	/* argument holding the length, for CAP_BUF_IN and CAP_IOV */
	__u8 len_u32;	/* that argument is a 32-bit int: the kernel ignores its high bits */
	__u16 size;	/* bytes, for CAP_MEM_* and CAP_STR */
	__u16 _pad2;
};

enum plan_flags {
	PLAN_TRACED = 1,	/* selected by -e trace= */
	PLAN_INJECT = 2,	/* selected by -e inject=: look for gotrace's marks */
	PLAN_WHOLE_BUFS = 4,	/* buffers read up to PATH_MAX, not -s: -e read=/write= dumps */
	/* a call that never blocks and reads nothing at enter: its enter
	 * record is sent with its exit record, in one ring reservation */
	PLAN_JOIN = 8,
};

/* A call gotrace tampers with (-e inject=), marked before it goes on. */
struct injected_call {
	__u32 nr;
	__u32 sig;	/* signal= to send as the call enters; 0 for none */
	/* 1: gotrace answered the call from the seccomp filter, so that it
	 * never reached the enter tracepoint and its enter is made at exit */
	__u32 answered;
	__u32 note;	/* enum call_note */
	/* CLOCK_MONOTONIC when gotrace received the call: its enter time,
	 * as strace's entry stop comes before its delays */
	__u64 since;
	/* a call let run: 1 if the task stops as it returns, for gotrace
	 * (which ptraces it then) to write its poke_exit= and hold it
	 * delay_exit= long */
	__u32 exit_stop;
	__u32 pad;
};

/* How to trace one syscall number; filled in by gotrace from its syscall table. */
struct syscall_plan {
	__u32 flags;	/* enum plan_flags */
	/* how many leading arguments to walk at enter and at exit: up to
	 * the last one read then (filled in by the loader) */
	__u8 enter_args;
	__u8 exit_args;
	__u16 _pad;
	struct arg_plan args[MAX_SYSCALL_ARGS];
};

enum task_flags {
	TASK_FOLLOW_FORKS = 1,		/* -f: trace children */
	TASK_FOLLOW_THREADS = 2,	/* -p: trace new threads of the process */
	TASK_PENDING_EXEC = 4,		/* the spawned command: traced from its execve on */
	TASK_ATTACHED = 8,		/* attached by -p: may be in the middle of a syscall */
	TASK_TRACED = 16,		/* in a task state: the task is traced */
	TASK_PAUSED = 32,		/* --no-drop: stopped until the ring is read down */
	TASK_SEIZE = 64,		/* --no-drop: stop after execve, for gotrace to ptrace */
	TASK_UNSELECTED = 128,		/* seen by a selection (--all) that did not take it */
	TASK_FIRST_EXEC = 256,		/* the spawned command, in its first execve (which
					 * -b execve does not detach from) */
	/* the spawned command's first execve failed: what it does then
	 * (tell why, exit) is gotrace's, not the command's, and is hidden
	 * as before the execve (TASK_PENDING_EXEC) but for its exit */
	TASK_EXEC_FAILED = 512,
};

/* Which tasks gotrace selects in the kernel besides those it names. */
enum select_flags {
	SELECT_CGROUP = 1,	/* --cgroup, --container: a cgroup v2 subtree */
	SELECT_ALL = 2,		/* --all */
	SELECT_DESCENDANTS = 4,	/* -p PID --descendants: PID's subtree */
	SELECT_UID = 8,		/* --all --uid */
};

/* Who gotrace is starting a command from, and how to trace it. */
struct spawn {
	__u32 tgid;	/* gotrace: its children become the command (0: none) */
	__u32 flags;	/* enum task_flags for the command, with TASK_PENDING_EXEC */
};

/* Per syscall number, per CPU: what -c and -C sum up. */
/* What -c counts of one syscall (of one process, with
 * --summary-per-process), on one CPU. */
struct syscall_stats {
	__u64 calls;
	__u64 errors;
	__u64 ns;	/* time between entry and exit, summed */
	__u64 min_ns;	/* the shortest call's, once calls > 0 */
	__u64 max_ns;	/* the longest call's */
	__u64 hist[LAT_BUCKETS];	/* calls per latency bucket (latency.h) */
};

/* The key of the counts: tgid 0 unless --summary-per-process. */
struct stats_key {
	__u32 tgid;
	__u32 nr;
};

struct cpu_stats {
	__u64 seen;	/* records gotrace tried to write */
	__u64 lost;	/* records that did not fit in the ring buffer */
	__u64 lost_pending;	/* lost since this CPU's last written record */
	__u64 uncounted;	/* calls -c could not count: its table was full */
	__u64 unkept;	/* records --flight-recorder could not keep: its table was full */
};

#endif
