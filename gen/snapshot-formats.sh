#!/bin/sh
# snapshot-formats.sh writes the argument lists of the running kernel's
# syscall tracepoints to stdout, in the form gen/syscalls reads: for each
# sys_enter_* event, sorted by name, its "name:" line and the "field:" lines
# after __syscall_nr. Run as root on the kernel to pin:
#
#	sh gen/snapshot-formats.sh > gen/inputs/syscall_formats.txt
set -eu

tracefs=${TRACEFS:-/sys/kernel/tracing}
if [ ! -d "$tracefs/events/syscalls" ]; then
	echo "snapshot-formats: no $tracefs/events/syscalls (mount -t tracefs tracefs $tracefs)" >&2
	exit 1
fi

echo "# Syscall tracepoint formats of Linux $(uname -r) ($(uname -m)),"
echo "# written by gen/snapshot-formats.sh. Do not edit: regenerate."
export LC_ALL=C
for dir in $(ls -d "$tracefs"/events/syscalls/sys_enter_* | sort); do
	echo
	awk '
		/^name:/ { print; next }
		/field:.*__syscall_nr;/ { args = 1; next }
		args && /field:/ { sub(/^[ \t]+/, ""); print }
	' "$dir/format"
done
