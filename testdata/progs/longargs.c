/* A 4999-byte path (ENAMETOOLONG) and an execve with 300 arguments and
 * 300 environment strings: strace shows the path whole and cuts arrays. */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
int main(void)
{
	static char path[5000];
	static char strs[300][8];
	char *argv[301];

	memset(path, 'a', sizeof(path) - 1);
	path[0] = '/';
	openat(AT_FDCWD, path, O_RDONLY);
	for (int i = 0; i < 300; i++) {
		strcpy(strs[i], "arg");
		argv[i] = strs[i];
	}
	argv[300] = NULL;
	execve("/bin/true", argv, argv);
	return 1;
}
