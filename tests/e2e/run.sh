#!/bin/sh
# Run every end-to-end scenario (tests/e2e/test_*.sh) against the binary in
# $LAIFANG: one line per test, the output of a failed one, and a last line
# "e2e: N passed, N failed". Exit status 1 when any failed.
#
#   LAIFANG=/abs/path/build/laifang sh tests/e2e/run.sh [test_name...]
#
# E2E_TIMEOUT_FACTOR stretches every wait (sanitizer builds get 4 by
# default); E2E_KEEP=1 keeps each test's directory; E2E_VERBOSE=1 shows the
# steps of passing tests too; E2E_SHIFT_SECONDS moves the clock of the
# tests that run on the real clock (`make check` runs the suite a year
# ahead); E2E_LABEL names the closing line.
set -u
dir=$(cd "$(dirname "$0")" && pwd)
: "${LAIFANG:=$(cd "$dir/../.." && pwd)/build/laifang}"
export LAIFANG

if [ "$#" -gt 0 ]; then
	tests=$(for t in "$@"; do
		t=$(basename "$t" .sh)
		echo "$dir/test_${t#test_}.sh"
	done)
else
	tests=$(ls "$dir"/test_*.sh 2>/dev/null | sort)
fi

passed=0 failed=0
log=$(mktemp "${TMPDIR:-/tmp}/laifang-e2e-log.XXXXXX") || exit 2
trap 'rm -f "$log"' EXIT
for t in $tests; do
	name=$(basename "$t" .sh)
	start=$(date +%s)
	if [ -f "$t" ]; then
		sh "$t" >"$log" 2>&1
		rc=$?
	else
		echo "no such test: $t" >"$log"
		rc=1
	fi
	secs=$(($(date +%s) - start))
	if [ "$rc" -eq 0 ]; then
		passed=$((passed + 1))
		echo "PASS $name (${secs}s)"
		[ "${E2E_VERBOSE:-0}" = 1 ] && sed 's/^/    /' "$log"
	else
		failed=$((failed + 1))
		echo "FAIL $name (${secs}s, exit $rc)"
		sed 's/^/    /' "$log"
	fi
done
# A laifang a test killed may have outlived its test's own sweep by a moment.
. "$dir/faketime_sweep.sh"
sleep 1
_faketime_sweep
echo "${E2E_LABEL:-e2e}: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
