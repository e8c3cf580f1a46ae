#!/bin/sh
# The unit head approves the handling report they read (处室负责人审核).
# The case waits in the unit head's 待审核 queue (reports awaiting approval)
# until a report of it is approved. The approval form shows the latest
# report, its worker and time, read-only. While it is open, the worker
# signs a second report at another desk (the answer was 不满意 and the case
# was sent back, 重办). Saving then approves nothing: the desk says a later
# report was signed and shows it in the form, the opinion typed kept; F2
# then approves it, and the approval names it (case_entry.refers = 2).
# `case approve --report 1` is refused alike. A long report gets the
# window's spare rows in the form (12 paragraphs at 80×24).
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null 2>&1 || fail "python3 is missing"

HEAD_LOGIN=head
HEAD_PW=head-secret-1
lf_setup_office
lf_user_add "$HEAD_LOGIN" "$HEAD_PW" --name 郑科长 --title 科长 --roles unit_head --unit "$PEER_UNIT"
cat >"$T/visits.csv" <<CSV
receptionist,received_on,name,sex,phone,id_number,address,content
王敏,$TODAY,李建华,男,13912345678,$(id_number 44010619790101003),广州市天河区,拖欠工资三个月，编号AP11。
王敏,$TODAY,赵国强,男,13712345678,$(id_number 44010619800202004),广州市海珠区,小区噪音扰民，编号AP33。
CSV
lf_import_csv "$T/visits.csv"
C1=$YEAR-000001 C2=$YEAR-000002
lf_case_to "$C1" reported

step "the unit head's 待审核 queue holds the case; the approval form shows the worker's report"
lf_start_as "$HEAD_LOGIN" "$HEAD_PW" --lang en
lf_open_queue "reports awaiting approval"
wait_for "1 case(s)"
wait_line 3 "$C1"
keys Enter
wait_for "群众来访登记表  $C1"
keys F7
menu_pick "approve the handling report"
wait_for "已核实情况并答复信访人。"
wait_for "case worker: $HANDLER_NAME"
wait_for "同意"
keys F1 # the report whole, however long
wait_for "The handling report you approve, whole:"
assert_screen_has "已核实情况并答复信访人。"
keys Escape
wait_gone "The handling report you approve, whole:"

step "meanwhile: 不满意, sent back (重办), and a second report signed at another desk"
lf_case "$HANDLER_LOGIN" "$HANDLER_PW" reply "$C1" --text "已书面答复。" --satisfaction 满意
lf_case "$HANDLER_LOGIN" "$HANDLER_PW" evaluate "$C1" --office 满意 --unit 不满意 --reason 工资仍未发放。
lf_case "$SUP_LOGIN" "$SUP_PW" redo "$C1" --reason 单位答复未落实，重新办理。 --due "$(day 20)" --allow-nonworking
lf_case "$HANDLER_LOGIN" "$HANDLER_PW" report "$C1" --text "工资已全额补发，编号AP22。"
assert_eq 2 "$(db_sql "SELECT count(*) FROM case_entry e JOIN case_file c ON c.id = e.case_id WHERE c.case_no = '$C1' AND e.kind = 'handling'")" \
	"two handling reports"

step "saving the form approves nothing: a later report was signed; the form shows it, the opinion kept"
type_text "，请按期答复。" # the cursor is in the opinion, after 同意
wait_row_with "Approval opinion" "同意，请按期答复。"
keys F2
wait_for "signed at another desk"
wait_for "工资已全额补发，编号AP22。"
assert_screen_lacks "已核实情况并答复信访人。"
assert_row_has "Approval opinion" "同意，请按期答复。"
assert_eq 0 "$(db_sql "SELECT count(*) FROM case_entry WHERE kind = 'approval'")" "no approval of an unread report"
assert_eq 0 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'case.approve_report'")" "no approval in the audit log"

step "the command line is refused the same way: --report 1 names the report read"
lf_as "$HEAD_LOGIN" "$HEAD_PW" --lang en case approve "$C1" --report 1 >"$T/ap.out" 2>&1 &&
	fail "case approve --report 1 approved an unread report: $(cat "$T/ap.out")"
grep -F -q "signed at another desk after report 1" "$T/ap.out" || fail "case approve --report 1 says: $(cat "$T/ap.out")"
assert_eq 0 "$(db_sql "SELECT count(*) FROM case_entry WHERE kind = 'approval'")" "no approval from the command line"

step "F2 on the report now shown approves it, and names it"
keys F1 # the whole text is the second report's now
wait_for "The handling report you approve, whole:"
assert_screen_has "工资已全额补发，编号AP22。"
keys Escape
wait_gone "The handling report you approve, whole:"
# Two lines pasted by a terminal without bracketed paste: its line break
# comes as Enter, on the form's last field, and must not sign it.
tm set-buffer -b lfpaste "$(printf '另请抄送。\n第二行：市人社局。')"
tm paste-buffer -b lfpaste -t "$TARGET"
wait_for "第二行：市人社局。"
settle
assert_screen_has "Approval opinion"
assert_eq 0 "$(db_sql "SELECT count(*) FROM case_entry WHERE kind = 'approval'")" "nothing signed by a pasted line break"
keys F2
wait_for "approved"
wait_gone "工资已全额补发，编号AP22。"
assert_eq "2|郑科长（科长）|同意，请按期答复。另请抄送。
第二行：市人社局。" \
	"$(db_sql "SELECT refers || '|' || signer_name || '|' || text FROM case_entry WHERE kind = 'approval'")" \
	"the approval of report 2"
# On the case's timeline each report once: its step, not its entry again.
keys F5
wait_for "办理过程  $C1"
page_until "编号AP22"
assert_eq 1 "$(screen | grep -c 编号AP22)" "report 2's lines on the timeline"

step "back in the queue: approved, the case has left it"
keys Escape
wait_for "0 case(s)"
assert_screen_lacks "$C1"

step "a long report: the form gives it the window's spare rows, the opinion stays on screen"
lf_case_to "$C2" handling
i=1
while [ $i -le 12 ]; do
	printf '第%d段：经现场核查，噪音来自楼下商铺的空调外机，已责令其限期整改并回访住户。\n' $i
	i=$((i + 1))
done >"$T/long.txt"
lf_case "$HANDLER_LOGIN" "$HANDLER_PW" report "$C2" --text-file "$T/long.txt"
keys F5
wait_line 3 "$C2"
keys Enter
wait_for "群众来访登记表  $C2"
keys F7
menu_pick "approve the handling report"
wait_for "第1段"
assert_screen_has "第8段" # past the four rows the box had
assert_screen_has "Approval opinion"
keys Escape
wait_gone "Approval opinion"
keys Escape
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "exit status"
assert_check_clean
pass
