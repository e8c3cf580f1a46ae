#!/bin/sh
# Reception-day rules (issue 11). `schedule import` refuses slots on days
# off (a public holiday, a weekend not worked), naming each, until an
# approving leader confirms them with their own password (read from a
# file, never from the command line). On the schedule screen, publishing
# the month names its days off and asks the approving leader's password: a
# wrong one approves nothing. A published slot that is changed (approved by
# the leader's password again) marks the publication stale, and the home
# screen says so until the month is published again.
. "$(dirname "$0")/lib.sh"

lf_setup
lf_user_add boss boss-secret-1 --name 杨伟强 --roles leader --title 局长

cat >"$T/days.csv" <<'EOF'
date,start,end,leader,title,level,department,location,contact,kind,mode
2026-10-01,09:30,11:30,李明,副局长,bureau,办公室,信访接待室,王贤熙,接访,定点接访
2026-12-23,09:30,11:30,李明,副局长,bureau,办公室,信访接待室,王贤熙,接访,定点接访
2026-12-26,09:00,11:00,杨伟强,局长,bureau,执法监督和调查评估处,市信访局接访大厅,王贤熙,下访,下基层接访
EOF

step "import refuses the slots on days off, naming each"
lf_admin --lang en schedule import "$T/days.csv" >"$T/imp1.out" 2>&1
assert_eq 1 "$?" "exit status of an import with days off"
grep -q "2026-10-01 is a public holiday (国庆节), yet 李明 is booked on it" "$T/imp1.out" ||
	fail_batch "the holiday should be named: $(cat "$T/imp1.out")"
grep -q "2026-12-26 is a Saturday and not a working day, yet 杨伟强 is booked on it" "$T/imp1.out" ||
	fail_batch "the Saturday should be named: $(cat "$T/imp1.out")"
! grep -q "2026-12-23 is" "$T/imp1.out" || fail_batch "a working day is no problem: $(cat "$T/imp1.out")"
grep -q "Nothing was imported: 2 slot(s) fall on days off" "$T/imp1.out" ||
	fail_batch "the refusal should say nothing was imported: $(cat "$T/imp1.out")"
assert_eq 0 "$(db_sql "SELECT count(*) FROM schedule_slot")" "slots after the refusal"

step "a wrong password of the approving leader approves nothing"
printf '%s\n' not-the-password >"$T/wrong.pw"
lf_admin --lang en schedule import "$T/days.csv" --approver boss --allow-days-off \
	--approver-password-file "$T/wrong.pw" >"$T/imp2.out" 2>&1
assert_eq 1 "$?" "exit status with a wrong password"
grep -q "Not approved: wrong login or password" "$T/imp2.out" || fail_batch "the refusal: $(cat "$T/imp2.out")"
assert_eq 0 "$(db_sql "SELECT count(*) FROM schedule_slot")" "slots after a wrong password"
assert_eq 1 "$(db_sql "SELECT count(*) FROM audit_log a JOIN app_user u ON u.id = a.record WHERE a.action = 'login.fail' AND u.login = 'boss'")" \
	"the failed confirmation is counted and audited"

step "the approving leader's own password lets the exceptions in, audited"
printf '%s\n' boss-secret-1 >"$T/boss.pw"
chmod 600 "$T/boss.pw"
lf_admin --lang en schedule import "$T/days.csv" --approver boss --allow-days-off \
	--approver-password-file "$T/boss.pw" >"$T/imp3.out" 2>&1 || fail_batch "approved import: $(cat "$T/imp3.out")"
assert_eq 3 "$(db_sql "SELECT count(*) FROM schedule_slot")" "slots after the approved import"
assert_eq '["2026-10-01","2026-12-26"]|boss' \
	"$(db_sql "SELECT json_extract(a.changes, '$.days_off') || '|' || u.login FROM audit_log a JOIN app_user u ON u.id = json_extract(a.changes, '$.approver_id') WHERE a.action = 'schedule.exception'")" \
	"the exception in the audit log"
# A publication needs its approver: without one it is only prepared for the
# confidentiality review (issue 15), the day off named for the reviewer.
lf_admin --lang en schedule publish 2026-12 -o "$T/public" >"$T/pub0.out" 2>&1 ||
	fail_batch "prepare without an approver: $(cat "$T/pub0.out")"
grep -q "2026-12-26 is a Saturday" "$T/pub0.out" || fail_batch "prepare should name the day off: $(cat "$T/pub0.out")"
[ ! -e "$T/public/schedule-2026-12.csv" ] || fail_batch "a prepared table is not published"

