#!/usr/bin/env bash
# strace's own test suite as the judge of gotrace's output.
#
# The suite is Debian's strace source package (the strace installed here),
# fetched with apt and built once into a cache outside the repository; its
# tests then run with STRACE=gotrace. Nothing of strace is in this
# repository: test/strace-suite/ holds only the names of its tests.
#
#   strace-suite.sh build            fetch and build the suite into $SUITE_DIR
#   strace-suite.sh run [TEST...]    run TESTs (default: every test strace
#                                    passes here) with STRACE=$GOTRACE
#   strace-suite.sh failing          the failing tests of the last run, each
#                                    with the first line that differs
#   strace-suite.sh suggest          a reason for each failing test that
#                                    reasons.txt lacks, guessed from its log
#   strace-suite.sh baseline         run the whole suite with the real strace
#                                    and list the tests it passes
#
# Environment:
#   SUITE_DIR     the built suite (default /var/cache/gotrace/strace-suite)
#   SUITE_OUT     where a run's logs go (default .strace-suite in the repo)
#   GOTRACE       the tracer under test (default bin/gotrace)
#   SUITE_JOBS    tests run at once (default 2)
#   TIMEOUT_DURATION  each test's time limit in seconds, strace's own
#                 variable (run.sh kills a test that runs longer; default 120)
#   UPDATE=1      run: add the tests that passed in this run and in a second
#                 run of them to the ratchet, and drop their reasons
#   SUITE_ALL=1   run: also the tests reasons.txt says outlast the time
#                 limit (slow, hang), which a plain run leaves out
#   SUITE_RATCHET=1  run: only the tests of pass.txt (what CI checks)
#
# The lists, one test a line:
#   test/strace-suite/pass.txt     the ratchet: a run fails when one fails
#   test/strace-suite/reasons.txt  "TEST: why" for every other test strace
#                                  passes here
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
lists=$repo/test/strace-suite
SUITE_DIR=${SUITE_DIR:-/var/cache/gotrace/strace-suite}
SUITE_OUT=${SUITE_OUT:-$repo/.strace-suite}
GOTRACE=${GOTRACE:-$repo/bin/gotrace}
SUITE_JOBS=${SUITE_JOBS:-2}
export TIMEOUT_DURATION=${TIMEOUT_DURATION:-120}

die() {
	echo "strace-suite: $*" >&2
	exit 1
}

# build: the strace source package of the installed strace, its tests
# built, the result moved into $SUITE_DIR as a whole.
build() {
	[ -x "$SUITE_DIR/tests/run.sh" ] && [ -f "$SUITE_DIR/tests.list" ] && {
		echo "strace-suite: using the suite built in $SUITE_DIR"
		return
	}
	[ "$(id -u)" = 0 ] || die "building the suite needs root (apt-get source, $SUITE_DIR)"
	local version
	version=$(dpkg-query -W -f='${Version}' strace 2>/dev/null) ||
		die "strace is not installed (scripts/deps.sh installs it)"
	ensure_deb_src
	work=$(mktemp -d /var/tmp/strace-suite.XXXXXX)
	trap 'rm -rf "$work"' EXIT
	echo "strace-suite: fetching strace $version's source package"
	(cd "$work" && apt-get source -qq "strace=$version" >/dev/null 2>&1) ||
		(cd "$work" && apt-get source "strace=$version") ||
		die "apt-get source strace=$version failed"
	local src
	src=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'strace-*' | head -1)
	[ -n "$src" ] || die "no strace-* directory in the source package"
	echo "strace-suite: configuring (log: $work/configure.log)"
	(cd "$src" && ./configure --enable-mpers=no --disable-gcc-Werror >"$work/configure.log" 2>&1) ||
		{ tail -20 "$work/configure.log" >&2; die "configure failed"; }
	# uapi headers newer than strace 6.1 renamed nexthop_grp's resvd1 to
	# weight_high: the nlattr_nhmsg tests name the old field
	local cppflags=
	if grep -q weight_high /usr/include/linux/nexthop.h 2>/dev/null; then
		cppflags=-Dresvd1=weight_high
	fi
	echo "strace-suite: building the tests (log: $work/build.log)"
	make -C "$src/tests" -j"$(nproc)" check TESTS= CPPFLAGS="$cppflags" >"$work/build.log" 2>&1 ||
		{ tail -30 "$work/build.log" >&2; die "building the tests failed"; }
	# The trace_* tests run every program of pure_executables.list under
	# the tracer and expect it to exit 0. On kernels with
	# MEMBARRIER_CMD_GET_REGISTRATIONS (6.7+) membarrier's query returns a
	# mask the test does not know and it fails by design, so it leaves the
	# list (its own test still runs, and fails with strace too).
	if ! "$src/tests/membarrier" >/dev/null 2>&1; then
		sed -i '/^membarrier$/d' "$src/tests/pure_executables.list"
	fi
	make -s -C "$src/tests" -f Makefile -f - print-tests <<<'print-tests: ; @echo $(TESTS)' |
		tr ' ' '\n' | grep -v '^$' >"$src/tests.list"
	make -s -C "$src/tests" -f Makefile -f - print-env <<<'print-env: ; @echo $(AM_TEST_LOG_FLAGS)' |
		sed 's| *[^ ]*run\.sh$||' >"$src/tests.env"
	echo "$version" >"$src/version"
	mkdir -p "$(dirname "$SUITE_DIR")"
	rm -rf "$SUITE_DIR.new"
	mv "$src" "$SUITE_DIR.new"
	rm -rf "$SUITE_DIR"
	mv "$SUITE_DIR.new" "$SUITE_DIR"
	echo "strace-suite: built $(wc -l <"$SUITE_DIR/tests.list") tests into $SUITE_DIR"
}

