/* Time: nanosleep, clock_nanosleep, clock_gettime/getres/settime,
 * gettimeofday, time; the raw syscalls, as glibc answers some of them
 * from the vDSO without entering the kernel. */
#define _GNU_SOURCE
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
	struct timespec ts = {0, 1000}, rem, now;
	struct timeval tv;

	syscall(SYS_nanosleep, &ts, &rem);
	syscall(SYS_nanosleep, &ts, NULL);
	ts.tv_nsec = 2000000000;
	syscall(SYS_nanosleep, &ts, NULL);
	ts.tv_nsec = 1000;
	syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &ts, &rem);
	syscall(SYS_clock_gettime, CLOCK_REALTIME, &now);
	now.tv_sec = 0;
	now.tv_nsec = 0;
	syscall(SYS_clock_nanosleep, CLOCK_REALTIME, TIMER_ABSTIME, &now, NULL);
	syscall(SYS_clock_getres, CLOCK_MONOTONIC, &ts);
	syscall(SYS_clock_getres, CLOCK_BOOTTIME, NULL);
	syscall(SYS_clock_gettime, 12345, &now);
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, (void *)8);
	syscall(SYS_clock_settime, CLOCK_MONOTONIC, &ts);
	syscall(SYS_gettimeofday, NULL, NULL);
	syscall(SYS_time, NULL);
	return 0;
}
