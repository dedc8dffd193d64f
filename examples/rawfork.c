/* The raw fork syscall and glibc's fork(): the kernel sees fork() for the
 * first and clone(...) for the second. */
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	pid_t raw = syscall(SYS_fork);
	if (raw == 0)
		_exit(1);
	waitpid(raw, NULL, 0);

	pid_t wrapped = fork();
	if (wrapped == 0)
		_exit(2);
	waitpid(wrapped, NULL, 0);
	return 0;
}
