#!/bin/sh
# People at the desk (issue 3): the administrator makes a clerk and a leader
# through the command line; the clerk logs in and registers a visitor (her
# list masks the ID number, the database holds it in full); the leader logs
# in, opens the case and signs an instruction, which shows his name, title
# and the time; an idle desk locks over a half-typed sheet and gives it back
# after the password; five wrong passwords lock an account.
. "$(dirname "$0")/lib.sh"

NAME=赵建国
ID=$(id_number 44010619800101123) # 440106...: masked 440106********NNNN
MASKED=$(mask_id "$ID")
CONTENT=反映小区电梯长期故障无人维修，编号EL77。
INSTR=请住建局牵头核查，七个工作日内答复。编号IN55

step "the people, made through the command line"
lf_setup
_n=$(db_sql "SELECT count(*) FROM app_user")
assert_eq 3 "$_n" "users in the database after lf_setup"
_r=$(db_sql "SELECT title FROM app_user WHERE login = '$LEADER_LOGIN'")
assert_eq "$LEADER_TITLE" "$_r" "the leader's title"

step "a wrong password is refused on the login screen"
lf_start --lang en
lf_login "$CLERK_LOGIN" not-the-password
wait_for "wrong"
assert_screen_lacks "Today's registrations"
assert_screen_lacks not-the-password
_f=$(db_sql "SELECT failed_logins FROM app_user WHERE login = '$CLERK_LOGIN'")
assert_eq 1 "$_f" "the clerk's failed logins after one wrong password"

step "the clerk logs in (the login stays typed; the password again)"
type_text "$CLERK_PW"
keys Enter
wait_for "Today's registrations: 0"
wait_line 0 "$CLERK_NAME"
assert_screen_lacks "$CLERK_PW"
_f=$(db_sql "SELECT failed_logins FROM app_user WHERE login = '$CLERK_LOGIN'")
assert_eq 0 "$_f" "the clerk's failed logins after a good login"
# Her key bar: a new sheet, no audit log, no administration.
wait_line 23 F4
settle
case "$(screen_line 23)" in *F8* | *F9*) fail "the clerk's key bar offers F8/F9: [$(screen_line 23)]" ;; esac

step "F9 is refused to a clerk, with core's reason"
keys F9
wait_for "not allowed"
assert_screen_has "Today's registrations: 0"

step "the clerk registers a visitor"
keys F4
wait_sheet
wait_row_with 接待人员 "$CLERK_NAME"
type_text "$NAME"
keys Tab Tab Tab # 性别, 联系电话, 身份证号码
type_text "$ID"
wait_row_with 身份证号码 "$ID"
keys Tab Tab # 单位或住址, 信访内容
type_text "$CONTENT"
wait_for "编号EL77"
keys F2
wait_for "Saved as case 2026-000001"

step "her list shows the ID number masked"
wait_row_with 2026-000001 "$NAME"
assert_row_has 2026-000001 "$MASKED"
assert_row_lacks 2026-000001 "$ID"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "exit status after the clerk's F10"

step "the database holds the ID number in full, and the clerk's name"
assert_cases 1
assert_json 0 id_number "$ID"
assert_json 0 receptionist "$CLERK_NAME"
_v=$(db_sql "SELECT id_number FROM visitor")
assert_eq "$ID" "$_v" "visitor.id_number in the database"

step "the leader logs in: no new sheet for him"
lf_start_as "$LEADER_LOGIN" "$LEADER_PW" --lang en
wait_line 0 "$LEADER_NAME"
wait_line 23 F10
settle
case "$(screen_line 23)" in *F4*) fail "the leader's key bar offers F4: [$(screen_line 23)]" ;; esac
assert_row_has 2026-000001 "$MASKED"
keys F4
wait_for "not allowed"
assert_screen_lacks 来访人姓名

step "he opens the case: the ID number in full (his role may see it)"
keys Enter
wait_for "群众来访登记表  2026-000001"
wait_row_with 身份证号码 "$ID"
wait_line 23 F6

step "F6: he writes an instruction; F2 asks to sign as him"
keys F6
wait_for "Instruction (批示) on case 2026-000001"
type_text "$INSTR"
wait_for "编号IN55"
keys F2
wait_for "Sign this instruction as $LEADER_NAME（$LEADER_TITLE）?"
keys y
wait_for "The instruction is signed."

step "the case shows the instruction, the signer and the time"
wait_row_with 领导批示 请住建局牵头核查
assert_row_has 签名 "$LEADER_NAME（$LEADER_TITLE）"
_row=$(line_with 签名)
printf '%s\n' "$_row" | grep -q -E '2026-11-23 [0-2][0-9]:[0-5][0-9]' ||
	fail "the signature's row should show the date and time of signing: [$_row]"
