#!/bin/sh
# One case's whole path under the 《信访工作条例》(issue 13, "Done when"):
# visit → accept (申诉求决类) → handle in-house → the written answer (答复意见书)
# printed and delivered → the petitioner's evaluation → 复查 requested within
# 30 days of the delivery → decided → 复核 requested → a hearing (听证) →
# decided → archived → the same person petitions again: laifang warns that
# the matter was re-reviewed (第三十六条). It never refuses a registration:
# the clerk judges; the warning is what is asserted.
#
# Scenario 1 runs entirely through `laifang case` (and `laifang print`,
# `laifang import`), days passing on the faked clock (lf_day N); at each
# step case_file.status, the case_event rows and the case_clock rows (route,
# object, handle, notify, review, rereview with the hearing's days added:
# each met on its day; a missed one is test_review.sh's) are checked, and `laifang check` is clean at the end.
#
# Scenario 2 takes a second case along the same path on the desk (tmux):
# through F7 on the case screen: accept as 申诉求决类, handle in-house, take
# up, report, reply, the evaluation, review request, review opinion,
# re-review request, re-review opinion; F9 prints the written answer and d
# records its delivery. Through the command line, because the desk has no
# key for them: the hearing (hearing-start / hearing-end); and the archive
# (done on the desk by test_workflow.sh already). Last, the clerk's new
# sheet for the same visitor shows the art. 36 warning.
#
# Not covered because the product has none: a printed review / re-review
# opinion (复查意见书 / 复核意见书) and its delivery; `laifang print
# --notice` knows no such kind, and the re-review request counts from the
# --received-on day given by hand.
#
# The written answer's fields (处理意见书: --opinion, --facts, --basis) are
# being added to `case reply`: they go on the one line of reply_step below.
. "$(dirname "$0")/lib.sh"

lf_setup_office
DEPT_LOGIN=dept DEPT_PW='Dept-pass-2026!' DEPT_NAME=吴承办
lf_user_add "$DEPT_LOGIN" "$DEPT_PW" --name "$DEPT_NAME" --roles handler --unit "$DEPT_UNIT"
ID1=$(id_number 11010519850315002) ID2=$(id_number 44010619790101003)
cat >"$T/visits.csv" <<CSV
receptionist,received_on,name,sex,phone,id_number,address,content
王敏,$TODAY,张秀兰,女,13812345678,$ID1,广州市越秀区,小区违建占用消防通道，编号CP11。
王敏,$TODAY,李建华,男,13912345678,$ID2,广州市天河区,单位拖欠工资三个月，编号CP22。
CSV
lf_import_csv "$T/visits.csv"
C1=$YEAR-000001 C2=$YEAR-000002
ANSWER="经核查，违建已于本月拆除，消防通道已恢复畅通。编号AN11"

