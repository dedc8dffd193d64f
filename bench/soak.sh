#!/usr/bin/env bash
# Soak test (not part of CI): traces a busy multithreaded program for a
# while and reports gotrace's resident memory over time, which should stay
# flat, and the events it saw against those it printed and lost.
#   sudo bench/soak.sh [SECONDS]   (default 600)
set -euo pipefail
secs=${1:-600}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'kill "$gt" 2>/dev/null; rm -rf "$tmp"' EXIT
go build -o "$tmp/gotrace" "$root/cmd/gotrace"
cat >"$tmp/busy.c" <<'C'
#include <pthread.h>
#include <unistd.h>
static void *spin(void *arg)
{
	for (;;) {
		getppid();
		usleep(10);
	}
	return arg;
}
int main(void)
{
	pthread_t t[4];
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, spin, NULL);
	pause();
	return 0;
}
C
gcc -O2 -pthread -o "$tmp/busy" "$tmp/busy.c"
"$tmp/gotrace" -f -o "$tmp/trace" -- "$tmp/busy" 2>"$tmp/stderr" &
gt=$!
sleep 1
echo "seconds rss_kib trace_lines"
for ((s = 0; s < secs; s += 10)); do
	rss=$(awk '/VmRSS/ {print $2}' "/proc/$gt/status")
	echo "$s $rss $(wc -l <"$tmp/trace")"
	sleep 10
done
pkill -f "$tmp/busy" || true
wait "$gt" || true
lines=$(grep -c 'getppid()' "$tmp/trace" || true)
lost=$(grep -o '[0-9]* events lost' "$tmp/stderr" | cut -d' ' -f1 || true)
echo "getppid lines: $lines; events lost (stderr): ${lost:-0}"
