/* Signals: rt_sigaction with handlers and flags, rt_sigprocmask, kill,
 * tgkill, tkill, sigaltstack, a handled signal and its rt_sigreturn,
 * sigpending; success and failure paths. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void handler(int sig) { (void)sig; }

int main(void)
{
	struct sigaction sa, old;
	sigset_t set, oldset;
	stack_t ss, oss;
	static char altstack[65536];

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	sa.sa_flags = SA_RESTART | SA_ONSTACK;
	sigaction(SIGUSR1, &sa, &old);
	sa.sa_handler = SIG_IGN;
	sa.sa_flags = 0;
	sigaction(SIGPIPE, &sa, NULL);
	sigaction(SIGPIPE, NULL, &old);
	sigaction(SIGKILL, &sa, NULL);
	syscall(SYS_rt_sigaction, SIGUSR1, NULL, NULL, 7);
	ss.ss_sp = altstack;
	ss.ss_size = sizeof(altstack);
	ss.ss_flags = 0;
	sigaltstack(&ss, &oss);
	sigaltstack(NULL, &oss);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, &oldset);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	sigfillset(&set);
	sigprocmask(SIG_SETMASK, &set, &oldset);
	sigprocmask(SIG_SETMASK, &oldset, NULL);
	syscall(SYS_rt_sigprocmask, 99, &set, NULL, 8);
	kill(getpid(), SIGUSR1);
	syscall(SYS_tgkill, getpid(), getpid(), SIGUSR1);
	syscall(SYS_tkill, getpid(), SIGUSR1);
	kill(getpid(), 0);
	kill(-1234567, SIGTERM);
	kill(getpid(), 100);
	sigpending(&set);
	raise(SIGPIPE);
	return 0;
}
