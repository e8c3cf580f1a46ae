#!/bin/sh
# The queues (issue 4): 70 cases imported at once; the supervisor's queue
# menu counts them; an urgent case sorts first; the list pages past its
# first screen and past the store's first page (keyset paging) down to the
# last case, and Enter opens the right one; End and Home jump to the ends;
# marked cases stay marked while far from the view and take one step
# together (acceptance, then an assignment with one unit and due date).
. "$(dirname "$0")/lib.sh"

N=70
lf_setup_office

step "the clerk imports $N visits"
{
	echo "receptionist,received_on,name,sex,phone,id_number,address,content"
	i=1
	while [ "$i" -le "$N" ]; do
		n=$(printf '%03d' "$i")
		echo ",2026-11-23,访客$n,男,,$(id_number 44010619800101$n),,来访事项$n：反映问题。"
		i=$((i + 1))
	done
} >"$T/many.csv"
lf_import_csv "$T/many.csv"
_n=$(db_sql "SELECT count(*) FROM case_file WHERE status = 'registered'")
assert_eq "$N" "$_n" "registered cases after the import"

step "home: the day's $N cases counted, End and Home jump to the oldest and the newest"
lf_start_as "$SUP_LOGIN" "$SUP_PW" --lang en
wait_for "Today's registrations: $N"
wait_line 3 2026-000070
keys End
wait_for 2026-000001
assert_screen_lacks 2026-000070
keys Home
wait_line 3 2026-000070
assert_screen_lacks 2026-000001

step "the supervisor's menu counts every queue"
keys F7
wait_for "awaiting screening"
assert_row_has "awaiting screening" " $N"
assert_row_has "awaiting routing" " 0"
assert_row_has "assigned, not taken up" " 0"
keys Escape

step "he flags case 2026-000050 urgent: it sorts first"
lf_open_queue "awaiting screening"
assert_screen_has "$N case(s)"
wait_line 3 2026-000001
queue_find 来访事项050
wait_line 3 2026-000050
keys Enter
wait_for "群众来访登记表  2026-000050"
keys F7
menu_pick "urgent / major flags"
wait_row_with "Urgent" "no"
keys Space
wait_row_with "Urgent" "yes"
keys F2
wait_gone "Urgent"
wait_case 2026-000050 urgent 1
keys Escape
wait_for "Queue: awaiting screening"
keys F3
menu_pick "Clear every filter"
wait_for "$N case(s)"
wait_line 3 2026-000050
assert_row_has 2026-000050 急
assert_row_has 2026-000050 访客050
assert_row_has 2026-000050 "2026-12-08 (11 left)"
assert_line_4=$(screen_line 4)
case "$assert_line_4" in *2026-000001*) ;; *) fail "the second row should be 2026-000001: [$assert_line_4]" ;; esac

step "paging: past the first screen and the first page of 50, to the last case"
keys NPage NPage
wait_for 2026-000030
assert_screen_lacks 2026-000050
keys NPage NPage NPage
wait_for 2026-000070
assert_row_has 2026-000070 访客070
keys Enter
wait_for "群众来访登记表  2026-000070"
wait_row_with 来访人姓名 访客070
keys Escape
wait_for "Queue: awaiting screening"

step "three marked cases accepted at once"
keys Home
wait_line 3 2026-000050
keys Down Space Space Space
wait_for "3 marked"
assert_row_has 2026-000001 "*"
# End reads only the last page (the window lets the first rows go); the
# marks are kept apart from the rows: back at the top they are still there
keys End
wait_for 2026-000070
assert_screen_lacks 2026-000001
assert_screen_has "3 marked"
keys PgUp PgUp # the rows above the last page, read upwards
wait_for 2026-000040
keys Home
wait_line 3 2026-000050
assert_row_has 2026-000001 "*"
assert_row_has 2026-000003 "*"
keys F7
menu_pick accept
wait_for "the 3 marked case(s)?"
keys y
wait_for "3 of 3 marked cases done."
wait_for "67 case(s)"
for c in 2026-000001 2026-000002 2026-000003; do
	assert_case "$c" status accepted
done
assert_case 2026-000004 status registered
assert_case 2026-000050 status registered
keys Escape
keys F7
wait_for "awaiting routing"
assert_row_has "awaiting screening" " 67"
assert_row_has "awaiting routing" " 3"

step "the three assigned together: one unit and one due date"
menu_pick "awaiting routing"
wait_for "Queue: awaiting routing"
wait_for "3 case(s)"
keys Space Space Space
wait_for "3 marked"
keys F7
menu_pick assign
wait_for "assign · 3 marked case(s)"
assert_row_has Unit "$LOWER_UNIT"
assert_row_has "Due date" 2027-01-22
keys Tab C-a C-k
type_text 2027-01-08
keys F2
wait_for "3 of 3 marked cases done."
wait_for "0 case(s)"
for c in 2026-000001 2026-000002 2026-000003; do
	assert_case "$c" status assigned
	# The date set is the handling clock's; the case's earliest running
	# clock is the lower agency's 5 working days to object.
	_h=$(db_sql "SELECT k.due_on FROM case_clock k JOIN case_file c ON c.id = k.case_id WHERE c.case_no = '$c' AND k.rule = 'handle' AND k.state = 'running'")
	assert_eq 2027-01-08 "$_h" "case $c's handling clock"
	assert_case "$c" due_rule object
	_u=$(db_sql "SELECT u.name FROM case_file c JOIN unit u ON u.id = c.lead_unit_id WHERE c.case_no = '$c'")
	assert_eq "$LOWER_UNIT" "$_u" "case $c's lead unit"
done
keys Escape
keys F7
wait_for "assigned, not taken up"
assert_row_has "assigned, not taken up" " 3"
keys Escape
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "exit status"
pass
