#!/bin/sh
# The petitioner's evaluation (可评价, issue 13; 《信访工作条例》第二十一条
# and the national system's 可查询、可跟踪、可督办、可评价): a case replied on
# day 0 waits for its evaluation for evaluation_days (30 calendar days); on
# day 31 it is 超期未评价 (the supervisor's queue, the case screen). On the
# desk the supervisor records the evaluation from the case screen's F7 menu
# (office 满意, unit 不满意 with the reason), then decides 重办: the case
# is back with the same unit, handling, due on the day set; the first reply
# stays. From the command line: the reason is required with 不满意, a second
# evaluation of the same answer is refused, redo needs a 不满意. Screen and
# database both checked; laifang check clean.
. "$(dirname "$0")/lib.sh"

lf_setup_office
cat >"$T/visits.csv" <<CSV
receptionist,received_on,name,sex,phone,id_number,address,content
王敏,$TODAY,张秀兰,女,13812345678,$(id_number 11010519850315002),广州市越秀区,小区违建占用消防通道，编号EV11。
王敏,$TODAY,李建华,男,13912345678,$(id_number 44010619790101003),广州市天河区,拖欠工资三个月，编号EV22。
CSV
lf_import_csv "$T/visits.csv"
C1=$YEAR-000001 C2=$YEAR-000002

# day N and lf_day N LOGIN PW ARG... are lib.sh's.
refused() {
	_text=$1 _who=$2 _pw=$3
	shift 3
	lf_as "$_who" "$_pw" --lang en case "$@" >"$T/ref.out" 2>"$T/ref.err"
	_rc=$?
	[ "$_rc" = 1 ] || fail "laifang case $*: exit $_rc, expected 1: $(cat "$T/ref.out" "$T/ref.err")"
	grep -F -q -- "$_text" "$T/ref.err" || fail "laifang case $*: stderr lacks [$_text]: $(cat "$T/ref.err")"
}
ev() {
	db_sql "SELECT e.$3 FROM case_event e JOIN case_file c ON c.id = e.case_id WHERE c.case_no = '$1' AND e.kind = '$2' ORDER BY e.seq DESC LIMIT 1"
}
evals() {
	db_sql "SELECT count(*) FROM case_evaluation v JOIN case_file c ON c.id = v.case_id WHERE c.case_no = '$1'"
}

step "both cases replied on day 0: the evaluation is due 30 days later"
refused "answer" "$SUP_LOGIN" "$SUP_PW" evaluate "$C1" --office satisfied --unit satisfied
lf_case_to "$C1" replied
lf_case_to "$C2" replied
assert_case "$C1" evaluation_due "$(day 30)"
assert_case "$C2" evaluation_due "$(day 30)"

step "from the command line: 不满意 needs its reason; redo needs a 不满意; once per answer"
refused "reason" "$HANDLER_LOGIN" "$HANDLER_PW" evaluate "$C2" --office satisfied --unit dissatisfied
refused "evaluation (评价) is recorded by a handler or a supervisor" "$CLERK_LOGIN" "$CLERK_PW" evaluate "$C2" --office satisfied --unit satisfied
refused "dissatisfied" "$SUP_LOGIN" "$SUP_PW" redo "$C2" --reason 重新办理。 --due "$(day 20)" --allow-nonworking
lf_case "$HANDLER_LOGIN" "$HANDLER_PW" evaluate "$C2" --office 满意 --unit 基本满意
assert_eq 1 "$(evals "$C2")" "one evaluation of $C2"
assert_case "$C2" evaluation_due ""
refused "evaluated already" "$SUP_LOGIN" "$SUP_PW" evaluate "$C2" --office satisfied --unit satisfied
refused "dissatisfied" "$SUP_LOGIN" "$SUP_PW" redo "$C2" --reason 重新办理。 --due "$(day 20)" --allow-nonworking

