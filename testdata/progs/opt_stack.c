// -k: syscalls made from this program's own functions (the raw getpid, in
// code built with frame pointers) and through libc (openat, close), so
// that the stacks have frames of both.
#include <fcntl.h>
#include <unistd.h>

__attribute__((noinline)) static long raw_getpid(void)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(39L) : "rcx", "r11", "memory");
	return ret;
}

__attribute__((noinline)) static int open_hostname(void)
{
	return open("/etc/hostname", O_RDONLY);
}

int main(void)
{
	raw_getpid();
	close(open_hostname());
	return 0;
}
