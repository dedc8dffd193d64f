/* sendmsg and recvmsg over a unix socketpair: several iovecs, a descriptor
 * passed with SCM_RIGHTS, a name, and the failure paths. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int main(void)
{
	int sv[2];
	char a[8], b[64];
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} ctl;
	struct iovec out[2] = {{"hello", 5}, {" world\n", 7}};
	struct iovec in[2] = {{a, sizeof(a)}, {b, sizeof(b)}};
	struct msghdr m = {.msg_iov = out, .msg_iovlen = 2};

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	sendmsg(sv[0], &m, 0);
	m.msg_iov = in;
	recvmsg(sv[1], &m, 0);

	memset(&ctl, 0, sizeof(ctl));
	m.msg_iov = out;
	m.msg_iovlen = 1;
	m.msg_control = ctl.buf;
	m.msg_controllen = sizeof(ctl.buf);
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &sv[0], sizeof(int));
	sendmsg(sv[0], &m, MSG_NOSIGNAL);
	memset(&ctl, 0, sizeof(ctl));
	m.msg_iov = in;
	m.msg_iovlen = 2;
	m.msg_controllen = sizeof(ctl.buf);
	recvmsg(sv[1], &m, MSG_CMSG_CLOEXEC);

	m.msg_control = NULL;
	m.msg_controllen = 0;
	recvmsg(sv[1], &m, MSG_DONTWAIT);
	/* an empty iovec with no buffer */
	struct iovec none = {NULL, 0};
	m.msg_iov = &none;
	m.msg_iovlen = 1;
	sendmsg(sv[0], &m, 0);
	recvmsg(sv[1], &m, MSG_PEEK | MSG_TRUNC);
	m.msg_iov = in;
	m.msg_iovlen = 2;
	sendmsg(-1, &m, 0);
	sendmsg(sv[0], (struct msghdr *)8, 0);
	close(sv[0]);
	close(sv[1]);

	/* a datagram with the sender's address, on a fixed loopback port */
	struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(47315)};
	struct sockaddr_storage from;
	to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int u = socket(AF_INET, SOCK_DGRAM, 0);
	bind(u, (struct sockaddr *)&to, sizeof(to));
	struct msghdr n = {.msg_name = &to, .msg_namelen = sizeof(to), .msg_iov = out, .msg_iovlen = 1};
	sendmsg(u, &n, 0);
	n.msg_name = &from;
	n.msg_namelen = sizeof(from);
	n.msg_iov = in;
	n.msg_iovlen = 2;
	recvmsg(u, &n, 0);
	close(u);
	return 0;
}
