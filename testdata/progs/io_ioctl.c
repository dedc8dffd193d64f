/* ioctl requests on a pseudo-terminal master, a pipe and a socket, and
 * requests strace does not know. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

int main(void)
{
	struct termios t;
	struct winsize ws = {24, 80, 0, 0};
	int n = 0, on = 1, p[2];
	pid_t pg;

	int m = open("/dev/ptmx", O_RDWR | O_NOCTTY);
	ioctl(m, TCGETS, &t);
	ioctl(m, TCSETS, &t);
	ioctl(m, TCSETSW, &t);
	ioctl(m, TCSETSF, &t);
	ioctl(m, TIOCSWINSZ, &ws);
	ioctl(m, TIOCGWINSZ, &ws);
	ioctl(m, TIOCGPGRP, &pg);
	ioctl(m, TCFLSH, TCIFLUSH);
	ioctl(m, TIOCOUTQ, &n);
	ioctl(m, TIOCGLCKTRMIOS, &t);
	ioctl(m, TIOCSTI, "q");
	ioctl(m, TIOCMGET, &n);
	ioctl(m, TCSBRK, 1);
	ioctl(m, TCXONC, TCOON);
	ioctl(m, TIOCSCTTY, 0);
	pipe(p);
	write(p[1], "abc", 3);
	ioctl(p[0], FIONREAD, &n);
	ioctl(p[0], FIONBIO, &on);
	ioctl(p[0], FIOCLEX);
	ioctl(p[0], FIONCLEX);
	ioctl(p[0], TCGETS, &t);
	ioctl(-1, TIOCGWINSZ, &ws);
	ioctl(m, TIOCGWINSZ, (void *)8);
	ioctl(p[0], _IOR(0xee, 7, int), &n);
	ioctl(p[0], _IOW('x', 0x22, long), 5);
	ioctl(p[0], _IO(0xee, 1), 0);
	ioctl(p[0], 0x1234, 0x10);
	int s = socket(AF_UNIX, SOCK_DGRAM, 0);
	ioctl(s, FIONREAD, &n);
	return 0;
}