keys Escape
wait_for "Today's registrations: 1"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "exit status after the leader's F10"

step "the database: a signed entry, the case's signer, the audit log"
_e=$(db_sql "SELECT kind || '|' || signer_name || '|' || text FROM case_entry")
assert_eq "instruction|$LEADER_NAME（$LEADER_TITLE）|$INSTR" "$_e" "the case_entry row"
_s=$(db_sql "SELECT instruction_signer FROM case_file")
assert_eq "$LEADER_NAME（$LEADER_TITLE）" "$_s" "case_file.instruction_signer"
_d=$(db_sql "SELECT signed_at FROM case_entry")
case "$_d" in 2026-11-23T*) ;; *) fail_batch "case_entry.signed_at should be a 2026-11-23 timestamp: [$_d]" ;; esac
_a=$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'case.instruct' AND login = '$LEADER_LOGIN'")
assert_eq 1 "$_a" "audit entries case.instruct by the leader"
_a=$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'case.view' AND login = '$LEADER_LOGIN'")
[ "$_a" -ge 1 ] || fail_batch "the leader's opening of the case is not in the audit log"
assert_cases 1
assert_json 0 instruction "$INSTR"
assert_json 0 instruction_signer "$LEADER_NAME（$LEADER_TITLE）"
assert_check_clean

step "the administrator: F8 and F9, no F4"
lf_start_as "$ADMIN_LOGIN" "$ADMIN_PW" --lang en
wait_line 23 F9
assert_screen_has F8
settle
case "$(screen_line 23)" in *F4*) fail "the administrator's key bar offers F4: [$(screen_line 23)]" ;; esac
keys F10
wait_exit

step "an idle desk locks over a half-typed sheet"
lf_admin config set idle_lock_seconds 2 >"$T/config.out" 2>&1 ||
	fail_batch "config set idle_lock_seconds failed: $(cat "$T/config.out")"
lf_start_as "$CLERK_LOGIN" "$CLERK_PW" --lang en
keys F4
wait_sheet
type_text 钱多多
keys Tab Tab Tab Tab Tab # 信访内容
type_text 半截的内容LK31
wait_for "Locked" 10
wait_draft LK31 # written before the lock came
assert_screen_has "$CLERK_NAME ($CLERK_LOGIN)"

step "the password gives the sheet back as it was"
type_text "$CLERK_PW"
assert_screen_lacks "$CLERK_PW"
keys Enter
wait_gone "Locked"
assert_row_has 来访人姓名 钱多多
assert_screen_has 半截的内容LK31

step "locked again: F10 quits and the sheet is kept as a draft"
wait_for "Locked" 10
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "exit status after F10 in the lock"
wait_draft LK31
assert_cases 1

step "five wrong passwords lock the leader's account"
lf_start --lang en
lf_login "$LEADER_LOGIN" wrong-password-1
for _i in 2 3 4 5; do
	_end=$(_deadline 10)
	until [ "$(db_sql "SELECT failed_logins FROM app_user WHERE login = '$LEADER_LOGIN'")" = $((_i - 1)) ]; do
		[ "$(date +%s)" -le "$_end" ] || fail "failed login $((_i - 1)) was not counted"
		sleep 0.1
	done
	type_text "wrong-password-$_i"
	keys Enter
done
wait_for "locked"
_l=$(db_sql "SELECT locked_until FROM app_user WHERE login = '$LEADER_LOGIN'")
[ -n "$_l" ] || fail "app_user.locked_until is not set after five wrong passwords"
LEADER_ID=$(db_sql "SELECT id FROM app_user WHERE login = '$LEADER_LOGIN'")
_a=$(db_sql "SELECT count(*) FROM audit_log WHERE action IN ('login.fail', 'login.locked') AND record = '$LEADER_ID'")
assert_eq 5 "$_a" "failed logins of the leader in the audit log"

step "even the right password is refused while locked"
_before=$(db_sql "SELECT count(*) FROM audit_log WHERE record = '$LEADER_ID'")
type_text "$LEADER_PW"
keys Enter
_end=$(_deadline 10)
until [ "$(db_sql "SELECT count(*) FROM audit_log WHERE record = '$LEADER_ID'")" -gt "$_before" ]; do
	[ "$(date +%s)" -le "$_end" ] || fail "the login attempt while locked was not audited"
	sleep 0.1
done
wait_for "locked"
assert_screen_lacks "Today's registrations"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "exit status after F10 on the login screen"

pass
