/* Buffers with every kind of byte strace escapes. */
#include <unistd.h>
int main(void)
{
	static const char bin[] = "\x7f\x80 end8\0";
	write(1, "a\0b", 3);
	write(1, "\1\0012\377\n\t\"\\x\r\v\f", 12);
	write(1, bin, sizeof(bin));
	write(1, "0123456789012345678901234567890123456789", 40);
	return 0;
}
