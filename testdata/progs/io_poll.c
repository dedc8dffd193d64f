/* I/O multiplexing and event descriptors: poll, ppoll, select, epoll,
 * eventfd, timerfd, signalfd, inotify; ready and timed-out cases, with no
 * timeout left to print (it would differ from run to run). */
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
	int p[2];
	struct timespec zero = {0, 0};
	struct timeval tv = {0, 0};
	struct itimerspec its = {{0, 0}, {0, 0}}, old;
	struct epoll_event ev = {.events = EPOLLIN | EPOLLET, .data.u64 = 0x1234}, out[4];
	fd_set rd, wr;
	sigset_t mask;

	pipe(p);
	struct pollfd pf[2] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}};
	poll(pf, 2, 0);
	poll(pf, 1, 0);
	write(p[1], "x", 1);
	ppoll(pf, 2, NULL, NULL);
	ppoll(pf, 1, &zero, NULL);
	poll(NULL, 0, 0);
	struct pollfd *volatile bad = (struct pollfd *)8;
	poll(bad, 1, 0);
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(p[0], &rd);
	FD_SET(p[1], &wr);
	select(p[1] + 1, &rd, &wr, NULL, NULL);
	read(p[0], &ev.data, 0);
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	select(p[1] + 1, &rd, NULL, NULL, &tv);
	/* the select syscall itself (glibc's select is pselect6), and a
	 * pselect6 with a signal mask */
	syscall(SYS_select, p[1] + 1, &rd, NULL, NULL, &tv);
	FD_SET(p[0], &rd);
	FD_SET(p[1], &wr);
	syscall(SYS_select, p[1] + 1, &rd, &wr, NULL, NULL);
	syscall(SYS_select, 0, &rd, NULL, NULL, &tv);
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR2);
	pselect(p[1] + 1, &rd, NULL, NULL, &zero, &mask);
	struct pollfd neg[2] = {{-1, POLLIN, 0}, {p[1], POLLOUT, 0}};
	poll(neg, 2, 0);

	int ep = epoll_create1(EPOLL_CLOEXEC);
	epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
	ev.events = EPOLLOUT;
	ev.data.fd = p[1];
	epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &ev);
	epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL);
	epoll_wait(ep, out, 4, 0);
	epoll_pwait(ep, out, 4, 0, NULL);
	epoll_ctl(ep, 99, p[0], &ev);
	epoll_wait(-1, out, 4, 0);

	int e = eventfd(3, EFD_CLOEXEC | EFD_NONBLOCK);
	int t = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	timerfd_settime(t, 0, &its, &old);
	timerfd_gettime(t, &old);
	its.it_value.tv_sec = 100;
	timerfd_settime(t, TFD_TIMER_ABSTIME, &its, NULL);
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	int s = signalfd(-1, &mask, SFD_NONBLOCK);
	int in = inotify_init1(IN_CLOEXEC);
	int w = inotify_add_watch(in, "/tmp", IN_CREATE | IN_DELETE | IN_ONLYDIR);
	inotify_rm_watch(in, w);
	inotify_add_watch(in, "/nonexistent", IN_ALL_EVENTS);
	close(e);
	close(t);
	close(s);
	close(in);
	close(ep);
	return 0;
}
