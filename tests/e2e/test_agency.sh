#!/bin/sh
# Transfers and assignments come back (issue 11): a case transferred to an
# outside agency, which has no login, is closed by the office from the
# agency's answers recorded on the case screen — its receipt, its
# acceptance, its result with a scanned reply — then the office's reply and
# the archive. The co-agency named with the transfer, the answers and the
# archivist's missing list are on the timeline panel; the database holds
# the units, each answer with its date and the scan beside the database.
. "$(dirname "$0")/lib.sh"

NAME=何丽萍
RESULT=经查，用人单位已补发拖欠工资。编号AG27
REPLY=已将市住建局处理结果告知信访人。编号RP88

lf_setup_office
# One person of the office: 督办 and 归档 (the archivist sees the gate's list).
lf_user_add keeper keeper-secret-1 --name 郑馆长 --roles supervisor,archivist
cat >"$T/visits.csv" <<CSV
receptionist,received_on,name,sex,phone,id_number,address,content
王敏,$TODAY,$NAME,女,13812345678,$(id_number 11010519850315002),广州市越秀区,小区违建影响采光，编号AG11。
CSV
lf_import_csv "$T/visits.csv"
lf_admin unit add "$DISC_UNIT" --kind discipline >"$T/disc.out" 2>&1 || fail "unit add: $(cat "$T/disc.out")"
printf '%%PDF-1.4 市住建局复函\n' >"$T/复函.pdf"

step "accept and transfer to $PEER_UNIT with $LOWER_UNIT as co-agency"
lf_start_as keeper keeper-secret-1 --lang en
lf_open_queue "awaiting screening"
wait_for 2026-000001
keys Enter
wait_for "群众来访登记表  2026-000001"
keys F7
menu_pick accept
wait_for "accept case 2026-000001?"
keys y
wait_case 2026-000001 status accepted
keys F7
menu_pick transfer
wait_for "transfer · case 2026-000001"
assert_row_has "Unit" "$PEER_UNIT"
wait_for "Co-agencies"
keys Tab Tab Tab
# A co-agency not in the directory is refused, and the cursor goes back to
# its field from wherever it was (here the unit's, two fields up).
type_text 无此单位
wait_row_with "Co-agencies" 无此单位
keys BTab BTab F2
wait_for "co-agency: there is no unit"
assert_eq 0 "$(db_sql "SELECT count(*) FROM case_unit")" "the case's units after the refusal"
type_text 乙
wait_row_with "Co-agencies" 无此单位乙
keys BSpace BSpace BSpace BSpace BSpace
wait_gone 无此单位
# Enter on the co-agencies lists the units to add one; a discipline
# inspection body is not offered (a referral goes there alone).
assert_row_has "Co-agencies" "Enter: add"
# menu_lists NAME: NAME is an item of the open menu (│  N  NAME).
menu_lists() { screen | grep -E -q "[│x] +[1-9] +$1"; }
keys Enter
wait_for "$DEPT_UNIT"
settle
menu_lists "$PEER_UNIT" && fail "the lead unit is offered as a co-agency"
menu_pick "$LOWER_UNIT"
wait_row_with "Co-agencies" "$LOWER_UNIT"
keys Enter
wait_for "$DEPT_UNIT"
settle
assert_screen_lacks "$DISC_UNIT"
menu_lists "$LOWER_UNIT" && fail "a co-agency listed already is offered again"
menu_lists "$DEPT_UNIT" || fail "the menu lacks $DEPT_UNIT: $(screen)"
keys Escape
wait_gone "$DEPT_UNIT"
assert_row_has "Co-agencies" "$LOWER_UNIT"
assert_row_has "Unit" "$PEER_UNIT"
keys F2
wait_gone "transfer · case"
wait_case 2026-000001 status transferred
_units=$(db_sql "SELECT group_concat(cu.role || ':' || u.name, ' ') FROM (SELECT * FROM case_unit ORDER BY role DESC) cu JOIN unit u ON u.id = cu.unit_id")
assert_eq "lead:$PEER_UNIT co:$LOWER_UNIT" "$_units" "the case's units"

step "the co-agencies later: the same list, what is there kept"
keys F7
menu_pick "record the agency's answer"
menu_pick "co-agencies"
wait_row_with "Co-agencies" "$LOWER_UNIT"
keys Enter
wait_for "$DEPT_UNIT"
settle
menu_lists "$PEER_UNIT" && fail "the lead unit is offered as its own co-agency"
menu_lists "$LOWER_UNIT" && fail "a co-agency listed already is offered again"
menu_pick "$DEPT_UNIT"
wait_row_with "Co-agencies" "$LOWER_UNIT、$DEPT_UNIT"
keys Escape
wait_for "Leave without saving"
keys y
wait_gone "Co-agencies"
assert_eq "lead:$PEER_UNIT co:$LOWER_UNIT" "$(db_sql "SELECT group_concat(cu.role || ':' || u.name, ' ') FROM (SELECT * FROM case_unit ORDER BY role DESC) cu JOIN unit u ON u.id = cu.unit_id")" "the case's units, the form left"

