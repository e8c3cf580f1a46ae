#!/bin/sh
# Several desks see each other's work (issue 14): a desk showing a queue,
# then its home list, the search's hits and the waiting list, follows what another desk does (here the command
# line, acting as other clerks in other processes) without any key being
# pressed: a case accepted elsewhere leaves the screening queue, a case
# registered elsewhere comes onto it and onto today's list. The selection
# stays on the case it was on, the case marked with Space stays marked, and
# the status line says briefly that the list was updated. On SQLite the
# desk sees PRAGMA data_version move; on PostgreSQL (make e2e-pg) a
# notification of the channel laifang_change.
. "$(dirname "$0")/lib.sh"

lf_setup_office

# visits N FIRST: N visits received today, numbered from FIRST, as a CSV
visits() {
	echo "receptionist,received_on,name,sex,phone,id_number,address,content"
	_i=$2
	while [ "$_i" -lt $(($2 + $1)) ]; do
		_n=$(printf '%03d' "$_i")
		echo ",$TODAY,访客$_n,男,,$(id_number 44010619800101$_n),,来访事项$_n：反映问题。"
		_i=$((_i + 1))
	done
}

step "four visits registered by the clerk (command line)"
visits 4 1 >"$T/first.csv"
lf_import_csv "$T/first.csv"
assert_eq 4 "$(db_sql "SELECT count(*) FROM case_file WHERE status = 'registered'")" "registered cases"

step "the supervisor's desk shows the screening queue; 000002 marked, 000003 selected"
lf_start_as "$SUP_LOGIN" "$SUP_PW" --lang en
lf_open_queue "awaiting screening"
wait_for "4 case(s)"
wait_line 3 "$YEAR-000001"
keys Down Space
wait_for "1 marked"
assert_row_has "$YEAR-000002" "*"

step "another desk accepts 000001: it leaves the queue on this screen, no key pressed"
lf_case "$SUP_LOGIN" "$SUP_PW" accept "$YEAR-000001"
assert_case "$YEAR-000001" status accepted
wait_for "3 case(s)" 10
wait_gone "$YEAR-000001" 5
wait_for "Updated with another desk's changes." 5
wait_line 3 "$YEAR-000002"
assert_screen_has "1 marked"
assert_row_has "$YEAR-000002" "*"
assert_row_lacks "$YEAR-000003" "*"

step "the selection stayed on 000003 (by case, not by row): Enter opens it"
keys Enter
wait_for "群众来访登记表  $YEAR-000003"
keys Escape
wait_for "Queue: awaiting screening"
assert_screen_lacks "Updated with another desk's changes."

step "another clerk registers a visit: it comes onto the queue"
visits 1 5 >"$T/second.csv"
lf_import_csv "$T/second.csv"
assert_eq 4 "$(db_sql "SELECT count(*) FROM case_file WHERE status = 'registered'")" "registered cases"
wait_for "$YEAR-000005" 10
wait_for "4 case(s)" 5
assert_row_has "$YEAR-000005" 访客005

step "home: today's list follows too"
keys Escape
wait_for "Queues"
keys Escape
wait_for "Today's registrations: 5"
visits 1 6 >"$T/third.csv"
lf_import_csv "$T/third.csv"
assert_eq 6 "$(db_sql "SELECT count(*) FROM case_file WHERE received_on = '$TODAY'")" "cases received today"
wait_for "Today's registrations: 6" 10
assert_row_has "$YEAR-000006" 访客006
wait_for "Updated with another desk's changes." 5

step "a key clears the word"
keys Down
wait_gone "Updated with another desk's changes." 5

step "the search's hits follow too: a case accepted elsewhere shows its new state"
keys /
wait_for "Search:"
type_text 来访事项003
keys Enter
wait_row_with "$YEAR-000003" register # 9 wide: "register…", or whole on the selected row
assert_eq 1 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'search'")" "search audit entries"
lf_case "$SUP_LOGIN" "$SUP_PW" accept "$YEAR-000003"
assert_case "$YEAR-000003" status accepted
wait_row_with "$YEAR-000003" accepted 10
assert_row_has "Search:" 来访事项003
assert_eq 1 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'search'")" \
	"search audit entries (the hits are read again, not searched again)"
keys Escape
wait_for "Today's registrations: 6"

step "the desk quits cleanly"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "laifang's exit status after F10"

step "the clerk's waiting list follows too: a visitor put on it elsewhere comes, and goes when done"
lf_start_as "$CLERK_LOGIN" "$CLERK_PW" --lang en
keys F6
wait_for "Waiting list (候谈) · $TODAY"
wait_for "Nobody is waiting."
lf_case "$CLERK_LOGIN" "$CLERK_PW" wait "$YEAR-000006"
assert_case "$YEAR-000006" visit_state waiting
wait_for "$YEAR-000006" 10
assert_row_has "$YEAR-000006" 访客006
assert_screen_has "Visitors waiting: 1"
lf_case "$CLERK_LOGIN" "$CLERK_PW" visit-done "$YEAR-000006"
assert_case "$YEAR-000006" visit_state done
wait_gone "$YEAR-000006" 10
assert_screen_has "Visitors waiting: 0"
keys Escape
wait_for "Today's registrations: 6"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "laifang's exit status after F10"

assert_check_clean
pass
