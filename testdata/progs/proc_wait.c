/* Processes: fork, vfork, raw clone3, wait4 and waitid with their
 * statuses, a child killed by a signal, execveat that fails. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/sched.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int status, ready[2];
	char c;
	siginfo_t si;
	pid_t pid;
	struct clone_args ca;
	char *argv[] = {"none", NULL};

	pid = fork();
	if (pid == 0)
		_exit(3);
	wait4(pid, &status, 0, NULL);
	pipe(ready);
	pid = fork();
	if (pid == 0) {
		write(ready[1], "", 1);
		pause();
		_exit(0);
	}
	read(ready[0], &c, 1);
	usleep(200000); /* until the child is in pause() */
	kill(pid, SIGTERM);
	wait4(pid, &status, __WALL, NULL);
	pid = vfork();
	if (pid == 0)
		_exit(4);
	waitid(P_PID, pid, &si, WEXITED);
	waitid(P_ALL, 0, &si, WEXITED | WNOHANG);
	memset(&ca, 0, sizeof(ca));
	ca.exit_signal = SIGCHLD;
	pid = syscall(SYS_clone3, &ca, sizeof(ca));
	if (pid == 0)
		syscall(SYS_exit, 5);
	waitid(P_ALL, 0, &si, WEXITED);
	wait4(-1, &status, WNOHANG, NULL);
	wait4(-1, NULL, 0, NULL);
	syscall(SYS_execveat, AT_FDCWD, "/nonexistent", argv, NULL, 0);
	syscall(SYS_execveat, -1, "", argv, NULL, AT_EMPTY_PATH);
	return 0;
}
