/* TCP, UDP and UDP over IPv6 on the loopback with fixed ports, and the
 * failure paths of the socket syscalls. SO_LINGER 0 resets the TCP
 * connection on close, so no TIME_WAIT keeps the ports from the next run. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/time.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void reuse(int fd)
{
	int one = 1;

	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
}

int main(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(47311)};
	struct sockaddr_in c = {.sin_family = AF_INET, .sin_port = htons(47312)};
	struct sockaddr_in6 a6 = {.sin6_family = AF_INET6, .sin6_port = htons(47314)};
	struct sockaddr_storage peer;
	struct linger lg = {1, 0};
	socklen_t len;
	char buf[64];
	int one = 1, val;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	c.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP);
	reuse(l);
	bind(l, (struct sockaddr *)&a, sizeof(a));
	listen(l, 5);
	len = sizeof(peer);
	getsockname(l, (struct sockaddr *)&peer, &len);
	int s = socket(AF_INET, SOCK_STREAM, 0);
	reuse(s);
	bind(s, (struct sockaddr *)&c, sizeof(c));
	connect(s, (struct sockaddr *)&a, sizeof(a));
	len = sizeof(peer);
	int t = accept4(l, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC | SOCK_NONBLOCK);
	len = sizeof(peer);
	getpeername(t, (struct sockaddr *)&peer, &len);
	setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	len = sizeof(val);
	getsockopt(s, SOL_SOCKET, SO_TYPE, &val, &len);
	len = sizeof(val);
	getsockopt(s, SOL_SOCKET, SO_ERROR, &val, &len);
	sendto(s, "hello\n", 6, MSG_NOSIGNAL, NULL, 0);
	recvfrom(t, buf, sizeof(buf), 0, NULL, NULL);
	recvfrom(t, buf, sizeof(buf), MSG_DONTWAIT, NULL, NULL);
	shutdown(t, SHUT_WR);
	setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	close(s);
	close(t);
	close(l);

	int u = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, IPPROTO_UDP);
	a.sin_port = htons(47313);
	bind(u, (struct sockaddr *)&a, sizeof(a));
	sendto(u, "ping\0\1\2", 7, 0, (struct sockaddr *)&a, sizeof(a));
	len = sizeof(peer);
	recvfrom(u, buf, sizeof(buf), 0, (struct sockaddr *)&peer, &len);
	close(u);

	int u6 = socket(AF_INET6, SOCK_DGRAM, 0);
	inet_pton(AF_INET6, "::1", &a6.sin6_addr);
	bind(u6, (struct sockaddr *)&a6, sizeof(a6));
	sendto(u6, "six", 3, 0, (struct sockaddr *)&a6, sizeof(a6));
	len = sizeof(peer);
	recvfrom(u6, buf, sizeof(buf), 0, (struct sockaddr *)&peer, &len);
	close(u6);

	/* options named by their level, values decoded or dumped */
	int s6 = socket(AF_INET6, SOCK_STREAM, 0);
	struct timeval rt = {1, 500};
	char cc[16];
	val = 0;
	setsockopt(s6, SOL_IPV6, IPV6_V6ONLY, &val, sizeof(val));
	setsockopt(s6, SOL_IP, IP_TOS, &val, sizeof(val));
	setsockopt(s6, SOL_SOCKET, SO_RCVTIMEO, &rt, sizeof(rt));
	setsockopt(s6, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3);
	setsockopt(s6, SOL_SOCKET, SO_KEEPALIVE, &val, 2);
	setsockopt(s6, IPPROTO_UDP, 1, &val, sizeof(val));
	setsockopt(s6, 999, 5, &val, sizeof(val));
	setsockopt(s6, SOL_SOCKET, 5555, &val, sizeof(val));
	len = sizeof(val);
	getsockopt(s6, SOL_IPV6, IPV6_V6ONLY, &val, &len);
	len = sizeof(cc);
	getsockopt(s6, SOL_TCP, TCP_CONGESTION, cc, &len);
	len = sizeof(rt);
	getsockopt(s6, SOL_SOCKET, SO_RCVTIMEO, &rt, &len);
	len = 2;
	getsockopt(s6, SOL_SOCKET, SO_RCVBUF, &val, &len);
	len = sizeof(lg);
	getsockopt(s6, SOL_SOCKET, SO_LINGER, &lg, &len);
	close(s6);
	/* an IPv6 address without its scope (RFC 2133 length) */
	connect(u6, (struct sockaddr *)&a6, 24);

	/* failures */
	socket(12345, SOCK_STREAM, 0);
	socket(AF_INET, 0x1f, 0);
	socket(AF_INET, SOCK_DGRAM, 200);
	bind(-1, (struct sockaddr *)&a, sizeof(a));
	connect(-1, (struct sockaddr *)1, 16);
	len = 4;
	getsockopt(-1, SOL_SOCKET, SO_RCVBUF, &val, &len);
	listen(-1, 1);
	shutdown(-1, 7);
	len = sizeof(peer);
	accept(-1, (struct sockaddr *)&peer, &len);
	/* a link-local scope names its interface (lo is 1), when it exists */
	int ll = socket(AF_INET6, SOCK_DGRAM, 0);
	inet_pton(AF_INET6, "fe80::1", &a6.sin6_addr);
	a6.sin6_scope_id = 1;
	connect(ll, (struct sockaddr *)&a6, sizeof(a6));
	a6.sin6_scope_id = 999;
	connect(ll, (struct sockaddr *)&a6, sizeof(a6));
	return 0;
}
