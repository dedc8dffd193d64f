// Descriptors of each kind for -y, -yy, -P and --trace-fds: a file (also
// through dup), a character device, a pipe, a UNIX socket pair and a TCP
// connection over the loopback, each used and closed.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
	char buf[64];
	int fd = open("/etc/hostname", O_RDONLY);
	read(fd, buf, 1);
	int fd2 = dup(fd);
	lseek(fd2, 0, SEEK_SET);
	close(fd2);
	close(fd);

	int null = open("/dev/null", O_WRONLY);
	write(null, "x", 1);
	close(null);

	int p[2];
	pipe(p);
	write(p[1], "y", 1);
	read(p[0], buf, 1);
	close(p[0]);
	close(p[1]);

	int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	write(sv[0], "z", 1);
	read(sv[1], buf, 1);
	close(sv[0]);
	close(sv[1]);

	struct sockaddr_in sin = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(sin);
	int l = socket(AF_INET, SOCK_STREAM, 0);
	bind(l, (struct sockaddr *)&sin, sizeof(sin));
	listen(l, 1);
	getsockname(l, (struct sockaddr *)&sin, &len);
	int c = socket(AF_INET, SOCK_STREAM, 0);
	connect(c, (struct sockaddr *)&sin, sizeof(sin));
	int a = accept(l, NULL, NULL);
	write(c, "w", 1);
	read(a, buf, 1);
	close(a);
	close(c);
	close(l);
	return 0;
}
