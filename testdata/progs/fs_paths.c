/* Paths and metadata: stat family, access, directories, renames, links,
 * getcwd, readlink, getdents64; success and failure paths. Works in a
 * directory of its own under the current one and removes it. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static char buf[4096];

int main(void)
{
	struct stat st;
	struct statx stx;
	int fd, dfd;

	mkdir("fs_paths.d", 0755);
	mkdir("fs_paths.d", 0755);
	dfd = open("fs_paths.d", O_RDONLY | O_DIRECTORY);
	mkdirat(dfd, "sub", 0700);
	fd = openat(dfd, "file", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	write(fd, "0123456789", 10);
	close(fd);
	syscall(SYS_stat, "fs_paths.d/file", &st);
	syscall(SYS_stat, "fs_paths.d/missing", &st);
	syscall(SYS_stat, "fs_paths.d/file", (void *)8);
	syscall(SYS_lstat, "fs_paths.d", &st);
	syscall(SYS_fstat, dfd, &st);
	syscall(SYS_fstat, -1, &st);
	syscall(SYS_newfstatat, dfd, "file", &st, 0);
	syscall(SYS_newfstatat, dfd, "", &st, AT_EMPTY_PATH);
	syscall(SYS_newfstatat, AT_FDCWD, "fs_paths.d/sub", &st, AT_SYMLINK_NOFOLLOW);
	statx(dfd, "file", AT_STATX_SYNC_AS_STAT, STATX_BASIC_STATS, &stx);
	statx(dfd, "file", AT_SYMLINK_NOFOLLOW, STATX_SIZE | STATX_MODE, &stx);
	statx(dfd, "missing", 0, STATX_ALL, &stx);
	access("fs_paths.d/file", R_OK | W_OK);
	access("fs_paths.d/file", X_OK);
	access("fs_paths.d/missing", F_OK);
	syscall(SYS_faccessat, dfd, "file", R_OK);
	syscall(SYS_faccessat2, dfd, "file", W_OK, AT_EACCESS);
	syscall(SYS_faccessat2, dfd, "file", W_OK, 0x10000);
	symlink("file", "fs_paths.d/link");
	syscall(SYS_readlink, "fs_paths.d/link", buf, sizeof(buf));
	readlinkat(dfd, "link", buf, 2);
	readlinkat(dfd, "file", buf, sizeof(buf));
	link("fs_paths.d/file", "fs_paths.d/hard");
	rename("fs_paths.d/hard", "fs_paths.d/hard2");
	renameat(dfd, "hard2", dfd, "hard3");
	syscall(SYS_renameat2, dfd, "hard3", dfd, "link", RENAME_NOREPLACE);
	syscall(SYS_renameat2, dfd, "hard3", dfd, "link", RENAME_EXCHANGE);
	chmod("fs_paths.d/file", 0600);
	fchmod(dfd, 0750);
	fchmodat(dfd, "file", 04755, 0);
	truncate("fs_paths.d/file", 5);
	ftruncate(-1, 5);
	chdir("fs_paths.d");
	syscall(SYS_getcwd, buf, 2);
	syscall(SYS_getcwd, buf, sizeof(buf));
	chdir("/nonexistent");
	fchdir(dfd);
	chdir("..");
	fd = open("fs_paths.d", O_RDONLY | O_DIRECTORY);
	while (syscall(SYS_getdents64, fd, buf, sizeof(buf)) > 0)
		;
	close(fd);
	unlinkat(dfd, "sub", AT_REMOVEDIR);
	unlinkat(dfd, "link", 0);
	unlinkat(dfd, "hard3", 0);
	unlinkat(dfd, "file", 0);
	unlinkat(dfd, "file", 0);
	rmdir("fs_paths.d/sub");
	close(dfd);
	rmdir("fs_paths.d");
	return 0;
}
