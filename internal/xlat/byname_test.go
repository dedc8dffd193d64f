package xlat

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// byNameCase is an argument of a syscall, the table that prints it, and
// what strace 6.1 printed for it: the syscall was made with raw numbers by
// a small C program traced with strace -e trace=NAME on x86_64. The value
// is as the printer passes it: 32 bits for an int argument, all 64 for an
// unsigned long.
type byNameCase struct {
	table string
	v     uint64
	want  string
}

// Flags arguments: printed with AppendFlags.
var flagsCases = []byNameCase{
	// mmap(2), mprotect(2) prot: unsigned long
	{"mmap_prot", 0, "PROT_NONE"},
	{"mmap_prot", 1, "PROT_READ"},
	{"mmap_prot", 3, "PROT_READ|PROT_WRITE"},
	{"mmap_prot", 5, "PROT_READ|PROT_EXEC"},
	{"mmap_prot", 0x17, "PROT_READ|PROT_WRITE|PROT_EXEC|0x10"},
	{"mmap_prot", 0x8 | 0x1000000, "PROT_SEM|PROT_GROWSDOWN"},
	{"mmap_prot", 0x1000000 | 0x2000000 | 0x80000000, "PROT_GROWSDOWN|PROT_GROWSUP|0x80000000"},
	{"mmap_prot", 0x80000000, "0x80000000 /* PROT_??? */"},
	{"mmap_prot", 0x100000000, "0x100000000 /* PROT_??? */"},
	{"mmap_prot", 0x100000007, "PROT_READ|PROT_WRITE|PROT_EXEC|0x100000000"},
	{"mmap_prot", 0x20, "0x20 /* PROT_??? */"},

	// mmap(2) flags: unsigned long, printed by print_mmap_flags
	{"mmap_flags", 0x22, "MAP_PRIVATE|MAP_ANONYMOUS"},
	{"mmap_flags", 0x2, "MAP_PRIVATE"},
	{"mmap_flags", 0x802, "MAP_PRIVATE|MAP_DENYWRITE"},
	{"mmap_flags", 0x812, "MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE"},
	{"mmap_flags", 0x32, "MAP_PRIVATE|MAP_FIXED|MAP_ANONYMOUS"},
	{"mmap_flags", 0x20, "MAP_FILE|MAP_ANONYMOUS"},
	{"mmap_flags", 0, "MAP_FILE"},
	{"mmap_flags", 0x1 | 0x20 | 0x100000, "MAP_SHARED|MAP_ANONYMOUS|MAP_FIXED_NOREPLACE"},
	{"mmap_flags", 0x4 | 0x20 | 0x800000 | 21<<26, "0x4 /* MAP_??? */|MAP_ANONYMOUS|0x800000|21<<MAP_HUGE_SHIFT"},
	{"mmap_flags", 0x4, "0x4 /* MAP_??? */"},
	{"mmap_flags", 0x3 | 0x80000 | 0x4000000 | 0x40 | 0x4000 | 0x8000 | 0x10000 | 0x100 | 0x800 | 0x1000 | 0x2000 | 0x20000 | 0x40000,
		"MAP_SHARED_VALIDATE|MAP_32BIT|MAP_NORESERVE|MAP_POPULATE|MAP_NONBLOCK|MAP_GROWSDOWN|MAP_DENYWRITE|MAP_EXECUTABLE|MAP_LOCKED|MAP_STACK|MAP_HUGETLB|MAP_SYNC|1<<MAP_HUGE_SHIFT"},
	{"mmap_flags", 0x4000000000000022, "MAP_PRIVATE|MAP_ANONYMOUS"},
	{"mmap_flags", 0x80000000, "MAP_FILE|32<<MAP_HUGE_SHIFT"},
	{"mmap_flags", 0x80000002, "MAP_PRIVATE|32<<MAP_HUGE_SHIFT"},

	// mremap(2) flags: unsigned long
	{"mremap_flags", 0, "0"},
	{"mremap_flags", 1, "MREMAP_MAYMOVE"},
	{"mremap_flags", 0xf, "MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP|0x8"},
	{"mremap_flags", 0x100000008, "0x100000008 /* MREMAP_??? */"},
	{"mremap_flags", 0x8, "0x8 /* MREMAP_??? */"},

	// msync(2) flags: int
	{"mctl_sync", 0, "0"},
	{"mctl_sync", 1, "MS_ASYNC"},
	{"mctl_sync", 4, "MS_SYNC"},
	{"mctl_sync", 7, "MS_SYNC|MS_ASYNC|MS_INVALIDATE"},
	{"mctl_sync", 8, "0x8 /* MS_??? */"},
	{"mctl_sync", 0xc, "MS_SYNC|0x8"},

	// access(2), faccessat(2), faccessat2(2) mode: int
	{"access_modes", 0, "F_OK"},
	{"access_modes", 4, "R_OK"},
	{"access_modes", 2, "W_OK"},
	{"access_modes", 5, "R_OK|X_OK"},
	{"access_modes", 7, "R_OK|W_OK|X_OK"},
	{"access_modes", 8, "0x8 /* ?_OK */"},
	{"access_modes", 0xc, "R_OK|0x8"},
	{"faccessat_flags", 0x200, "AT_EACCESS"},
	{"faccessat_flags", 0x1300, "AT_SYMLINK_NOFOLLOW|AT_EACCESS|AT_EMPTY_PATH"},
	{"faccessat_flags", 0x2, "0x2 /* AT_??? */"},

	// getrandom(2) flags: unsigned int
	{"getrandom_flags", 0, "0"},
	{"getrandom_flags", 1, "GRND_NONBLOCK"},
	{"getrandom_flags", 6, "GRND_RANDOM|GRND_INSECURE"},
	{"getrandom_flags", 8, "0x8 /* GRND_??? */"},
	{"getrandom_flags", 9, "GRND_NONBLOCK|0x8"},

	// flock(2) operation: unsigned int
	{"flockcmds", 0, "0"},
	{"flockcmds", 1, "LOCK_SH"},
	{"flockcmds", 3, "LOCK_SH|LOCK_EX"},
	{"flockcmds", 6, "LOCK_EX|LOCK_NB"},
	{"flockcmds", 15, "LOCK_SH|LOCK_EX|LOCK_NB|LOCK_UN"},
	{"flockcmds", 32, "LOCK_MAND"},
	{"flockcmds", 64, "LOCK_READ"},
	{"flockcmds", 128, "LOCK_WRITE"},
	{"flockcmds", 192, "LOCK_RW"},
	{"flockcmds", 224, "LOCK_MAND|LOCK_RW"},
	{"flockcmds", 256, "0x100 /* LOCK_??? */"},

	// eventfd2(2) flags: int
	{"efd_flags", 0, "0"},
	{"efd_flags", 1 | 02000000 | 04000, "EFD_SEMAPHORE|EFD_CLOEXEC|EFD_NONBLOCK"},
	{"efd_flags", 2, "0x2 /* EFD_??? */"},
	{"efd_flags", 3, "EFD_SEMAPHORE|0x2"},

	// pipe2(2) and dup3(2) flags: int
	{"open_flags", 0, "0"},
	{"open_flags", 02000000 | 04000, "O_NONBLOCK|O_CLOEXEC"},
	{"open_flags", 040000, "O_DIRECT"},
	{"open_flags", 0x40000000, "0x40000000 /* O_??? */"},
	{"open_flags", 3, "0x3 /* O_??? */"},
	{"open_flags", 02000000, "O_CLOEXEC"},

	// memfd_create(2) flags: unsigned int
	{"memfd_create_flags", 0, "0"},
	{"memfd_create_flags", 3, "MFD_CLOEXEC|MFD_ALLOW_SEALING"},
	{"memfd_create_flags", 4 | 21<<26, "MFD_HUGETLB|21<<MFD_HUGE_SHIFT"},
	{"memfd_create_flags", 30 << 26, "30<<MFD_HUGE_SHIFT"},
	{"memfd_create_flags", 0x10, "0x10 /* MFD_??? */"},
	{"memfd_create_flags", 0x11 | 2<<26, "MFD_CLOEXEC|0x10|2<<MFD_HUGE_SHIFT"},
	{"memfd_create_flags", 8, "0x8 /* MFD_??? */"},
	{"memfd_create_flags", 0x10 | 2<<26, "0x10 /* MFD_??? */|2<<MFD_HUGE_SHIFT"},

	// inotify_init1(2), signalfd4(2), timerfd_create(2) flags: int
	{"inotify_init_flags", 0, "0"},
	{"inotify_init_flags", 04000 | 02000000, "IN_NONBLOCK|IN_CLOEXEC"},
	{"inotify_init_flags", 1, "0x1 /* IN_??? */"},
	{"sfd_flags", 0, "0"},
	{"sfd_flags", 04000 | 02000000, "SFD_CLOEXEC|SFD_NONBLOCK"},
	{"sfd_flags", 1, "0x1 /* SFD_??? */"},
	{"timerfdflags", 0, "0"},
	{"timerfdflags", 02000000 | 04000, "TFD_CLOEXEC|TFD_NONBLOCK"},
	{"timerfdflags", 7, "TFD_TIMER_ABSTIME|TFD_TIMER_CANCEL_ON_SET|0x4"},
	{"timerfdflags", 4, "0x4 /* TFD_??? */"},

	// clock_nanosleep(2) flags: int
	{"clockflags", 0, "0"},
	{"clockflags", 1, "TIMER_ABSTIME"},
	{"clockflags", 3, "TIMER_ABSTIME|0x2"},
	{"clockflags", 2, "0x2 /* TIMER_??? */"},

	// unshare(2) flags: unsigned long
	{"unshare_flags", 0, "0"},
	{"unshare_flags", 0x80 | 0x100 | 0x200 | 0x400 | 0x800 | 0x10000 | 0x20000 | 0x40000,
		"CLONE_NEWTIME|CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_NEWNS|CLONE_SYSVSEM"},
	{"unshare_flags", 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000,
		"CLONE_NEWCGROUP|CLONE_NEWUTS|CLONE_NEWIPC|CLONE_NEWUSER|CLONE_NEWPID|CLONE_NEWNET"},
	{"unshare_flags", 1, "0x1 /* CLONE_??? */"},
	{"unshare_flags", 0x100000000, "0x100000000 /* CLONE_??? */"},
	{"unshare_flags", 0x100000200, "CLONE_FS|0x100000000"},
	{"unshare_flags", 0x80000000, "0x80000000 /* CLONE_??? */"},

	// setns(2) nstype: int
	{"setns_types", 0, "0"},
	{"setns_types", 0x20000, "CLONE_NEWNS"},
	{"setns_types", 0x80 | 0x20000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000,
		"CLONE_NEWTIME|CLONE_NEWNS|CLONE_NEWCGROUP|CLONE_NEWUTS|CLONE_NEWIPC|CLONE_NEWUSER|CLONE_NEWPID|CLONE_NEWNET"},
	{"setns_types", 1, "0x1 /* CLONE_NEW??? */"},
	{"setns_types", 0x20001, "CLONE_NEWNS|0x1"},

	// umount2(2) flags: int
	{"umount_flags", 0, "0"},
	{"umount_flags", 15, "MNT_FORCE|MNT_DETACH|MNT_EXPIRE|UMOUNT_NOFOLLOW"},
	{"umount_flags", 16, "0x10 /* MNT_??? */"},
	{"umount_flags", 17, "MNT_FORCE|0x10"},

	// mount(2) flags: unsigned long
	{"mount_flags", 0, "0"},
	{"mount_flags", 0xC0ED0000, "MS_MGC_VAL"},
	{"mount_flags", 0xC0ED0001, "MS_MGC_VAL|MS_RDONLY"},
	{"mount_flags", 0xC0ED1000, "MS_MGC_VAL|MS_BIND"},
	{"mount_flags", 0x1C0ED0001, "MS_MGC_VAL|MS_RDONLY"},
	{"mount_flags", 0xC0EE0000, "MS_UNBINDABLE|MS_PRIVATE|MS_SLAVE|MS_RELATIME|MS_KERNMOUNT|MS_I_VERSION|MS_ACTIVE|MS_NOUSER"},
	{"mount_flags", 1 | 2 | 4 | 8 | 16 | 64 | 128 | 256 | 1024 | 2048,
		"MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC|MS_SYNCHRONOUS|MS_MANDLOCK|MS_DIRSYNC|MS_NOSYMFOLLOW|MS_NOATIME|MS_NODIRATIME"},
	{"mount_flags", 512, "0x200 /* MS_??? */"},
	{"mount_flags", 0x1000 | 0x4000, "MS_BIND|MS_REC"},
	{"mount_flags", 0x20, "MS_REMOUNT"},
	{"mount_flags", 0x8000 | 0x10000 | 0x200000 | 0x400000 | 0x800000 | 0x1000000 | 0x2000000 | 0x4000000 | 0x8000000 | 0x10000000 | 0x20000000 | 0x40000000 | 0x80000000,
		"MS_SILENT|MS_POSIXACL|MS_RELATIME|MS_KERNMOUNT|MS_I_VERSION|MS_STRICTATIME|MS_LAZYTIME|MS_SUBMOUNT|MS_NOREMOTELOCK|MS_NOSEC|MS_BORN|MS_ACTIVE|MS_NOUSER"},
	{"mount_flags", 0x100000000, "0x100000000 /* MS_??? */"},
	{"mount_flags", 0x100000001, "MS_RDONLY|0x100000000"},

	// socket(2), socketpair(2) type: int
	{"socket_type", 1, "SOCK_STREAM"},
	{"socket_type", 2 | 02000000 | 04000, "SOCK_DGRAM|SOCK_CLOEXEC|SOCK_NONBLOCK"},
	{"socket_type", 3, "SOCK_RAW"},
	{"socket_type", 5 | 02000000, "SOCK_SEQPACKET|SOCK_CLOEXEC"},
	{"socket_type", 6, "SOCK_DCCP"},
	{"socket_type", 10, "SOCK_PACKET"},
	{"socket_type", 0, "0"},
	{"socket_type", 0xf | 04000, "SOCK_NONBLOCK|0xf"},
	{"socket_type", 0xf, "0xf /* SOCK_??? */"},
	{"socket_type", 1 | 0x100, "SOCK_STREAM|0x100 /* SOCK_??? */"},
	{"socket_type", 0x100, "0x100 /* SOCK_??? */"},
	{"socket_type", 4, "SOCK_RDM"},
	{"socket_type", 7, "0x7 /* SOCK_??? */"},
	{"socket_type", 0xffffffff, "SOCK_CLOEXEC|SOCK_NONBLOCK|0xfff7f7ff"},
	{"socket_type", 0x80000 | 0x800 | 0x100000, "SOCK_CLOEXEC|SOCK_NONBLOCK|0x100000"},

	// personality(2): unsigned int
	{"personality_flags", 0xffffffff, "0xffffffff"},
	{"personality_flags", 0, "PER_LINUX"},
	{"personality_flags", 8, "PER_LINUX32"},
	{"personality_flags", 0xff, "PER_MASK"},
	{"personality_flags", 0x0040000, "PER_LINUX|ADDR_NO_RANDOMIZE"},
	{"personality_flags", 0x0040008, "PER_LINUX32|ADDR_NO_RANDOMIZE"},
	{"personality_flags", 0x0420000, "PER_LINUX|UNAME26|READ_IMPLIES_EXEC"},
	{"personality_flags", 0x4000001, "0x1 /* PER_??? */|STICKY_TIMEOUTS"},
	{"personality_flags", 0x4100001, "0x1 /* PER_??? */|MMAP_PAGE_ZERO|STICKY_TIMEOUTS"},
	{"personality_flags", 0x11, "0x11 /* PER_??? */"},
	{"personality_flags", 0x0800000, "PER_LINUX|ADDR_LIMIT_32BIT"},
	{"personality_flags", 0x80000, "PER_LINUX|FDPIC_FUNCPTRS"},
	{"personality_flags", 0xf000000, "PER_LINUX|SHORT_INODE|WHOLE_SECONDS|STICKY_TIMEOUTS|ADDR_LIMIT_3GB"},
	{"personality_flags", 0x10000000, "PER_LINUX|0x10000000"},
	{"personality_flags", 0x10000008, "PER_LINUX32|0x10000000"},
	{"personality_flags", 0x300000, "PER_LINUX|MMAP_PAGE_ZERO|ADDR_COMPAT_LAYOUT"},
	{"personality_flags", 0x1f, "0x1f /* PER_??? */"},
	{"personality_flags", 0x4000003, "0x3 /* PER_??? */|STICKY_TIMEOUTS"},

	// accept4(2) flags: int
	{"sock_type_flags", 0, "0"},
	{"sock_type_flags", 02000000 | 04000, "SOCK_CLOEXEC|SOCK_NONBLOCK"},
	{"sock_type_flags", 1, "0x1 /* SOCK_??? */"},
}

