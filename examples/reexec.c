/* How container runtimes start their init: the runtime re-executes itself
 * through /proc/self/exe in new namespaces, and passes its configuration
 * through a pipe (here on fd 3), since argv and environment are visible to
 * everyone. */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char stack[64 * 1024];
static int pipefd[2];

static int start_init(void *arg)
{
	(void)arg;
	char *argv[] = {"reexec", "init", NULL};
	dup2(pipefd[0], 3);
	close(pipefd[1]);
	execv("/proc/self/exe", argv);
	_exit(127);
}

static int init(void)
{
	char config[64] = "";
	ssize_t n = read(3, config, sizeof config - 1);
	if (n > 0)
		config[n] = 0;
	printf("init: pid %d, config \"%s\"\n", getpid(), config);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "init") == 0)
		return init();
	pipe(pipefd);
	pid_t pid = clone(start_init, stack + sizeof stack, CLONE_NEWPID | CLONE_NEWUTS | SIGCHLD, NULL);
	if (pid < 0) {
		perror("clone");
		return 1;
	}
	close(pipefd[0]);
	write(pipefd[1], "hostname=box", strlen("hostname=box"));
	close(pipefd[1]);
	waitpid(pid, NULL, 0);
	return 0;
}
