/* A child killed by SIGKILL while blocked in read, and a failing openat.
 * SIGCHLD is blocked: when it would arrive relative to wait4 is a race. */
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
int main(void)
{
	int p[2];
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	pipe(p);
	openat(AT_FDCWD, "/nonexistent/file", O_RDONLY);
	pid_t c = fork();
	if (c == 0) {
		char b;
		read(p[0], &b, 1);
		_exit(0);
	}
	usleep(100000);
	kill(c, SIGKILL);
	wait4(c, NULL, 0, NULL);
	return 3;
}
