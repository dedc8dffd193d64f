/* Syscalls whose arguments are structs strace decodes: stat family, pipe
 * fds, timespec, rlimit, sigset. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
int main(void)
{
	struct stat st;
	struct timespec ts = {0, 1000};
	struct rlimit rl;
	sigset_t s;
	int p[2];

	stat("/dev/null", &st);
	lstat("/tmp", &st);
	stat("/nonexistent", &st);
	int fd = open("/etc/passwd", O_RDONLY);
	fstat(fd, &st);
	pipe(p);
	pipe2(p, O_CLOEXEC);
	nanosleep(&ts, NULL);
	getrlimit(RLIMIT_NOFILE, &rl);
	setrlimit(RLIMIT_NOFILE, &rl);
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigprocmask(SIG_BLOCK, &s, NULL);
	return 0;
}
