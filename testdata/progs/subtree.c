/* A process tree to attach to with -p PID --descendants: the top process
 * forks two children, the first of which forks a grandchild; each prints
 * "pid N" once it runs, then calls getppid() and sleeps, in a loop, for at
 * most 30 s. On SIGUSR1 the top process forks one more child, "late",
 * which does the same. */
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t late;

static void on_usr1(int sig)
{
	(void)sig;
	late = 1;
}

static void loop(int top)
{
	struct timespec ts = {0, 20 * 1000 * 1000};

	for (int i = 0; i < 1500; i++) {
		getppid();
		if (i == 0) {
			printf("pid %d\n", getpid());
			fflush(stdout);
		}
		if (top && late) {
			late = 0;
			if (fork() == 0) {
				loop(0);
				_exit(0);
			}
		}
		nanosleep(&ts, NULL);
	}
}

int main(void)
{
	signal(SIGUSR1, on_usr1);
	if (fork() == 0) {
		fork();
		loop(0);
		return 0;
	}
	if (fork() == 0) {
		loop(0);
		return 0;
	}
	loop(1);
	return 0;
}
