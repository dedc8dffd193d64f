/* Namespaces and mounts: unshare, sethostname and uname in a new UTS
 * namespace, a tmpfs mounted in a new mount namespace, umount2, setns,
 * chroot and pivot_root failures. */
#define _GNU_SOURCE
#include <sched.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(void)
{
	struct utsname u;

	unshare(CLONE_NEWUTS | CLONE_NEWNS);
	sethostname("gotrace-ns", 10);
	uname(&u);
	mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
	mount("none", "/mnt", "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0755");
	mount("none", "/nonexistent", "tmpfs", 0, NULL);
	umount2("/mnt", MNT_DETACH);
	umount2("/nonexistent", 0);
	setns(-1, CLONE_NEWNET);
	chroot("/nonexistent");
	syscall(SYS_pivot_root, "/nonexistent", "/nonexistent/old");
	unshare(0x1);
	return 0;
}
