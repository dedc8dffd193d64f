/* vfork() and posix_spawn(): the child borrows the parent's memory until it
 * calls execve, and the parent waits for that. */
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int main(void)
{
	char *argv[] = {"true", NULL};
	pid_t child = vfork();
	if (child == 0) {
		execve("/bin/true", argv, environ);
		_exit(127);
	}
	waitpid(child, NULL, 0);

	pid_t spawned;
	posix_spawn(&spawned, "/bin/true", NULL, NULL, argv, environ);
	waitpid(spawned, NULL, 0);
	return 0;
}
