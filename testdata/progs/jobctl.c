/* Job control and signals, for --no-drop (whose ptrace must not change
 * them): a handled SIGUSR1; a child that stops itself with SIGSTOP, which
 * its parent sees stopped, continues with SIGCONT and sees continued. The
 * exit status says whether each step went as it does untraced. */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static void handler(int sig) { (void)sig; }

int main(void)
{
	int st;
	pid_t pid;

	signal(SIGUSR1, handler);
	raise(SIGUSR1);
	pid = fork();
	if (pid == 0) {
		raise(SIGSTOP);
		_exit(7);
	}
	if (waitpid(pid, &st, WUNTRACED) != pid || !WIFSTOPPED(st) || WSTOPSIG(st) != SIGSTOP)
		return 1;
	kill(pid, SIGCONT);
	if (waitpid(pid, &st, WCONTINUED) != pid || !WIFCONTINUED(st))
		return 2;
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 7)
		return 3;
	return 0;
}
