/* inject.c: the calls -e inject= tampers with in test/e2e/inject_test.go:
 * two reads of a pipe, umask three times under a SIGUSR1 handler, then a
 * child that calls umask three times too (each task counts its own calls
 * for when=). */
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void on_usr1(int sig)
{
	(void)sig;
	write(1, "usr1\n", 5);
}

static void umasks(void)
{
	for (int i = 0; i < 3; i++)
		umask(022);
}

int main(void)
{
	int p[2];
	char buf[8];
	pid_t pid;

	signal(SIGUSR1, on_usr1);
	if (pipe(p) < 0)
		return 1;
	write(p[1], "hello", 5);
	read(p[0], buf, 5);
	write(p[1], "world", 5);
	read(p[0], buf, 5);
	umasks();
	pid = fork();
	if (pid == 0) {
		umasks();
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	return 0;
}