# ensure_deb_src adds a deb-src entry for this machine's Debian suite
# when apt has none.
ensure_deb_src() {
	if grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
		return
	fi
	local suite
	suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
	[ -n "$suite" ] || die "no VERSION_CODENAME in /etc/os-release"
	echo "strace-suite: adding a deb-src entry for $suite"
	cat >/etc/apt/sources.list.d/gotrace-deb-src.sources <<EOF
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: $suite
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
	apt-get update -qq
}

# names prints the test names of list files, or of its input (the first
# word of each line, without comments).
names() {
	sed -e 's/^#.*//' -e 's/:.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$@"
}

# run_tests runs the tests named on stdin in a fresh copy of the suite with
# STRACE=$1, writing NAME.log and a line "RESULT NAME SECONDS" per test to
# $2/results.
run_tests() {
	local strace=$1 out=$2
	rm -rf "$out"
	mkdir -p "$out/logs"
	# a copy of its own: tests create NAME.dir beside themselves, and read
	# how strace was configured in ../src/config.h
	cp -a "$SUITE_DIR/tests" "$out/tests"
	mkdir -p "$out/src"
	cp "$SUITE_DIR/src/config.h" "$out/src/"
	local env
	env=$(cat "$SUITE_DIR/tests.env")
	export out strace env
	xargs -P "$SUITE_JOBS" -I{} bash -c '
		t={}
		start=$(date +%s.%N)
		set +e
		(cd "$out/tests" && env $env STRACE="$strace" ./run.sh "./$t") >"$out/logs/$t.log" 2>&1
		rc=$?
		end=$(date +%s.%N)
		case $rc in
		0) r=PASS ;; 77) r=SKIP ;; 99) r=ERROR ;; *) r=FAIL ;;
		esac
		secs=$(awk "BEGIN{printf \"%.1f\", $end-$start}")
		echo "$r $t $secs" >>"$out/results"
		[ "$r" = PASS ] && rm -rf "$out/tests/${t%.test}.dir" "$out/tests/${t%.gen.test}.dir"
		exit 0
	'
}

