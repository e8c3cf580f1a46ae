#!/bin/sh
# The reception day (issue 5): today's slot names the leader on duty; a
# clerk registers a visitor that day; the leader opens the day's log
# (领导干部接访日情况登记表), which is filled from the slot, writes it,
# attaches a photo, writes a forwarding opinion (批转意见) on the day's
# case and signs. Screen and database are checked; `laifang check` then
# verifies the photo's hash and finds it changed behind laifang's back.
# The log is started with the hidden switch --screen reception-log until
# home has its key.
. "$(dirname "$0")/lib.sh"

step "the administrator schedules today (2026-11-23) for the leader"
lf_setup
lf_admin schedule generate --rule day:23 --from 2026-11 --to 2026-11 --leaders "$LEADER_LOGIN" \
	--time 09:30-11:30 --location 信访接待室 --department 办公室 >"$T/gen.out" 2>&1 ||
	fail_batch "schedule generate: $(cat "$T/gen.out")"
assert_eq 2026-11-23 "$(db_sql "SELECT day FROM schedule_slot")" "the slot's day"

step "a clerk registers a visitor that day"
lf_import_csv "$DATA/reception_day.csv"
assert_cases 1

step "the clerk's sheet names who receives today"
lf_start_as "$CLERK_LOGIN" "$CLERK_PW" --lang en
keys F4
wait_for "Reception today: $LEADER_NAME（$LEADER_TITLE） · 办公室"
assert_screen_has 群众来访登记表

step "the leader on duty logs in today: the waiting list is the first screen; Esc shows home"
assert_eq "$(db_sql "SELECT id FROM app_user WHERE login = '$LEADER_LOGIN'")" \
	"$(db_sql "SELECT leader_id FROM schedule_slot WHERE day = '2026-11-23'")" "the slot's leader login"
lf_start --lang en
lf_login "$LEADER_LOGIN" "$LEADER_PW"
wait_for "Waiting list (候谈) · 2026-11-23"
assert_screen_lacks "Today's registrations"
keys Escape
wait_for "Today's registrations"
assert_screen_lacks "Waiting list (候谈)"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "exit status"

step "the leader opens the day's log: leader and department come from the slot"
lf_start --lang en --screen reception-log
lf_login "$LEADER_LOGIN" "$LEADER_PW"
wait_for 领导干部接访日情况登记表
wait_row_with 接访领导 "$LEADER_NAME（$LEADER_TITLE）"
assert_row_has 接访领导 2026-11-23
assert_row_has 牵头处室 办公室
assert_row_has 牵头处室 "$LEADER_NAME"
assert_screen_has "1 case(s)"

step "the leader writes 接访情况, the demands, the instruction and the summary meeting, and saves"
type_text 接待群众1批1人，现场解答并登记。
keys Tab
type_text 反映工地夜间施工噪音扰民。
keys Tab
type_text 请住建局依法查处。
keys Tab
type_text 李明、办公室负责人、住建局联络员
keys Tab
type_text 噪音问题转市住建局，7个工作日内报送。
keys F2
wait_for "The reception-day log is saved."
assert_eq 1 "$(db_sql "SELECT count(*) FROM reception_log WHERE day = '2026-11-23' AND situation LIKE '接待群众1批1人%' AND demands LIKE '反映工地%' AND instruction = '请住建局依法查处。'")" "the saved log"
assert_eq "李明、办公室负责人、住建局联络员|噪音问题转市住建局，7个工作日内报送。" "$(db_sql "SELECT meeting_attendees || '|' || meeting_decisions FROM reception_log")" "the summary meeting"
assert_eq 1 "$(db_sql "SELECT count(*) FROM reception_log_case")" "the day's case linked to the log"

step "a photo is attached by its path; a missing one gets a message"
printf 'not really a jpeg, but bytes all the same\n' >"$T/现场照片.jpg"
SHA=$(sha256sum "$T/现场照片.jpg" | cut -d' ' -f1)
keys F4
wait_for "File path"
type_text "$T/nothere.jpg"
keys Enter
wait_for "there is no file"
keys F4
wait_for "File path"
type_text "$T/现场照片.jpg"
keys Enter
wait_for "Attached 现场照片.jpg"
assert_screen_has "现场照片.jpg"
assert_eq "现场照片.jpg|image/jpeg|$SHA" "$(db_sql "SELECT name || '|' || type || '|' || sha256 FROM reception_attachment")" "the attachment's record"
[ -f "$ATTACH_DIR/$SHA" ] || fail "the photo was not copied to $ATTACH_DIR/$SHA"

step "F3: the day's cases; a forwarding opinion on the case, signed"
keys F3
wait_for "The day's cases"
assert_screen_has 赵建国
keys Enter
wait_for "Instruction or forwarding opinion"
type_text 转市住建局办理，7个工作日内报送办理情况。
keys F2
wait_for "Sign this on case"
keys y
wait_for "signed by $LEADER_NAME（$LEADER_TITLE）"
assert_eq "转市住建局办理，7个工作日内报送办理情况。|$LEADER_NAME（$LEADER_TITLE）" \
	"$(db_sql "SELECT text || '|' || signer_name FROM case_entry WHERE kind = 'instruction'")" "the case's signed instruction"
keys F3
wait_for 接访情况

step "F6: the leader signs the log"
keys F6
wait_for "Sign 领导批示"
keys y
wait_for "领导批示 signed."
wait_for "签名 $LEADER_NAME（$LEADER_TITLE）"
assert_row_has "签名 $LEADER_NAME" "日期：2026-11-23"
assert_eq "$LEADER_NAME（$LEADER_TITLE）" "$(db_sql "SELECT instruction_signer FROM reception_log")" "the log's signature"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "exit status"

step "the clerk prints the day's log: the paper's boxes filled in, the photo by name"
lf_as "$CLERK_LOGIN" "$CLERK_PW" print --log 2026-11-23 -o "$T/log.pdf" >"$T/print.out" 2>&1 ||
	fail_batch "print --log: $(cat "$T/print.out")"
[ "$(stat -c %a "$T/log.pdf")" = 600 ] || fail "the log's PDF is not 0600"
_txt=$(pdftotext -enc UTF-8 "$T/log.pdf" - 2>&1 | tr -d ' \n\f')
for _s in 领导干部接访日情况登记表 接访照片 视频另附 "接访领导：$LEADER_NAME（$LEADER_TITLE）" 2026年11月23日 \
	现场照片.jpg 请住建局依法查处。 "签名：$LEADER_NAME（$LEADER_TITLE）"; do
	case "$_txt" in
	*"$_s"*) ;;
	*) fail_batch "expected \"$_s\" in the log's PDF: $_txt" ;;
	esac
done
assert_eq '{"day":"2026-11-23"}' "$(db_sql "SELECT a.changes FROM audit_log a JOIN reception_log l ON l.id = a.record WHERE a.action = 'reception.print'")" "the print's audit row"

step "laifang check verifies the photo's hash"
assert_check_clean
chmod u+w "$ATTACH_DIR/$SHA"
printf 'changed\n' >>"$ATTACH_DIR/$SHA"
_o=$("$LAIFANG" check 2>&1)
_rc=$?
[ "$_rc" -eq 1 ] || fail_batch "laifang check should fail on a changed attachment (exit $_rc): $_o"
case "$_o" in
*现场照片.jpg*) ;;
*) fail_batch "laifang check should name the changed attachment: $_o" ;;
esac
pass