OUT="$T/out"
# on_day N LOGIN PW ARG...: a `laifang case` step on day N that must succeed.
on_day() {
	_n=$1 _who=$2 _pw=$3
	shift 3
	lf_day "$_n" "$_who" "$_pw" case "$@" >"$OUT" 2>&1 || fail "laifang case $* on day $_n failed: $(cat "$OUT")"
}
# reply_step DAY CASE_NO: the written answer (处理意见书) by the department.
# The reply's further fields (--opinion support --facts T --basis T) are
# added on this one line.
reply_step() {
	on_day "$1" "$DEPT_LOGIN" "$DEPT_PW" reply "$2" --text "$ANSWER" --satisfaction 满意 \
		--opinion 予以支持 --facts "经现场核查，小区违建占用消防通道属实。" --basis "《中华人民共和国消防法》第二十八条"
}
# clock CASE_NO RULE COLUMN: a column of the case's clock of RULE.
clock() {
	db_sql "SELECT k.$3 FROM case_clock k JOIN case_file c ON c.id = k.case_id WHERE c.case_no = '$1' AND k.rule = '$2'"
}
# clocks CASE_NO: every clock as rule:state, by rule.
clocks() {
	db_sql "SELECT group_concat(r, ' ') FROM (SELECT k.rule || ':' || k.state AS r FROM case_clock k JOIN case_file c ON c.id = k.case_id WHERE c.case_no = '$1' ORDER BY k.rule) x"
}
# ev CASE_NO KIND COLUMN: a column of the case's last event of KIND.
ev() {
	db_sql "SELECT e.$3 FROM case_event e JOIN case_file c ON c.id = e.case_id WHERE c.case_no = '$1' AND e.kind = '$2' ORDER BY e.seq DESC LIMIT 1"
}
days_between() { echo $((($(date -d "$2" +%s) - $(date -d "$1" +%s)) / 86400)); }
pdf_text() { pdftotext -enc UTF-8 "$1" - | tr -d ' \n\f'; }
pdf_has() {
	case $(pdf_text "$1") in *"$2"*) ;; *) fail "$1 lacks [$2]: $(pdf_text "$1")" ;; esac
}
notice_no() { # CASE_NO KIND: the 文号 of the case's notice of KIND
	db_sql "SELECT n.doc_no FROM case_notice n JOIN case_file c ON c.id = n.case_id WHERE c.case_no = '$1' AND n.kind = '$2'"
}
delivery() { # CASE_NO KIND: method|tracking|delivered_on|refused of its delivery
	db_sql "SELECT d.method || '|' || coalesce(d.tracking, '') || '|' || d.delivered_on || '|' || d.refused FROM case_delivery d JOIN case_file c ON c.id = d.case_id WHERE c.case_no = '$1' AND d.notice_kind = '$2'"
}

# ============================================================================
step "1. day 0: accepted as 申诉求决类; the acceptance notice printed and delivered in person"
on_day 0 "$SUP_LOGIN" "$SUP_PW" accept "$C1" --kind claim
assert_case "$C1" status accepted
assert_case "$C1" kind claim
assert_eq "route:running handle:running" "$(db_sql "SELECT group_concat(r, ' ') FROM (SELECT k.rule || ':' || k.state AS r FROM case_clock k JOIN case_file c ON c.id = k.case_id WHERE c.case_no = '$C1' ORDER BY k.id) x")" \
	"the route clock (registration) and the handling clock (acceptance)"
assert_eq "$(day 15)" "$(clock "$C1" route due_on)" "route: 15 days from registration (art. 22)"
lf_day 0 "$SUP_LOGIN" "$SUP_PW" print "$C1" --notice accept -o "$T/accept.pdf" >"$OUT" 2>&1 || fail "print accept: $(cat "$OUT")"
pdf_has "$T/accept.pdf" 信访事项受理告知书
assert_eq running "$(clock "$C1" notify state)" "the notification clock opens with the printed notice"
on_day 0 "$SUP_LOGIN" "$SUP_PW" deliver "$C1" --notice accept --method in_person
assert_eq "in_person||$TODAY|0" "$(delivery "$C1" accept)" "the acceptance notice's delivery"
assert_eq met "$(clock "$C1" notify state)" "the notification clock, met at delivery (art. 23)"
assert_eq "$TODAY" "$(clock "$C1" notify stop_on)" "the notification clock stops on the day of delivery"

step "route in-house to $DEPT_UNIT; the department takes it up on day 1"
on_day 0 "$SUP_LOGIN" "$SUP_PW" route "$C1" --in-house --unit "$DEPT_UNIT"
assert_case "$C1" status in_house
assert_eq "met|in_house" "$(clock "$C1" route state)|$(clock "$C1" route stop_reason)" "the route clock, met by the routing"
assert_eq running "$(clock "$C1" object state)" "the unit's objection clock (art. 23)"
on_day 1 "$DEPT_LOGIN" "$DEPT_PW" take-up "$C1"
assert_case "$C1" status handling
assert_eq "met|take_up" "$(clock "$C1" object state)|$(clock "$C1" object stop_reason)" "the objection clock, met by the take-up"

