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

#include "syscall_nr.h"
#include "settings.h"
#include "maps.h"
#include "record.h"
#include "flight.h"
#include "emit.h"
#include "capture.h"
#include "stack.h"
#include "signals.h"
#include "summary.h"
#include "nodrop.h"
#include "select.h"
#include "attach.h"
#include "inject.h"
#include "syscalls.h"
#include "process.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* For bpf2go -type. */
const struct rec_sys_enter *unused_rec_sys_enter __attribute__((unused));
const struct rec_sys_exit *unused_rec_sys_exit __attribute__((unused));
const struct rec_fork *unused_rec_fork __attribute__((unused));
const struct rec_exec *unused_rec_exec __attribute__((unused));
const struct rec_task_exit *unused_rec_task_exit __attribute__((unused));
const struct rec_signal *unused_rec_signal __attribute__((unused));
const struct rec_signal_ip *unused_rec_signal_ip __attribute__((unused));
const struct rec_stack *unused_rec_stack __attribute__((unused));
const struct rec_map *unused_rec_map __attribute__((unused));
const enum stack_flags *unused_stack_flags __attribute__((unused));
const enum map_flags *unused_map_flags __attribute__((unused));
const struct capture *unused_capture __attribute__((unused));
const enum rec_type *unused_rec_type __attribute__((unused));
const enum cap_kind *unused_cap_kind __attribute__((unused));
const enum cap_flags *unused_cap_flags __attribute__((unused));
const enum plan_flags *unused_plan_flags __attribute__((unused));
const enum ioctl_ptr_when *unused_ioctl_ptr_when __attribute__((unused));
const enum task_flags *unused_task_flags __attribute__((unused));
const enum select_flags *unused_select_flags __attribute__((unused));
const enum task_exit_flags *unused_task_exit_flags __attribute__((unused));
const enum exec_flags *unused_exec_flags __attribute__((unused));
const enum signal_flags *unused_signal_flags __attribute__((unused));
const struct stopped_task *unused_stopped_task __attribute__((unused));
const struct rec_pidns *unused_rec_pidns __attribute__((unused));
const struct injected_call *unused_injected_call __attribute__((unused));
const enum call_note *unused_call_note __attribute__((unused));