step "on day 31, $C1 is 超期未评价: case show, the supervisor's queue and the case screen say so"
lf_day 30 "$SUP_LOGIN" "$SUP_PW" case show "$C1" --json >"$T/show30.json" 2>&1 || fail "case show: $(cat "$T/show30.json")"
assert_eq "false|$(day 30)" "$(jq -r '"\(.evaluation_overdue)|\(.evaluation_due)"' "$T/show30.json")" "on day 30 the period still runs"
lf_day 31 "$SUP_LOGIN" "$SUP_PW" case show "$C1" --json >"$T/show31.json" 2>&1 || fail "case show: $(cat "$T/show31.json")"
assert_eq "true" "$(jq -r '.evaluation_overdue' "$T/show31.json")" "on day 31 it is 超期未评价"
lf_as "$SUP_LOGIN" "$SUP_PW" case show "$C2" --json >"$T/show2.json" 2>&1 || fail "case show: $(cat "$T/show2.json")"
assert_eq "satisfied|basically|false" "$(jq -r '"\(.evaluation_office)|\(.evaluation_unit)|\(.evaluation_overdue)"' "$T/show2.json")" "$C2's evaluation in show --json"
LAIFANG=$T/bin/laifang_day31
lf_start_as "$SUP_LOGIN" "$SUP_PW" --lang en
lf_open_queue "not evaluated in time"
assert_row_has "$C1" 张秀兰
assert_screen_lacks "$C2"
keys Enter
wait_for "$C1"
keys Tab
wait_for "超期未评价"

step "F7: the petitioner's evaluation from the case screen (office satisfied, unit dissatisfied, the reason)"
keys F7
wait_for "Act on case $C1"
menu_pick "record the petitioner's evaluation"
wait_for "record the petitioner's evaluation (评价) · $C1"
keys Space
wait_row_with "Petition office" "satisfied"
keys Tab Space Space Space
wait_row_with "Handling unit" "dissatisfied"
keys Tab
type_text "违建仍未拆除。编号EVR1"
keys F2
wait_gone "record the petitioner's evaluation (评价) ·"
_end=$(($(date +%s) + 10))
while [ "$(evals "$C1")" != 1 ]; do
	[ "$(date +%s)" -le "$_end" ] || fail "the evaluation of $C1 never landed"
	sleep 0.1
done
assert_eq "satisfied|dissatisfied|违建仍未拆除。编号EVR1|$PEER_UNIT" \
	"$(db_sql "SELECT v.office || '|' || v.unit || '|' || v.reason || '|' || u.name FROM case_evaluation v JOIN case_file c ON c.id = v.case_id JOIN unit u ON u.id = v.unit_id WHERE c.case_no = '$C1'")" \
	"the evaluation as recorded on the desk"
assert_case "$C1" evaluation_due ""
assert_eq "$SUP_NAME" "$(ev "$C1" evaluate by_name)" "recorded by the supervisor"
wait_for "Evaluation: petition office: satisfied; handling unit: dissatisfied"
assert_screen_lacks "超期未评价"

step "F7: 重办 (handle again) with a new due date and the reason"
keys F7
wait_for "Act on case $C1"
menu_pick "handle again (重办)"
wait_for "handle again (重办) · case $C1"
DUE=$(day 52)
while [ "$(date -d "$DUE" +%u)" -gt 5 ]; do DUE=$(date -d "$DUE +1 day" +%F); done
type_text "$DUE"
keys Tab
type_text "单位答复未落实，重新办理。编号EVD1"
keys F2
# A holiday asks first; keep the day.
sleep 0.5
if screen | grep -q "Keep this due date"; then keys y; fi
wait_case "$C1" status handling
assert_case "$C1" due_on "$DUE"
assert_case "$C1" due_rule handle
assert_eq "$PEER_UNIT" "$(db_sql "SELECT u.name FROM case_file c JOIN unit u ON u.id = c.lead_unit_id WHERE c.case_no = '$C1'")" "the same unit handles it again"
assert_eq "单位答复未落实，重新办理。编号EVD1" "$(ev "$C1" redo reason)" "the redo's reason"
assert_eq "$SUP_NAME" "$(ev "$C1" redo by_name)" "signed by the supervisor"
assert_eq "1|已书面答复。" "$(db_sql "SELECT count(*) || '|' || max(e.text) FROM case_event e JOIN case_file c ON c.id = e.case_id WHERE c.case_no = '$C1' AND e.kind = 'reply'")" "the first answer is kept"
wait_for "State: being handled"
keys F10
wait_exit

step "the statistics count the evaluations by unit, the 重办"
lf_as "$SUP_LOGIN" "$SUP_PW" --lang en stats --year "$YEAR" --format csv >"$T/stats.csv" 2>"$T/stats.err" ||
	fail "laifang stats: $(cat "$T/stats.err")"
grep -q "^evaluation,office.satisfied," "$T/stats.csv" || fail "no office evaluation line: $(cat "$T/stats.csv")"
grep -q "^evaluation,redo,.*,1," "$T/stats.csv" || fail "the redo is not counted: $(grep evaluation "$T/stats.csv")"
grep -q "^evaluation,office.satisfied,.*,2," "$T/stats.csv" || fail "two office 满意: $(grep evaluation "$T/stats.csv")"
assert_check_clean
pass
