#!/bin/sh
# The PostgreSQL server killed under load (issue 14): PROCS long-lived
# desks (tests/stress/saver.c in "keep" mode: logged in once, each a
# connection of its own) save COUNT registrations each while the server's
# postmaster is SIGKILLed KILLS times, spread over the run, and started
# again each time. A desk whose save fails keeps its sheet, says the
# server does not answer, and saves it again once the server is back.
# After each kill: every desk saves again after the restart; every save
# acknowledged so far is in the database with its own case number; case
# numbers are gapless per year; `laifang check` is clean (the desks
# paused with SIGSTOP meanwhile, so check sees no write half-way through
# its reading). At the end: every sheet of every desk saved, each
# acknowledged once; a case never acknowledged is only a sheet saved
# again after its first commit landed and the answer was lost with the
# connection (at most one per desk and kill).
#
#   LAIFANG=build/laifang SAVER=build/stress/saver sh tests/stress/server_kill_pg.sh [PROCS [COUNT [KILLS]]]
. "$(dirname "$0")/lib_pg.sh"
: "${SAVER:?SAVER=/abs/path/build/stress/saver}"
PROCS=${1:-8}
COUNT=${2:-200}
KILLS=${3:-10}

setup_db
say "$PROCS desks x $COUNT saves on PostgreSQL, the server killed $KILLS times"
start=$(date +%s)
k=1 pids=
while [ "$k" -le "$PROCS" ]; do
	"$SAVER" "$DB" clerk "$CLERK_PW" "$COUNT" "T$k" keep >"$T/out.$k" 2>"$T/err.$k" &
	eval "pid_$k=$!"
	pids="$pids $!"
	k=$((k + 1))
done
acks() { cat "$T"/out.* | grep -c -E '^T[0-9]+-[0-9]+ [0-9]{4}-[0-9]{6}$'; }
acks_of() { grep -c -E '^T[0-9]+-[0-9]+ [0-9]{4}-[0-9]{6}$' "$T/out.$1"; }
running() { eval "kill -0 \$pid_$1" 2>/dev/null; }
# complete lines only: one cut by a pause is not yet an acknowledgement
acked_pairs() { cat "$T"/out.* | grep -E '^T[0-9]+-[0-9]+ [0-9]{4}-[0-9]{6}$' | sort; }

total=$((PROCS * COUNT))
r=1
while [ "$r" -le "$KILLS" ]; do
	# the kills spread over the saves: the r-th when r/(KILLS+1) of them are done
	target=$((r * total / (KILLS + 1)))
	n=0
	until [ "$(acks)" -ge "$target" ]; do
		n=$((n + 1))
		[ "$n" -lt 2400 ] || fail "kill $r: the desks reached only $(acks) of $target saves in 120 s: $(tail -n 3 "$T"/err.* | head -n 12)"
		sleep 0.05
	done
	sleep "$(awk -v ms="$(random_ms 100)" 'BEGIN { printf "%.3f", ms / 1000 }')"
	k=1
	while [ "$k" -le "$PROCS" ]; do
		eval "before_$k=$(acks_of "$k")"
		k=$((k + 1))
	done
	server_kill
	sleep 0.3
	server_start
	# every desk still saving saves again after the restart
	k=1
	while [ "$k" -le "$PROCS" ]; do
		n=0
		while running "$k" && [ "$(acks_of "$k")" -le "$(eval "echo \$before_$k")" ]; do
			n=$((n + 1))
			[ "$n" -lt 1200 ] || fail "kill $r: desk $k did not save again within 60 s after the restart: $(tail -n 3 "$T/err.$k")"
			sleep 0.05
		done
		k=$((k + 1))
	done
	# shellcheck disable=SC2086 # the pids are words
	kill -STOP $pids 2>/dev/null
	acked_pairs >"$T/acks"
	db_cases >"$T/cases"
	missing=$(comm -23 "$T/acks" "$T/cases")
	[ -z "$missing" ] || fail "kill $r: acknowledged but not in the database: $(echo "$missing" | head -n 5)"
	assert_gapless
	assert_check_clean
	# shellcheck disable=SC2086
	kill -CONT $pids 2>/dev/null
	r=$((r + 1))
done

failed=0
for pid in $pids; do
	wait "$pid" || failed=$((failed + 1))
done
secs=$(($(date +%s) - start))
grep -h '^ERROR' "$T"/err.* >"$T/errors" || true
[ ! -s "$T/errors" ] || fail "a desk gave up or was refused: $(head -n 5 "$T/errors")"
[ "$failed" -eq 0 ] || fail "$failed desk(s) did not save every sheet: $(tail -n 2 "$T"/err.* | head -n 10)"
# the desks said why they kept their sheets: the server does not answer
cat "$T"/err.* | grep '^KEPT ' >"$T/kept" || true
[ -s "$T/kept" ] || fail "no desk ever met the killed server (the kills missed every save?)"
! grep -v -q 'does not answer' "$T/kept" || fail "a kept sheet without the server named: $(grep -v 'does not answer' "$T/kept" | head -n 3)"

acked_pairs >"$T/acks"
[ "$(wc -l <"$T/acks")" -eq "$total" ] || fail "$(wc -l <"$T/acks") saves acknowledged, expected $total"
[ "$(cut -d' ' -f1 "$T/acks" | sort -u | wc -l)" -eq "$total" ] || fail "a sheet acknowledged twice"
db_cases >"$T/cases"
missing=$(comm -23 "$T/acks" "$T/cases")
[ -z "$missing" ] || fail "acknowledged but not in the database: $(echo "$missing" | head -n 5)"
# a case never acknowledged: a sheet whose first commit landed as the
# server died, saved again by its desk
comm -13 "$T/acks" "$T/cases" >"$T/extra"
extra=$(wc -l <"$T/extra")
[ "$extra" -le $((PROCS * KILLS)) ] || fail "$extra cases never acknowledged (at most one per desk and kill)"
stray=$(cut -d' ' -f1 "$T/extra" | sort -u | comm -23 - "$(cut -d' ' -f1 "$T/acks" | sort -u >"$T/sheets"; echo "$T/sheets")")
[ -z "$stray" ] || fail "cases of no sheet a desk saved: $stray"
assert_gapless
assert_check_clean
echo "ok [$NAME]: $total saves by $PROCS desks in ${secs}s, the server killed $KILLS times; $(cut -d' ' -f2 "$T/kept" | sort -u | wc -l) sheets kept and saved again ($(wc -l <"$T/kept") tries told the server does not answer), $extra saved twice (commit landed, answer lost), all acknowledged present, gapless, check clean after each kill"
