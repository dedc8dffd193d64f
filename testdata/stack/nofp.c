// -k: syscalls from nested functions of a program built here without
// frame pointers (-O2 -fomit-frame-pointer), through libc and raw; the
// process exits right after its last syscall, so the frames of its last
// calls must come from the mappings as they were then.
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

__attribute__((noinline)) static int inner(const char *path)
{
	int fd = open(path, O_RDONLY); // LINE_OPEN
	__asm__ volatile("" ::: "memory");
	return fd;
}

__attribute__((noinline)) static int outer(const char *path)
{
	int fd = inner(path); // LINE_INNER
	__asm__ volatile("" ::: "memory");
	return fd;
}

__attribute__((noinline)) static long raw_getppid(void)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"((long)SYS_getppid) : "rcx", "r11", "memory");
	return ret;
}

int main(void)
{
	close(outer("/etc/hostname"));
	raw_getppid();
	syscall(SYS_exit_group, 0);
}
