/* Exits with status 3. */
#include <stdlib.h>
int main(void)
{
	exit(3);
}
