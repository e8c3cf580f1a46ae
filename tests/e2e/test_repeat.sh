#!/bin/sh
# A returning visitor (重复访): typing only the ID number fills in the name,
# sex, phone and address from the last visit, lists the earlier cases and
# asks whether this visit is the same matter (issue 11: the clerk's answer,
# not a guess); the clerk says yes and the saved case is marked repeat.
. "$(dirname "$0")/lib.sh"

ID=440104197506150028 # 李秀英's, as in data/one_visit.csv
CONTENT=再次反映单位拖欠工资问题，上次来访后单位只发放了一个月工资，其余两个月仍未发放。

lf_setup
step "one earlier visit (2026-11-20), imported"
lf_as "$CLERK_LOGIN" "$CLERK_PW" import "$DATA/one_visit.csv" >"$T/import.out" 2>"$T/import.err" ||
	fail_batch "import of one_visit.csv failed: $(cat "$T/import.err")"
assert_cases 1
assert_json 0 name 李秀英
assert_json_raw 0 repeat false

step "a new sheet: only the ID number is typed"
lf_start --lang en
lf_login "$CLERK_LOGIN" "$CLERK_PW"
wait_for "Today's registrations: 0"
keys F4
wait_sheet
keys Tab Tab Tab # 性别, 联系电话, 身份证号码
type_text "$ID"
wait_row_with 身份证号码 "$ID"
assert_row_lacks 来访人姓名 李秀英

step "leaving 身份证号码 lists the earlier cases and asks: the same matter?"
keys Tab
wait_for "Is this visit the same matter"
assert_screen_has "Earlier cases of this visitor:"
assert_screen_has "2026-000001  2026-11-20  registered  反映所在单位拖欠工资三个月"
# The earlier case is not yet answered (art. 19, para. 3: 同一事项正在办理).
assert_screen_has "still being handled (同一事项正在办理): 1."
assert_screen_has "art. 19, para. 3"
# The question's default is "not a repeat".
assert_screen_has "y: yes   [N] no"
keys y
wait_for "Marked as a repeat petition"

step "what laifang knows is filled in"
wait_row_with 来访人姓名 李秀英
assert_column 来访人姓名 李秀英 18
assert_row_has 性别 女
assert_row_has 性别 020-83186312
assert_row_has 单位或住址 广州市越秀区解放中路305号
# The answer, right of the ID number's box.
assert_row_has 身份证号码 "Earlier ×1 · repeat: yes (F7)"
_id=$(column_of 身份证号码 "$ID")
_note=$(column_of 身份证号码 "Earlier ×")
[ "$_note" -gt "$_id" ] || fail "the repeat note (column $_note) should be right of the ID number (column $_id)"

step "type the content and save"
keys Tab # 信访内容
type_text "$CONTENT"
wait_for "再次反映单位拖欠工资问题"
keys F2
wait_for "Saved as case 2026-000002"
wait_for "Today's registrations: 1"

step "the home list marks the case as a repeat"
assert_row_has 2026-000002 李秀英
assert_row_has 2026-000002 repeat
assert_column 2026-000002 repeat 73

step "the case view says so too"
keys Enter
wait_for "群众来访登记表  2026-000002"
assert_screen_has "(repeat petition)"
keys Escape
wait_for "Today's registrations: 1"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "laifang's exit status after F10"

step "the database: the second case is a repeat, with the known details"
assert_cases 2
assert_json_raw 0 repeat false
assert_json_raw 1 repeat true
assert_json 1 case_no 2026-000002
assert_json 1 id_number "$ID"
assert_json 1 name 李秀英
assert_json 1 sex 女
assert_json 1 phone 020-83186312
assert_json 1 address 广州市越秀区解放中路305号
assert_json 1 content "$CONTENT"
assert_json 1 received_on 2026-11-23
assert_json 1 receptionist "$CLERK_NAME"
assert_json 0 receptionist 王敏
assert_json 0 received_on 2026-11-20
assert_check_clean

pass
