/* A thread that is not the leader calls execve: it takes the leader's pid,
 * and strace says the leader was superseded. */
#include <pthread.h>
#include <unistd.h>
static void *run(void *arg)
{
	char *argv[] = {"/bin/true", NULL};
	execve("/bin/true", argv, NULL);
	return arg;
}
int main(void)
{
	pthread_t t;
	pthread_create(&t, NULL, run, NULL);
	pause();
	return 0;
}