summary() {
	local out=$1
	local total pass fail skip
	total=$(wc -l <"$out/results")
	pass=$(grep -c '^PASS ' "$out/results" || true)
	skip=$(grep -c '^SKIP ' "$out/results" || true)
	fail=$((total - pass - skip))
	echo "strace-suite: $pass passed, $fail failed, $skip skipped of $total (logs: $out/logs)"
	# per group: the category of each test's reason (before its first ":")
	if [ "$fail" -gt 0 ]; then
		echo "failed, by reason:"
		grep -v '^PASS \|^SKIP ' "$out/results" | awk '{print $2}' | sort >"$out/failed"
		touch "$lists/reasons.txt"
		awk -F': ' 'NR==FNR { want[$1]=1; next }
			/^#/ || !NF { next }
			{ split($0, a, ": "); if (a[1] in want) { g[a[2]]++; seen[a[1]]=1 } }
			END {
				for (t in want) if (!(t in seen)) g["(no reason listed)"]++
				for (k in g) printf "  %5d  %s\n", g[k], k
			}' "$out/failed" "$lists/reasons.txt" | sort -rn
	fi
	local slow
	slow=$(sort -k3 -rn "$out/results" | awk 'NR <= 3 { printf "%s %ss, ", $2, $3 }')
	echo "slowest: ${slow%, }"
}

