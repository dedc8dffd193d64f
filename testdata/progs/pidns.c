/* Run in a new pid namespace (unshare --pid --fork): the pids it sees are
 * not the host's (--pidns-translation). */
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	pid_t self = getpid();
	pid_t child = fork();
	if (child == 0)
		_exit(getppid() != self);
	waitpid(child, NULL, 0);
	kill(self, 0);
	syscall(SYS_gettid);
	return 0;
}
