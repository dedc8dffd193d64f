#!/usr/bin/env bash
# Writes gen/inputs/ioctls.txt: every ioctl request the kernel uapi headers
# of the installed linux-libc-dev define, one "HEADER NAME 0xCODE" a line,
# the code as gcc evaluates the header's _IO/_IOR/_IOW/_IOWR/_IOC macro
# (sizeof of the argument's struct included) for x86_64.
#
#   sh gen/snapshot-ioctls.sh > gen/inputs/ioctls.txt
#
# A request is an object-like macro that expands to an _IOC(...), or, in
# the headers of the requests that
# predate them, a plain 0xTTNN whose TT is the header's request type (0x54
# for the terminal's TCGETS, 0x89 for the socket's SIOCGIFCONF, ...). HEADER
# is the path under /usr/include, asm/ for the architecture's headers.
set -euo pipefail

inc=/usr/include
arch=$inc/x86_64-linux-gnu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The headers of requests numbered by hand, and their type bytes.
plain_type() {
	case $1 in
	linux/hdreg.h) echo 03 ;;
	scsi/sg.h) echo 22 ;;
	linux/fb.h) echo 46 ;;
	linux/kd.h) echo 4b ;;
	linux/loop.h) echo 4c ;;
	linux/cdrom.h | scsi/scsi.h | scsi/scsi_ioctl.h) echo 53 ;;
	asm/ioctls.h | asm-generic/ioctls.h) echo 54 ;;
	linux/vt.h) echo 56 ;;
	asm/sockios.h | asm-generic/sockios.h | linux/sockios.h) echo 89 ;;
	linux/wireless.h) echo 8b ;;
	esac
}

# The preprocessor's expansion of _IOC_DIRSHIFT, which the expansion of
# every _IOC(...) contains.
dirshift=$(printf '#include <sys/ioctl.h>\n@@ _IOC_DIRSHIFT\n' | gcc -E -P - | sed -n 's/^@@ //p')

# names HEADER FILE: the request macros FILE defines: the object-like
# macros named in capitals whose expansion is an _IOC(...), but not those
# that only rename another macro (SOUND_PCM_SYNC SNDCTL_DSP_SYNC), the
# mixer's MIXER_READ(N) and MIXER_WRITE(N), which strace prints so in
# place of a name, the other architectures' KVM requests, and the
# VIDIOC_SUBDEV_ copies of VIDIOC_ requests; and the plain 0xTTNN.
names() {
	local type
	type=$(plain_type "$1")
	case $1 in asm-generic/ioctl.h) return ;; esac
	{
		sed -nE '/^[[:space:]]*#[[:space:]]*define[[:space:]]+[A-Za-z_][A-Za-z0-9_]*[[:space:]]+([A-Za-z_][A-Za-z0-9_]*[[:space:]]*(\/\*.*)?|MIXER_(READ|WRITE)[[:space:]]*\(.*)$/d
			s/^[[:space:]]*#[[:space:]]*define[[:space:]]+([A-Z][A-Za-z0-9_]*)([[:space:]].*)?$/@@ "\1" \1/p' "$2" |
			sed "1i #include <sys/ioctl.h>\n#include <$1>" |
			gcc -E -P - 2>/dev/null |
			grep -F -- "<< $dirshift)" | sed -nE 's/^@@ "([A-Za-z0-9_]+)" .*/\1/p' |
			grep -vE '^KVM_(S390|PPC|ARM)_' |
			if [ "$1" = linux/v4l2-subdev.h ]; then
				grep -vE '^VIDIOC_SUBDEV_(DV_TIMINGS_CAP|ENUMSTD|ENUM_DV_TIMINGS|[GS]_DV_TIMINGS|[GS]_EDID|[GS]_STD|QUERYSTD|QUERY_DV_TIMINGS)$'
			else cat; fi || true
		if [ -n "$type" ]; then
			sed -nE 's/^[[:space:]]*#[[:space:]]*define[[:space:]]+([A-Za-z_][A-Za-z0-9_]*)[[:space:]]+0[xX]'"$type"'[0-9a-fA-F]{2}([^0-9a-fA-FxXuUlL].*)?$/\1/Ip' "$2"
		fi
	} | sort -u
}

# program PRE HEADER NAME...: a C program printing each request's code,
# HEADER included after <sys/ioctl.h> (the _IO macros) and PRE.
program() {
	local pre=$1 h=$2
	shift 2
	printf '#include <stdio.h>\n#include <sys/types.h>\n#include <sys/ioctl.h>\n%s\n#include <%s>\nint main(void)\n{\n' "$pre" "$h"
	for n; do
		printf '\tprintf("%%s %%s 0x%%08x\\n", "%s", "%s", (unsigned int)(%s));\n' "$h" "$n" "$n"
	done
	printf '\treturn 0;\n}\n'
}

# The headers a request may need that its own header does not include:
# the struct of its argument (termios2 for TCGETS2, fiemap for
# FS_IOC_FIEMAP, sock_fprog for PPPIOCSPASS ...) or its type (MD_MAJOR,
# ATMIOC_PHYTYP, BASE_VIDIOC_PRIVATE); tried one by one.
extra="asm/termbits.h linux/fiemap.h linux/blkpg.h linux/blktrace_api.h linux/major.h linux/atmioc.h linux/serial.h linux/videodev2.h linux/atmdev.h linux/filter.h"

# evaluate HEADER NAME...: the lines of the names gcc can evaluate; a
# name whose macro compiles neither alone nor after one of $extra is left
# out.
evaluate() {
	local h=$1
	shift
	program "" "$h" "$@" > "$tmp/p.c"
	if gcc -w -o "$tmp/p" "$tmp/p.c" 2>/dev/null; then
		"$tmp/p"
		return
	fi
	local n pre ok
	for n; do
		ok=
		for pre in "" $extra; do
			program "${pre:+#include <$pre>}" "$h" "$n" > "$tmp/p.c"
			if gcc -w -o "$tmp/p" "$tmp/p.c" 2>/dev/null; then
				"$tmp/p"
				ok=1
				break
			fi
		done
		[ -n "$ok" ] || echo "snapshot-ioctls: $h: $n does not compile, left out" >&2
	done
}

{
	(cd "$arch" && find asm -name '*.h')
	(cd "$inc" && find asm-generic linux misc mtd rdma scsi sound video xen -name '*.h' 2>/dev/null)
} | LC_ALL=C sort | while read -r h; do
	f=$inc/$h
	[ -f "$f" ] || f=$arch/$h
	mapfile -t ns < <(names "$h" "$f")
	[ ${#ns[@]} -gt 0 ] || continue
	evaluate "$h" "${ns[@]}"
done
