#!/bin/sh
# Review (复查) and re-review (复核), 《信访工作条例》第三十五条、第三十六条
# (issue 13), entirely through `laifang case`: visit → accept → transfer →
# take up → report → reply → review-request → review-decide →
# rereview-request → rereview-decide → archive, checking case_file.status,
# the case_event rows (the day the answer was received, the opinion, the
# signer) and the clocks (复查 met, 复核 missed); a request after the 30
# days is refused citing the article, and one inside them is taken. Days
# pass by running laifang on a clock moved N days ahead (lf_day N).
. "$(dirname "$0")/lib.sh"

lf_setup_office
cat >"$T/visits.csv" <<CSV
receptionist,received_on,name,sex,phone,id_number,address,content
王敏,$TODAY,张秀兰,女,13812345678,$(id_number 11010519850315002),广州市越秀区,小区违建占用消防通道，编号RV11。
王敏,$TODAY,李建华,男,13912345678,$(id_number 44010619790101003),广州市天河区,拖欠工资三个月，编号RV22。
CSV
lf_import_csv "$T/visits.csv"
C1=$YEAR-000001 C2=$YEAR-000002

# step_day N LOGIN PW ARG...: a `laifang case` step on day N that must succeed.
step_day() {
	_n=$1 _who=$2 _pw=$3
	shift 3
	lf_day "$_n" "$_who" "$_pw" case "$@" >"$T/day.out" 2>&1 || fail "laifang case $* on day $_n failed: $(cat "$T/day.out")"
}
# refused_day N TEXT LOGIN PW ARG...: refused (exit 1) saying TEXT.
refused_day() {
	_n=$1 _text=$2 _who=$3 _pw=$4
	shift 4
	lf_day "$_n" "$_who" "$_pw" case "$@" >"$T/ref.out" 2>"$T/ref.err"
	_rc=$?
	[ "$_rc" = 1 ] || fail "laifang case $* on day $_n: exit $_rc, expected 1: $(cat "$T/ref.out" "$T/ref.err")"
	grep -F -q -- "$_text" "$T/ref.err" || fail "laifang case $*: stderr lacks [$_text]: $(cat "$T/ref.err")"
}
# clock CASE_NO RULE COLUMN: a column of the case's clock of RULE.
clock() {
	db_sql "SELECT k.$3 FROM case_clock k JOIN case_file c ON c.id = k.case_id WHERE c.case_no = '$1' AND k.rule = '$2'"
}
# ev CASE_NO KIND COLUMN: a column of the case's last event of KIND.
ev() {
	db_sql "SELECT e.$3 FROM case_event e JOIN case_file c ON c.id = e.case_id WHERE c.case_no = '$1' AND e.kind = '$2' ORDER BY e.seq DESC LIMIT 1"
}
# days_between A B: B - A in days.
days_between() { echo $((($(date -d "$2" +%s) - $(date -d "$1" +%s)) / 86400)); }

step "both cases replied on day 0 (lf_case_to)"
lf_case_to "$C1" replied
lf_case_to "$C2" replied
assert_case "$C1" status replied

step "a review before the answer, or an opinion without a request, is refused by the state machine"
refused_day 0 "答复" "$SUP_LOGIN" "$SUP_PW" review-decide "$C1" --opinion upheld --text 维持。
refused_day 0 "not allowed" "$HANDLER_LOGIN" "$HANDLER_PW" --lang en review-request "$C1"
refused_day 0 "received on" "$SUP_LOGIN" "$SUP_PW" --lang en review-request "$C1" --received-on "$(day -3)"

step "review-request on day 2 by the clerk: 待复查, a 30-day clock of its own"
step_day 2 "$CLERK_LOGIN" "$CLERK_PW" review-request "$C1" --received-on "$(day 1)" --text "对处理意见不服，请求复查。编号RQ1"
assert_case "$C1" status review_requested
assert_eq "$(day 1)" "$(ev "$C1" review_request reason)" "the day the answer was received is kept"
assert_eq "replied" "$(ev "$C1" review_request from_state)" "the request's from_state"
assert_eq running "$(clock "$C1" review state)" "the review clock runs"
assert_eq "$(day 2)" "$(clock "$C1" review start_on)" "the review clock starts when the request is received"
DUE=$(clock "$C1" review due_on)
_d=$(days_between "$(day 2)" "$DUE")
[ "$_d" -ge 30 ] && [ "$_d" -le 37 ] || fail "the review is due $DUE, $_d days after the request (30, or the next working day)"
assert_case "$C1" due_on "$DUE"
assert_case "$C1" due_rule review
# Kept as a code (clocks.h): art. 35's rule, said 第三十五条 to a Chinese reader.
case "$(clock "$C1" review basis)" in @review35*) ;; *) fail "the review clock's basis is not art. 35's: $(clock "$C1" review basis)" ;; esac
lf_as "$CLERK_LOGIN" "$CLERK_PW" case show "$C1" >"$T/show.txt" 2>&1 || fail "case show: $(cat "$T/show.txt")"
grep -q "^clock review .*第三十五条" "$T/show.txt" || fail "case show does not cite art. 35: $(cat "$T/show.txt")"
lf_as "$SUP_LOGIN" "$SUP_PW" --lang en case show "$C1" >"$T/show.out" 2>&1 || fail "case show: $(cat "$T/show.out")"
grep -q "review" "$T/show.out" || fail "case show lists no review clock: $(cat "$T/show.out")"

