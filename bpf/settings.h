/* gotrace's kernel side: its constants, and the settings gotrace writes
 * before loading (bpf.Load sets each of them from one table). */
#ifndef GOTRACE_SETTINGS_H
#define GOTRACE_SETTINGS_H

#define PATH_MAX 4096
#define PAGE_SIZE 4096
#define SCRATCH_HALF 16384	/* records are cut at this size */
#define ARGV_MAX 256
#define ENVC_MAX 4096
#define TRACE_SIGNAL_DELIVERED 0
#define TRACE_SIGNAL_IGNORED 1
#define SIGKILL 9
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
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
/* -k: send the user stack of each syscall, with stack_copy bytes of its
 * top (at most MAX_STACK_COPY), and the mappings of files made executable */
const volatile __u32 user_stacks = 0;
const volatile __u32 stack_copy = 32768;
/* whether syscall records carry times: only when something shows them
 * (-t, -r, -T, -c, --json, timelines); reading the clock costs a
 * twentieth of a syscall here, and a syscall record would read it twice */
const volatile __u32 syscall_times = 1;
/* -i: enter records end with the call's instruction pointer (CAP_IP) */
const volatile __u32 instr_ptr = 0;
/* -b execve: stop tracing a task when it calls execve (its first, for a
 * command gotrace starts, is where its trace begins) */
const volatile __u32 detach_on_exec = 0;
/* -e inject=: gotrace marks calls in the injected map */
const volatile __u32 inject_on = 0;
/* The benchmark's floor (bench/cmd/gotrace-bench, not a user option):
 * sys_enter and sys_exit return at once, so that a run measures what
 * the kernel's syscall tracepoints cost with two empty programs. Off, the
 * verifier removes the test. */
const volatile __u32 bench_floor = 0;

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

/* Set by gotrace when it could not give the tasks it adds to the traced
 * map (-p) a task state (no PIDFD_THREAD before Linux 6.9): their state
 * is then made from the map at their first event. */
__u32 lazy_states = 0;

/* How numbers past the plans are traced (raw arguments); set by gotrace. */
const volatile struct syscall_plan beyond_plans = {};

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

#endif