step "day 5 the handling report, day 6 the written answer (答复意见书)"
on_day 5 "$DEPT_LOGIN" "$DEPT_PW" report "$C1" --text "已现场核实，违建已拆除。编号RP11"
assert_case "$C1" status reported
assert_eq "met|$(day 5)" "$(clock "$C1" handle state)|$(clock "$C1" handle stop_on)" "the handling clock, met by the report (art. 34)"
reply_step 6 "$C1"
assert_case "$C1" status replied
assert_eq "$ANSWER" "$(ev "$C1" reply text)" "the answer's text"
assert_eq "$DEPT_NAME" "$(ev "$C1" reply by_name)" "the department signs its answer"
assert_case "$C1" evaluation_due "$(day 36)"

step "the answer printed as a notice (信访事项答复意见书) on day 6 and posted, delivered on day 9"
lf_day 6 "$SUP_LOGIN" "$SUP_PW" print "$C1" --notice answer -o "$T/answer.pdf" >"$OUT" 2>&1 || fail "print answer: $(cat "$OUT")"
DOC=$(notice_no "$C1" answer)
[ -n "$DOC" ] || fail "the answer has no 文号"
pdf_has "$T/answer.pdf" 信访事项答复意见书
pdf_has "$T/answer.pdf" "$DOC"
pdf_has "$T/answer.pdf" "$C1"
pdf_has "$T/answer.pdf" 编号CP11
pdf_has "$T/answer.pdf" "$ANSWER"
pdf_has "$T/answer.pdf" 自收到本答复意见书之日起30日内
pdf_has "$T/answer.pdf" 第三十五条
pdf_has "$T/answer.pdf" 送达回证
# Who delivers the answer: the unit that answered (reply permission) or a
# supervisor (the office's post); a clerk cannot.
lf_day 9 "$CLERK_LOGIN" "$CLERK_PW" case deliver "$C1" --notice answer --method post --tracking EMS1100CN >"$OUT" 2>&1 &&
	fail "the clerk delivered the department's answer"
on_day 9 "$DEPT_LOGIN" "$DEPT_PW" deliver "$C1" --notice "$DOC" --method post --tracking EMS1100CN
assert_eq "post|EMS1100CN|$(day 9)|0" "$(delivery "$C1" answer)" "the answer's delivery by post"
# The evaluation period counts from the delivery now: 30 days from day 9.
assert_case "$C1" evaluation_due "$(day 39)"
assert_case "$C1" status replied
lf_day 9 "$SUP_LOGIN" "$SUP_PW" print "$C1" --notice answer -o "$T/answer2.pdf" >"$OUT" 2>&1 || fail "reprint: $(cat "$OUT")"
pdf_has "$T/answer2.pdf" 邮件单号：EMS1100CN

step "day 10: the petitioner's evaluation (office 满意, unit 不满意 with the reason)"
on_day 10 "$SUP_LOGIN" "$SUP_PW" evaluate "$C1" --office satisfied --unit dissatisfied --reason "认为拆除不彻底。"
assert_eq "satisfied|dissatisfied|认为拆除不彻底。" \
	"$(db_sql "SELECT v.office || '|' || v.unit || '|' || v.reason FROM case_evaluation v JOIN case_file c ON c.id = v.case_id WHERE c.case_no = '$C1'")" \
	"the evaluation"
assert_case "$C1" evaluation_due ""

step "day 38: 复查 requested — 32 days after the answer, 29 after its delivery: in time (art. 35)"
on_day 38 "$CLERK_LOGIN" "$CLERK_PW" review-request "$C1" --text "对答复意见不服，请求复查。编号RQ11"
assert_case "$C1" status review_requested
assert_eq "$(day 9)" "$(ev "$C1" review_request reason)" "the answer counts as received on its delivery"
assert_eq "running|$(day 38)" "$(clock "$C1" review state)|$(clock "$C1" review start_on)" "the review clock"
RDUE=$(clock "$C1" review due_on)
_d=$(days_between "$(day 38)" "$RDUE")
[ "$_d" -ge 30 ] && [ "$_d" -le 37 ] || fail "the review is due $RDUE, $_d days after the request"
assert_case "$C1" due_rule review

