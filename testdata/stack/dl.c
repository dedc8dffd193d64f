// -k: a call into a library loaded with dlopen, which is unloaded right
// after (dlclose unmaps it) and the process exits: the frames in the
// library must still be named.
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	void *h = dlopen(argv[1], RTLD_NOW);
	if (!h) {
		fprintf(stderr, "%s\n", dlerror());
		return 1;
	}
	int (*f)(void) = (int (*)(void))dlsym(h, "stack_lib_call");
	if (!f || f() < 0)
		return 1;
	dlclose(h);
	_exit(0);
}