step "an opinion that is none of upheld/changed/revoked, or signed by a handler, is refused"
refused_day 5 "upheld" "$SUP_LOGIN" "$SUP_PW" --lang en review-decide "$C1" --opinion maybe --text 再议。
refused_day 5 "$HANDLER_LOGIN" "$SUP_LOGIN" "$SUP_PW" --lang en review-decide "$C1" --opinion upheld --text 维持。 --signer "$HANDLER_LOGIN"
refused_day 5 "not allowed" "$CLERK_LOGIN" "$CLERK_PW" --lang en review-decide "$C1" --opinion upheld --text 维持。

step "review-decide on day 10, signed by the leader: 已复查, the clock met"
step_day 10 "$SUP_LOGIN" "$SUP_PW" review-decide "$C1" --opinion 维持 --text "经复查，原处理意见正确，予以维持。编号RD1" --signer "$LEADER_LOGIN"
assert_case "$C1" status reviewed
assert_eq upheld "$(ev "$C1" review_decide reason)" "the opinion is kept"
assert_eq "$LEADER_NAME（$LEADER_TITLE）" "$(ev "$C1" review_decide by_name)" "the signer as signed"
assert_eq "$(db_sql "SELECT id FROM app_user WHERE login = '$LEADER_LOGIN'")" "$(ev "$C1" review_decide leader_id)" "the signer's id"
assert_eq met "$(clock "$C1" review state)" "the review clock is met"
assert_eq "$(day 10)" "$(clock "$C1" review stop_on)" "the review clock stops at the opinion"
assert_case "$C1" due_on ""
lf_as "$SUP_LOGIN" "$SUP_PW" case show "$C1" --json >"$T/show.json" 2>"$T/show.err" || fail "show --json: $(cat "$T/show.err")"
assert_eq "upheld|$LEADER_NAME（$LEADER_TITLE）|经复查，原处理意见正确，予以维持。编号RD1" \
	"$(jq -r '[.entries[] | select(.kind == "review")][0] | "\(.opinion)|\(.signer)|\(.text)"' "$T/show.json")" \
	"the signed review opinion among the case's entries"

step "rereview-request on day 20 (opinion received on day 12): 待复核"
step_day 20 "$SUP_LOGIN" "$SUP_PW" rereview-request "$C1" --received-on "$(day 12)" --text "对复查意见不服，请求复核。"
assert_case "$C1" status rereview_requested
assert_eq "$(day 12)" "$(ev "$C1" rereview_request reason)" "the day the review opinion was received"
assert_eq running "$(clock "$C1" rereview state)" "the re-review clock runs"
assert_case "$C1" due_rule rereview

step "a late review request (day 45, answer received on day 0) is refused citing art. 35; one within 30 days is taken"
refused_day 45 "第三十五条" "$CLERK_LOGIN" "$CLERK_PW" review-request "$C2"
refused_day 45 "art. 35" "$CLERK_LOGIN" "$CLERK_PW" --lang en review-request "$C2"
assert_case "$C2" status replied
[ -z "$(ev "$C2" review_request seq)" ] || fail "a refused request left an event"
step_day 45 "$CLERK_LOGIN" "$CLERK_PW" review-request "$C2" --received-on "$(day 20)"
assert_case "$C2" status review_requested

step "the queues 待复查 and 待复核 (the ledger of a queue)"
lf_admin export --format csv --queue review >"$T/q1.csv" 2>"$T/q1.err" || fail "export --queue review: $(cat "$T/q1.err")"
grep -q "$C2" "$T/q1.csv" || fail "the review queue lacks $C2: $(cat "$T/q1.csv")"
! grep -q "$C1" "$T/q1.csv" || fail "the review queue holds $C1 (awaiting re-review)"
grep -q "待复查" "$T/q1.csv" || fail "the ledger does not say 待复查: $(cat "$T/q1.csv")"
lf_admin export --format csv --queue rereview >"$T/q2.csv" 2>"$T/q2.err" || fail "export --queue rereview: $(cat "$T/q2.err")"
grep -q "$C1" "$T/q2.csv" || fail "the re-review queue lacks $C1: $(cat "$T/q2.csv")"
! grep -q "$C2" "$T/q2.csv" || fail "the re-review queue holds $C2"

step "rereview-decide on day 55: 已复核, the clock missed (due 30 days after day 20)"
step_day 55 "$SUP_LOGIN" "$SUP_PW" rereview-decide "$C1" --opinion changed --text "经复核，变更原处理意见。"
assert_case "$C1" status rereviewed
assert_eq changed "$(ev "$C1" rereview_decide reason)" "the re-review opinion"
assert_eq "$SUP_NAME" "$(ev "$C1" rereview_decide by_name)" "the actor signs when no signer is named"
assert_eq missed "$(clock "$C1" rereview state)" "the re-review clock is missed"
refused_day 56 "复核" "$SUP_LOGIN" "$SUP_PW" rereview-request "$C1"

