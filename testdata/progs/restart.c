/* A sleep that a stop interrupts: the parent stops its child with SIGSTOP
 * once /proc says it sleeps in clock_nanosleep, and continues it with
 * SIGCONT once waitpid says it stopped; the kernel resumes the sleep with
 * restart_syscall. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* sleeping reports whether /proc says task pid is in clock_nanosleep. */
static int sleeping(pid_t pid)
{
	char path[64], buf[256], nr[16];
	snprintf(path, sizeof(path), "/proc/%d/syscall", pid);
	snprintf(nr, sizeof(nr), "%d ", SYS_clock_nanosleep);
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	if (fd >= 0)
		close(fd);
	buf[n < 0 ? 0 : n] = 0;
	return strncmp(buf, nr, strlen(nr)) == 0;
}

int main(void)
{
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		struct timespec req = { .tv_sec = 1 };
		nanosleep(&req, 0);
		_exit(0);
	}
	while (!sleeping(pid))
		;
	kill(pid, SIGSTOP);
	if (waitpid(pid, &st, WUNTRACED) != pid || !WIFSTOPPED(st))
		return 1;
	kill(pid, SIGCONT);
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return 2;
	return 0;
}
