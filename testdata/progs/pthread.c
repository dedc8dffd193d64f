#include <pthread.h>
#include <unistd.h>
static void *f(void *a){ write(1, "thread\n", 7); return a; }
int main(void){ pthread_t t; pthread_create(&t, 0, f, 0); pthread_join(t, 0); return 0; }
