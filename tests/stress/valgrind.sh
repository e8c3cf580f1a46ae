#!/bin/sh
# `make valgrind`: every unit test program, then a few batch commands (init,
# user add, import, export, check), under valgrind's memcheck with
# tests/valgrind.supp. Any error or definite leak fails (exit 1).
#
#   LAIFANG=build/laifang sh tests/stress/valgrind.sh build/tests/test_*
set -u
: "${LAIFANG:?LAIFANG=/abs/path/build/laifang}"
command -v valgrind >/dev/null 2>&1 || { echo "valgrind is missing (apt-get install valgrind)" >&2; exit 2; }
root=$(cd "$(dirname "$0")/../.." && pwd)
export LC_ALL=C.UTF-8
T=$(mktemp -d "${TMPDIR:-/tmp}/laifang-valgrind.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite --track-origins=yes --suppressions=$root/tests/valgrind.supp"
failed=0 passed=0

# run NAME CMD...: CMD under valgrind; its log is shown when it fails.
run() {
	_name=$1
	shift
	_start=$(date +%s)
	# shellcheck disable=SC2086 # VG is words
	$VG --log-file="$T/vg.log" "$@" >"$T/out" 2>&1 <"${IN:-/dev/null}"
	_rc=$?
	# Only errors give 99; the log may also hold valgrind's own notes
	# (an ioctl it does not know), which are not findings.
	if [ "$_rc" -eq 99 ]; then
		failed=$((failed + 1))
		echo "FAIL valgrind $_name (exit $_rc)"
		sed 's/^/    /' "$T/vg.log" | head -n 80
	elif [ "$_rc" -ne 0 ] && [ "${EXPECT_RC:-0}" != "$_rc" ]; then
		failed=$((failed + 1))
		echo "FAIL valgrind $_name: exit $_rc"
		sed 's/^/    /' "$T/out" | tail -n 30
	else
		passed=$((passed + 1))
		echo "PASS valgrind $_name ($(($(date +%s) - _start))s)"
	fi
}

cd "$root" || exit 2
for t in "$@"; do
	case "$t" in *.d) continue ;; esac # a shell glob of build/tests also brings make's .d files
	run "$(basename "$t")" "$t"
done

# A few batch commands on one database, as an office would run them.
db="$T/v.db"
pw() { printf '%s\n' "$@" >"$T/pw"; }
pw admin-secret-1
IN=$T/pw run "init" "$LAIFANG" --db "$db" init --admin admin --name 管理员 --password-stdin
pw admin-secret-1 clerk-secret-1
IN=$T/pw run "user add" "$LAIFANG" --db "$db" --user admin --password-stdin user add clerk --name 王小红 --roles clerk
pw clerk-secret-1
IN=$T/pw run "import" "$LAIFANG" --db "$db" --user clerk --password-stdin import tests/e2e/data/three.csv
IN=$T/pw EXPECT_RC=1 run "import (refused)" "$LAIFANG" --db "$db" --user clerk --password-stdin import tests/e2e/data/bad_row2.csv
pw admin-secret-1
IN=$T/pw run "export json" "$LAIFANG" --db "$db" --user admin --password-stdin export --format json
IN=$T/pw run "export csv" "$LAIFANG" --db "$db" --user admin --password-stdin export --format csv
run "check" "$LAIFANG" --db "$db" check
echo "valgrind: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
