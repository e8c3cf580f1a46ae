#!/bin/sh
# Who a visitor is (issue 11): a known ID number under another name is a
# question with three answers (keep the record, update it, correct the
# sheet), each checked in the database; changing the ID number takes back
# what the old number filled in; a visitor without a document is registered
# with a note; an import row that contradicts the record is refused by its
# row; a 15-digit ID number is its 18-digit form's person.
. "$(dirname "$0")/lib.sh"

ID=$(id_number 44010419700305123) # 陈建国, a man (17th digit odd)
ID2=$(id_number 44010419851112234) # someone laifang does not know
# 陈建国's old 15-digit card: the same number without "19" and the check digit.
OLD=$(printf '%s' "$ID" | cut -c1-6)$(printf '%s' "$ID" | cut -c9-17)

visitor_name() {
	db_sql "SELECT name FROM visitor WHERE id_number = '$ID'"
}
case_name() {
	db_sql "SELECT cv.name FROM case_visitor cv JOIN case_file c ON c.id = cv.case_id WHERE c.case_no = '$1' AND cv.position = 0"
}
n_cases() {
	db_sql "SELECT count(*) FROM case_file"
}

lf_setup
step "陈建国 came before (imported)"
cat >"$T/first.csv" <<EOF
receptionist,received_on,name,sex,phone,id_number,address,content
王敏,$TODAY,陈建国,男,13812345678,$ID,广州市越秀区解放中路305号,反映小区噪音扰民。
EOF
lf_import_csv "$T/first.csv"
assert_eq 陈建国 "$(visitor_name)" "the visitor record"

# sheet NAME: a new sheet with NAME and the ID number typed, the rest filled
# from the record, the content typed, then F2.
sheet() {
	keys F4
	wait_sheet
	type_text "$1"
	keys Tab Tab Tab # 性别, 联系电话, 身份证号码
	type_text "$ID"
	keys Tab # leaves the number: the record fills what is empty
	wait_for "Is this visit the same matter"
	keys n # not a repeat: the clerk's answer (issue 11)
	wait_row_with 联系电话 13812345678
	assert_row_has 来访人姓名 "$1"
	keys Tab # 信访内容
	type_text "再次反映噪音问题，$1。"
	keys F2
}

lf_start_as "$CLERK_LOGIN" "$CLERK_PW" --lang en

step "another name at the known number: asked before saving"
sheet 陈建新
wait_for "This ID number is on record as 陈建国; this sheet says 陈建新."
assert_screen_has "Keep the record"
assert_screen_has "Update the record to this sheet"
assert_screen_has "Correct the sheet"
assert_eq 1 "$(n_cases)" "cases while the question is open"

step "correct the sheet: back to the name, nothing saved"
type_text 3
wait_for "this sheet says 陈建新"
assert_eq 1 "$(n_cases)" "cases after 'correct the sheet'"
keys C-u
type_text 陈建国
keys F2
wait_for "Saved as case 2026-000002"
assert_eq 陈建国 "$(case_name 2026-000002)" "case 2026-000002's name"
assert_eq 陈建国 "$(visitor_name)" "the record after a corrected sheet"

step "keep the record: the case keeps the sheet's name, the record its own"
wait_for "Today's registrations: 2"
sheet 陈建新
wait_for "This ID number is on record as 陈建国"
type_text 1
wait_for "Saved as case 2026-000003"
assert_eq 陈建新 "$(case_name 2026-000003)" "case 2026-000003's name"
assert_eq 陈建国 "$(visitor_name)" "the record after 'keep'"
assert_eq 1 "$(db_sql "SELECT count(*) FROM visitor")" "visitors"
assert_eq 0 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'visitor.update'")" "record updates"

step "update the record: renamed, audited; the earlier cases keep their names"
wait_for "Today's registrations: 3"
sheet 陈建新
wait_for "This ID number is on record as 陈建国"
type_text 2
wait_for "Saved as case 2026-000004"
assert_eq 陈建新 "$(visitor_name)" "the record after 'update'"
assert_eq 1 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'visitor.update' AND changes LIKE '%陈建国%'")" "the update's audit entry"
assert_eq 陈建国 "$(case_name 2026-000001)" "case 2026-000001's name"
assert_eq 陈建国 "$(case_name 2026-000002)" "case 2026-000002's name"

