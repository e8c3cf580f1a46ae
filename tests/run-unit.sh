#!/bin/sh
# Run each cmocka test program and close with one line counting the test
# cases of all of them. Tests run from the repository root with a pinned
# locale; each test sets the clock it uses (tests/unit/test_clock.h).
set -u
export LC_ALL=C.UTF-8
passed=0 failed=0 broken=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in "$@"; do
	"$t" >"$log" 2>&1
	rc=$?
	cat "$log"
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
	if [ "$rc" -ne 0 ] && [ -z "$f" ]; then
		broken=$((broken + 1)) # crashed or sanitizer report: no cmocka summary
		echo "BROKEN: $t exited with $rc" >&2
	fi
done
failed=$((failed + broken))
echo "unit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
