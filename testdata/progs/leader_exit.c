/* The leader ends first (pthread_exit) and the thread it leaves ends the
 * process with exit(7): strace reports the leader's end only then, with
 * the process's status, the thread's. */
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>
static pthread_t leader;
static void *run(void *arg)
{
	pthread_join(leader, NULL); /* back once the leader's thread is gone */
	syscall(SYS_exit, 7);
	return arg;
}
int main(void)
{
	pthread_t t;
	leader = pthread_self();
	pthread_create(&t, NULL, run, NULL);
	pthread_exit(NULL);
}
