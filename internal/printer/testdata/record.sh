#!/bin/sh
# Re-records the golden recordings (as root) and rewrites the .out files:
#   sh internal/printer/testdata/record.sh && go test ./internal/printer -update
# Check every changed .out against strace -f on the same program first.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/gotrace" "$root/cmd/gotrace"
for src in "$root"/testdata/progs/*.c; do
	case $(basename "$src") in loop.c | busy.c | threadexec.c | trapint.c | threads100k.c | zombie.c | pidreuse.c) continue ;; esac
	name=$(basename "$src" .c)
	gcc -O0 -pthread -o "$tmp/$name" "$src"
	"$tmp/gotrace" -f -o /dev/null --record "$here/$name.rec" -- "$tmp/$name" >"$tmp/stdout" 2>&1 || true
done
