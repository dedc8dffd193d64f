/* openat of a missing file fails; open() creates a file in /tmp (glibc
 * makes it an openat), then close and unlink. */
#include <fcntl.h>
#include <unistd.h>
int main(void)
{
	openat(AT_FDCWD, "/nonexistent/file", O_RDONLY);
	int fd = open("/tmp/gotrace-e2e-openat-fail", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	close(fd);
	unlink("/tmp/gotrace-e2e-openat-fail");
	return 0;
}
