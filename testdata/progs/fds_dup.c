/* -y on the calls that copy a descriptor: dup2 and dup3 show their new
 * descriptor as it was before the call (unopened: bare), fcntl shows its
 * descriptor, and F_DUPFD returns a decorated one, as strace does. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>

int main(void)
{
	int fd = open("/etc/hostname", O_RDONLY);

	dup2(fd, 7);
	dup2(fd, 7);
	dup3(fd, 8, O_CLOEXEC);
	fcntl(fd, F_GETFD);
	fcntl(fd, F_DUPFD, 10);
	fcntl(fd, F_DUPFD_CLOEXEC, 20);
	close(7);
	return 0;
}
