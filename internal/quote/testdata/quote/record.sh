#!/bin/sh
# Records how strace 6.1 quotes the buffers and strings of quote.c under each
# quoting option quote_test.go checks, one file per option set:
#   sh internal/quote/testdata/quote/record.sh
# Only the write and execve lines after the program's own execve are kept.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
strace -V | grep -q 'version 6\.1$' || { echo "record.sh: needs strace 6.1" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gcc -O0 -o "$tmp/quote" "$here/quote.c"
rec() {
	name=$1
	shift
	strace "$@" -e trace=write,execve -o "$tmp/out" "$tmp/quote" >/dev/null
	# drop the first line, the program's own execve (its path and addresses
	# vary), and the exit line
	tail -n +2 "$tmp/out" | grep -v '^+++ ' >"$here/$name.txt"
}
rec default
rec s0 -s 0
rec s1 -s 1
rec s300 -s 300
rec x-s3 -x -s 3
rec x-s300 -x -s 300
rec xx-s3 -xx -s 3
rec xx-s300 -xx -s 300
rec nac-s3 --strings-in-hex=non-ascii-chars -s 3
rec nac-s300 --strings-in-hex=non-ascii-chars -s 300
