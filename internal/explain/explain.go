// Package explain says in plain language what a process, thread, namespace
// or exec related syscall did (gotrace --explain). Flag names come from
// internal/xlat; the values are the kernel's, from x/sys/unix.
package explain

import (
	"strconv"

	"golang.org/x/sys/unix"

	"github.com/gotrace/gotrace/internal/decoder"
	"github.com/gotrace/gotrace/internal/xlat"
)

// Append appends the explanation of the finished (or never returning) call
// c to b, or returns b unchanged when there is nothing to say.
func Append(b []byte, c *decoder.Call) []byte {
	failed := c.Failed()
	switch c.Nr {
	case unix.SYS_FORK, unix.SYS_VFORK, unix.SYS_CLONE, unix.SYS_CLONE3:
		if failed || !c.Exited || c.Ret <= 0 {
			return b
		}
		return appendCreated(b, c)
	case unix.SYS_EXECVE, unix.SYS_EXECVEAT:
		if failed {
			return append(b, "exec failed: the program keeps running its old image"...)
		}
		b = append(b, "the program image was replaced (new code, data and stack; the open files without O_CLOEXEC stay); the pid stays "...)
		return strconv.AppendUint(b, uint64(c.Tid), 10)
	case unix.SYS_UNSHARE:
		if failed {
			return b
		}
		ns := xlat.Namespaces(c.Args[0])
		if len(ns) == 0 {
			return append(b, "this task stops sharing what the flags name with the other tasks"...)
		}
		b = append(b, "new "...)
		b = appendList(b, ns)
		b = appendNsCount(b, len(ns))
		b = append(b, " for this process"...)
		if c.Args[0]&unix.CLONE_NEWPID != 0 {
			b = append(b, " (its next child is pid 1 there)"...)
		}
		return b
	case unix.SYS_SETNS:
		if failed {
			return b
		}
		if c.Args[1] == 0 {
			return append(b, "joined the namespace the descriptor refers to"...)
		}
		ns := xlat.Namespaces(c.Args[1])
		b = append(b, "joined an existing "...)
		b = appendList(b, ns)
		return appendNsCount(b, len(ns))
	case unix.SYS_EXIT:
		b = append(b, "thread "...)
		b = strconv.AppendUint(b, uint64(c.Tid), 10)
		b = append(b, " ends with status "...)
		b = strconv.AppendUint(b, c.Args[0]&0xff, 10)
		return append(b, " (a process ends with its last thread)"...)
	case unix.SYS_EXIT_GROUP:
		b = append(b, "the whole process (all its threads) ends with status "...)
		b = strconv.AppendUint(b, c.Args[0]&0xff, 10)
		return append(b, "; its parent collects the status with wait"...)
	case unix.SYS_WAIT4:
		if failed || c.Ret == 0 {
			return b
		}
		b = append(b, "reaped child "...)
		b = strconv.AppendInt(b, c.Ret, 10)
		return append(b, ": its exit status is collected and its pid freed"...)
	case unix.SYS_KILL:
		if failed {
			return b
		}
		pid, sig := int64(int32(c.Args[0])), int(int32(c.Args[1]))
		if sig == 0 {
			b = append(b, "checked that "...)
		} else {
			b = append(b, "sent "...)
			b = append(b, xlat.SignalName(sig)...)
			b = append(b, " to "...)
		}
		switch {
		case pid > 0:
			b = append(b, "process "...)
			b = strconv.AppendInt(b, pid, 10)
		case pid == 0:
			b = append(b, "every process of its process group"...)
		case pid == -1:
			b = append(b, "every process it may signal"...)
		default:
			b = append(b, "process group "...)
			b = strconv.AppendInt(b, -pid, 10)
		}
		if sig == 0 {
			b = append(b, " exists"...)
		}
		return b
	}
	return b
}

func appendCreated(b []byte, c *decoder.Call) []byte {
	child := uint64(c.Ret)
	flags, _, known := c.CloneFlags()
	switch {
	case c.Nr == unix.SYS_FORK:
		b = append(b, "new process "...)
		b = strconv.AppendUint(b, child, 10)
		b = append(b, ", a copy-on-write copy of its parent (the raw fork syscall)"...)
		return b
	case c.Nr == unix.SYS_VFORK, flags&(unix.CLONE_VM|unix.CLONE_VFORK) == unix.CLONE_VM|unix.CLONE_VFORK && flags&unix.CLONE_THREAD == 0:
		b = append(b, "new process "...)
		b = strconv.AppendUint(b, child, 10)
		return append(b, " sharing its parent's memory; the parent is suspended until the child calls execve or exits (vfork, posix_spawn)"...)
	case !known:
		b = append(b, "new task "...)
		return strconv.AppendUint(b, child, 10)
	case flags&unix.CLONE_THREAD != 0:
		b = append(b, "new thread "...)
		b = strconv.AppendUint(b, child, 10)
		b = append(b, " in the same process as thread "...)
		b = strconv.AppendUint(b, uint64(c.Tid), 10)
		const pthread = unix.CLONE_VM | unix.CLONE_FS | unix.CLONE_FILES | unix.CLONE_SIGHAND
		if flags&pthread == pthread {
			b = append(b, ", sharing memory, open files, filesystem information and signal handlers (what pthread_create does)"...)
		}
	default:
		b = append(b, "new process "...)
		b = strconv.AppendUint(b, child, 10)
		if flags&unix.CLONE_VM != 0 {
			b = append(b, " sharing its parent's memory"...)
		} else {
			b = append(b, ", a copy-on-write copy of its parent"...)
		}
		if flags&(unix.CLONE_VM|unix.CLONE_FS|unix.CLONE_FILES|unix.CLONE_SIGHAND|unix.CLONE_NEWUSER|unix.CLONE_NEWUTS|unix.CLONE_NEWNS|unix.CLONE_NEWPID|unix.CLONE_NEWNET|unix.CLONE_NEWIPC|unix.CLONE_NEWCGROUP) == 0 {
			b = append(b, " (what glibc's fork() does)"...)
		}
	}
	if ns := xlat.Namespaces(flags); len(ns) > 0 {
		b = append(b, ", in new "...)
		b = appendList(b, ns)
		b = appendNsCount(b, len(ns))
		if flags&unix.CLONE_NEWUTS != 0 {
			b = append(b, ", so the child may rename its host without touching the real one"...)
		}
		if flags&unix.CLONE_NEWPID != 0 {
			b = append(b, "; it is pid 1 in its pid namespace"...)
		}
	}
	return b
}

func appendList(b []byte, items []string) []byte {
	for i, s := range items {
		switch {
		case i == 0:
		case i == len(items)-1:
			b = append(b, " and "...)
		default:
			b = append(b, ", "...)
		}
		b = append(b, s...)
	}
	return b
}

func appendNsCount(b []byte, n int) []byte {
	if n == 1 {
		return append(b, " namespace"...)
	}
	return append(b, " namespaces"...)
}