step "day 45: the review opinion (复查意见), signed by the leader; the clock met"
on_day 45 "$SUP_LOGIN" "$SUP_PW" review-decide "$C1" --opinion upheld --text "经复查，原答复意见正确，予以维持。编号RD11" --signer "$LEADER_LOGIN"
assert_case "$C1" status reviewed
assert_eq "upheld|$LEADER_NAME（$LEADER_TITLE）" "$(ev "$C1" review_decide reason)|$(ev "$C1" review_decide by_name)" "the review opinion"
assert_eq "met|$(day 45)" "$(clock "$C1" review state)|$(clock "$C1" review stop_on)" "the review clock"
assert_case "$C1" due_on ""

step "day 50: 复核 requested (the review opinion received on day 46)"
on_day 50 "$SUP_LOGIN" "$SUP_PW" rereview-request "$C1" --received-on "$(day 46)" --text "对复查意见不服，请求复核。"
assert_case "$C1" status rereview_requested
assert_eq "$(day 46)" "$(ev "$C1" rereview_request reason)" "the day the review opinion was received"
assert_eq running "$(clock "$C1" rereview state)" "the re-review clock"
DUE0=$(clock "$C1" rereview due_on)
_d=$(days_between "$(day 50)" "$DUE0")
[ "$_d" -ge 30 ] && [ "$_d" -le 37 ] || fail "the re-review is due $DUE0, $_d days after the request"

step "a hearing from day 55 to day 58: the clock paused, then its days added (art. 36)"
on_day 55 "$SUP_LOGIN" "$SUP_PW" hearing-start "$C1" --text "就复核事项举行听证。"
assert_eq paused "$(clock "$C1" rereview state)" "the re-review clock during the hearing"
on_day 58 "$SUP_LOGIN" "$SUP_PW" hearing-end "$C1" --text "听证认为原复查意见事实清楚。"
assert_eq running "$(clock "$C1" rereview state)" "the re-review clock after the hearing"
DUE1=$(clock "$C1" rereview due_on)
[ "$(days_between "$DUE0" "$DUE1")" -ge 3 ] || fail "the hearing's days were not added: $DUE0 → $DUE1"
# Kept as a code (clocks.h), separators shown here as | and :.
clock "$C1" rereview basis | tr '\037\036' '|:' | grep -q -F "|hearing:$(day 55):$(day 58)" ||
	fail "the basis does not name the hearing: $(clock "$C1" rereview basis)"
assert_case "$C1" status rereview_requested

step "the re-review opinion on the day after the first due date: met, the hearing not counted"
LATE=$(($(days_between "$TODAY" "$DUE0") + 1))
on_day "$LATE" "$SUP_LOGIN" "$SUP_PW" rereview-decide "$C1" --opinion upheld --text "经复核，维持复查意见。编号RR11" --signer "$LEADER_LOGIN"
assert_case "$C1" status rereviewed
assert_eq "met|$(day "$LATE")" "$(clock "$C1" rereview state)|$(clock "$C1" rereview stop_on)" "the re-review clock"
lf_day "$LATE" "$SUP_LOGIN" "$SUP_PW" case rereview-request "$C1" >"$OUT" 2>&1 && fail "a second re-review was taken"

step "archived the next day: every clock stopped where it was"
on_day $((LATE + 1)) "$ARCH_LOGIN" "$ARCH_PW" archive "$C1"
assert_case "$C1" status archived
_k=$(db_sql "SELECT group_concat(kind, ' ') FROM (SELECT e.kind FROM case_event e JOIN case_file c ON c.id = e.case_id WHERE c.case_no = '$C1' AND e.kind NOT LIKE 'clock%' AND e.kind NOT LIKE 'notice%' ORDER BY e.seq) k")
assert_eq "accept deliver in_house take_up report reply deliver evaluate review_request review_decide rereview_request hearing_start hearing_end rereview_decide archive" \
	"$_k" "the case's steps, in order"
