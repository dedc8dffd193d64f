/* A child that pause()s is killed by its parent with SIGKILL and reaped
 * with wait4. The parent gives the child 200 ms to reach pause(), and
 * blocks SIGCHLD: when it would arrive relative to wait4 is a race. */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
int main(void)
{
	sigset_t chld;
	int st;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	pid_t c = fork();
	if (c == 0) {
		pause();
		_exit(0);
	}
	usleep(200000);
	kill(c, SIGKILL);
	wait4(c, &st, 0, NULL);
	return 0;
}
