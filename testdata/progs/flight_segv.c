/* Makes 1000 getppid calls (more than the kernel's ring of a thread holds) and a write, then dies of SIGSEGV: the flight
 * recorder's last calls before a crash. */
#include <sys/syscall.h>
#include <unistd.h>
int main(void)
{
	for (int i = 0; i < 1000; i++)
		syscall(SYS_getppid);
	syscall(SYS_write, 1, "crash\n", 6);
	volatile int *p = 0;
	*p = 1;
	return 0;
}
