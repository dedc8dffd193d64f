// Package bpf holds gotrace's kernel programs (gotrace.bpf.c), their compiled
// objects and the loader that attaches them.
package bpf

//go:generate go run ../gen/bpfnr -inputs ../gen/inputs
//go:generate go tool bpf2go -cc clang-14 -cflags "-O2 -g -Wall -Werror" -target amd64 -type rec_hdr -type rec_sys_enter -type rec_sys_exit -type rec_fork -type rec_exec -type exec_flags -type rec_task_exit -type rec_signal -type rec_signal_ip -type rec_stack -type rec_map -type stack_flags -type map_flags -type rec_pidns -type capture -type rec_type -type cap_kind -type cap_flags -type plan_flags -type task_flags -type select_flags -type task_exit_flags -type signal_flags -type stopped_task -type syscall_plan -type cpu_stats -type syscall_stats -type stats_key -type flight_ring -type flight_key -type spawn -type task_state -type injected_call -type call_note -type ioctl_ptr -type ioctl_ptr_when gotrace gotrace.bpf.c -- -I. -Iinclude
