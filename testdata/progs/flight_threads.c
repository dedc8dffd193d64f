/* A thread makes two getpid calls and tells the main thread, which makes a
 * getppid call and dies of SIGSEGV while the thread waits: the flight
 * recorder merges both threads' last calls in order. */
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

static int ready[2], never[2];

static void *worker(void *arg)
{
	char c;
	syscall(SYS_getpid);
	syscall(SYS_getpid);
	write(ready[1], "r", 1);
	read(never[0], &c, 1);
	return arg;
}

int main(void)
{
	pthread_t t;
	char c;
	pipe(ready);
	pipe(never);
	pthread_create(&t, NULL, worker, NULL);
	read(ready[0], &c, 1);
	syscall(SYS_getppid);
	volatile int *p = 0;
	*p = 1;
	return 0;
}
