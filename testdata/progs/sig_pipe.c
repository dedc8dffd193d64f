/* A write to a pipe whose read end is closed: the kernel sends SIGPIPE,
 * which kills the program, with the writer as its sender (SI_USER). */
#include <unistd.h>
int main(void)
{
	int p[2];
	char c = 'x'; /* on the stack: resident when write reads it */

	pipe(p);
	close(p[0]);
	write(p[1], &c, 1);
	return 0;
}
