#!/bin/sh
# The sheet as the clerk fills it (issue 12), under TERM=xterm-256color and
# TERM=screen-256color: F4 opens with the cursor in 来访人姓名; 性别 follows
# the ID number until the clerk chooses it; a 接待时间 more than 3 days back
# asks first, and the case is numbered in the year of the visit (the clock
# stands on 3 January, the visit was on 28 December); a draft reopens in
# the field the clerk was in, and a draft written before that was kept
# (no field saved) opens in 来访人姓名.
E2E_CLOCK="2027-01-03 09:00:00"
. "$(dirname "$0")/lib.sh"

kill_laifang() {
	_pid=$(laifang_pid)
	[ -n "$_pid" ] || fail "no laifang process in the pane"
	kill -KILL "$_pid" || fail "could not kill laifang (pid $_pid)"
	wait_exit
}

# A case's date, the visitor's sex and ID number as saved, its number's year.
SHEET_SQL="SELECT f.received_on, cv.sex, v.id_number, f.year FROM case_file f
	JOIN case_visitor cv ON cv.case_id = f.id AND cv.position = 0 JOIN visitor v ON v.id = cv.visitor_id"

lf_setup
n=0
for term in xterm-256color screen-256color; do
	n=$((n + 1))
	MAN=$(id_number "4401061980010${n}011")   # 17th digit 1: a man
	WOMAN=$(id_number "4401061980010${n}022") # 17th digit 2: a woman
	WOMAN2=$(id_number "4401061975050${n}042")
	NAME="王秀兰$n"

	step "TERM=$term: F4 puts the cursor in 来访人姓名"
	LF_TERM=$term lf_start --lang en
	lf_login "$CLERK_LOGIN" "$CLERK_PW"
	wait_for "Today's registrations"
	keys F4
	wait_sheet
	wait_row_with 接待人员 "$CLERK_NAME"
	assert_row_has 接待时间 2027-01-03
	type_text "$NAME"
	wait_row_with 来访人姓名 "$NAME"
	assert_row_lacks 接待时间 "$NAME"

	step "TERM=$term: 性别 is filled from the ID number and follows it"
	keys Tab Tab Tab # 性别, 联系电话, 身份证号码
	type_text "$WOMAN"
	keys Tab # leaving the number fills 性别
	wait_row_with 性别 女
	keys BTab C-u
	type_text "$MAN"
	keys Tab
	wait_row_with 性别 男

	step "TERM=$term: the clerk's choice stays when the number changes"
	keys BTab BTab BTab # 身份证号码, 联系电话, 性别
	type_text f
	wait_row_with 性别 女
	keys Tab Tab C-u Tab # the number emptied: 女 was the clerk's, it stays
	settle
	assert_row_has 性别 女
	keys BTab
	type_text "$WOMAN2"
	keys Tab Tab # 单位或住址, 信访内容
	type_text "反映拖欠工资12000元，已经等了3 天。"
	wait_for "已经等了3 天"

	step "TERM=$term: a visit 6 days back asks before it is saved"
	keys Tab # past the last field: back to 接待时间
	keys C-u
	type_text 2026-12-28
	wait_row_with 接待时间 2026-12-28
	keys F2
	wait_for "6 days ago"
	assert_screen_has "year of the visit (2026)"
	keys n
	wait_for "Not saved: check 接待时间"
	assert_eq 0 "$(db_sql "SELECT count(*) FROM case_visitor WHERE name = '$NAME'")" "cases saved after n"
	keys F2
	wait_for "6 days ago"
	keys y
	wait_for "Saved as case 2026-00000$n"
	assert_eq "2026-12-28|女|$WOMAN2|2026" \
		"$(db_sql "$SHEET_SQL WHERE f.case_no = '2026-00000$n'")" \
		"the back-dated case (date, sex, ID number, year of its number)"

	step "TERM=$term: 2 days back is saved without a question, in this year"
	keys F4
	wait_sheet
	type_text "李四$n"
	keys Tab Tab Tab
	type_text "$WOMAN"
	keys Tab Tab
	type_text 反映噪音扰民。
	keys Tab C-u
	type_text 2027-01-01
	keys F2
	wait_for "Saved as case 2027-00000$n"
	assert_screen_lacks "days ago"
	assert_eq "2027-01-01|女|$WOMAN|2027" "$(db_sql "$SHEET_SQL WHERE f.case_no = '2027-00000$n'")" \
		"the case of 1 January (sex from the number)"
	keys F10
	wait_exit
done

step "a draft reopens in the field the clerk was in"
lf_start --lang en
lf_login "$CLERK_LOGIN" "$CLERK_PW"
wait_for "Today's registrations"
keys F4
wait_sheet
type_text 赵草稿
keys Tab Tab Tab
type_text 440106
wait_draft '"_focus": "id_number"'
DRAFT=$FOUND_FILE
kill_laifang
lf_start --lang en
lf_login "$CLERK_LOGIN" "$CLERK_PW"
wait_for "A registration sheet was being typed"
keys y
wait_sheet
wait_row_with 来访人姓名 赵草稿
type_text 1980
wait_row_with 身份证号码 4401061980
assert_row_lacks 来访人姓名 1980

step "a draft without the field (as older versions wrote them) opens in 来访人姓名"
wait_draft '4401061980'
DRAFT=$FOUND_FILE
kill_laifang
sed -i 's/"_focus": "id_number"/"_older": ""/' "$DRAFT"
grep -q '_focus' "$DRAFT" && fail_batch "the draft still names a field: $(cat "$DRAFT")"
lf_start --lang en
lf_login "$CLERK_LOGIN" "$CLERK_PW"
wait_for "A registration sheet was being typed"
keys y
wait_sheet
wait_row_with 身份证号码 4401061980
type_text 甲
wait_row_with 来访人姓名 赵草稿甲
keys Escape
wait_for "Drop what was typed"
keys y
wait_for "Today's registrations"
keys F10
wait_exit
pass
