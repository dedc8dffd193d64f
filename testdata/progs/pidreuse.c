/* Forks a child that exits at once, prints its pid, and lives on for two
 * seconds so that another process can be given that pid meanwhile. */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
int main(void)
{
	pid_t c = fork();
	if (c == 0)
		_exit(0);
	waitpid(c, NULL, 0);
	printf("%d\n", c);
	fflush(stdout);
	sleep(2);
	return 0;
}
