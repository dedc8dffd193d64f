/* A child exits and stays a zombie: its parent sleeps without waiting. */
#include <unistd.h>
int main(void)
{
	if (fork() == 0)
		_exit(4);
	sleep(1);
	return 0;
}
