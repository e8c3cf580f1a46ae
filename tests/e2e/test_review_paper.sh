#!/bin/sh
# The written review decisions (issue 13, 《信访工作条例》第三十五条、第三十六条):
# on the desk, the print menu (F9) offers the 复查意见书 only once the review
# opinion is given, and prints it (its 文号, the signer, the 30 days to ask
# for 复核, the 送达回证); through `laifang case deliver` the 复查意见书 is
# delivered, and the 复核 request's 30 days count from that delivery: the
# day after the last day is refused citing art. 36, the last day is taken;
# the 复核意见书 prints saying the matter is final. The database is checked
# with SQL. Days pass by running laifang on a clock moved N days ahead.
. "$(dirname "$0")/lib.sh"

command -v pdftotext >/dev/null 2>&1 || { echo "pdftotext is missing (poppler-utils)"; exit 1; }

lf_setup_office
cat >"$T/visits.csv" <<CSV
receptionist,received_on,name,sex,phone,id_number,address,content
王敏,$TODAY,张秀兰,女,13812345678,$(id_number 11010519850315002),广州市越秀区,小区违建占用消防通道，编号RP11。
CSV
lf_import_csv "$T/visits.csv"
C1=$YEAR-000001

pdf_text() { pdftotext -enc UTF-8 "$1" - 2>&1 | tr -d ' \n\f'; }
pdf_has() { pdf_text "$1" | grep -F -q -- "$2" || fail "expected \"$2\" in $1: $(pdf_text "$1")"; }
step_day() {
	_n=$1 _who=$2 _pw=$3
	shift 3
	lf_day "$_n" "$_who" "$_pw" case "$@" >"$T/day.out" 2>&1 || fail "laifang case $* on day $_n failed: $(cat "$T/day.out")"
}
ev() {
	db_sql "SELECT e.$3 FROM case_event e JOIN case_file c ON c.id = e.case_id WHERE c.case_no = '$1' AND e.kind = '$2' ORDER BY e.seq DESC LIMIT 1"
}
days_between() { echo $((($(date -d "$2" +%s) - $(date -d "$1" +%s)) / 86400)); }

step "replied on day 0, review asked on day 2"
lf_case_to "$C1" replied
step_day 2 "$CLERK_LOGIN" "$CLERK_PW" review-request "$C1" --text "对处理意见不服，请求复查。编号RQ1"
assert_case "$C1" status review_requested

step "the petitioner's evaluation form (可评价) printed once answered"
lf_day 3 "$CLERK_LOGIN" "$CLERK_PW" print "$C1" --notice evaluation -o "$T/evaluation.pdf" >"$T/p.out" 2>&1 ||
	fail "print --notice evaluation: $(cat "$T/p.out")"
pdf_has "$T/evaluation.pdf" 信访事项满意度评价表
pdf_has "$T/evaluation.pdf" "$C1"
pdf_has "$T/evaluation.pdf" "办理单位$PEER_UNIT"
pdf_has "$T/evaluation.pdf" 对信访部门的评价：□满意□基本满意□不满意
CODE=$(db_sql "SELECT q.code FROM case_query_code q JOIN case_file c ON c.id = q.case_id WHERE c.case_no = '$C1'")
[ -n "$CODE" ] || fail "the case has no query code"
pdf_has "$T/evaluation.pdf" "$(printf '%s' "$CODE" | cut -c1-4)-$(printf '%s' "$CODE" | cut -c5-8)"

step "on the desk (day 10): no review decision to print before the opinion; F7 gives it; F9 prints it"
lf_day 10 "$SUP_LOGIN" "$SUP_PW" case show "$C1" >/dev/null 2>&1 # makes the day-10 wrapper
_base=$LAIFANG
LAIFANG=$T/bin/laifang_day10
lf_start_as "$SUP_LOGIN" "$SUP_PW" --lang en
lf_open_queue "awaiting the review opinion"
assert_row_has "$C1" 张秀兰
keys Enter
wait_for "$C1"
keys F9
wait_for "Print case $C1"
assert_screen_has "Registration sheet"
assert_screen_has "信访事项满意度评价表" # answered: the petitioner's form is offered
assert_screen_lacks "复查意见书"
keys Escape
wait_gone "Print case $C1"
keys F7
wait_for "Act on case $C1"
menu_pick "give the review opinion"
wait_for "give the review opinion (复查意见) · case $C1"
keys Space
wait_row_with "Review opinion" "upheld"
keys Tab
type_text "经复查，原处理意见正确。编号TD1"
keys F2
wait_gone "give the review opinion (复查意见) · case"
wait_case "$C1" status reviewed
keys F9
wait_for "Print case $C1"
assert_screen_has "信访事项复查意见书"
assert_screen_lacks "复核意见书"
menu_pick "Review decision"
wait_for "PDF file"
keys C-u
type_text "$T/review_desk.pdf"
keys Enter
wait_for "Written to"
keys Enter
wait_gone "Written to"
keys F10
wait_exit
LAIFANG=$_base
[ -f "$T/review_desk.pdf" ] || fail "F9 wrote no file"
pdf_has "$T/review_desk.pdf" 信访事项复查意见书
pdf_has "$T/review_desk.pdf" "信〔$YEAR〕"                  # its 文号
pdf_has "$T/review_desk.pdf" 经复查，原处理意见正确。编号TD1
pdf_has "$T/review_desk.pdf" 四、复查意见（维持）
pdf_has "$T/review_desk.pdf" "签发人：$SUP_NAME"
pdf_has "$T/review_desk.pdf" 自收到本复查意见书之日起30日内
pdf_has "$T/review_desk.pdf" 第三十六条第一款
pdf_has "$T/review_desk.pdf" 送达回证
DOCNO=$(db_sql "SELECT n.doc_no FROM case_notice n JOIN case_file c ON c.id = n.case_id WHERE c.case_no = '$C1' AND n.kind = 'review'")
[ -n "$DOCNO" ] || fail "the review decision has no 文号 on record"
pdf_has "$T/review_desk.pdf" "$DOCNO"
assert_eq 1 "$(db_sql "SELECT count(*) FROM audit_log a JOIN case_file c ON c.id = a.record WHERE c.case_no = '$C1' AND a.action = 'case.print' AND a.changes LIKE '%\"review\"%'")" "the print is audited"

