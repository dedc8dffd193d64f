/* Children made three ways, each reaped with wait4: vfork, glibc's clone()
 * with CLONE_VM|CLONE_FS|CLONE_FILES on a stack of its own, and a raw
 * clone3 with CLONE_PIDFD. SIGCHLD is blocked: when it would arrive
 * relative to wait4 is a race. */
#define _GNU_SOURCE
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static char stack[64 * 1024];

static int child(void *arg)
{
	(void)arg;
	write(1, "clone\n", 6);
	return 6;
}

int main(void)
{
	sigset_t chld;
	int st;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);

	pid_t v = vfork();
	if (v == 0)
		_exit(5);
	wait4(v, &st, 0, NULL);

	pid_t c = clone(child, stack + sizeof(stack), CLONE_VM | CLONE_FS | CLONE_FILES | SIGCHLD, NULL);
	wait4(c, &st, 0, NULL);

	int pidfd = -1;
	struct clone_args args = {
		.flags = CLONE_PIDFD,
		.pidfd = (uintptr_t)&pidfd,
		.exit_signal = SIGCHLD,
	};
	long p = syscall(SYS_clone3, &args, sizeof(args));
	if (p == 0)
		_exit(7);
	wait4(p, &st, 0, NULL);
	close(pidfd);
	return 0;
}
