/* Job control and signals, for --no-drop (whose ptrace must not change
 * them): a handled SIGUSR1; a child that stops itself with SIGSTOP, which
 * its parent sees stopped, continues with SIGCONT and sees continued. The
 * child exits only once its parent has seen it continued (a pipe says
 * so): otherwise the parent's wait for WCONTINUED could find it exited.
 * The exit status says whether each step went as it does untraced. */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static void handler(int sig) { (void)sig; }

int main(void)
{
	int st, seen[2];
	char c = 0;
	pid_t pid;

	signal(SIGUSR1, handler);
	raise(SIGUSR1);
	if (pipe(seen) != 0)
		return 4;
	pid = fork();
	if (pid == 0) {
		raise(SIGSTOP);
		read(seen[0], &c, 1);
		_exit(7);
	}
	if (waitpid(pid, &st, WUNTRACED) != pid || !WIFSTOPPED(st) || WSTOPSIG(st) != SIGSTOP)
		return 1;
	kill(pid, SIGCONT);
	if (waitpid(pid, &st, WCONTINUED) != pid || !WIFCONTINUED(st))
		return 2;
	write(seen[1], &c, 1);
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 7)
		return 3;
	return 0;
}
