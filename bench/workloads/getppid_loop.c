/* W1 and W3 of the benchmark: COUNT getppid() calls in each of THREADS
 * threads, each call passing a 55-byte string pointer as an extra argument
 * (the kernel ignores it; tracers that read arguments may not).
 *   getppid_loop COUNT [THREADS]   COUNT 0 loops until killed
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char payload[] = "gotrace benchmark: a 55-byte string passed to getppid()";
_Static_assert(sizeof(payload) - 1 == 55, "the payload is 55 bytes");

static long count;

static void *loop(void *arg)
{
	for (long i = 0; count == 0 || i < count; i++)
		syscall(SYS_getppid, payload);
	return arg;
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: getppid_loop COUNT [THREADS]\n");
		return 2;
	}
	count = atol(argv[1]);
	int threads = argc == 3 ? atoi(argv[2]) : 1;
	if (count < 0 || threads < 1 || threads > 64) {
		fprintf(stderr, "getppid_loop: bad count or threads\n");
		return 2;
	}
	pthread_t t[64];
	for (int i = 1; i < threads; i++)
		if (pthread_create(&t[i], NULL, loop, NULL) != 0) {
			fprintf(stderr, "getppid_loop: cannot create a thread\n");
			return 1;
		}
	loop(NULL);
	for (int i = 1; i < threads; i++)
		pthread_join(t[i], NULL);
	return 0;
}
