#!/bin/sh
# Re-records the traces of the examples/ programs (as root) that the golden
# tests of internal/proctree, internal/explain and internal/perfetto replay:
#   sh testdata/classroom/record.sh && go test ./internal/proctree ./internal/explain ./internal/perfetto -update
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/gotrace" "$root/cmd/gotrace"
for src in "$root"/examples/*.c; do
	name=$(basename "$src" .c)
	gcc -O0 -pthread -o "$tmp/$name" "$src"
	"$tmp/gotrace" -f -o /dev/null --record "$here/$name.rec" -- "$tmp/$name" >/dev/null 2>&1 || true
done
