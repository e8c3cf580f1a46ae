#!/bin/sh
# 诉访分离 and the 复查 case from a lower office (issue 13; 信访工作条例
# 第二十二条第二款, 第三十条, 第三十一条第（一）项, 第三十五条).
# On the desk, the supervisor screens a claim (申诉求决类) whose matter
# belongs to litigation and transfers it to a court (a unit of kind law):
# the case takes the category claim and the state law_referred, the notice
# is its own, the route clock stops, the desk and the database agree. From
# the command line: an accusation refused that route and referred to
# discipline inspection instead; the statistics show each route; a case a
# lower office sent up for 复查 records the original office, its case
# number, its answer and the documents, and `case show` prints them; a bad
# original number is refused with a sentence naming it.
. "$(dirname "$0")/lib.sh"

LAW_UNIT=市中级人民法院
C1=$YEAR-000001 C2=$YEAR-000002 C3=$YEAR-000003
OUT="$T/out.txt"

lf_setup_office
lf_admin unit add "$LAW_UNIT" --kind law >"$OUT" 2>&1 || fail "unit add --kind law: $(cat "$OUT")"
lf_admin unit add "$DISC_UNIT" --kind discipline >"$OUT" 2>&1 || fail "unit add discipline: $(cat "$OUT")"
assert_eq law "$(db_sql "SELECT kind FROM unit WHERE name = '$LAW_UNIT'")" "the court's kind"
cat >"$T/visits.csv" <<CSV
receptionist,received_on,name,sex,phone,id_number,address,content
王敏,$TODAY,刘志强,男,13812345678,$(id_number 11010519850315002),广州市越秀区,对民事判决不服要求改判，编号LW11。
王敏,$TODAY,黄美玲,女,13912345678,$(id_number 44010619790101003),广州市天河区,检举某局干部收受财物，编号LW22。
王敏,$TODAY,郑海涛,男,13712345678,$(id_number 44010619800202004),广州市海珠区,对区里的处理意见不服请求复查，编号LW33。
CSV
lf_import_csv "$T/visits.csv"

step "the supervisor transfers the claim to the court on the desk (转政法机关)"
lf_start_as "$SUP_LOGIN" "$SUP_PW" --lang en
lf_open_queue "awaiting screening"
queue_find 编号LW11
keys Enter
wait_for "$C1"
keys F7
wait_for "Act on case $C1"
menu_pick "political-legal"
wait_for "transfer to the political-legal organs (转政法机关) · case $C1"
assert_row_has "Unit" "$LAW_UNIT"
# Without the procedure it belongs to, core refuses and the form stays.
keys F2
wait_for "say which legal procedure"
assert_case "$C1" status registered
# The refusal put the cursor in Reason.
type_text 属于对生效民事判决申请再审事项，应通过审判监督程序处理。
keys F2
wait_case "$C1" status law_referred
wait_gone "transfer to the political-legal organs (转政法机关) · case"
wait_for "transfer to the political-legal organs (转政法机关) done"
keys F10
wait_exit

step "the database: category claim, the court as lead unit, the notice, the route clock stopped"
assert_case "$C1" kind claim
assert_eq "$LAW_UNIT" "$(db_sql "SELECT u.name FROM case_file c JOIN unit u ON u.id = c.lead_unit_id WHERE c.case_no = '$C1'")" "the lead unit"
assert_eq refer_law "$(event_kinds "$C1")" "the events"
_notice=$(db_sql "SELECT e.text FROM case_event e JOIN case_file c ON c.id = e.case_id WHERE c.case_no = '$C1' AND e.kind = 'refer_law'")
case "$_notice" in
*审判监督程序*"$LAW_UNIT"*) ;;
*) fail "the notice does not name the court and the procedure: $_notice" ;;
esac
assert_case "$C1" due_on ""
assert_eq met "$(db_sql "SELECT k.state FROM case_clock k JOIN case_file c ON c.id = k.case_id WHERE c.case_no = '$C1' AND k.rule = 'route'")" "the route clock"
lf_as "$SUP_LOGIN" "$SUP_PW" print "$C1" --notice refer_law -o "$T/law.pdf" >"$OUT" 2>&1 || fail "print refer_law: $(cat "$OUT")"
[ -s "$T/law.pdf" ] || fail "no notice was printed"

