#include <signal.h>
#include <unistd.h>
static void h(int s){ (void)s; }
int main(void){ struct sigaction sa = {0}; sa.sa_handler = h; sigaction(SIGUSR1, &sa, 0); kill(getpid(), SIGUSR1); return 0; }
