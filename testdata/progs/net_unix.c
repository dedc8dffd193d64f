/* Unix sockets (a path in the working directory, an abstract name, an
 * unnamed socketpair) and a netlink socket. */
#define _GNU_SOURCE
#include <linux/netlink.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int main(void)
{
	struct sockaddr_un un = {.sun_family = AF_UNIX, .sun_path = "gotrace.sock"};
	struct sockaddr_un ab = {.sun_family = AF_UNIX};
	struct sockaddr_nl nl = {.nl_family = AF_NETLINK};
	struct sockaddr_storage peer;
	socklen_t len;
	char buf[16];
	int sv[2];

	socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv);
	write(sv[0], "pair", 4);
	recvfrom(sv[1], buf, sizeof(buf), MSG_PEEK, NULL, NULL);
	len = sizeof(peer);
	getsockname(sv[0], (struct sockaddr *)&peer, &len);
	close(sv[0]);
	close(sv[1]);

	unlink(un.sun_path);
	int l = socket(AF_UNIX, SOCK_STREAM, 0);
	bind(l, (struct sockaddr *)&un, offsetof(struct sockaddr_un, sun_path) + strlen(un.sun_path) + 1);
	listen(l, 1);
	int c = socket(AF_UNIX, SOCK_STREAM, 0);
	connect(c, (struct sockaddr *)&un, sizeof(un));
	len = sizeof(peer);
	int a = accept(l, (struct sockaddr *)&peer, &len);
	len = sizeof(peer);
	getpeername(c, (struct sockaddr *)&peer, &len);
	len = 2;
	getsockname(l, (struct sockaddr *)&peer, &len);
	close(a);
	close(c);
	close(l);
	unlink(un.sun_path);

	memcpy(ab.sun_path, "\0gotrace-abstract", 17);
	int d = socket(AF_UNIX, SOCK_DGRAM, 0);
	bind(d, (struct sockaddr *)&ab, offsetof(struct sockaddr_un, sun_path) + 17);
	sendto(d, "to self", 7, 0, (struct sockaddr *)&ab, offsetof(struct sockaddr_un, sun_path) + 17);
	len = sizeof(peer);
	recvfrom(d, buf, sizeof(buf), 0, (struct sockaddr *)&peer, &len);
	close(d);

	int n = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	bind(n, (struct sockaddr *)&nl, sizeof(nl));
	close(n);
	socket(AF_NETLINK, SOCK_RAW, 99);
	socket(AF_UNIX, SOCK_STREAM, 5);
	socketpair(AF_INET, SOCK_STREAM, 0, sv);
	socketpair(AF_UNIX, SOCK_STREAM, 0, NULL);
	return 0;
}
