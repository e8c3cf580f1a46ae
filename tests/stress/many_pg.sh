#!/bin/sh
# Many terminals on PostgreSQL: tests/stress/many.sh's PROCS savers ×
# COUNT registrations into one server database at once. Every acknowledged
# save is there with its own content and nothing else is, case numbers are
# unique and gapless per year (the counter row locked in each save), no
# store error (a serialization failure or deadlock included: the store
# tries again) reached a terminal, and `laifang check` is clean.
#
#   LAIFANG=build/laifang SAVER=build/stress/saver sh tests/stress/many_pg.sh [PROCS [COUNT]]
. "$(dirname "$0")/lib_pg.sh"
: "${SAVER:?SAVER=/abs/path/build/stress/saver}"
PROCS=${1:-8}
COUNT=${2:-200}

setup_db
say "$PROCS terminals x $COUNT saves on PostgreSQL"
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

grep -h '^ERROR' "$T"/err.* >"$T/errors" || true
[ ! -s "$T/errors" ] || fail "$(wc -l <"$T/errors") store error(s) reached a terminal: $(head -n 5 "$T/errors")"
[ "$failed" -eq 0 ] || fail "$failed saver(s) failed: $(cat "$T"/err.* | head -n 5)"
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
years=$(sql "SELECT string_agg(year || ': ' || n, ', ' ORDER BY year) FROM (SELECT year, count(*) AS n FROM case_file GROUP BY year) AS y")
echo "ok [$NAME]: $want saves by $PROCS terminals in ${secs}s on PostgreSQL, 0 store errors ($years), check clean"
