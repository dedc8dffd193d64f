#include <unistd.h>
#include <sys/wait.h>
#include <stdlib.h>
int main(void){ pid_t p = fork(); if (p == 0) { write(1, "child\n", 6); _exit(0);} int st; wait4(-1, &st, 0, NULL); exit(0); }
