/* Process information and limits: ids, uname, prctl, arch_prctl,
 * prlimit64/getrlimit/setrlimit, sched_getaffinity, sched_yield, sysinfo,
 * capget, umask, getcwd; success and failure paths. */
#define _GNU_SOURCE
#include <linux/capability.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
	struct utsname u;
	struct rlimit rl;
	struct sysinfo si;
	cpu_set_t cpus;
	struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct data[2];
	unsigned long fs;
	char name[16];

	syscall(SYS_getpid);
	syscall(SYS_gettid);
	syscall(SYS_getuid);
	syscall(SYS_geteuid);
	syscall(SYS_getgid);
	syscall(SYS_getegid);
	syscall(SYS_getpgrp);
	syscall(SYS_getsid, 0);
	syscall(SYS_getpgid, 0);
	syscall(SYS_setuid, 0);
	syscall(SYS_setgid, 0);
	syscall(SYS_setuid, -1);
	uname(&u);
	uname((void *)8);
	prctl(PR_SET_NAME, "proc-info", 0, 0, 0);
	prctl(PR_GET_NAME, name, 0, 0, 0);
	prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
	prctl(PR_SET_PDEATHSIG, 15, 0, 0, 0);
	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	prctl(9999, 0, 0, 0, 0);
	syscall(SYS_arch_prctl, 0x1003, &fs);
	syscall(SYS_arch_prctl, 0x9999, 0);
	getrlimit(RLIMIT_NOFILE, &rl);
	syscall(SYS_getrlimit, RLIMIT_NOFILE, &rl);
	syscall(SYS_setrlimit, RLIMIT_CORE, &rl);
	prlimit(0, RLIMIT_NOFILE, NULL, &rl);
	prlimit(0, RLIMIT_NOFILE, &rl, NULL);
	prlimit(0, 99, NULL, &rl);
	sched_getaffinity(0, sizeof(cpus), &cpus);
	sched_yield();
	sysinfo(&si);
	syscall(SYS_capget, &hdr, data);
	syscall(SYS_capget, &hdr, NULL);
	syscall(SYS_capset, &hdr, data);
	hdr.version = 0x12345678;
	syscall(SYS_capget, &hdr, data);
	umask(0);
	return 0;
}
