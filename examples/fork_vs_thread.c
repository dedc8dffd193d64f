/* fork() makes a new process, pthread_create() a new thread of this one:
 * both end in the same syscall (clone or clone3), with different flags. */
#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static void *worker(void *arg)
{
	(void)arg;
	return NULL;
}

int main(void)
{
	pid_t child = fork();
	if (child == 0)
		_exit(7);
	waitpid(child, NULL, 0);

	pthread_t t;
	pthread_create(&t, NULL, worker, NULL);
	pthread_join(t, NULL);
	return 0;
}
