#!/bin/sh
# Supervision (督办, 《信访工作条例》第四十条第一款; 约谈、通报、挂牌督办,
# 第三十九条第三款) through `laifang case`: a supervisor's notice to the unit
# handling a transferred case, with the date its written feedback is due;
# the supervision clock runs to the unit's feedback and is met; an
# escalation (挂牌督办) with a later due date, its feedback late: missed.
# Refusals: a clerk, a date not after today, a level laifang does not know,
# feedback from another unit's handler or with no notice waiting, a case
# not routed yet. The case screen's timeline shows notice and feedback.
E2E_CLOCK="2026-11-23 09:00:00"
. "$(dirname "$0")/lib.sh"

OUT="$T/out"
refused() { # refused STATUS TEXT LOGIN PASSWORD ARG...
	_st=$1 _text=$2
	shift 2
	_l=$1 _p=$2
	shift 2
	lf_as "$_l" "$_p" --lang en case "$@" >"$OUT" 2>&1
	_rc=$?
	[ "$_rc" = "$_st" ] || fail_batch "case $* exited $_rc, not $_st: $(cat "$OUT")"
	grep -q -- "$_text" "$OUT" || fail_batch "case $*: expected \"$_text\" in: $(cat "$OUT")"
}
clock_of() { # clock_of CASE_NO: the supervision clocks, oldest first: due|state
	db_sql "SELECT k.due_on || '|' || k.state FROM case_clock k JOIN case_file c ON c.id = k.case_id WHERE c.case_no = '$1' AND k.rule = 'supervise' ORDER BY k.start_at, k.ref"
}
DUE1=$(date -d "$TODAY + 10 days" +%F)
DUE2=$(date -d "$TODAY + 20 days" +%F)

lf_setup_office
lf_import_csv "$DATA/one_visit.csv"
C1=$YEAR-000001

step "not before the case is routed; not by a clerk; a date after today; a known level"
lf_case "$SUP_LOGIN" "$SUP_PW" accept "$C1"
refused 1 "route the case first" "$SUP_LOGIN" "$SUP_PW" supervise "$C1" --text 请加快办理。 --due "$DUE1"
lf_case "$SUP_LOGIN" "$SUP_PW" route "$C1" --transfer "$PEER_UNIT"
refused 1 "not allowed" "$CLERK_LOGIN" "$CLERK_PW" supervise "$C1" --text 请加快办理。 --due "$DUE1"
refused 1 "is not after today" "$SUP_LOGIN" "$SUP_PW" supervise "$C1" --text 请加快办理。 --due "$TODAY"
refused 1 "is not one of notice" "$SUP_LOGIN" "$SUP_PW" supervise "$C1" --text 请加快办理。 --due "$DUE1" --level 警告
refused 2 "needs --due" "$SUP_LOGIN" "$SUP_PW" supervise "$C1" --text 请加快办理。 --level listed
refused 1 "no supervision notice" "$HANDLER_LOGIN" "$HANDLER_PW" supervise-feedback "$C1" --text 已办理。
assert_eq "" "$(clock_of "$C1")" "no supervision clock yet"

step "a supervision notice: the clock runs to its due date"
lf_case "$SUP_LOGIN" "$SUP_PW" supervise "$C1" --text "该件办理超期，请于期限内书面反馈办理情况。" --due "$DUE1"
assert_eq "$DUE1|running" "$(clock_of "$C1")" "the supervision clock"
assert_eq "supervise|notice|$DUE1" "$(db_sql "SELECT e.kind || '|' || e.reason || '|' || e.due_on FROM case_event e JOIN case_file c ON c.id = e.case_id WHERE c.case_no = '$C1' AND e.kind = 'supervise'")" "the notice event"

step "the unit's feedback, in time: met"
lf_case "$HANDLER_LOGIN" "$HANDLER_PW" supervise-feedback "$C1" --text "已责成相关科室处理，预计本月底办结。"
assert_eq "$DUE1|met" "$(clock_of "$C1")" "the clock met by the feedback"
refused 1 "no supervision notice" "$SUP_LOGIN" "$SUP_PW" supervise-feedback "$C1" --text 再次反馈。

step "an escalation (挂牌督办), its feedback after the due date: missed"
lf_case "$SUP_LOGIN" "$SUP_PW" supervise "$C1" --text "挂牌督办，责令限期整改。" --due "$DUE2" --level 挂牌督办
assert_eq "listed" "$(db_sql "SELECT e.reason FROM case_event e JOIN case_file c ON c.id = e.case_id WHERE c.case_no = '$C1' AND e.kind = 'supervise' ORDER BY e.seq DESC LIMIT 1")" "the level, by its Chinese word"
lf_as "$SUP_LOGIN" "$SUP_PW" --lang en case show "$C1" >"$OUT" 2>&1 || fail_batch "case show: $(cat "$OUT")"
grep -q "^clock supervise  $TODAY → $DUE2  running" "$OUT" || fail_batch "case show lacks the clock: $(cat "$OUT")"
lf_day 25 "$HANDLER_LOGIN" "$HANDLER_PW" case supervise-feedback "$C1" --text "整改已完成。" >"$OUT" 2>&1 ||
	fail_batch "the late feedback: $(cat "$OUT")"
assert_eq "$DUE1|met
$DUE2|missed" "$(clock_of "$C1")" "the escalation's clock missed"

step "another unit's handler may not answer for the unit"
lf_admin unit add 市交通局 --kind peer >"$OUT" 2>&1 || fail_batch "unit add: $(cat "$OUT")"
lf_user_add other Other-pass-2026 --name 钱七 --roles handler --unit 市交通局
lf_day 26 "$SUP_LOGIN" "$SUP_PW" case supervise "$C1" --text "请再次反馈。" --due "$(day 35)" --level interview >"$OUT" 2>&1 ||
	fail_batch "the third notice: $(cat "$OUT")"
refused 1 "not allowed" other Other-pass-2026 supervise-feedback "$C1" --text 不是我们的件。
assert_eq "$DUE1|met
$DUE2|missed
$(day 35)|running" "$(clock_of "$C1")" "three notices: met, missed, running"

step "the case screen's timeline on day 27: the notices and the feedback"
lf_day 27 "$SUP_LOGIN" "$SUP_PW" case show "$C1" >/dev/null 2>&1 # makes the day-27 wrapper
_base=$LAIFANG
LAIFANG=$T/bin/laifang_day27
lf_start_as "$SUP_LOGIN" "$SUP_PW" --lang en
lf_open_queue "transferred, not taken up"
wait_row_with "$C1" 李秀英
keys Enter
wait_for "群众来访登记表  $C1"
keys F5
wait_for "supervision feedback (督办反馈)"
assert_screen_has "该件办理超期"
assert_screen_has "Level: 督办通知 (第四十条第一款)"
page_until "Level: 约谈 (第三十九条第三款)" # further down the case's history
assert_screen_has "supervision feedback deadline"

step "on the desk: F7 records the unit's letter of feedback (a supervisor), the third notice met"
keys F7
wait_for "Act on case $C1"
menu_pick "the unit's feedback on the supervision"
wait_for "Feedback"
type_text "来函反馈：已约谈相关负责人并完成整改。"
keys F2
wait_for "The unit's feedback on the supervision is recorded."
keys F10
wait_exit
LAIFANG=$_base
assert_eq "$DUE1|met
$DUE2|missed
$(day 35)|met" "$(clock_of "$C1")" "the third notice met by the feedback on the desk"
assert_check_clean
pass
