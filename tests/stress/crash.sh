#!/bin/sh
# Crashes: ROUNDS times start a saver (tests/stress/saver.c) and SIGKILL it
# at a random moment (0-400 ms into its saves). After each kill every save
# it acknowledged (printed a case number for) is in the database with its
# own content, at most one unacknowledged save per kill is there (committed
# in the instant before the number was printed), case numbers stay gapless
# and `laifang check` is clean. The TUI side (a sheet being typed comes
# back as a draft) is tests/e2e/test_crash.sh.
#
#   LAIFANG=build/laifang SAVER=build/stress/saver sh tests/stress/crash.sh [ROUNDS]
. "$(dirname "$0")/lib.sh"
: "${SAVER:?SAVER=/abs/path/build/stress/saver}"
ROUNDS=${1:-50}

setup_db
say "$ROUNDS kills"
: >"$T/acks"
r=1 unacked=0
while [ "$r" -le "$ROUNDS" ]; do
	"$SAVER" "$DB" clerk "$CLERK_PW" 1000000 "K$r" >"$T/out" 2>"$T/err" &
	pid=$!
	n=0
	until grep -q READY "$T/out" 2>/dev/null; do
		kill -0 "$pid" 2>/dev/null || fail "round $r: the saver ended before it was ready: $(cat "$T/err")"
		n=$((n + 1))
		[ "$n" -lt 600 ] || fail "round $r: the saver was not ready after 60 s"
		sleep 0.1
	done
	ms=$(random_ms 400)
	sleep "$(awk -v ms="$ms" 'BEGIN { printf "%.3f", ms / 1000 }')"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	rc=$?
	[ "$rc" -eq 137 ] || fail "round $r: the saver ended with $rc before the kill: $(cat "$T/err")"
	! grep -q '^ERROR' "$T/err" || fail "round $r: $(grep -m 3 '^ERROR' "$T/err")"
	# A line cut by the kill is not an acknowledgement.
	grep -v READY "$T/out" | grep -E '^K[0-9]+-[0-9]+ [0-9]{4}-[0-9]{6}$' >>"$T/acks"
	sort -o "$T/acks" "$T/acks"
	db_cases >"$T/cases"
	missing=$(comm -23 "$T/acks" "$T/cases")
	[ -z "$missing" ] || fail "round $r (killed after $ms ms): acknowledged but not in the database: $(echo "$missing" | head -n 5)"
	unacked=$(comm -13 "$T/acks" "$T/cases" | wc -l)
	[ "$unacked" -le "$r" ] || fail "round $r: $unacked cases were never acknowledged (at most one per kill): $(comm -13 "$T/acks" "$T/cases" | head -n 5)"
	assert_gapless
	assert_check_clean
	r=$((r + 1))
done
echo "ok [$NAME]: $ROUNDS kills, $(wc -l <"$T/acks") acknowledged saves all present, $unacked saved in the instant of a kill, check clean"
