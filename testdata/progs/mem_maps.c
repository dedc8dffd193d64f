/* Memory: mmap with its protections and flags, mprotect, mremap, madvise,
 * munmap, brk, msync, mlock; success and failure paths. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	char *p, *q;
	int fd;

	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	p[0] = 1;
	mprotect(p, 4096, PROT_READ);
	mprotect(p, 4096, PROT_NONE);
	mprotect(p, 4096, PROT_READ | PROT_WRITE | PROT_EXEC | 0x100);
	madvise(p, 4096, MADV_DONTNEED);
	madvise(p, 4096, MADV_WILLNEED);
	madvise(p, 4096, 12345);
	msync(p, 4096, MS_SYNC | MS_INVALIDATE);
	mlock(p, 4096);
	munlock(p, 4096);
	q = mremap(p, 4096, 8192, MREMAP_MAYMOVE);
	mremap(q, 8192, 4096, 0);
	munmap(q, 4096);
	munmap((void *)1, 4096);
	mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	mmap(NULL, 4096, PROT_READ, MAP_SHARED, -1, 0);
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	munmap(p, 8192);
	p = mmap(NULL, 2 << 20, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK | MAP_GROWSDOWN, -1, 0);
	munmap(p, 2 << 20);
	fd = open("/etc/hostname", O_RDONLY);
	p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	munmap(p, 4096);
	close(fd);
	syscall(SYS_brk, 0);
	syscall(SYS_mincore, 0, 4096, 0);
	syscall(SYS_mlockall, MCL_CURRENT | MCL_FUTURE);
	syscall(SYS_munlockall);
	return 0;
}