step "the 复查意见书 delivered on day 12 through laifang case deliver"
step_day 12 "$SUP_LOGIN" "$SUP_PW" deliver "$C1" --notice review --method in_person
assert_eq "review|$DOCNO|in_person|$(day 12)" \
	"$(db_sql "SELECT d.notice_kind || '|' || d.doc_no || '|' || d.method || '|' || d.delivered_on FROM case_delivery d JOIN case_file c ON c.id = d.case_id WHERE c.case_no = '$C1'")" \
	"the delivery row"

step "复核 30 days from the delivery: the day after the last day refused (art. 36), the last day taken"
lf_day 70 "$CLERK_LOGIN" "$CLERK_PW" case --lang en rereview-request "$C1" >"$T/late.out" 2>"$T/late.err"
[ $? = 1 ] || fail "a request on day 70 was not refused: $(cat "$T/late.out" "$T/late.err")"
grep -F -q "art. 36" "$T/late.err" || fail "the refusal cites no art. 36: $(cat "$T/late.err")"
grep -F -q "received on $(day 12)" "$T/late.err" || fail "the refusal does not count from the delivery: $(cat "$T/late.err")"
LAST=$(sed -n 's/.*the last day was \([0-9-]*\).*/\1/p' "$T/late.err")
[ -n "$LAST" ] || fail "no last day in: $(cat "$T/late.err")"
_d=$(days_between "$(day 12)" "$LAST")
[ "$_d" -ge 30 ] && [ "$_d" -le 37 ] || fail "the last day $LAST is $_d days after the delivery (30, or the next working day)"
N=$(days_between "$TODAY" "$LAST")
lf_day $((N + 1)) "$CLERK_LOGIN" "$CLERK_PW" case rereview-request "$C1" >"$T/late.out" 2>"$T/late.err"
[ $? = 1 ] || fail "a request the day after $LAST was not refused: $(cat "$T/late.out" "$T/late.err")"
grep -F -q "第三十六条" "$T/late.err" || fail "the refusal cites no 第三十六条: $(cat "$T/late.err")"
assert_case "$C1" status reviewed
assert_eq 0 "$(db_sql "SELECT count(*) FROM case_event e JOIN case_file c ON c.id = e.case_id WHERE c.case_no = '$C1' AND e.kind = 'rereview_request'")" "no event for the refused request"
step_day "$N" "$CLERK_LOGIN" "$CLERK_PW" rereview-request "$C1" --text "对复查意见不服，请求复核。"
assert_case "$C1" status rereview_requested
assert_eq "$(day 12)" "$(ev "$C1" rereview_request reason)" "the day the review opinion was received: its delivery"

step "the 复核意见书: final, the same facts not accepted again"
step_day $((N + 5)) "$SUP_LOGIN" "$SUP_PW" rereview-decide "$C1" --opinion revoked --text "经复核，撤销复查意见。编号RR2" --signer "$LEADER_LOGIN"
assert_case "$C1" status rereviewed
lf_day $((N + 5)) "$CLERK_LOGIN" "$CLERK_PW" print "$C1" --notice rereview -o "$T/rereview.pdf" >"$T/p.out" 2>&1 ||
	fail "print --notice rereview: $(cat "$T/p.out")"
pdf_has "$T/rereview.pdf" 信访事项复核意见书
pdf_has "$T/rereview.pdf" "$DOCNO"                 # the review opinion it re-reviews
pdf_has "$T/rereview.pdf" 四、复核意见（撤销）
pdf_has "$T/rereview.pdf" 编号RR2
pdf_has "$T/rereview.pdf" "签发人：$LEADER_NAME"
pdf_has "$T/rereview.pdf" 最终处理意见
pdf_has "$T/rereview.pdf" 第三十六条第三款
pdf_has "$T/rereview.pdf" 不再受理
pdf_has "$T/rereview.pdf" 送达回证
step_day $((N + 6)) "$SUP_LOGIN" "$SUP_PW" deliver "$C1" --notice rereview --method post --tracking SF2026
assert_eq "rereview|post|SF2026" \
	"$(db_sql "SELECT d.notice_kind || '|' || d.method || '|' || d.tracking FROM case_delivery d JOIN case_file c ON c.id = d.case_id WHERE c.case_no = '$C1' AND d.notice_kind = 'rereview'")" \
	"the re-review decision's delivery"
assert_check_clean
pass
