/* execveat: a failing one by path, then /bin/true through a descriptor
 * with AT_EMPTY_PATH, whose return the kernel reports as execve's. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>
#include <sys/syscall.h>
int main(void)
{
	char *argv[] = {"true", NULL};
	char *envp[] = {"A=1", NULL};
	int fd = open("/bin/true", O_RDONLY | O_CLOEXEC);

	syscall(SYS_execveat, AT_FDCWD, "/nonexistent/true", argv, envp, 0);
	syscall(SYS_execveat, fd, "", argv, envp, AT_EMPTY_PATH);
	return 1;
}
