#!/bin/sh
# The desk when the server dies (issue 14): a clerk has typed a sheet in
# the desk (tmux), the PostgreSQL server is killed (SIGKILL to the
# postmaster), F2 says the server does not answer and keeps everything
# typed; F2 again while it is still down says so again; once the server is
# back the same F2 saves it as the first case, on the same desk, without
# logging in again, and `laifang check` is clean. Many desks and many
# kills: tests/stress/server_kill_pg.sh.
# LAIFANG_PG_URL and LAIFANG_PG_CLUSTER from tests/pg/unit.sh; the desk is
# driven by tests/e2e/lib.sh on a database of its own in that cluster.
E2E_PG_URL=${LAIFANG_PG_URL:?LAIFANG_PG_URL names the database}
cluster=${LAIFANG_PG_CLUSTER:?LAIFANG_PG_CLUSTER names the cluster folder}
root=$(cd "$(dirname "$0")/../.." && pwd)
export E2E_PG_URL
E2E_LIB_DIR=$root/tests/e2e
. "$root/tests/e2e/lib.sh"
# the server up again whatever happens: the tests after this one use it
trap 'sh "$root/tests/pg/cluster.sh" start "$cluster" >/dev/null 2>&1; _cleanup' EXIT

server_kill() {
	_pid=$(head -n 1 "$cluster/data/postmaster.pid" 2>/dev/null)
	[ -n "$_pid" ] && kill -KILL "$_pid" || fail "could not kill the server"
	# until its socket no longer answers
	_n=0
	while "$PG_BIN/pg_isready" -q -h "$cluster" -d postgres; do
		_n=$((_n + 1))
		[ "$_n" -lt 100 ] || fail "the killed server still answers"
		sleep 0.1
	done
}

lf_setup
NAME=司马相如
ID=$(id_number 51010219900101003)
CONTENT=反映邻居装修噪音扰民，夜间施工。标记SK4

step "a sheet typed on the desk"
lf_start_as "$CLERK_LOGIN" "$CLERK_PW" --lang en
keys F4
wait_sheet
type_text "$NAME"
keys Tab Tab Tab
type_text "$ID"
keys Tab Tab
type_text "$CONTENT"
wait_for 标记SK4

step "the server killed: F2 keeps the sheet and says the server does not answer"
server_kill
keys F2
wait_for "Not saved: The database server of"
# the message is one row: a wide terminal shows all of it
resize 240 30
wait_for "does not answer"
wait_for "Everything typed is still here; press F2 to try again."
resize 80 24
# (the two rows of the message scroll the sheet's first rows away)
assert_row_has 身份证号码 "$ID"
assert_screen_has 标记SK4
wait_draft 标记SK4
assert_screen_lacks "Saved as case"

step "F2 again while it is down: the same"
keys F2
resize 240 30
wait_for "does not answer"
resize 80 24
assert_screen_has 标记SK4
lf_exited && fail "the desk ended while the server was down"

step "the server back: the same F2 saves"
sh "$root/tests/pg/cluster.sh" start "$cluster" >"$T/start.out" 2>&1 || fail_batch "the server did not start again: $(cat "$T/start.out")"
keys F2
wait_for "Saved as case $YEAR-000001"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "laifang's exit status after F10"
assert_cases 1
assert_json 0 name "$NAME"
assert_json 0 content "$CONTENT"
assert_check_clean
[ "$SOFT_FAILS" -eq 0 ] && echo "pg-desk-server-kill: 1 passed, 0 failed"
pass