step "the agency's receipt and acceptance, recorded by the office"
keys F7
menu_pick "record the agency's answer"
wait_for "The agency's answer · case 2026-000001"
menu_pick "received it"
wait_for "Date (YYYY-MM-DD)"
assert_row_has "Date (YYYY-MM-DD)" "$TODAY"
keys F2
wait_gone "Date (YYYY-MM-DD)"
_r=$(db_sql "SELECT kind || ' ' || on_date FROM case_agency_answer")
assert_eq "agency_receipt $TODAY" "$_r" "the receipt recorded"
assert_case 2026-000001 status transferred
keys F7
menu_pick "record the agency's answer"
wait_for "The agency's answer · case 2026-000001"
assert_screen_lacks "received it"
menu_pick "accepted it"
wait_for "Date (YYYY-MM-DD)"
keys F2
wait_case 2026-000001 status handling

step "its result, typed and scanned"
keys F7
menu_pick "record the agency's answer"
menu_pick "result"
wait_for "Result as written"
keys Tab
type_text "$RESULT"
wait_for "编号AG27"
keys Tab
type_text "$T/复函.pdf"
keys F2
wait_case 2026-000001 status reported
_f=$(db_sql "SELECT file_name || ' ' || file_sha256 FROM case_agency_answer WHERE kind = 'agency_result'")
assert_eq "复函.pdf $(sha256sum "$T/复函.pdf" | cut -d' ' -f1)" "$_f" "the scan recorded"
[ -f "$ATTACH_DIR/${_f#* }" ] || fail "the scan is not in the attachment directory"
_t=$(db_sql "SELECT text FROM case_event WHERE kind = 'agency_result'")
assert_eq "$RESULT" "$_t" "the result's text"
assert_eq "accept transfer agency_receipt agency_accept agency_result" "$(event_kinds 2026-000001)" "the events"

step "the timeline: the co-agency, the answers, and what the file lacks"
keys Tab
wait_for "办理过程  2026-000001"
assert_screen_has "Co-agencies (会办单位): $LOWER_UNIT"
assert_row_has "agency received it" "$TODAY"
assert_row_has "agency's result" "scan: 复函.pdf"
# and in the timeline, as steps signed by who recorded them
_page1=$(screen)
keys NPage
settle
printf '%s\n%s\n' "$_page1" "$(screen)" | grep "郑馆长  agency accepted it (接收)" >/dev/null ||
	fail "the timeline should show the agency's acceptance as recorded by 郑馆长"
keys PPage
assert_screen_has "Archive check: 3 missing:"
assert_screen_has "no reply to the visitor"
keys Tab
wait_for "群众来访登记表  2026-000001"

step "the office replies from the agency's result and archives"
keys F7
menu_pick "record the agency's answer"
menu_pick "record the reply"
wait_for "record the reply · case 2026-000001"
type_text "$REPLY"
wait_for "编号RP88"
keys Tab
keys Space # no satisfaction is chosen for the clerk: the first is "satisfied"
wait_row_with Satisfaction "satisfied"
keys F2
wait_case 2026-000001 status replied
keys Tab
wait_for "办理过程  2026-000001"
wait_for "Archive check: the file is complete."
keys Tab
wait_for "群众来访登记表  2026-000001"
keys F7
menu_pick archive
wait_for "archive case 2026-000001?"
keys y
wait_case 2026-000001 status archived
keys F10
wait_exit

step "archived: the agency's answers are locked too"
_n=$(db_sql "SELECT count(*) FROM case_agency_answer")
db_sql "DELETE FROM case_agency_answer" 2>"$T/del.err" && fail "deleting an archived case's answers should be refused"
grep -q "archived" "$T/del.err" || fail "the trigger should name the lock: $(cat "$T/del.err")"
assert_eq "$_n" "$(db_sql "SELECT count(*) FROM case_agency_answer")" "answers after the refused delete"
assert_check_clean

step "the case's export names the co-agency and the agency's answers"
lf_as keeper keeper-secret-1 export --case 2026-000001 --format json >"$T/case.json" 2>"$T/case.err" ||
	fail_batch "export --case: $(cat "$T/case.err")"
assert_eq "$LOWER_UNIT" "$(jq -r '.flow.co_units | join(",")' "$T/case.json")" "the exported co-agencies"
assert_eq "agency_receipt agency_accept agency_result" "$(jq -r '.flow.agency_answers | map(.kind) | join(" ")' "$T/case.json")" \
	"the exported answers"
assert_eq "复函.pdf" "$(jq -r '.flow.agency_answers[2].file_name' "$T/case.json")" "the exported scan"
pass
