#!/bin/sh
# A step on marked cases with a due date on a day off: one of the two was
# routed at another desk meanwhile, so the first refusal is that case's
# state; the weekend question is still asked for the other, "yes" takes it
# on the Saturday, and the message names the case refused.
. "$(dirname "$0")/lib.sh"

lf_setup_office

step "two visits, accepted"
{
	echo "receptionist,received_on,name,sex,phone,id_number,address,content"
	echo ",2026-11-23,访客甲,男,,$(id_number 44010619800101001),,来访事项甲：反映问题。"
	echo ",2026-11-23,访客乙,男,,$(id_number 44010619800101002),,来访事项乙：反映问题。"
} >"$T/two.csv"
lf_import_csv "$T/two.csv"
lf_case_to 2026-000001 accepted
lf_case_to 2026-000002 accepted

step "both marked; the first routed at another desk; both assigned on a Saturday"
lf_start_as "$SUP_LOGIN" "$SUP_PW" --lang en
lf_open_queue "awaiting routing"
wait_for "2 case(s)"
keys Space Space
wait_for "2 marked"
lf_case "$SUP_LOGIN" "$SUP_PW" route 2026-000001 --transfer "$PEER_UNIT"
keys F7
menu_pick assign
wait_for "assign · 2 marked case(s)"
keys Tab C-a C-k
type_text 2026-12-05
wait_row_with "Due date" 2026-12-05
keys F2
wait_for "Keep this due date?"
assert_screen_has "2026-12-05 is not a working day"
assert_case 2026-000002 status accepted
keys y
wait_for "1 of 2 marked cases done; the first refusal: 2026-000001"
assert_case 2026-000001 status transferred
assert_case 2026-000002 status assigned
_h=$(db_sql "SELECT k.due_on FROM case_clock k JOIN case_file c ON c.id = k.case_id WHERE c.case_no = '2026-000002' AND k.rule = 'handle' AND k.state = 'running'")
assert_eq 2026-12-05 "$_h" "the handling clock, on the Saturday kept"
keys Escape
wait_for "awaiting screening"
keys Escape
wait_gone "awaiting screening"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "exit status"
pass
