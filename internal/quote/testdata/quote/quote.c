/*
 * Inputs for internal/printer/quote_test.go: every buffer is written to
 * fd 1 and every string is passed to a failing execve, so that strace shows
 * how it quotes each.  record.sh runs it under strace 6.1 with the -x, -xx,
 * --strings-in-hex=non-ascii-chars and -s settings the test covers.
 *
 * The order of the cases is the order of quoteCases in quote_test.go.
 */
#include <string.h>
#include <unistd.h>

#define W(s) write(1, s, sizeof(s) - 1)

int main(void)
{
	static char all[256];
	for (int i = 0; i < 256; i++)
		all[i] = (char)i;

	/* counted buffers: write(2) */
	W("");
	W("hello, world");
	W("a\0b");
	W("\1\0012\377\n\t\"\\x\r\v\f");
	W("\x7f\x80 end8\0");
	W("\0" "0" "\0" "7" "\0" "8" "\0" "9" "\0");
	W("\10" "1" "\37" "7" "\377" "0" "\177" "7" "\1" "a");
	W("\1" "1");
	W("tab\tnl\ncr\rff\fvt\v");
	W("quote\" backslash\\ apostrophe' question? percent%");
	W("abc\1");
	W("abc\177");
	W("abc\200");
	W("abc\0");
	W("0123456789012345678901234567890");   /* 31 bytes */
	W("01234567890123456789012345678901");  /* 32 bytes */
	W("012345678901234567890123456789012"); /* 33 bytes */
	W("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\1"); /* 36, \1 past -s 32 */
	W("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\1" "1"); /* \1 at -s 32's edge */
	W("\33[1mbold\33[0m\n"); /* only bytes 14..31 to force -x hex */
	write(1, all, sizeof(all));

	/* NUL-terminated strings: execve's argv */
	char *argv[] = {
		"",
		"plain",
		"\1" "2" "\377" "tab\t",
		"h\351llo",
		"white \t\n\v\f\r space",
		"01234567890123456789012345678901",  /* 32: no ... at -s 32 */
		"012345678901234567890123456789012", /* 33 */
		NULL,
	};
	char *envp[] = {NULL};
	execve("/nonexistent/quote", argv, envp);
	return 0;
}
