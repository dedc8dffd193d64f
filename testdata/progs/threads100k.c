/* Creates and ends 100000 threads, one after the other, then sleeps a
 * while so that the tracer's maps can be inspected. */
#include <pthread.h>
#include <unistd.h>
static void *run(void *arg)
{
	return arg;
}
int main(void)
{
	for (int i = 0; i < 100000; i++) {
		pthread_t t;
		if (pthread_create(&t, NULL, run, NULL) != 0)
			return 1;
		pthread_join(t, NULL);
	}
	write(1, "done\n", 5);
	sleep(3);
	return 0;
}
