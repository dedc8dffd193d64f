/* Files and descriptors: open family, read/write family with iovecs, seek,
 * dup, fcntl, pipes, close_range; success and failure paths. Creates and
 * removes its own files in the current directory. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/openat2.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static char buf[256];

int main(void)
{
	int fd, fd2, p[2];
	struct iovec iov[3];
	static char a[] = "first ", b[] = "second\n", bin[] = "bin\1\2\377\n";

	fd = open("fs_files.tmp", O_RDWR | O_CREAT | O_TRUNC, 0640);
	write(fd, "hello, world\n", 13);
	write(fd, bin, sizeof(bin) - 1);
	write(fd, "a long line that is longer than the thirty-two bytes strace shows\n", 66);
	iov[0].iov_base = a;
	iov[0].iov_len = sizeof(a) - 1;
	iov[1].iov_base = b;
	iov[1].iov_len = sizeof(b) - 1;
	writev(fd, iov, 2);
	pwrite64(fd, "XY", 2, 3);
	lseek(fd, 0, SEEK_SET);
	lseek(fd, -1, SEEK_END);
	lseek(fd, 0, 7);
	lseek(fd, 0, SEEK_SET);
	read(fd, buf, 5);
	pread64(fd, buf, 16, 20);
	iov[0].iov_base = buf;
	iov[0].iov_len = 4;
	iov[1].iov_base = buf + 4;
	iov[1].iov_len = 8;
	readv(fd, iov, 2);
	read(fd, buf, 0);
	read(-1, buf, 10);
	write(-1, "nothing", 7);
	write(fd, (void *)8, 3);
	fd2 = dup(fd);
	dup2(fd, 10);
	dup3(fd, 11, O_CLOEXEC);
	dup3(fd, fd, 0);
	fcntl(fd, F_GETFD);
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK);
	fcntl(fd, F_DUPFD, 20);
	fcntl(fd, F_DUPFD_CLOEXEC, 30);
	fcntl(fd, 1234);
	close(fd2);
	close(10);
	close(-1);
	syscall(SYS_close_range, 11, 40, 0);
	pipe(p);
	close(p[0]);
	close(p[1]);
	pipe2(p, O_CLOEXEC | O_NONBLOCK);
	pipe2(p, 0x1234);
	close(fd);
	fd = openat(AT_FDCWD, "fs_files.tmp", O_RDONLY | O_NOFOLLOW | O_LARGEFILE);
	close(fd);
	openat(AT_FDCWD, "fs_files.missing", O_RDONLY);
	openat(-1, "relative", O_RDONLY);
	openat(AT_FDCWD, "fs_files.tmp", O_WRONLY | O_CREAT | O_EXCL, 0600);
	openat(AT_FDCWD, (char *)8, O_RDONLY);
	openat(AT_FDCWD, ".", O_RDONLY | O_DIRECTORY | 0x40000000);
	fd = openat(AT_FDCWD, ".", O_TMPFILE | O_RDWR, 0600);
	close(fd);
	{
		struct open_how how = {.flags = O_RDONLY | O_CLOEXEC, .resolve = RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH};

		fd = syscall(SYS_openat2, AT_FDCWD, "fs_files.tmp", &how, sizeof(how));
		close(fd);
		how.flags = O_WRONLY | O_CREAT;
		how.mode = 0600;
		how.resolve = 0;
		syscall(SYS_openat2, AT_FDCWD, "fs_files.tmp", &how, sizeof(how));
		syscall(SYS_openat2, AT_FDCWD, "fs_files.tmp", NULL, sizeof(how));
		how.resolve = 0x1000;
		syscall(SYS_openat2, AT_FDCWD, "fs_files.tmp", &how, 8);
	}
	fd = syscall(SYS_memfd_create, "fs_files-memfd", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	close(fd);
	syscall(SYS_memfd_create, "bad", 0x100);
	fd = creat("fs_files.tmp2", 0644);
	close(fd);
	fd = syscall(SYS_open, "fs_files.tmp2", O_WRONLY | O_APPEND | O_SYNC);
	close(fd);
	unlink("fs_files.tmp2");
	unlink("fs_files.tmp");
	umask(022);
	umask(077);
	return 0;
}
