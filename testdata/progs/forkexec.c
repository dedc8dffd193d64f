/* fork, then execl of a literal path in the child: the strings sit in a
 * page the child has not touched when it calls execve. */
#include <sys/wait.h>
#include <unistd.h>
int main(void)
{
	if (fork() == 0) {
		execl("/bin/true", "true", "arg1", (char *)0);
		_exit(127);
	}
	wait(0);
	return 0;
}