// Enum arguments: printed with AppendValue.
var enumCases = []byNameCase{
	// madvise(2) advice: int
	{"madvise_cmds", 0, "MADV_NORMAL"},
	{"madvise_cmds", 4, "MADV_DONTNEED"},
	{"madvise_cmds", 5, "0x5 /* MADV_??? */"},
	{"madvise_cmds", 8, "MADV_FREE"},
	{"madvise_cmds", 14, "MADV_HUGEPAGE"},
	{"madvise_cmds", 25, "MADV_COLLAPSE"},
	{"madvise_cmds", 26, "0x1a /* MADV_??? */"},
	{"madvise_cmds", 100, "MADV_HWPOISON"},
	{"madvise_cmds", 101, "MADV_SOFT_OFFLINE"},
	{"madvise_cmds", 102, "0x66 /* MADV_??? */"},
	{"madvise_cmds", 0xffffffff, "0xffffffff /* MADV_??? */"},

	// arch_prctl(2) code: int
	{"archvals", 0x1001, "ARCH_SET_GS"},
	{"archvals", 0x1002, "ARCH_SET_FS"},
	{"archvals", 0x1003, "ARCH_GET_FS"},
	{"archvals", 0x1004, "ARCH_GET_GS"},
	{"archvals", 0x1011, "ARCH_GET_CPUID"},
	{"archvals", 0x1012, "ARCH_SET_CPUID"},
	{"archvals", 0x1021, "ARCH_GET_XCOMP_SUPP"},
	{"archvals", 0x1022, "ARCH_GET_XCOMP_PERM"},
	{"archvals", 0x1023, "ARCH_REQ_XCOMP_PERM"},
	{"archvals", 0x1024, "ARCH_GET_XCOMP_GUEST_PERM"},
	{"archvals", 0x1025, "ARCH_REQ_XCOMP_GUEST_PERM"},
	{"archvals", 0x2001, "ARCH_MAP_VDSO_X32"},
	{"archvals", 0x2002, "ARCH_MAP_VDSO_32"},
	{"archvals", 0x3001, "0x3001 /* ARCH_??? */"},
	{"archvals", 0x4001, "0x4001 /* ARCH_??? */"},
	{"archvals", 0x5001, "0x5001 /* ARCH_??? */"},
	{"archvals", 0x1013, "0x1013 /* ARCH_??? */"},
	{"archvals", 0, "0 /* ARCH_??? */"},

	// getrlimit(2), setrlimit(2), prlimit64(2) resource: unsigned int
	{"resources", 0, "RLIMIT_CPU"},
	{"resources", 3, "RLIMIT_STACK"},
	{"resources", 5, "RLIMIT_RSS"},
	{"resources", 6, "RLIMIT_NPROC"},
	{"resources", 7, "RLIMIT_NOFILE"},
	{"resources", 8, "RLIMIT_MEMLOCK"},
	{"resources", 9, "RLIMIT_AS"},
	{"resources", 15, "RLIMIT_RTTIME"},
	{"resources", 16, "0x10 /* RLIMIT_??? */"},
	{"resources", 99, "0x63 /* RLIMIT_??? */"},
	{"resources", 0xffffffff, "0xffffffff /* RLIMIT_??? */"},

	// rt_sigprocmask(2) how: int
	{"sigprocmaskcmds", 0, "SIG_BLOCK"},
	{"sigprocmaskcmds", 1, "SIG_UNBLOCK"},
	{"sigprocmaskcmds", 2, "SIG_SETMASK"},
	{"sigprocmaskcmds", 3, "0x3 /* SIG_??? */"},
	{"sigprocmaskcmds", 0xffffffff, "0xffffffff /* SIG_??? */"},

	// lseek(2) whence: unsigned int
	{"whence_codes", 0, "SEEK_SET"},
	{"whence_codes", 1, "SEEK_CUR"},
	{"whence_codes", 2, "SEEK_END"},
	{"whence_codes", 3, "SEEK_DATA"},
	{"whence_codes", 4, "SEEK_HOLE"},
	{"whence_codes", 5, "0x5 /* SEEK_??? */"},

	// fcntl(2) cmd: unsigned int
	{"fcntlcmds", 0, "F_DUPFD"},
	{"fcntlcmds", 1, "F_GETFD"},
	{"fcntlcmds", 2, "F_SETFD"},
	{"fcntlcmds", 3, "F_GETFL"},
	{"fcntlcmds", 4, "F_SETFL"},
	{"fcntlcmds", 5, "F_GETLK"},
	{"fcntlcmds", 6, "F_SETLK"},
	{"fcntlcmds", 7, "F_SETLKW"},
	{"fcntlcmds", 8, "F_SETOWN"},
	{"fcntlcmds", 9, "F_GETOWN"},
	{"fcntlcmds", 10, "F_SETSIG"},
	{"fcntlcmds", 11, "F_GETSIG"},
	{"fcntlcmds", 12, "F_GETLK64"},
	{"fcntlcmds", 13, "F_SETLK64"},
	{"fcntlcmds", 14, "F_SETLKW64"},
	{"fcntlcmds", 15, "F_SETOWN_EX"},
	{"fcntlcmds", 16, "F_GETOWN_EX"},
	{"fcntlcmds", 17, "F_GETOWNER_UIDS"},
	{"fcntlcmds", 36, "F_OFD_GETLK"},
	{"fcntlcmds", 37, "F_OFD_SETLK"},
	{"fcntlcmds", 38, "F_OFD_SETLKW"},
	{"fcntlcmds", 1024, "F_SETLEASE"},
	{"fcntlcmds", 1025, "F_GETLEASE"},
	{"fcntlcmds", 1026, "F_NOTIFY"},
	{"fcntlcmds", 1027, "0x403 /* F_??? */"},
	{"fcntlcmds", 1028, "0x404 /* F_??? */"},
	{"fcntlcmds", 1029, "F_CANCELLK"},
	{"fcntlcmds", 1030, "F_DUPFD_CLOEXEC"},
	{"fcntlcmds", 1031, "F_SETPIPE_SZ"},
	{"fcntlcmds", 1032, "F_GETPIPE_SZ"},
	{"fcntlcmds", 1033, "F_ADD_SEALS"},
	{"fcntlcmds", 1034, "F_GET_SEALS"},
	{"fcntlcmds", 1035, "0x40b /* F_??? */"},
	{"fcntlcmds", 99, "0x63 /* F_??? */"},

	// shutdown(2) how: int
	{"shutdown_modes", 0, "SHUT_RD"},
	{"shutdown_modes", 1, "SHUT_WR"},
	{"shutdown_modes", 2, "SHUT_RDWR"},
	{"shutdown_modes", 3, "0x3 /* SHUT_??? */"},

	// epoll_ctl(2) op: int
	{"epollctls", 0, "0 /* EPOLL_CTL_??? */"},
	{"epollctls", 1, "EPOLL_CTL_ADD"},
	{"epollctls", 2, "EPOLL_CTL_DEL"},
	{"epollctls", 3, "EPOLL_CTL_MOD"},
	{"epollctls", 4, "0x4 /* EPOLL_CTL_??? */"},

	// clock_gettime(2) ... clockid: clockid_t (int)
	{"clocknames", 0, "CLOCK_REALTIME"},
	{"clocknames", 1, "CLOCK_MONOTONIC"},
	{"clocknames", 2, "CLOCK_PROCESS_CPUTIME_ID"},
	{"clocknames", 3, "CLOCK_THREAD_CPUTIME_ID"},
	{"clocknames", 4, "CLOCK_MONOTONIC_RAW"},
	{"clocknames", 5, "CLOCK_REALTIME_COARSE"},
	{"clocknames", 6, "CLOCK_MONOTONIC_COARSE"},
	{"clocknames", 7, "CLOCK_BOOTTIME"},
	{"clocknames", 8, "CLOCK_REALTIME_ALARM"},
	{"clocknames", 9, "CLOCK_BOOTTIME_ALARM"},
	{"clocknames", 10, "CLOCK_SGI_CYCLE"},
	{"clocknames", 11, "CLOCK_TAI"},
	{"clocknames", 12, "0xc /* CLOCK_??? */"},
	{"clocknames", 0xfffffffe, "0xfffffffe /* CLOCK_??? */"},
	{"clocknames", 0xfffeeac2, "0xfffeeac2 /* CLOCK_??? */"},

	// socket(2), socketpair(2) domain: int
	{"addrfams", 0, "AF_UNSPEC"},
	{"addrfams", 1, "AF_UNIX"},
	{"addrfams", 2, "AF_INET"},
	{"addrfams", 10, "AF_INET6"},
	{"addrfams", 16, "AF_NETLINK"},
	{"addrfams", 45, "AF_MCTP"},
	{"addrfams", 46, "0x2e /* AF_??? */"},
	{"addrfams", 0xffffffff, "0xffffffff /* AF_??? */"},

	// prctl(2) option: int
	{"prctl_options", 0, "0 /* PR_??? */"},
	{"prctl_options", 2, "PR_GET_PDEATHSIG"},
	{"prctl_options", 3, "PR_GET_DUMPABLE"},
	{"prctl_options", 17, "0x11 /* PR_??? */"},
	{"prctl_options", 23, "PR_CAPBSET_READ"},
	{"prctl_options", 33, "PR_MCE_KILL"},
	{"prctl_options", 43, "PR_MPX_ENABLE_MANAGEMENT"},
	{"prctl_options", 48, "0x30 /* PR_??? */"},
	{"prctl_options", 52, "PR_GET_SPECULATION_CTRL"},
	{"prctl_options", 58, "PR_GET_IO_FLUSHER"},
	{"prctl_options", 64, "PR_SME_GET_VL"},
	{"prctl_options", 65, "0x41 /* PR_??? */"},
	{"prctl_options", 0x59616d61, "PR_SET_PTRACER"},
	{"prctl_options", 0x53564d41, "PR_SET_VMA"},
	{"prctl_options", 1000, "0x3e8 /* PR_??? */"},
}

