/* Writes a line and sleeps, 100 times: a process to attach to with -p. */
#include <time.h>
#include <unistd.h>
int main(void)
{
	struct timespec ts = {0, 50 * 1000 * 1000};
	for (int i = 0; i < 100; i++) {
		write(1, "tick\n", 5);
		nanosleep(&ts, NULL);
	}
	return 0;
}