assert_eq "handle:met notify:met object:met rereview:met review:met route:met" "$(clocks "$C1")" "every clock of the case"
assert_check_clean

step "day $((LATE + 2)): the same person, the same matter again: saved, with the art. 36 warning"
cat >"$T/again.csv" <<CSV
receptionist,received_on,name,sex,phone,id_number,address,content
王敏,$(day $((LATE + 2))),张秀兰,女,13812345678,$ID1,广州市越秀区,小区违建占用消防通道，再次反映，编号CP33。
CSV
lf_day $((LATE + 2)) "$CLERK_LOGIN" "$CLERK_PW" --lang en import "$T/again.csv" >"$T/again.out" 2>"$T/again.err" ||
	fail "the import failed: $(cat "$T/again.err")"
grep -q "again.csv:2: warning: .*re-review (复核) is concluded.*art. 36" "$T/again.err" ||
	fail "no art. 36 warning: $(cat "$T/again.err")"
C3=$(db_sql "SELECT case_no FROM case_file WHERE content LIKE '%编号CP33%'")
[ -n "$C3" ] || fail "the new visit was not saved"
assert_case "$C3" status registered

# ============================================================================
step "2. the desk (day 0, supervisor): F7 accepts $C2 as 申诉求决类 and routes it in-house"
# open_case TEXT CASE_NO: from home, search TEXT and open the case.
open_case() {
	keys /
	wait_for "Search"
	type_text "$1"
	keys Enter
	wait_for "$2"
	keys Enter
	wait_for "群众来访登记表  $2"
}
# f7 LABEL: the case screen's F7 menu, the item holding LABEL.
f7() {
	keys F7
	wait_for "Act on case $C2"
	menu_pick "$1"
}
_base=$LAIFANG
lf_start_as "$SUP_LOGIN" "$SUP_PW" --lang en
open_case 编号CP22 "$C2"
f7 "accept as 建议意见类"
wait_for "Accept case $C2 as"
menu_pick "申诉求决类"
wait_case "$C2" status accepted
assert_case "$C2" kind claim
f7 "handle in-house"
wait_for "handle in-house · case $C2"
assert_row_has Unit "$DEPT_UNIT"
assert_row_has "Due date" "$(clock "$C2" handle due_on)"
keys Tab Tab # the forwarding opinion (批转意见), signed with the routing
type_text 请综合科依法处理，编号FO21。
wait_row_with "Opinion (批转意见)" 请综合科依法处理，编号FO21。
keys F2
wait_gone "handle in-house · case"
wait_case "$C2" status in_house
assert_eq "routing|请综合科依法处理，编号FO21。" \
	"$(db_sql "SELECT n.kind || '|' || n.text FROM case_entry n JOIN case_file c ON c.id = n.case_id WHERE c.case_no = '$C2' AND n.kind = 'routing'")" \
	"the in-house routing's signed opinion"
assert_eq "$DEPT_UNIT" "$(db_sql "SELECT u.name FROM case_file c JOIN unit u ON u.id = c.lead_unit_id WHERE c.case_no = '$C2'")" "the lead unit"
assert_eq "met" "$(clock "$C2" route state)" "$C2's route clock"
keys F10
wait_exit

