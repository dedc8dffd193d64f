/* Stop signals: a child in a process group of its own stops itself with
 * SIGTSTP (its parent, in another group of the session, keeps the group
 * from being orphaned), and its parent continues it; a grandchild in an
 * orphaned group (its parent has exited) raises SIGTSTP, which the kernel
 * discards, and goes on. Exits 0 when each step went so. */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int st, done[2];
	char c;
	pid_t pid = fork();

	if (pid == 0) {
		setpgid(0, 0);
		raise(SIGTSTP);
		_exit(0);
	}
	if (waitpid(pid, &st, WUNTRACED) != pid || !WIFSTOPPED(st))
		return 1;
	kill(pid, SIGCONT);
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return 2;
	if (pipe(done) != 0)
		return 3;
	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		if (fork() == 0) {
			/* end of file once its parent has been reaped: the
			 * group is then orphaned */
			close(done[1]);
			read(done[0], &c, 1);
			raise(SIGTSTP);
			_exit(0);
		}
		_exit(0);
	}
	waitpid(pid, &st, 0);
	close(done[1]);
	close(done[0]);
	return 0;
}
