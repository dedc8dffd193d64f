/* Arguments the kernel reads as 32-bit (or 16-bit) C types, passed with
 * garbage in the high bits of the register as strace's tests do; scalars
 * behind pointers; structs and flags of the syscalls decoded by their C
 * types and tables (issue 14). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/timex.h>
#include <time.h>
#include <unistd.h>

#define HIGH 0xdefaced00000000ULL

int main(void)
{
	long long off_in = -2, off_out = 7;
	unsigned int ru, eu, su;
	struct timex tx = {0};
	long long ts[2] = {0, (long long)0xbadc0dedbadc0dedULL};
	struct rusage usage;

	/* 32-bit ints and flags: only the low half counts */
	syscall(SYS_fspick, HIGH | 0xffffffffULL, NULL, HIGH | 1);
	syscall(SYS_close_range, HIGH | 0xfffffffeULL, HIGH | 0xffffffffULL, HIGH | 1);
	syscall(SYS_fchownat, HIGH | (uint32_t)AT_FDCWD, "/nonexistent", HIGH | 0xffffffffULL,
		HIGH | 0xffffffffULL, HIGH | AT_SYMLINK_NOFOLLOW);
	/* umode_t is 16 bits */
	syscall(SYS_creat, "/nonexistent/file", HIGH | 0xffff8000ULL | 0644);
	syscall(SYS_mkdirat, HIGH | 0xffffffffULL, "/nonexistent/dir", HIGH | 0xffff0755ULL);
	/* tv_nsec is unsigned */
	syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, ts, NULL);
	/* scalars behind pointers */
	syscall(SYS_getresuid, &ru, &eu, &su);
	syscall(SYS_copy_file_range, -1, &off_in, -1, &off_out, 1, 0);
	syscall(SYS_splice, -1, &off_in, -1, NULL, 1, 5);
	/* a struct and a state named after the return value */
	syscall(SYS_adjtimex, &tx);
	syscall(SYS_clock_adjtime, CLOCK_REALTIME, NULL);
	syscall(SYS_getrusage, RUSAGE_CHILDREN, NULL);
	getrusage(RUSAGE_SELF, &usage);
	/* flags from uapi headers */
	syscall(SYS_fsopen, "nonexistent-fs", HIGH | 1);
	syscall(SYS_delete_module, "nonexistent_module", HIGH | O_NONBLOCK | O_TRUNC);
	syscall(SYS_memfd_secret, HIGH | 0x80000);
	syscall(SYS_pidfd_open, getpid(), HIGH | 0xfacef6ed);
	/* fadvise64's advice by name */
	syscall(SYS_fadvise64, 0, 0, 0, POSIX_FADV_SEQUENTIAL);
	syscall(SYS_fadvise64, -1, 0, 0, HIGH | 0xff);
	/* mq_open's mode and attributes only with O_CREAT */
	syscall(SYS_mq_open, "gotrace-nonexistent-mq", O_RDONLY, 0600, NULL);
	syscall(SYS_mq_open, "/", O_RDONLY | O_CREAT, 0600, NULL);
	return 0;
}
