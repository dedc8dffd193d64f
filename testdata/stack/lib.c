// The library dl.c loads: a syscall two functions deep.
#include <unistd.h>

__attribute__((noinline)) static int lib_inner(void)
{
	return getppid();
}

int stack_lib_call(void)
{
	int r = lib_inner();
	__asm__ volatile("" ::: "memory");
	return r;
}
