/* Waits for SIGINT or SIGTERM, says so and exits 7; with an argument it
 * ignores SIGINT and runs for 10 seconds. */
#include <signal.h>
#include <unistd.h>
static volatile sig_atomic_t got;
static void on_signal(int sig)
{
	got = sig;
}
int main(int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		signal(SIGINT, SIG_IGN);
		sleep(10);
		return 0;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	while (!got)
		pause();
	write(1, "got\n", 4);
	return 7;
}
