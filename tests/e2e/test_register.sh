#!/bin/sh
# A clerk registers a visitor on the sheet: every field typed through the
# keyboard, Chinese text, a newline inside 信访内容, F2 saves; the home list
# shows the case and the database holds every field exactly as typed.
. "$(dirname "$0")/lib.sh"

NAME=张三丰
ID=$(id_number 11010519491231001) # 17th digit odd: a man
PHONE=13812345678
ADDR=北京市西城区金融街道丰盛胡同28号院3号楼2单元501室
C1=本人张三丰，住北京市西城区金融街道某小区3号楼，反映小区旁建筑工地夜间施工噪音扰民问题。
C2=自2026年9月起，该工地几乎每天晚上十点以后仍在施工，混凝土搅拌车和打桩机的声音一直持续到凌晨两三点，严重影响周边居民休息。小区内有不少老人和正在备考的学生，多人因长期失眠出现头痛、血压升高等症状。本人曾于10月8日、10月21日两次拨打12345热线反映，也向街道办事处递交过书面材料，但至今没有得到答复，施工单位仍然我行我素。现请求有关部门：一、依法查处该工地违规夜间施工的行为；二、督促施工单位采取降噪措施，严格遵守作业时间；三、对此前的投诉给予书面答复。附材料3份（投诉信、现场录音光盘、居民联名信）。
C3=以上情况属实，请领导批示。
CONTENT="$C1
$C2
$C3"

step "the clerk logs in; the home screen names her"
lf_setup
lf_start --lang en
lf_login "$CLERK_LOGIN" "$CLERK_PW"
wait_for "Today's registrations: 0"
assert_screen_has "2026-11-23"
wait_line 0 "$CLERK_NAME"
assert_screen_has "No visitor registered today"

step "F4 opens the registration sheet"
keys F4
wait_sheet
# The title, centred on the top row: (80 - 14) / 2. A soft check, so the
# rest of the sheet is still tested when it fails.
settle
_row=$(screen_line 0)
case "$_row" in
*群众来访登记表*) _tc=$(text_width "${_row%%群众来访登记表*}") ;;
*) _tc= ;;
esac
[ "$_tc" = 33 ] || soft_fail "the sheet's title 群众来访登记表 should be centred on the top row (column 33), found at column ${_tc:-(not on the row)}"
wait_row_with 接待人员 "$CLERK_NAME"
assert_row_has 接待人员 接待时间
assert_row_has 接待时间 2026-11-23
for label in 来访人姓名 性别 联系电话 身份证号码 单位或住址 信访内容 领导批示 牵头处室办理情况; do
	assert_screen_has "$label"
done

step "type the visitor"
type_text "$NAME"
wait_row_with 来访人姓名 "$NAME"
keys Tab
type_text m
wait_row_with 性别 男
keys Tab
type_text "$PHONE"
wait_row_with 联系电话 "$PHONE"
keys Tab
type_text "$ID"
wait_row_with 身份证号码 "$ID"
keys Tab
type_text "$ADDR"
wait_row_with 单位或住址 "$ADDR"

step "the sheet is aligned: one label column, boxes start in one column"
# The label column is as wide as the widest label that starts a row
# (牵头处室办理情况, 16 columns), right-aligned after column 1; the boxes
# start at column 18. Wide characters count two columns.
assert_column 来访人姓名 "$NAME" 18
assert_column 接待人员 "$CLERK_NAME" 18
assert_column 性别 男 18
assert_column 身份证号码 "$ID" 18
assert_column 单位或住址 "$ADDR" 18
assert_column 来访人姓名 来访人姓名 7
assert_column 身份证号码 身份证号码 7
assert_column 单位或住址 单位或住址 7
assert_column 性别 性别 13
assert_column 牵头处室办理情况 牵头处室办理情况 1
# 联系电话 shares the row of 性别: after the 4-column box, "联系电话：".
assert_row_has 性别 联系电话
_sex=$(column_of 性别 联系电话)
_phone=$(column_of 性别 "$PHONE")
[ "$_phone" -gt "$_sex" ] || fail "联系电话's value ($_phone) should be right of its label ($_sex)"

step "a long content with newlines"
keys Tab
type_text "$C1"
keys Enter
type_text "$C2"
keys Enter
type_text "$C3"
# The end of the text is in view (the box scrolls to the cursor), on a
# row of its own at the box's left edge.
wait_for "$C3"
assert_column "$C3" "$C3" 18
assert_column 来访人姓名 "$NAME" 18

step "F2 saves"
keys F2
wait_for "Saved as case 2026-000001"
wait_for "Today's registrations: 1"
assert_row_has 2026-000001 "$NAME"
assert_row_has 2026-000001 本人张三丰，住北京…  # cut with … where the column ends (issue 12)
assert_row_lacks 2026-000001 repeat
assert_column 2026-000001 2026-000001 1
assert_column 2026-000001 "$NAME" 21
# A list never shows an ID number in full.
assert_row_has 2026-000001 "$(mask_id "$ID")"
assert_row_lacks 2026-000001 "$ID"

step "Enter opens the case read-only"
keys Enter
wait_for "群众来访登记表  2026-000001"
wait_row_with 来访人姓名 "$NAME"
assert_column 来访人姓名 "$NAME" 18
assert_row_has 身份证号码 "$ID"
assert_row_has 信访内容 本人张三丰，住北京市西城区
# The second paragraph starts a row of its own, at the box's left edge.
assert_column 自2026年9月起，该工地 自2026年9月起，该工地 18
keys Escape
wait_for "Today's registrations: 1"

step "F10 quits with status 0"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "laifang's exit status after F10 on the home screen"
no_draft || fail "a draft was left behind after the sheet was saved: $(ls -la "$DRAFT_DIR")"

step "the database holds exactly what was typed"
assert_cases 1
assert_json 0 case_no 2026-000001
assert_json 0 name "$NAME"
assert_json 0 sex 男
assert_json 0 phone "$PHONE"
assert_json 0 id_number "$ID"
assert_json 0 address "$ADDR"
assert_json 0 content "$CONTENT"
assert_json 0 received_on 2026-11-23
assert_json 0 receptionist "$CLERK_NAME"
assert_json_raw 0 repeat false
jq -e '.[0].case_id | test("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")' "$JSON" >/dev/null ||
	fail "case_id is not a UUID: $(jq '.[0].case_id' "$JSON")"
assert_check_clean

pass
