/* -e read=/write= hex dumps: data moved by read, write, pread64, pwrite64,
 * sendto and recvfrom, up to 4096 bytes; a failed write on a dumped
 * descriptor; a write on a descriptor that is not dumped. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
int main(void){
	static char big[4096], in[5000];
	int p[2], s[2];
	for (size_t i = 0; i < sizeof big; i++) big[i] = (char)(i * 7);
	if (pipe(p) || socketpair(AF_UNIX, SOCK_STREAM, 0, s)) return 1;
	write(p[1], "hello world, this is a longer line of text!\n\x01\x02\xff", 47);
	read(p[0], in, sizeof in);
	write(p[1], big, sizeof big);
	read(p[0], in, sizeof in);
	write(p[0], "x", 1); /* EBADF: written data is dumped anyway */
	sendto(s[0], "ping", 4, 0, NULL, 0);
	recvfrom(s[1], in, sizeof in, 0, NULL, NULL);
	int f = open("/tmp", O_TMPFILE | O_RDWR, 0600);
	pwrite(f, "at offset", 9, 3);
	pread(f, in, sizeof in, 0);
	write(1, "not dumped\n", 11);
	return 0;
}
