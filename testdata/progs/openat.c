/* openat failing and creating, close, unlink. */
#include <fcntl.h>
#include <unistd.h>
int main(void)
{
	openat(AT_FDCWD, "/nonexistent/file", O_RDONLY);
	int fd = openat(AT_FDCWD, "/tmp/gotrace-e2e-openat", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	write(fd, "data\n", 5);
	close(fd);
	unlink("/tmp/gotrace-e2e-openat");
	return 0;
}
