#!/bin/sh
# The tests that need a PostgreSQL server: the cmocka programs built from
# tests/pg/test_*.c and the scripts tests/pg/test_*.sh (which drive
# $LAIFANG). One throwaway cluster (tests/pg/cluster.sh), a fresh database
# for each test, LAIFANG_PG_URL naming it. Prints "pg-unit: N passed, N failed".
#   sh tests/pg/unit.sh PROGRAM_OR_SCRIPT...
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
export LC_ALL=C.UTF-8
passed=0 failed=0
tmp=$(mktemp -d /tmp/laifang-pgu.XXXXXX) || exit 2
chmod 0711 "$tmp"
cluster=$tmp/pg
XDG_CONFIG_HOME=$tmp/config
export XDG_CONFIG_HOME
trap 'sh "$root/tests/pg/cluster.sh" stop "$cluster"; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
if ! url=$(sh "$root/tests/pg/cluster.sh" start "$cluster"); then
	echo "pg-unit: the throwaway PostgreSQL cluster did not start (tools/deps.sh installs postgresql)" >&2
	echo "pg-unit: 0 passed, 1 failed"
	exit 1
fi
bindir=${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
log=$tmp/log
n=0
for t in "$@"; do
	n=$((n + 1))
	db=laifang_t$n
	"$bindir/psql" -X -q -d "$url" -c "CREATE DATABASE $db" >/dev/null || { failed=$((failed + 1)); continue; }
	export LAIFANG_PG_URL LAIFANG_PG_CLUSTER="$cluster"
	LAIFANG_PG_URL=$(echo "$url" | sed "s|///laifang|///$db|")
	case $t in
	*.sh) sh "$t" >"$log" 2>&1 ;;
	*) "$t" >"$log" 2>&1 ;;
	esac
	rc=$?
	cat "$log"
	case $t in
	*.sh)
		p=$(sed -n 's/^[a-z-]*: \([0-9]*\) passed, [0-9]* failed$/\1/p' "$log" | tail -n 1)
		f=$(sed -n 's/^[a-z-]*: [0-9]* passed, \([0-9]*\) failed$/\1/p' "$log" | tail -n 1)
		;;
	*)
		p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
		f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
		;;
	esac
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
	if [ "$rc" -ne 0 ] && [ -z "$f" ]; then
		echo "BROKEN: $t exited with $rc" >&2
		failed=$((failed + 1))
	fi
done
echo "pg-unit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
