#!/bin/sh
# Every signed entry keeps its signer (issue 11). Two leaders sign
# instructions on the same case from the reception-day log's case list; the
# printed sheet (pdftotext) shows both, each with its own name and time.
# Then two desks open the same day's log at once (two terminals on one
# database): the first saves, the second is refused, shown the first
# desk's text, and keeps its own on screen; the database holds the first.
# Last, the log's 牵头处室负责人签名 (F7) is refused to a case worker of the
# lead unit and signed by its unit head (role unit_head).
. "$(dirname "$0")/lib.sh"

BOSS_LOGIN=boss
BOSS_NAME=杨伟强
BOSS_TITLE=局长
BOSS_PW=boss-secret-1

step "the office: today's slot for the leader, a second leader, a visitor registered today"
lf_setup
lf_user_add "$BOSS_LOGIN" "$BOSS_PW" --name "$BOSS_NAME" --roles leader --title "$BOSS_TITLE"
lf_admin schedule generate --rule day:23 --from 2026-11 --to 2026-11 --leaders "$LEADER_LOGIN" \
	--time 09:30-11:30 --location 信访接待室 --department 办公室 >"$T/gen.out" 2>&1 ||
	fail_batch "schedule generate: $(cat "$T/gen.out")"
lf_import_csv "$DATA/reception_day.csv"
assert_cases 1
CASE_NO=$(db_sql "SELECT case_no FROM case_file")

# sign_on_case LOGIN PASSWORD TEXT SIGNATURE: the leader opens the day's
# log, picks the day's case (F3, Enter), writes TEXT and signs it.
sign_on_case() {
	lf_start --lang en --screen reception-log
	lf_login "$1" "$2"
	wait_for 领导干部接访日情况登记表
	keys F3
	wait_for "The day's cases"
	keys Enter
	wait_for "Instruction or forwarding opinion"
	type_text "$3"
	keys F2
	wait_for "Sign this on case"
	keys y
	wait_for "signed by $4"
	keys F10
	wait_exit
	assert_eq 0 "$EXIT_STATUS" "exit status"
}

step "the leader on duty signs an instruction on the day's case"
sign_on_case "$LEADER_LOGIN" "$LEADER_PW" 请办公室三日内核实噪音来源。 "$LEADER_NAME（$LEADER_TITLE）"

step "a second leader signs another; the first stays with its signer"
sign_on_case "$BOSS_LOGIN" "$BOSS_PW" 同意李副局长意见，抓紧办理。 "$BOSS_NAME（$BOSS_TITLE）"
assert_eq "1|请办公室三日内核实噪音来源。|$LEADER_NAME（$LEADER_TITLE）
2|同意李副局长意见，抓紧办理。|$BOSS_NAME（$BOSS_TITLE）" \
	"$(db_sql "SELECT position || '|' || text || '|' || signer_name FROM case_entry WHERE kind = 'instruction' ORDER BY position")" \
	"two signed instructions, each with its signer"

step "the printed sheet shows both instructions, each with its own signer and time"
lf_as "$LEADER_LOGIN" "$LEADER_PW" print "$CASE_NO" --sheet -o "$T/sheet.pdf" >"$T/print.out" 2>&1 ||
	fail_batch "print: $(cat "$T/print.out")"
# Without spaces, line breaks or ideographic spaces: a wrapped line reads on.
_txt=$(pdftotext -enc UTF-8 "$T/sheet.pdf" - 2>&1 | tr -d ' \n\f' | sed 's/　//g')
_at() { # the offset of $1 in the sheet's text, or fail
	case "$_txt" in
	*"$1"*) _pre=${_txt%%"$1"*}; echo "${#_pre}" ;;
	*) echo -1 ;;
	esac
}
_t1=$(_at 请办公室三日内核实噪音来源。)
_s1=$(_at "签名：$LEADER_NAME（$LEADER_TITLE）")
_t2=$(_at 同意李副局长意见，抓紧办理。)
_s2=$(_at "签名：$BOSS_NAME（$BOSS_TITLE）")
for _v in "$_t1" "$_s1" "$_t2" "$_s2"; do
	[ "$_v" -ge 0 ] || fail_batch "the sheet lacks an instruction or a signer: $_txt"
done
[ "$_t1" -lt "$_s1" ] && [ "$_s1" -lt "$_t2" ] && [ "$_t2" -lt "$_s2" ] ||
	fail_batch "each instruction should be followed by its own signer, in order ($_t1 $_s1 $_t2 $_s2): $_txt"
case "$_txt" in
*"日期：$TODAY"*) ;;
*) fail_batch "the signatures' dates ($TODAY) are not on the sheet: $_txt" ;;
esac