step "changing the ID number takes back what the old one filled in"
wait_for "Today's registrations: 4"
keys F4
wait_sheet
keys Tab Tab Tab # to 身份证号码, nothing else typed
type_text "$ID"
keys Tab
wait_for "Is this visit the same matter"
keys n
wait_row_with 来访人姓名 陈建新
assert_row_has 联系电话 13812345678
assert_row_has 单位或住址 解放中路305号
keys BTab # back to 身份证号码
keys C-u
type_text "$ID2"
keys Tab
wait_for "The ID number changed"
assert_row_lacks 来访人姓名 陈建新
assert_row_lacks 联系电话 13812345678
assert_row_lacks 单位或住址 解放中路305号
assert_row_lacks 身份证号码 "Repeat"
keys Tab # 信访内容
type_text 反映道路破损。
keys BTab BTab BTab BTab BTab # 单位或住址 → 身份证号码 → 联系电话 → 性别 → 来访人姓名
type_text 林小红
keys F2
wait_for "Saved as case 2026-000005"
assert_eq 林小红 "$(case_name 2026-000005)" "case 2026-000005's name"
assert_eq "" "$(db_sql "SELECT coalesce(cv.phone, '') || coalesce(cv.address, '') FROM case_visitor cv JOIN case_file c ON c.id = cv.case_id WHERE c.case_no = '2026-000005'")" "phone and address of the new person's case"
assert_eq "$ID2" "$(db_sql "SELECT v.id_number FROM visitor v JOIN case_visitor cv ON cv.visitor_id = v.id JOIN case_file c ON c.id = cv.case_id WHERE c.case_no = '2026-000005'")" "the new person's record"

step "a visitor without a document: 证件类型 无证件 and a note"
wait_for "Today's registrations: 5"
keys F4
wait_sheet
type_text 无名氏
keys Tab Tab Tab # 身份证号码
keys Up # 证件类型 (not a Tab stop)
wait_for "证件类型"
keys Left # the list wraps: 无证件 is the last
wait_row_with 证件类型 无证件
keys Down # back to the number box: the note
type_text 未带证件，自述住海珠区
keys Tab Tab # 信访内容
type_text 反映邻居占用楼道。
keys F2
wait_for "Saved as case 2026-000006"
assert_eq "无证件|未带证件，自述住海珠区|" "$(db_sql "SELECT cv.doc_type || '|' || cv.doc_note || '|' || coalesce(cv.doc_number, '') FROM case_visitor cv JOIN case_file c ON c.id = cv.case_id WHERE c.case_no = '2026-000006'")" "the case's document"
assert_eq "无证件|" "$(db_sql "SELECT v.doc_type || '|' || coalesce(v.doc_number, '') FROM visitor v JOIN case_visitor cv ON cv.visitor_id = v.id JOIN case_file c ON c.id = cv.case_id WHERE c.case_no = '2026-000006'")" "the record of a person without a document"
assert_eq 0 "$(case_sql 2026-000006 is_repeat)" "a person without a document is never a repeat"

step "changing 证件类型 after the number filled the sheet takes the fill back too"
wait_for "Today's registrations: 6"
keys F4
wait_sheet
keys Tab Tab Tab # 身份证号码
type_text "$ID"
keys Tab
wait_for "Is this visit the same matter"
keys n
wait_row_with 来访人姓名 陈建新
keys BTab # 身份证号码
keys Up # 证件类型
keys Right # 港澳居民来往内地通行证
wait_row_with 证件类型 港澳居民来往内地通行证
keys Down # leaves 证件类型
wait_for "The ID number changed"
assert_row_lacks 来访人姓名 陈建新
assert_row_lacks 联系电话 13812345678
keys Escape
wait_for "Drop what was typed on this sheet?"
keys y
wait_gone "Drop what was typed"

step "the case screen shows the document"
wait_for "Today's registrations: 6"
keys Home
keys Enter
wait_for "群众来访登记表  2026-000006"
assert_row_has 证件类型 无证件
assert_row_has 身份证号码 未带证件
keys Escape
wait_for "Today's registrations: 6"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "laifang's exit status after F10"

