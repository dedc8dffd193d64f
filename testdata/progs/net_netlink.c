/* Netlink messages in sendto and recvfrom buffers, decoded by the
 * socket's protocol: rtnetlink requests with their structs and attributes,
 * a control message, and the kernel's error answer to a request for a
 * link that does not exist. The socket is bound to a fixed port id, so
 * that the answer's nlmsg_pid is the same from run to run. */
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/uio.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
	struct sockaddr_nl sa = {.nl_family = AF_NETLINK, .nl_pid = 0x7e57};
	int fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	char buf[8192];

	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return 1;

	struct {
		struct nlmsghdr h;
		struct rtmsg r;
		struct rtattr a;
		unsigned char dst[4];
	} route = {
		.h = {.nlmsg_len = sizeof(route), .nlmsg_type = RTM_GETROUTE,
		      .nlmsg_flags = NLM_F_REQUEST, .nlmsg_seq = 1},
		.r = {.rtm_family = AF_INET, .rtm_dst_len = 32, .rtm_table = RT_TABLE_MAIN,
		      .rtm_protocol = RTPROT_BOOT, .rtm_type = RTN_UNICAST},
		.a = {.rta_len = RTA_LENGTH(4), .rta_type = RTA_DST},
		.dst = {127, 0, 0, 1},
	};
	/* on a socket of its own, closed unread: the answer holds the
	 * route's times, which differ from run to run */
	int rfd = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	struct sockaddr_nl any = {.nl_family = AF_NETLINK};

	bind(rfd, (struct sockaddr *)&any, sizeof(any));
	sendto(rfd, &route, sizeof(route), MSG_DONTWAIT, NULL, 0);
	close(rfd);

	struct {
		struct nlmsghdr h;
		struct ifaddrmsg i;
	} addr = {
		.h = {.nlmsg_len = sizeof(addr), .nlmsg_type = RTM_GETADDR,
		      .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP, .nlmsg_seq = 2},
		.i = {.ifa_family = AF_INET6, .ifa_scope = RT_SCOPE_HOST},
	};
	sendto(fd, &addr, sizeof(addr), 0, NULL, 0);
	recvfrom(fd, buf, sizeof(buf), 0, NULL, NULL);

	struct {
		struct nlmsghdr h;
		struct ifinfomsg i;
	} link = {
		.h = {.nlmsg_len = sizeof(link), .nlmsg_type = RTM_GETLINK,
		      .nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK, .nlmsg_seq = 3},
		.i = {.ifi_family = AF_UNSPEC, .ifi_index = 0x7fffffff},
	};
	/* two messages in one buffer: a no-op, then the request */
	char two[NLMSG_ALIGN(NLMSG_HDRLEN + 4) + sizeof(link)];
	struct nlmsghdr noop = {.nlmsg_len = NLMSG_HDRLEN + 4, .nlmsg_type = NLMSG_NOOP,
				.nlmsg_flags = NLM_F_REQUEST};
	memset(two, 0, sizeof(two));
	memcpy(two, &noop, sizeof(noop));
	memcpy(two + NLMSG_HDRLEN, "abcd", 4);
	memcpy(two + NLMSG_ALIGN(NLMSG_HDRLEN + 4), &link, sizeof(link));
	sendto(fd, two, sizeof(two), 0, NULL, 0);
	recvfrom(fd, buf, sizeof(buf), 0, NULL, NULL);

	/* sendmsg and recvmsg with a netlink address: the iovecs' data are
	 * netlink messages too */
	struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
	struct iovec iov = {&link, sizeof(link)};
	struct msghdr mh = {.msg_name = &kernel, .msg_namelen = sizeof(kernel),
			    .msg_iov = &iov, .msg_iovlen = 1};
	link.h.nlmsg_seq = 4;
	sendmsg(fd, &mh, 0);
	iov.iov_base = buf;
	iov.iov_len = sizeof(buf);
	recvmsg(fd, &mh, 0);

	close(fd);
	return 0;
}
