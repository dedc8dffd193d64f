/* Strings at the edges the kernel side must read as strace does: one with
 * no NUL before an unreadable page (longer than -s: shown cut, with "...";
 * shorter: its address), and a path of exactly PATH_MAX - 1 bytes (whole). */
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	char *p = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	static char path[4096];

	mprotect(p + page, page, PROT_NONE);
	memset(p + page - 40, 'a', 40);
	syscall(SYS_delete_module, p + page - 40, 0);
	syscall(SYS_delete_module, p + page - 5, 0);
	memset(path, '/', sizeof(path) - 1);
	chdir(path);
	path[sizeof(path) - 2] = 0;
	chdir(path);
	return 0;
}