step "the case on screen: each instruction with its own signer and date"
lf_start_as "$BOSS_LOGIN" "$BOSS_PW" --lang en
keys Enter
wait_for "群众来访登记表  $CASE_NO"
wait_for 请办公室三日内核实噪音来源。
assert_screen_has "——签名：$LEADER_NAME（$LEADER_TITLE）　日期：$TODAY"
# The box holds both entries; Down scrolls on into it (信访内容 fits).
keys Down
keys Down
keys Down
wait_for 同意李副局长意见，抓紧办理。
wait_for "——签名：$BOSS_NAME（$BOSS_TITLE）　日期：$TODAY"
assert_screen_has "签名 $LEADER_NAME（$LEADER_TITLE）；"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "exit status"

step "two desks open the same day's log: the clerk (A) and the leader (B)"
lf_start --lang en --screen reception-log
lf_login "$CLERK_LOGIN" "$CLERK_PW"
wait_for 领导干部接访日情况登记表
wait_row_with 接访领导 "$LEADER_NAME（$LEADER_TITLE）"
start_desk_b --lang en --screen reception-log
desk b
lf_login "$LEADER_LOGIN" "$LEADER_PW"
wait_for 领导干部接访日情况登记表
wait_row_with 接访领导 "$LEADER_NAME（$LEADER_TITLE）"

step "each types its own 接访情况"
desk a
type_text 上午接待群众1批1人，现场解答。
desk b
type_text 接待赵建国，噪音问题转办公室核实。
assert_screen_has 接待赵建国，噪音问题转办公室核实。

step "desk A saves first"
desk a
keys F2
wait_for "The reception-day log is saved."
assert_eq "上午接待群众1批1人，现场解答。|1|$CLERK_LOGIN" \
	"$(db_sql "SELECT situation || '|' || version || '|' || saved_by FROM reception_log")" "desk A's save"

step "desk B saves: refused, shown desk A's text, its own kept"
desk b
keys F2
wait_for "Saved at another desk"
assert_screen_has "saved at another desk ($CLERK_LOGIN"
assert_screen_has 上午接待群众1批1人，现场解答。
keys Escape
wait_gone "Saved at another desk"
wait_for "Not saved:"
assert_screen_has 接待赵建国，噪音问题转办公室核实。
assert_eq "上午接待群众1批1人，现场解答。|1" \
	"$(db_sql "SELECT situation || '|' || version FROM reception_log")" "desk A's text stays in the database"
assert_eq 1 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'reception.save'")" "one save audited"

step "desk B, having seen desk A's text, saves again: its text goes in"
keys F2
wait_for "The reception-day log is saved."
assert_eq "接待赵建国，噪音问题转办公室核实。|2|$LEADER_LOGIN" \
	"$(db_sql "SELECT situation || '|' || version || '|' || saved_by FROM reception_log")" "desk B's save"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "desk B's exit status"

step "desk A's next save is refused in turn"
desk a
type_text 补记。
keys F2
wait_for "Saved at another desk"
keys Escape
wait_for "Not saved:"
assert_eq 2 "$(db_sql "SELECT version FROM reception_log")" "nothing written over desk B's save"
keys F10
wait_for "without saving"
keys y
wait_exit
assert_eq 0 "$EXIT_STATUS" "desk A's exit status"

step "牵头处室负责人签名 (F7): a case worker of 办公室 is refused, its unit head signs"
lf_admin unit add 办公室 --kind department >"$T/unit.out" 2>&1 || fail_batch "unit add: $(cat "$T/unit.out")"
lf_user_add worker worker-secret-1 --name 钱经办 --roles handler --unit 办公室
lf_user_add head head-secret-1 --name 郑主任 --title 主任 --roles unit_head --unit 办公室
# sign_situation LOGIN PASSWORD: open the log as LOGIN and press F7, yes.
sign_situation() {
	lf_start --lang en --screen reception-log
	lf_login "$1" "$2"
	wait_for 领导干部接访日情况登记表
	keys F7
	wait_for "Sign 接访情况"
	keys y
}
# The case worker does not open the log at all; core refuses its signature
# too (tests/unit/test_signed.c).
lf_start --lang en --screen reception-log
lf_login worker worker-secret-1
wait_for "not allowed"
keys F10
wait_exit
assert_eq 0 "$(db_sql "SELECT count(*) FROM reception_log WHERE situation_signer_id IS NOT NULL")" "no signature by a case worker"
sign_situation head head-secret-1
wait_for "接访情况 signed."
wait_row_with 牵头处室负责人签名 "郑主任（主任）"
assert_eq "head|郑主任（主任）|$TODAY" \
	"$(db_sql "SELECT u.login || '|' || l.situation_signer || '|' || substr(l.situation_signed_at, 1, 10) FROM reception_log l JOIN app_user u ON u.id = l.situation_signer_id")" \
	"the unit head's signature, with its login and time"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "exit status"
assert_check_clean
pass