run() {
	[ -x "$GOTRACE" ] || die "no tracer at $GOTRACE (make build)"
	[ -f "$SUITE_DIR/tests.list" ] || die "no suite in $SUITE_DIR (make test-strace-suite builds it; as root)"
	# the suite's programs take their tracer to be named strace: one prints
	# its parent's name (-Y), as a tracer started under another name would
	mkdir -p "$SUITE_OUT/bin"
	ln -sfn "$(readlink -f "$GOTRACE")" "$SUITE_OUT/bin/strace"
	local gotrace=$SUITE_OUT/bin/strace
	local out=$SUITE_OUT/run
	local want
	if [ $# -gt 0 ]; then
		want=$(printf '%s\n' "$@" | sed -e 's|^.*/||' -e '/\.test$/!s/$/.gen.test/')
		want=$(for t in $want; do
			if grep -qx "$t" "$SUITE_DIR/tests.list"; then echo "$t"
			elif grep -qx "${t%.gen.test}.test" "$SUITE_DIR/tests.list"; then echo "${t%.gen.test}.test"
			else die "no test $t in the suite"; fi
		done)
	elif [ "${SUITE_RATCHET:-0}" = 1 ]; then
		want=$(names "$lists/pass.txt")
	elif [ "${SUITE_ALL:-0}" = 1 ]; then
		want=$(names "$lists/pass.txt" "$lists/reasons.txt" | sort -u)
	else # not the tests known to outlast the time limit
		want=$({
			names "$lists/pass.txt"
			grep -vE '^[^:]*: (slow|hang):' "$lists/reasons.txt" | names
		} | sort -u)
	fi
	local start=$SECONDS
	echo "strace-suite: running $(echo "$want" | wc -l) tests with STRACE=$gotrace (-> $(readlink "$gotrace")), $SUITE_JOBS at a time, ${TIMEOUT_DURATION}s each at most"
	echo "$want" | run_tests "$gotrace" "$out"
	summary "$out"
	echo "strace-suite: took $((SECONDS - start))s"
	if [ "${UPDATE:-0}" = 1 ]; then
		update "$gotrace" "$out"
	fi
	# the ratchet
	local broken
	broken=$(names "$lists/pass.txt" | sort | comm -12 - <(grep -v '^PASS ' "$out/results" | awk '{print $2}' | sort))
	if [ -n "$broken" ]; then
		echo "strace-suite: $(echo "$broken" | wc -l) tests of test/strace-suite/pass.txt failed:" >&2
		echo "$broken" | sed 's/^/  /' >&2
		echo "(scripts/strace-suite.sh failing: the first differing line of each)" >&2
		exit 1
	fi
}

# update moves the tests that passed twice from reasons.txt to pass.txt.
update() {
	local gotrace=$1 out=$2
	local new
	new=$(grep '^PASS ' "$out/results" | awk '{print $2}' | sort | comm -23 - <(names "$lists/pass.txt" | sort))
	[ -n "$new" ] || { echo "strace-suite: no new passing tests"; return; }
	echo "strace-suite: $(echo "$new" | wc -l) newly passing tests; running them again"
	echo "$new" | run_tests "$gotrace" "$SUITE_OUT/again"
	local twice
	twice=$(grep '^PASS ' "$SUITE_OUT/again/results" | awk '{print $2}' | sort)
	[ -n "$twice" ] || { echo "strace-suite: none passed again"; return; }
	{
		sed -n '/^#/p' "$lists/pass.txt"
		{ names "$lists/pass.txt"; echo "$twice"; } | sort -u
	} >"$lists/pass.txt.new"
	mv "$lists/pass.txt.new" "$lists/pass.txt"
	awk 'NR==FNR { drop[$1]=1; next } { split($0, a, ":"); if (!(a[1] in drop)) print }' \
		<(echo "$twice") "$lists/reasons.txt" >"$lists/reasons.txt.new"
	mv "$lists/reasons.txt.new" "$lists/reasons.txt"
	echo "strace-suite: added $(echo "$twice" | wc -l) tests to test/strace-suite/pass.txt"
}

# failing lists each failing test of the last run with the first line that
# differs from what the test expected (or the last line of its log).
failing() {
	local out=$SUITE_OUT/run
	[ -f "$out/results" ] || die "no run in $out yet"
	grep -v '^PASS \|^SKIP ' "$out/results" | awk '{print $1, $2}' | sort -k2 | while read -r r t; do
		local log=$out/logs/$t.log line
		line=$(grep -m1 -E '^-[^-]' "$log" || true)
		if [ -n "$line" ]; then
			line="$line  ||  $(grep -m1 -E '^\+[^+]' "$log" || true)"
		else # no diff: the tracer's first message, and how the test ended
			line="$(awk 'NF { print; exit }' "$log")  ||  $(awk 'NF { last = $0 } END { print last }' "$log")"
		fi
		printf '%s %s: %s\n' "$r" "$t" "$line" | cut -c1-400
	done
}

# suggest prints a reason for each failing test of the last run that
# test/strace-suite/reasons.txt does not explain yet, guessed from its log:
# a first draft to correct by hand.
suggest() {
	local out=$SUITE_OUT/run
	[ -f "$out/results" ] || die "no run in $out yet"
	grep -v '^PASS \|^SKIP ' "$out/results" | awk '{print $2}' | sort |
		comm -23 - <(names "$lists/reasons.txt" | sort) | while read -r t; do
		local log=$out/logs/$t.log reason
		local first
		first=$(awk '/^-[^-]/ { print substr($0, 2); exit }' "$log")
		if grep -q 'time limit' "$log"; then
			reason="hang: does not end within the time limit"
		elif [ -z "$first" ] && grep -qE '^[^ ]*: .*(inject|fault)' "$log"; then
			# gotrace refused an -e inject/-e fault form; a test that
			# merely uses injection and then differs is a decode case
			reason="inject: $(grep -m1 -E '^[^ ]*: .*(inject|fault)' "$log" | cut -c1-120)"
		elif grep -q 'unshare -Urpf' "$log" || [[ $t == *pidns* ]]; then
			reason="pidns: runs the tracer in a new user namespace (unshare -Urpf), where BPF cannot load"
		elif grep -qE "unrecognized option|invalid option|requires an argument" "$log"; then
			reason="option: $(grep -m1 -oE "unrecognized option '[^']*'|invalid option -- '.'" "$log")"
		elif [ -n "$first" ]; then
			local name=${first%%(*}
			name=${name##* }
			reason="decode: $name: ${first:0:120}"
		else
			reason="other: $(awk 'NF { print substr($0, 1, 120); exit }' "$log")"
		fi
		echo "$t: $reason"
	done
}

# baseline runs every test of the suite with the real strace.
baseline() {
	[ -f "$SUITE_DIR/tests.list" ] || die "no suite in $SUITE_DIR"
	local out=$SUITE_OUT/baseline
	local start=$SECONDS
	run_tests "$(command -v strace)" "$out" <"$SUITE_DIR/tests.list"
	summary "$out"
	echo "strace-suite: took $((SECONDS - start))s; the tests strace passes: $out/passed"
	grep '^PASS ' "$out/results" | awk '{print $2}' | sort >"$out/passed"
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case $cmd in
build) build ;;
run) run "$@" ;;
failing) failing ;;
baseline) baseline ;;
suggest) suggest ;;
*) die "usage: strace-suite.sh build | run [TEST...] | failing | suggest | baseline" ;;
esac