step "the archive takes a re-reviewed case"
step_day 56 "$ARCH_LOGIN" "$ARCH_PW" archive "$C1"
assert_case "$C1" status archived
assert_eq "register accept transfer take_up report reply review_request review_decide rereview_request rereview_decide archive" \
	"$(db_sql "SELECT group_concat(kind, ' ') FROM (SELECT e.kind FROM case_event e JOIN case_file c ON c.id = e.case_id WHERE c.case_no = '$C1' AND e.kind NOT LIKE 'clock%' AND e.kind <> 'register' ORDER BY e.seq) k" | sed 's/^/register /')" \
	"the case's events"
assert_check_clean # the seal, the chain and the state counts hold the new states
lf_as "$SUP_LOGIN" "$SUP_PW" --lang en stats --year "$YEAR" --format csv >"$T/stats.csv" 2>"$T/stats.err" ||
	fail "stats: $(cat "$T/stats.err")"
# $C1's review met, $C2's running (not yet due); $C1's re-review late.
grep -q "^deadline,review,Review opinion (30 days),1," "$T/stats.csv" || fail "the review met: $(cat "$T/stats.csv")"
grep -q "^deadline,review.pending,not yet due,1," "$T/stats.csv" || fail "the review pending: $(cat "$T/stats.csv")"
grep -q "^deadline,rereview.late,done late,1," "$T/stats.csv" || fail "the re-review late: $(cat "$T/stats.csv")"
grep -q "^now,review_requested,review requested (待复查),1," "$T/stats.csv" || fail "the state counts: $(cat "$T/stats.csv")"

step "on the desk (day 60): the supervisor's queue 待复查 holds $C2; F7 gives the review opinion"
lf_day 60 "$SUP_LOGIN" "$SUP_PW" case show "$C2" >/dev/null 2>&1 # makes the day-60 wrapper
_base=$LAIFANG
LAIFANG=$T/bin/laifang_day60
lf_start_as "$SUP_LOGIN" "$SUP_PW" --lang en
lf_open_queue "awaiting the review opinion"
assert_row_has "$C2" 李建华
! line_with "$C1" >/dev/null 2>&1 || assert_screen_lacks "$C1"
keys Enter
wait_for "$C2"
keys F7
wait_for "Act on case $C2"
menu_pick "give the review opinion"
wait_for "give the review opinion (复查意见) · case $C2"
keys Space
wait_row_with "Review opinion" "upheld"
keys Space
wait_row_with "Review opinion" "changed"
keys Tab
type_text "经复查，变更原处理意见。编号TD1"
keys F2
wait_gone "give the review opinion (复查意见) · case"
wait_case "$C2" status reviewed
assert_eq changed "$(ev "$C2" review_decide reason)" "the opinion chosen on the desk"
assert_eq "$SUP_NAME" "$(ev "$C2" review_decide by_name)" "signed by the supervisor at the desk"
assert_eq met "$(clock "$C2" review state)" "the review clock of $C2"
keys F10
wait_exit
LAIFANG=$_base

step "an import of the same visitor is saved, with a warning citing art. 36"
cat >"$T/again.csv" <<CSV
receptionist,received_on,name,sex,phone,id_number,address,content
王敏,$TODAY,张秀兰,女,13812345678,$(id_number 11010519850315002),广州市越秀区,再次反映违建问题，编号RV33。
王敏,$TODAY,赵六,男,13612345678,$(id_number 44010619810303005),广州市荔湾区,新的事项，编号RV44。
CSV
lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en import "$T/again.csv" >"$T/again.out" 2>"$T/again.err" ||
	fail "the import of a re-reviewed visitor failed: $(cat "$T/again.err")"
grep -q "again.csv:2: warning: .*re-review (复核) is concluded.*art. 36" "$T/again.err" ||
	fail "no warning for row 2: $(cat "$T/again.err")"
! grep -q "again.csv:3:" "$T/again.err" || fail "a warning for another visitor: $(cat "$T/again.err")"
assert_case "$YEAR-000003" status registered
assert_case "$YEAR-000004" status registered

step "a new sheet for the same visitor: the sheet says the matter was re-reviewed (art. 36), and lets the clerk judge"
lf_start --lang en
lf_login "$CLERK_LOGIN" "$CLERK_PW"
wait_for "Today's registrations"
keys F4
wait_sheet
keys Tab Tab Tab # 性别, 联系电话, 身份证号码
type_text "$(id_number 11010519850315002)"
wait_row_with 身份证号码 "$(id_number 11010519850315002)"
keys Tab
wait_for "Is this visit the same matter"
assert_screen_has "re-review (复核) is concluded"
assert_screen_has "art. 36"
assert_screen_has "$C1"
keys n
wait_for "Not a repeat petition"
assert_screen_has "re-review (复核) is concluded"
keys Escape
assert_check_clean
pass
