/* A failing openat, then execve of /bin/echo with arguments. */
#include <fcntl.h>
#include <unistd.h>
int main(void)
{
	char *argv[] = {"/bin/echo", "hello", "world with spaces", "\ttab", NULL};
	char *envp[] = {"A=1", "B=2", NULL};
	openat(AT_FDCWD, "/nonexistent/file", O_RDONLY);
	execve("/bin/echo", argv, envp);
	return 1;
}