step "the desk (day 1, the department): take up, report, reply; F9 prints the answer, d records its delivery"
lf_day 1 "$DEPT_LOGIN" "$DEPT_PW" case show "$C2" >/dev/null 2>&1 # makes the day-1 wrapper
LAIFANG=$T/bin/laifang_day1
lf_start_as "$DEPT_LOGIN" "$DEPT_PW" --lang en
open_case 编号CP22 "$C2"
f7 "take up"
wait_for "take up case $C2?"
keys y
wait_case "$C2" status handling
assert_eq "met" "$(clock "$C2" object state)" "$C2's objection clock"
f7 "report handling"
wait_for "report handling · case $C2"
type_text "已约谈用人单位，工资已补发。编号RP22"
keys F2
wait_gone "report handling · case"
wait_case "$C2" status reported
assert_eq "met|$(day 1)" "$(clock "$C2" handle state)|$(clock "$C2" handle stop_on)" "$C2's handling clock"
f7 "record the reply"
wait_for "record the reply · case $C2"
# The written answer (第三十二条): the opinion, facts and reasons, legal basis.
type_text "经核查，拖欠工资已全部补发。编号AN22"
keys Tab Space
wait_row_with Satisfaction satisfied
keys Tab Space
wait_for "予以支持"
keys Tab
type_text "经核查，单位拖欠工资三个月属实。"
keys Tab
type_text "《保障农民工工资支付条例》"
keys F2
wait_gone "record the reply · case"
wait_case "$C2" status replied
assert_eq "经核查，拖欠工资已全部补发。编号AN22|$DEPT_NAME" "$(ev "$C2" reply text)|$(ev "$C2" reply by_name)" "$C2's answer"
assert_eq "support|经核查，单位拖欠工资三个月属实。|《保障农民工工资支付条例》" \
	"$(ev "$C2" reply answer_opinion)|$(ev "$C2" reply answer_facts)|$(ev "$C2" reply answer_basis)" "$C2's written answer's parts"
keys F9
wait_for "Print case $C2"
menu_pick "Written answer"
wait_for "PDF file"
keys C-u
type_text "$T/answer_desk.pdf"
keys Enter
wait_for "Written to"
keys Enter
wait_gone "Written to"
[ -f "$T/answer_desk.pdf" ] || fail "F9 wrote no file"
pdf_has "$T/answer_desk.pdf" 信访事项答复意见书
pdf_has "$T/answer_desk.pdf" 编号AN22
DOC2=$(notice_no "$C2" answer)
[ -n "$DOC2" ] || fail "the answer printed on the desk has no 文号"
keys d
menu_pick "$DOC2"
menu_pick "in person"
menu_pick "signed the receipt"
wait_for "Date (YYYY-MM-DD)"
keys Enter Enter
wait_for "is recorded"
assert_eq "in_person||$(day 1)|0" "$(delivery "$C2" answer)" "the answer's delivery recorded on the desk"
keys F10
wait_exit

step "the desk (day 5, supervisor): evaluation, review request and opinion, re-review request, a hearing, the re-review opinion"
lf_day 5 "$SUP_LOGIN" "$SUP_PW" case show "$C2" >/dev/null 2>&1
LAIFANG=$T/bin/laifang_day5
lf_start_as "$SUP_LOGIN" "$SUP_PW" --lang en
open_case 编号CP22 "$C2"
f7 "record the petitioner's evaluation"
wait_for "record the petitioner's evaluation (评价) · $C2"
keys Space
wait_row_with "Petition office" satisfied
keys Tab Space Space
wait_row_with "Handling unit" "basically"
keys F2
wait_gone "record the petitioner's evaluation (评价) ·"
_end=$(_deadline 10)
until [ "$(db_sql "SELECT v.office || '|' || v.unit FROM case_evaluation v JOIN case_file c ON c.id = v.case_id WHERE c.case_no = '$C2'")" = "satisfied|basically" ]; do
	[ "$(date +%s)" -le "$_end" ] || fail "the evaluation of $C2 never landed"
	sleep 0.1