step "import: a row contradicting the record is refused by its row"
cat >"$T/clash.csv" <<EOF
receptionist,received_on,name,sex,phone,doc_type,id_number,address,content
王敏,$TODAY,林小红,女,,居民身份证,$ID2,,再次反映道路破损。
王敏,$TODAY,陈建华,男,,居民身份证,$ID,,反映噪音。
EOF
lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang zh_CN import "$T/clash.csv" >"$T/clash.out" 2>"$T/clash.err" &&
	fail "an import with a contradicting row succeeded: $(cat "$T/clash.out")"
grep -q -F "clash.csv:3: " "$T/clash.err" || fail "the refusal does not name row 3: $(cat "$T/clash.err")"
grep -q -F "此身份证号码登记为陈建新，本次填写陈建华" "$T/clash.err" || fail "the refusal does not say why: $(cat "$T/clash.err")"
assert_eq 6 "$(n_cases)" "cases after the refused import"

step "import: a 15-digit number is the 18-digit form's person; the case keeps what was typed"
cat >"$T/old.csv" <<EOF
receptionist,received_on,name,sex,phone,id_number,address,content
王敏,$TODAY,陈建新,男,,$OLD,,用旧身份证来访，反映噪音。
EOF
lf_as "$CLERK_LOGIN" "$CLERK_PW" import "$T/old.csv" >"$T/old.out" 2>"$T/old.err" ||
	fail "import of a 15-digit number failed: $(cat "$T/old.err")"
assert_eq 3 "$(db_sql "SELECT count(*) FROM visitor")" "visitors after the 15-digit visit (陈, 林, 无名氏)"
assert_eq "$OLD" "$(db_sql "SELECT cv.doc_number FROM case_visitor cv JOIN case_file c ON c.id = cv.case_id WHERE c.case_no = '2026-000007'")" "the number as typed on the case"
# The same person: one visitor record for both visits (whether it is the
# same matter is the clerk's answer, never guessed by an import).
assert_eq 1 "$(db_sql "SELECT count(DISTINCT cv.visitor_id) FROM case_visitor cv JOIN case_file c ON c.id = cv.case_id WHERE c.case_no IN ('2026-000001', '2026-000007') AND cv.position = 0")" "the 15-digit visit's person is the 18-digit one's"
assert_eq 0 "$(case_sql 2026-000007 is_repeat)" "an import never guesses 重复访"

step "the case screen shows both forms of the number"
lf_start_as "$CLERK_LOGIN" "$CLERK_PW" --lang en
keys Enter # the newest case: 2026-000007
wait_for "群众来访登记表  2026-000007"
assert_row_has 身份证号码 "$OLD"
assert_row_has 身份证号码 "(18 digits: $ID)"
keys Escape
wait_for "Today's registrations: 7"
keys F10
wait_exit

step "a passport holder, by the command line's doc_type column"
cat >"$T/pp.csv" <<EOF
receptionist,received_on,name,sex,phone,doc_type,id_number,address,content
王敏,$TODAY,John Smith,男,,护照,e1234567,,咨询外籍人员投诉渠道。
王敏,$TODAY,Tom Brown,男,,护照,E12,,咨询。
EOF
lf_as "$CLERK_LOGIN" "$CLERK_PW" import "$T/pp.csv" >"$T/pp.out" 2>"$T/pp.err" &&
	fail "a passport number of 3 characters was imported"
grep -q -F "pp.csv:3: " "$T/pp.err" || fail "the bad passport number is not named by its row: $(cat "$T/pp.err")"
sed -i '$d' "$T/pp.csv"
lf_as "$CLERK_LOGIN" "$CLERK_PW" import "$T/pp.csv" >"$T/pp.out" 2>"$T/pp.err" ||
	fail "import of a passport holder failed: $(cat "$T/pp.err")"
assert_eq "护照|E1234567" "$(db_sql "SELECT doc_type || '|' || doc_number FROM visitor WHERE name = 'John Smith'")" "the passport holder's record"
assert_check_clean

pass
