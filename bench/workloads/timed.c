/* Runs a command and writes to RESULT its run time and CPU time, so that a
 * tracer's start-up and tear-down (before the exec, after the exit) do not
 * count as the traced program's slowdown.
 *   timed RESULT CMD [ARGS...]
 * RESULT gets one line: wall_ns user_ns sys_ns maxrss_kib exit_status
 * (the benchmark also wraps each tracer in it: a child forked by this small
 * process starts with a small ru_maxrss, unlike one vforked by the harness)
 */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long ns(struct timespec t)
{
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static long long tv_ns(struct timeval t)
{
	return t.tv_sec * 1000000000LL + t.tv_usec * 1000LL;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: timed RESULT CMD [ARGS...]\n");
		return 2;
	}
	struct timespec start, end;
	clock_gettime(CLOCK_MONOTONIC, &start);
	pid_t pid = fork();
	if (pid < 0) {
		perror("timed: fork");
		return 1;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		perror("timed: exec");
		_exit(127);
	}
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("timed: wait4");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &end);
	FILE *f = fopen(argv[1], "w");
	if (f == NULL) {
		perror("timed: open result");
		return 1;
	}
	fprintf(f, "%lld %lld %lld %ld %d\n", ns(end) - ns(start), tv_ns(ru.ru_utime),
		tv_ns(ru.ru_stime), ru.ru_maxrss, status);
	return fclose(f) == 0 ? 0 : 1;
}
