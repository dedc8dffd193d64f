// One syscall or more of each -e trace=%CLASS, made with syscall(2) so that
// libc substitutes none (clock_gettime would go to the vDSO).
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
	struct stat st;
	struct statfs sfs;
	struct timespec ts;
	int fds[2];

	syscall(SYS_getpid);
	syscall(SYS_getuid);
	syscall(SYS_setuid, syscall(SYS_getuid));
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
	syscall(SYS_stat, "/", &st);
	syscall(SYS_lstat, "/", &st);
	syscall(SYS_fstat, 0, &st);
	syscall(SYS_newfstatat, AT_FDCWD, "/", &st, 0);
	syscall(SYS_statfs, "/", &sfs);
	syscall(SYS_fstatfs, 0, &sfs);
	int fd = syscall(SYS_openat, AT_FDCWD, "/", O_RDONLY | O_DIRECTORY);
	syscall(SYS_close, fd);
	syscall(SYS_pipe2, fds, 0);
	syscall(SYS_close, fds[0]);
	syscall(SYS_close, fds[1]);
	int s = syscall(SYS_socket, AF_UNIX, SOCK_STREAM, 0);
	syscall(SYS_close, s);
	syscall(SYS_kill, syscall(SYS_getpid), 0);
	syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, NULL, 8);
	void *p = (void *)syscall(SYS_mmap, NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	syscall(SYS_munmap, p, 4096);
	syscall(SYS_shmget, IPC_PRIVATE, 0, 0);
	return 0;
}