step "on the schedule screen, publishing names the day off and asks the leader's password"
lf_start_as "$ADMIN_LOGIN" "$ADMIN_PW" --lang en
keys s
wait_for "Reception schedule 2026-11"
keys Right
wait_for "Reception schedule 2026-12 · not published"
keys F9
wait_for "Folder for the HTML and CSV"
type_text "$T/public"
keys Enter
wait_for "Slots on days off"
assert_screen_has "2026-12-26 is a Saturday"
keys Enter
wait_for "as approved exceptions?"
keys y
wait_for "Publishing needs a leader's approval"
assert_screen_has "The leader's password"
type_text boss
keys Tab
type_text guessed-wrong
settle
assert_screen_lacks guessed-wrong # the password is never shown
keys Enter
wait_for "Not approved: wrong login or password"
assert_eq 0 "$(db_sql "SELECT count(*) FROM schedule_publication WHERE approved_at IS NOT NULL")" "publications after a wrong password"
[ ! -e "$T/public/schedule-2026-12.csv" ] || fail "nothing is written before the approval"
keys F9
wait_for "Folder for the HTML and CSV"
type_text "$T/public"
keys Enter
wait_for "Slots on days off"
keys Enter
wait_for "as approved exceptions?"
keys y
wait_for "Publishing needs a leader's approval"
type_text boss
keys Tab
type_text boss-secret-1
keys Enter
wait_for "approved by 杨伟强（局长）"
wait_for "Reception schedule 2026-12 · published"
assert_eq '杨伟强（局长）|["2026-12-26"]|1' \
	"$(db_sql "SELECT approver_name || '|' || exceptions || '|' || CASE WHEN stale_at IS NULL THEN 1 ELSE 0 END FROM schedule_publication WHERE approved_at IS NOT NULL")" \
	"the publication with its approver and exception"
[ -f "$T/public/schedule-2026-12.csv" ] || fail "the public table should be written"

step "a changed published slot, approved by the password, makes the publication stale"
wait_for 李明
keys Enter
wait_for "Change the slot"
wait_row_with 日期 2026-12-23
keys C-u
type_text 2026-12-24
keys F2
wait_for "needs approval"
type_text boss
keys Tab
type_text boss-secret-1
keys Tab
type_text 领导另有公务
keys Enter
wait_for "The slot is changed."
wait_for "changed since"
assert_eq "2026-12-24" "$(db_sql "SELECT day FROM schedule_slot WHERE leader_name = '李明' AND day LIKE '2026-12-%'")" "the changed slot"
assert_eq 0 "$(db_sql "SELECT count(*) FROM schedule_publication WHERE stale_at IS NULL AND approved_at IS NOT NULL")" "the publication is stale"
keys F10
wait_exit

lf_admin --lang en schedule list 2026-12 >"$T/list.out" 2>&1 || fail_batch "schedule list: $(cat "$T/list.out")"
grep -q "changed since .*: publish it again" "$T/list.out" || fail_batch "schedule list should say the change: $(cat "$T/list.out")"

step "the home screen says the published schedule changed"
lf_start_as "$LEADER_LOGIN" "$LEADER_PW" --lang en
wait_for "The published reception schedule of 2026-12 has changed since it was published"
keys F10
wait_exit
lf_start # in Chinese
wait_for 登录名
type_text "$ADMIN_LOGIN"
keys Enter
type_text "$ADMIN_PW"
keys Enter
wait_for "2026-12 的接访安排公开后已有变更：请重新公开。"
keys F10
wait_exit

step "published again, the notice goes"
printf '%s\n%s\n' "$ADMIN_PW" boss-secret-1 |
	"$LAIFANG" --db "$LAIFANG_DB" --user "$ADMIN_LOGIN" --password-stdin schedule publish 2026-12 -o "$T/public" \
		--approver boss --allow-days-off >"$T/pub2.out" 2>&1 || fail_batch "publish again: $(cat "$T/pub2.out")"
assert_eq 1 "$(db_sql "SELECT count(*) FROM schedule_publication WHERE stale_at IS NULL AND approved_at IS NOT NULL")" \
	"a fresh publication"
lf_start_as "$LEADER_LOGIN" "$LEADER_PW" --lang en
settle
assert_screen_lacks "has changed since it was published"
keys F10
wait_exit
assert_check_clean
pass
