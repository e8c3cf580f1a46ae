#!/bin/sh
# The stress tests on PostgreSQL (issue 14), short (`make stress-pg`, part
# of `make check`'s PostgreSQL pass: 8 desks x 200 saves through 10 server
# kills, about a minute and a half here) or long (`make stress`: 8 x 1,000
# without kills, then 8 x 1,000 through 50 kills). Each test starts a
# throwaway cluster of its own. LAIFANG and SAVER as for many.sh.
#
#   sh tests/stress/run_pg.sh short|long
set -u
dir=$(cd "$(dirname "$0")" && pwd)
case "${1:-short}" in
short) tests="server_kill_pg.sh 8 200 10" ;;
long) tests="many_pg.sh 8 1000;server_kill_pg.sh 8 1000 50" ;;
*) echo "usage: run_pg.sh short|long" >&2; exit 2 ;;
esac
failed=0
IFS=';'
for t in $tests; do
	unset IFS
	start=$(date +%s)
	# shellcheck disable=SC2086 # the arguments are words
	if sh "$dir"/$t; then
		echo "PASS stress ${t%% *} ($(($(date +%s) - start))s)"
	else
		echo "FAIL stress $t"
		failed=$((failed + 1))
	fi
	IFS=';'
done
unset IFS
[ "$failed" -eq 0 ]
