#!/bin/sh
# The schedule (issue 5): an administrator builds December's schedule from
# the command line (by rule and from a CSV) and publishes it; the public
# HTML and CSV hold the leader, title, date, weekday, time, place and lead
# department and no personal data; the publication is recorded. On the
# schedule screen a published slot is changed: laifang asks for the
# approving leader, their password and a reason and logs the change. `schedule check`
# flags the printed dates of seed 004 that fall on public holidays.
. "$(dirname "$0")/lib.sh"

step "the seeds' printed table: the dates on public holidays are flagged"
_o=$("$LAIFANG" schedule check "$E2E_DIR/../unit/data/seed004_2024.csv" 2>&1)
_rc=$?
[ "$_rc" -eq 1 ] || fail_batch "schedule check should exit 1 on seed 004's table (exit $_rc): $_o"
for _d in 2024-02-12 2024-02-15 2024-09-16; do
	printf '%s\n' "$_o" | grep -q "$_d" || fail_batch "schedule check should flag $_d: $_o"
done
assert_eq 3 "$(printf '%s\n' "$_o" | grep -c 'seed004_2024.csv: ')" "problems in seed 004"
"$LAIFANG" schedule check "$E2E_DIR/../unit/data/seed000_2024.csv" >"$T/c0.out" 2>&1 ||
	fail_batch "seed 000's printed table has no holiday: $(cat "$T/c0.out")"
# A roster: each named leader must have a slot in the period; one who has
# none is named, and the check fails.
"$LAIFANG" --lang en schedule check "$E2E_DIR/../unit/data/seed000_2024.csv" --leaders 杨伟强,王小明 >"$T/c1.out" 2>&1
assert_eq 1 "$?" "exit status with a missing leader"
grep -q "王小明 has no reception day from 2024-01-23" "$T/c1.out" || fail_batch "the missing leader should be named: $(cat "$T/c1.out")"
! grep -q "杨伟强 has no" "$T/c1.out" || fail_batch "杨伟强 has slots: $(cat "$T/c1.out")"

step "an administrator builds December 2026 and publishes it"
lf_setup
lf_user_add boss boss-secret-1 --name 杨伟强 --roles leader --title 局长
lf_import_csv "$DATA/reception_day.csv" # a visitor: nothing of theirs may be published
_o=$(lf_as "$CLERK_LOGIN" "$CLERK_PW" schedule generate --rule day:23 --from 2026-12 --to 2026-12 \
	--leaders "$LEADER_LOGIN" 2>&1) && fail_batch "a clerk may not build the schedule: $_o"
lf_admin schedule generate --rule day:23 --from 2026-12 --to 2026-12 --leaders "$LEADER_LOGIN" \
	--time 09:30-11:30 --location 信访接待室 --department 办公室 >"$T/gen.out" 2>&1 ||
	fail_batch "schedule generate: $(cat "$T/gen.out")"
lf_admin schedule import "$DATA/schedule_2026_12.csv" >"$T/imp.out" 2>&1 ||
	fail_batch "schedule import: $(cat "$T/imp.out")"
assert_eq 2 "$(db_sql "SELECT count(*) FROM schedule_slot WHERE day LIKE '2026-12-%'")" "December's slots"
# The publication is approved by a leader's own password (issue 11): here
# 杨伟强's, on the line after the administrator's.
printf '%s\n%s\n' "$ADMIN_PW" boss-secret-1 |
	"$LAIFANG" --db "$LAIFANG_DB" --user "$ADMIN_LOGIN" --password-stdin schedule publish 2026-12 -o "$T/public" \
		--approver boss >"$T/pub.out" 2>&1 || fail_batch "schedule publish: $(cat "$T/pub.out")"
HTML="$T/public/schedule-2026-12.html"
CSV="$T/public/schedule-2026-12.csv"
[ -f "$HTML" ] && [ -f "$CSV" ] || fail_batch "publish should write $HTML and $CSV: $(ls -la "$T/public")"
# The public table's columns (issue 15; test_schedule_publish.sh reads
# them with a parser): 序号, date, time, leader, title, 分管工作, form,
# place, lead department, booking, 备注; 下访 in a table of its own.
grep -q "1,2026年12月15日 星期二,09:00-11:00,杨伟强,局长,,下基层接访,市信访局接访大厅,执法监督和调查评估处" "$CSV" ||
	fail_batch "the public CSV lacks the field visit: $(cat "$CSV")"
grep -q "1,2026年12月23日 星期三,09:30-11:30,李明,副局长,,定点接访,信访接待室,办公室" "$CSV" ||
	fail_batch "the public CSV lacks the reception day: $(cat "$CSV")"
grep -q '<td data-label="接访领导">李明</td><td data-label="职务">副局长</td>' "$HTML" ||
	fail_batch "the HTML lacks the reception day: $(cat "$HTML")"
for _private in 王贤熙 赵建国 110105194912310011 13912345678 体育西路; do
	! grep -q "$_private" "$CSV" "$HTML" || fail_batch "the public table holds personal data: $_private"
done
assert_eq "2026-12|2|$(sha256sum "$CSV" | cut -d' ' -f1)" \
	"$(db_sql "SELECT month || '|' || slots || '|' || csv_sha256 FROM schedule_publication")" "the publication record"
assert_eq 1 "$(db_sql "SELECT count(*) FROM schedule_publication WHERE approved_at IS NOT NULL
	AND approver_name = '杨伟强（局长）'")" "approved at once by the leader"
assert_eq 1 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'schedule.publish' AND record = '2026-12'")" "publish audited"

step "on the schedule screen, changing a published slot asks for the approving leader"
lf_start --lang en --screen schedule
lf_login "$ADMIN_LOGIN" "$ADMIN_PW"
wait_for "Reception schedule 2026-11"
keys Right
wait_for "Reception schedule 2026-12 · published"
assert_screen_has 杨伟强
keys Down
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
wait_for 2026-12-24
assert_eq "2026-12-24" "$(db_sql "SELECT day FROM schedule_slot WHERE leader_name = '李明'")" "the changed slot"
assert_eq "杨伟强（局长）|领导另有公务|2026-12-23|2026-12-24" \
	"$(db_sql "SELECT approver_name || '|' || reason || '|' || json_extract(before_json, '$.date') || '|' || json_extract(after_json, '$.date') FROM schedule_change")" \
	"the change record"
assert_eq 1 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'schedule.change'")" "the change audited"

step "F6 shows the problems of a month; a slot moved onto a holiday is one"
keys Left Left Left Left Left Left Left Left Left Left Left
wait_for "Reception schedule 2026-01"
keys F4
wait_for "Add a slot"
keys C-u
type_text 2026-01-01
keys Tab Tab Tab
type_text 李明
keys F2
wait_for "The slot is added."
assert_row_has "2026-01-01" "!"
keys Down # the message line now shows the selected slot's problem
wait_for "元旦"
keys F6
wait_for "Check against the calendar"
assert_screen_has 2026-01-01
keys Escape
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "exit status"
assert_check_clean
pass
