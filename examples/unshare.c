/* unshare() moves this process into a new hostname namespace, setns()
 * brings it back; after unshare(CLONE_NEWPID) the next child is pid 1 of a
 * new pid namespace. Needs root. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int host = open("/proc/self/ns/uts", O_RDONLY);
	if (unshare(CLONE_NEWUTS) < 0) {
		perror("unshare");
		return 1;
	}
	sethostname("inside", strlen("inside"));
	setns(host, CLONE_NEWUTS);
	close(host);

	unshare(CLONE_NEWPID);
	pid_t child = fork();
	if (child == 0) {
		printf("child: getpid() = %d\n", getpid());
		fflush(stdout);
		_exit(0);
	}
	waitpid(child, NULL, 0);
	printf("parent: the child is %d\n", child);
	return 0;
}
