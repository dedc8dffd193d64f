// -y with threads: a descriptor opened by the main thread, read by another,
// which shares it, and closed by the main thread.
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>
static int fd;
static void *t(void *a) { char c; (void)a; read(fd, &c, 1); return 0; }
int main(void) { pthread_t th; fd = open("/etc/hostname", O_RDONLY); pthread_create(&th, 0, t, 0); pthread_join(th, 0); close(fd); return 0; }