step "an accusation does not go to the political-legal organs; it is referred to discipline inspection"
lf_as "$SUP_LOGIN" "$SUP_PW" --lang en case refer-law "$C2" --unit "$LAW_UNIT" --text 诉讼 --kind accusation >"$OUT" 2>&1 &&
	fail "an accusation was transferred to the court: $(cat "$OUT")"
grep -F -q "only a claim" "$OUT" || fail "the refusal does not say why: $(cat "$OUT")"
lf_as "$SUP_LOGIN" "$SUP_PW" --lang en case refer-law "$C2" --unit "$DISC_UNIT" --text 诉讼 >"$OUT" 2>&1 &&
	fail "a discipline body took the political-legal route: $(cat "$OUT")"
grep -F -q "political-legal organ" "$OUT" || fail "the wrong kind of unit is not named: $(cat "$OUT")"
assert_case "$C2" status registered
lf_case "$SUP_LOGIN" "$SUP_PW" refer "$C2" --unit "$DISC_UNIT"
assert_case "$C2" status referred
assert_case "$C2" kind accusation

step "the statistics break the month down by route"
_m=$(echo "$TODAY" | cut -c6-7 | sed 's/^0//')
lf_as "$SUP_LOGIN" "$SUP_PW" --lang en stats --year "$YEAR" --month "$_m" >"$T/stats.txt" 2>&1 || fail "stats: $(cat "$T/stats.txt")"
grep -F -q "By route" "$T/stats.txt" || fail "no breakdown by route: $(cat "$T/stats.txt")"
grep "To political-legal (转政法)" "$T/stats.txt" | grep -q " 1 " || fail "the political-legal route is not counted once: $(cat "$T/stats.txt")"
grep "To discipline (转纪检监察)" "$T/stats.txt" | grep -q " 1 " || fail "the discipline route is not counted once: $(cat "$T/stats.txt")"

step "a 复查 case from a lower office: a bad original number is refused, then the origin is recorded"
printf '原处理意见：维持区住建局的处理决定。\n' >"$T/answer.txt"
printf '%%PDF-1.4 scanned answer LW33\n' >"$T/原处理意见书.pdf"
lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en case from-lower "$C3" --review-of "$LOWER_UNIT:2026-12" --text-file "$T/answer.txt" >"$OUT" 2>&1 &&
	fail "a bad case number was taken: $(cat "$OUT")"
grep -F -q "is not a case number" "$OUT" || fail "the refusal does not name the number: $(cat "$OUT")"
lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en case from-lower "$C3" --review-of "2026-000012" >"$OUT" 2>&1 &&
	fail "an origin without an office was taken: $(cat "$OUT")"
assert_eq 0 "$(db_sql "SELECT count(*) FROM case_intake i JOIN case_file c ON c.id = i.case_id WHERE c.case_no = '$C3' AND i.field LIKE 'from%'")" "the origin after the refusals"
lf_case "$CLERK_LOGIN" "$CLERK_PW" from-lower "$C3" --review-of "$LOWER_UNIT:$YEAR-000012" --text-file "$T/answer.txt" --files "$T/原处理意见书.pdf"
assert_eq "$LOWER_UNIT|$YEAR-000012" "$(db_sql "SELECT max(CASE WHEN field = 'from_office' THEN value END) || '|' || max(CASE WHEN field = 'from_case_no' THEN value END) FROM case_intake i JOIN case_file c ON c.id = i.case_id WHERE c.case_no = '$C3'")" "the origin"
assert_eq "原处理意见书.pdf" "$(db_sql "SELECT d.name FROM exchange_document d JOIN case_file c ON c.id = d.case_id WHERE c.case_no = '$C3'")" "the document"
assert_eq review "$(db_sql "SELECT p.kind FROM exchange_package p JOIN case_file c ON c.id = p.case_id WHERE c.case_no = '$C3'")" "the package's kind"
event_kinds "$C3" | grep -q review_origin || fail "the timeline has no origin: $(event_kinds "$C3")"
lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en case from-lower "$C3" --review-of "$LOWER_UNIT:$YEAR-000013" --text x >"$OUT" 2>&1 &&
	fail "a second origin was taken: $(cat "$OUT")"
