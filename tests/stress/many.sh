#!/bin/sh
# Many terminals: PROCS savers (tests/stress/saver.c: log in once, then
# lf_registration_save in a loop, as the sheet's F2) save COUNT registrations
# each into one database at once. Afterwards every acknowledged save is
# there and points at its own case, nothing else is, case numbers are unique
# and gapless per year, no store error (a "database is locked" included)
# reached a terminal, and `laifang check` is clean.
#
#   LAIFANG=build/laifang SAVER=build/stress/saver sh tests/stress/many.sh [PROCS [COUNT]]
. "$(dirname "$0")/lib.sh"
: "${SAVER:?SAVER=/abs/path/build/stress/saver}"
PROCS=${1:-8}
COUNT=${2:-1000}

setup_db
say "$PROCS terminals x $COUNT saves"
start=$(date +%s)
k=1 pids=
while [ "$k" -le "$PROCS" ]; do
	"$SAVER" "$DB" clerk "$CLERK_PW" "$COUNT" "T$k" >"$T/out.$k" 2>"$T/err.$k" &
	pids="$pids $!"
	k=$((k + 1))
done
failed=0
for pid in $pids; do
	wait "$pid" || failed=$((failed + 1))
done
secs=$(($(date +%s) - start))

cat "$T"/err.* | grep -v '^T[0-9]*: ' >"$T/errors" || true
errors=$(sed -n 's/^T[0-9]*: [0-9]* saved, \([0-9]*\) store errors.*/\1/p' "$T"/err.* | awk '{ s += $1 } END { print s + 0 }')
[ "$errors" -eq 0 ] || fail "$errors store error(s) reached a terminal: $(head -n 5 "$T/errors")"
! grep -q -i -e locked -e busy "$T"/err.* || fail "a terminal was told the database is locked: $(grep -i -m 3 -e locked -e busy "$T"/err.*)"
[ "$failed" -eq 0 ] || fail "$failed saver(s) failed: $(head -n 5 "$T/errors")"

grep -h -v '^READY$' "$T"/out.* | sort >"$T/acks"
want=$((PROCS * COUNT))
acks=$(wc -l <"$T/acks")
[ "$acks" -eq "$want" ] || fail "$acks saves acknowledged, expected $want"
n=$(sql "SELECT count(*) FROM case_file")
[ "$n" -eq "$want" ] || fail "the database holds $n cases, expected $want"
db_cases >"$T/cases"
cmp -s "$T/acks" "$T/cases" || fail "acknowledged saves and stored cases differ: $(diff "$T/acks" "$T/cases" | head -n 10)"
assert_gapless
assert_check_clean
years=$(sql "SELECT group_concat(year || ': ' || n, ', ') FROM (SELECT year, count(*) n FROM case_file GROUP BY year)")
echo "ok [$NAME]: $want saves by $PROCS terminals in ${secs}s, 0 store errors ($years), check clean"