func TestByName(t *testing.T) {
	t.Parallel()
	for _, tc := range flagsCases {
		tab := ByName(tc.table)
		if tab == nil {
			t.Errorf("no table %s", tc.table)
			continue
		}
		if got := string(tab.AppendFlags(nil, tc.v, Abbrev)); got != tc.want {
			t.Errorf("%s.AppendFlags(%#x) = %q, want %q", tc.table, tc.v, got, tc.want)
		}
	}
	for _, tc := range enumCases {
		tab := ByName(tc.table)
		if tab == nil {
			t.Errorf("no table %s", tc.table)
			continue
		}
		if got := string(tab.AppendValue(nil, tc.v, Abbrev)); got != tc.want {
			t.Errorf("%s.AppendValue(%#x) = %q, want %q", tc.table, tc.v, got, tc.want)
		}
	}
	if tab := ByName("nosuchtable"); tab != nil {
		t.Errorf("ByName(nosuchtable) = %v", tab)
	}
	if ByName("open_flags") != OpenFlags || ByName("at_flags") != AtFlags || ByName("wait4_options") != WaitOptions {
		t.Error("ByName does not give the exported tables")
	}
}

// TestByNameFiles checks that ByName knows every .in file, and that the
// cases above use each table as its file says: @flags tables as flags.
func TestByNameFiles(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("../../gen/inputs/xlat/*.in")
	if err != nil || len(files) == 0 {
		t.Fatalf("no .in files: %v", err)
	}
	flags := map[string]bool{}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".in")
		if ByName(name) == nil {
			t.Errorf("ByName(%q) = nil", name)
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		flags[name] = slices.Contains(strings.Fields(string(data)), "@flags")
	}
	if len(tables) != len(files) {
		t.Errorf("%d tables for %d .in files", len(tables), len(files))
	}
	for _, tc := range flagsCases {
		if !flags[tc.table] {
			t.Errorf("%s printed as flags, but not marked @flags", tc.table)
		}
	}
	for _, tc := range enumCases {
		if flags[tc.table] {
			t.Errorf("%s printed as a value, but marked @flags", tc.table)
		}
	}
}
