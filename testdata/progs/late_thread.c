/* For each byte read from stdin, a thread that calls getpid and ends;
 * then getppid, which marks that it ended. -p without -f traces the
 * threads that existed at the attach only. */
#include <pthread.h>
#include <unistd.h>
#include <sys/syscall.h>

static void *thread(void *arg)
{
	syscall(SYS_getpid);
	return arg;
}

int main(void)
{
	char c;

	while (read(0, &c, 1) == 1) {
		pthread_t t;

		pthread_create(&t, NULL, thread, NULL);
		pthread_join(t, NULL);
		syscall(SYS_getppid);
	}
	return 0;
}