lf_as "$SUP_LOGIN" "$SUP_PW" case show "$C3" >"$OUT" 2>&1 || fail "case show: $(cat "$OUT")"
grep -F -q "from_case_no: $YEAR-000012" "$OUT" || fail "case show lacks the original number: $(cat "$OUT")"
grep -F -q "维持区住建局的处理决定" "$OUT" || fail "case show lacks the original answer: $(cat "$OUT")"
grep -F -q "document 原处理意见书.pdf" "$OUT" || fail "case show lacks the document: $(cat "$OUT")"
lf_as "$SUP_LOGIN" "$SUP_PW" --lang en case timeline "$C3" >"$OUT" 2>&1 || fail "timeline: $(cat "$OUT")"
grep -F -q "received for review from a lower office" "$OUT" || fail "the timeline lacks the origin: $(cat "$OUT")"

step "the desk shows the origin on the case"
lf_start_as "$SUP_LOGIN" "$SUP_PW" --lang en
lf_open_queue "awaiting screening"
queue_find 编号LW33
keys Enter
wait_for "$C3"
wait_for "$YEAR-000012"
keys F10
wait_exit

step "the 复查 of the lower office's answer: requested from registered (received date required), decided, printed"
cat >"$T/visits2.csv" <<CSV
receptionist,received_on,name,sex,phone,id_number,address,content
王敏,$TODAY,陈建国,男,13612345678,$(id_number 44010619810303005),广州市荔湾区,请求复查，编号LW44。
CSV
lf_import_csv "$T/visits2.csv"
C4=$YEAR-000004
assert_eq registered "$(db_sql "SELECT status FROM case_file WHERE case_no = '$C4'")" "the plain case's state"
lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en case review-request "$C4" --received-on "$TODAY" >"$OUT" 2>&1 &&
	fail "a plain registered case took a review request: $(cat "$OUT")"
grep -F -q "from-lower" "$OUT" || fail "the refusal does not say why: $(cat "$OUT")"
lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en case review-request "$C3" >"$OUT" 2>&1 &&
	fail "a review request without --received-on was taken: $(cat "$OUT")"
grep -F -q -- "--received-on" "$OUT" || fail "the refusal does not ask for the day: $(cat "$OUT")"
LATE=$(date -d "$TODAY -40 days" +%F)
lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en case review-request "$C3" --received-on "$LATE" >"$OUT" 2>&1 &&
	fail "a late review request was taken: $(cat "$OUT")"
grep -F -q "art. 35" "$OUT" || fail "the late refusal does not cite art. 35: $(cat "$OUT")"
assert_eq "registered|0" "$(db_sql "SELECT status, (SELECT count(*) FROM case_event e WHERE e.case_id = c.id AND e.kind = 'review_request') FROM case_file c WHERE case_no = '$C3'")" "after the refusals"
GOT=$(date -d "$TODAY -5 days" +%F)
lf_case "$CLERK_LOGIN" "$CLERK_PW" review-request "$C3" --received-on "$GOT" --text "请求撤销区里的处理意见，编号RQ44。"
# 30 days from the request (later when day 30 is a day off).
assert_eq "review_requested|review|1" "$(db_sql "SELECT status, due_rule, CASE WHEN due_on >= '$(date -d "$TODAY +30 days" +%F)' AND due_on <= '$(date -d "$TODAY +40 days" +%F)' THEN 1 ELSE 0 END FROM case_file WHERE case_no = '$C3'")" "the review request from registered"
assert_eq "$GOT" "$(db_sql "SELECT e.reason FROM case_event e JOIN case_file c ON c.id = e.case_id WHERE c.case_no = '$C3' AND e.kind = 'review_request'")" "the day the answer was received"
lf_case "$SUP_LOGIN" "$SUP_PW" review-decide "$C3" --opinion revoked --text "经复查，区里认定事实不清，编号RV44。"
assert_eq reviewed "$(db_sql "SELECT status FROM case_file WHERE case_no = '$C3'")" "the review decided"
if command -v pdftotext >/dev/null 2>&1; then
	lf_as "$SUP_LOGIN" "$SUP_PW" print "$C3" --notice review -o "$T/review_lower.pdf" >"$OUT" 2>&1 ||
		fail "print --notice review: $(cat "$OUT")"
	pdftotext -enc UTF-8 "$T/review_lower.pdf" - | tr -d ' \n\f' >"$T/review_lower.txt"
	for want in 信访事项复查意见书 "$LOWER_UNIT" "$YEAR-000012" 维持区住建局的处理决定 RQ44 RV44; do
		grep -F -q "$want" "$T/review_lower.txt" || fail "the 复查意见书 lacks $want: $(cat "$T/review_lower.txt")"
	done
fi

step "laifang check: the seals and the counters agree with the new route and the origin"
assert_check_clean

pass
