/* Sleeps known times through the raw nanosleep syscall: 100 of 1 ms, then
 * 10 of 5 ms; the latencies -c's histograms and percentiles are checked
 * on. */
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
int main(void)
{
	struct timespec ms1 = {0, 1000 * 1000}, ms5 = {0, 5 * 1000 * 1000};
	for (int i = 0; i < 100; i++)
		syscall(SYS_nanosleep, &ms1, NULL);
	for (int i = 0; i < 10; i++)
		syscall(SYS_nanosleep, &ms5, NULL);
	return 0;
}