done
f7 "record a request for review"
wait_for "Answer received on"
keys Tab
type_text "对答复不服，请求复查。编号RQ22"
keys F2
wait_case "$C2" status review_requested
assert_eq "$(day 1)" "$(ev "$C2" review_request reason)" "received on the day of the delivery recorded on the desk"
assert_eq running "$(clock "$C2" review state)" "$C2's review clock"
f7 "give the review opinion"
wait_for "give the review opinion (复查意见) · case $C2"
keys Space
wait_row_with "Review opinion" upheld
keys Tab
type_text "经复查，维持原答复意见。编号RD22"
keys F2
wait_case "$C2" status reviewed
assert_eq "upheld|$SUP_NAME" "$(ev "$C2" review_decide reason)|$(ev "$C2" review_decide by_name)" "$C2's review opinion"
assert_eq met "$(clock "$C2" review state)" "$C2's review clock"
f7 "record a request for re-review"
wait_for "Answer received on"
keys Tab
type_text "对复查意见不服，请求复核。编号RQ23"
keys F2
wait_case "$C2" status rereview_requested
assert_eq running "$(clock "$C2" rereview state)" "$C2's re-review clock"
DUE2=$(clock "$C2" rereview due_on)
# The hearing from the command line while the desk is open (no key for it).
on_day 5 "$SUP_LOGIN" "$SUP_PW" hearing-start "$C2" --text "听证。"
assert_eq paused "$(clock "$C2" rereview state)" "$C2's re-review clock during the hearing"
on_day 5 "$SUP_LOGIN" "$SUP_PW" hearing-end "$C2" --text "听证结束，事实清楚。"
[ "$(days_between "$DUE2" "$(clock "$C2" rereview due_on)")" -ge 1 ] ||
	fail "the hearing's day was not added: $DUE2 → $(clock "$C2" rereview due_on)"
f7 "give the re-review opinion"
wait_for "give the re-review opinion (复核意见) · case $C2"
keys Space
wait_row_with "Review opinion" upheld
keys Tab
type_text "经复核，维持复查意见。编号RR22"
keys F2
wait_case "$C2" status rereviewed
assert_eq "upheld|$SUP_NAME" "$(ev "$C2" rereview_decide reason)|$(ev "$C2" rereview_decide by_name)" "$C2's re-review opinion"
assert_eq met "$(clock "$C2" rereview state)" "$C2's re-review clock"
keys Tab
wait_for "办理过程  $C2"
assert_screen_has "State: re-reviewed"
keys F10
wait_exit
LAIFANG=$_base

step "archived (command line); the steps and clocks of the desk's case"
on_day 6 "$ARCH_LOGIN" "$ARCH_PW" archive "$C2"
assert_case "$C2" status archived
_k=$(db_sql "SELECT group_concat(kind, ' ') FROM (SELECT e.kind FROM case_event e JOIN case_file c ON c.id = e.case_id WHERE c.case_no = '$C2' AND e.kind NOT LIKE 'clock%' AND e.kind NOT LIKE 'notice%' ORDER BY e.seq) k")
assert_eq "accept in_house take_up report reply deliver evaluate review_request review_decide rereview_request hearing_start hearing_end rereview_decide archive" \
	"$_k" "$C2's steps, in order"
assert_eq "handle:met object:met rereview:met review:met route:met" "$(clocks "$C2")" "every clock of $C2"
assert_check_clean

step "the desk (day 7, clerk): a new sheet for $C2's visitor says the matter was re-reviewed (art. 36)"
lf_day 7 "$CLERK_LOGIN" "$CLERK_PW" case show "$C2" >/dev/null 2>&1
LAIFANG=$T/bin/laifang_day7
lf_start_as "$CLERK_LOGIN" "$CLERK_PW" --lang en
keys F4
wait_sheet
keys Tab Tab Tab # 性别, 联系电话, 身份证号码
type_text "$ID2"
wait_row_with 身份证号码 "$ID2"
keys Tab
wait_for "Is this visit the same matter"
assert_screen_has "re-review (复核) is concluded"
assert_screen_has "art. 36"
assert_screen_has "$C2"
keys n
wait_for "Not a repeat petition"
assert_screen_has "re-review (复核) is concluded"
LAIFANG=$_base
pass
