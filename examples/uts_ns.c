/* A child in new hostname (UTS) and user namespaces renames its host; the
 * real host keeps its name. This is how a container gets its hostname. */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

static char stack[64 * 1024];

static int child(void *arg)
{
	(void)arg;
	struct utsname u;
	sethostname("classroom", strlen("classroom"));
	uname(&u);
	printf("child sees hostname %s\n", u.nodename);
	fflush(stdout); /* the child returns to clone(), which exits without flushing */
	return 0;
}

int main(void)
{
	pid_t pid = clone(child, stack + sizeof stack, CLONE_NEWUTS | CLONE_NEWUSER | SIGCHLD, NULL);
	if (pid < 0) {
		perror("clone");
		return 1;
	}
	waitpid(pid, NULL, 0);
	struct utsname u;
	uname(&u);
	printf("parent still sees hostname %s\n", u.nodename);
	return 0;
}
