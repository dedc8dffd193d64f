/* 200000 getppid calls as fast as possible: saturates a small ring buffer. */
#include <unistd.h>
int main(void)
{
	for (int i = 0; i < 200000; i++)
		getppid();
	return 0;
}
