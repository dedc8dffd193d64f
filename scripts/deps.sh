#!/usr/bin/env bash
# Installs, on a Debian machine, what gotrace's tests need and a fresh
# machine may lack. With GENERATE=1 also what `make generate` needs, with
# STRACE_SUITE=1 what `make test-strace-suite` needs.
set -euo pipefail
need=()
command -v gcc >/dev/null || need+=(gcc libc6-dev)
command -v strace >/dev/null || need+=(strace)
[ -x /usr/bin/python3 ] || need+=(python3-minimal) # -k's comparison with strace
# the container tests: podman with runc (crun refuses hybrid cgroup hosts)
# on a rootfs of busybox-static
command -v podman >/dev/null || need+=(podman)
command -v runc >/dev/null || need+=(runc)
dpkg -s busybox-static >/dev/null 2>&1 || need+=(busybox-static)
if [ "${STRACE_SUITE:-0}" = 1 ]; then
	# make test-strace-suite: apt-get source (dpkg-source), building the
	# suite's tests, running them (unshare, timeout, diff)
	command -v make >/dev/null || need+=(make)
	command -v dpkg-source >/dev/null || need+=(dpkg-dev)
	command -v xz >/dev/null || need+=(xz-utils)
	command -v diff >/dev/null || need+=(diffutils)
	command -v unshare >/dev/null || need+=(util-linux)
fi
if [ "${GENERATE:-0}" = 1 ]; then
	command -v clang-14 >/dev/null || need+=(clang-14)
	command -v llvm-strip >/dev/null || need+=(llvm)
fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "deps: missing ${need[*]}; run as root, or install them with apt-get" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${need[@]}" >/dev/null
