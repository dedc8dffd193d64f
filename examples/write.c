/* printf() buffers in the C library and writes later, in one write; the
 * raw syscall writes at once. */
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	printf("hello from printf\n");
	syscall(SYS_write, 1, "hello from syscall\n", 19);
	printf("printf again\n");
	return 0;
}
