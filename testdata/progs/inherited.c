/* Exits with what it inherited: bit N (0 to 2) set when descriptor N is
 * open, bit 3 when SIGHUP is ignored, bit 4 when SIGINT is. */
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <unistd.h>

int main(void)
{
	int status = 0;
	for (int fd = 0; fd < 3; fd++)
		if (fcntl(fd, F_GETFD) >= 0)
			status |= 1 << fd;
	struct sigaction sa;
	if (sigaction(SIGHUP, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
		status |= 1 << 3;
	if (sigaction(SIGINT, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
		status |= 1 << 4;
	_exit(status);
}
