#!/bin/sh
# Issue 12: a group visit (集体访) declared on the sheet itself: 来访形式,
# 到访人数 (typing replaces the old number), four representatives after the
# visitor (five in all, 《信访工作条例》第二十条), each ID number checked like
# the visitor's and a known one filling the name; a second phone number
# (其他电话) found by search; 候谈 as part of saving. Printed and exported.
E2E_CLOCK=now # dates below are computed from the clock
. "$(dirname "$0")/lib.sh"
command -v pdftotext >/dev/null 2>&1 || { echo "pdftotext is missing (poppler-utils)"; exit 1; }

MAIN=$(id_number 32010219680312003)
R2=$(id_number 11010519491231002)
R3=$(id_number 11010519800101001)
R4=$(id_number 44010619750505002)
R5=$(id_number 33010619880406013)
BAD=${R2%?}0
[ "$BAD" != "$R2" ] || BAD=${R2%?}1
CONTENT=反映小区电梯长期故障，物业拒绝维修，十二户居民共同来访。
# Under the terminal most emulators announce (the key codes differ from
# screen's, which the other sheet tests use): issue 12's "each with both".
LF_TERM=xterm-256color

lf_setup
step "a known person (张三) from an earlier visit"
cat >"$T/old.csv" <<EOF
received_on,name,sex,phone,id_number,address,content
$TODAY,张三,男,13700001111,$R3,南京市,反映噪音扰民。
EOF
lf_as "$CLERK_LOGIN" "$CLERK_PW" import "$T/old.csv" >/dev/null 2>"$T/imp.err" || fail_batch "import: $(cat "$T/imp.err")"

step "type a group visit on the sheet"
lf_start --lang en
lf_login "$CLERK_LOGIN" "$CLERK_PW"
wait_for "Today's registrations: 1"
keys F4
wait_sheet
type_text 王建国
keys Tab
type_text 男
keys Tab
type_text 13912345678
keys Tab
type_text "$MAIN"
keys Tab
type_text 南京市玄武区中山路1号
keys Tab
type_text "$CONTENT"
keys Down # 其他电话: the fields the paper lacks follow its grid
type_text "13800005555、020-83186312"
keys Tab # 来访形式
type_text 集
wait_row_with 来访形式 集体访
keys Tab # 到访人数: 1, replaced by what is typed
type_text 12
wait_row_with 到访人数 12
assert_row_lacks 到访人数 112
keys Tab
type_text 李四
keys Tab
type_text "$BAD"
keys Tab
wait_line 22 代表2身份证号码

step "F2 refuses the representative's bad ID number and says which"
keys F2
wait_line 22 代表2身份证号码
assert_screen_lacks "Saved as case"

step "correct it; a known ID number fills the representative's name"
keys End BSpace
type_text "${R2#${R2%?}}"
keys Tab Tab # 代表3 身份证号码 (its name left empty)
type_text "$R3"
keys Tab
wait_row_with 代表3 张三
type_text 赵五
keys Tab
type_text "$R4"
keys Tab
type_text 钱六
keys Tab
type_text "$R5"
keys Tab # 候谈
type_text 是
wait_row_with 候谈 是
keys F2
wait_for "Saved as case $YEAR-000002"

step "the case screen and its timeline show the group"
keys Enter
wait_for "群众来访登记表  $YEAR-000002"
keys Tab
wait_for "办理过程  $YEAR-000002"
wait_for "Group visit (集体访): 12 people; representatives: 王建国、李四、张三、赵五"
assert_screen_has 钱六
keys Escape
wait_for "Today's registrations: 2"

step "F7 on a returning visitor's sheet: an earlier case opens read-only, Esc returns with nothing lost"
keys F4
wait_sheet
type_text 王建国
keys Tab Tab Tab # 性别, 联系电话, 身份证号码
type_text "$MAIN"
keys Tab
wait_for "Is this visit the same matter"
keys n
wait_for "Not a repeat petition"
keys Tab # 信访内容
type_text 再次反映电梯问题。
wait_for 再次反映电梯问题
keys F7
wait_for "Enter opens one (read-only)"
assert_screen_has "$YEAR-000002"
assert_screen_has "last:"
keys Enter
wait_for "read-only; Esc returns"
assert_screen_has "到访人数：12"
assert_screen_has "代表2：李四  $R2"
keys NPage
wait_for "代表5：钱六  $R5"
keys Escape
wait_for "Enter opens one (read-only)"
keys Escape
wait_gone "Enter opens one (read-only)"
assert_row_has 来访人姓名 王建国
assert_screen_has 再次反映电梯问题
keys F2
wait_for "Saved as case $YEAR-000003"
keys F10
wait_exit
assert_eq "再次反映电梯问题。" "$(db_sql "SELECT content FROM case_file WHERE case_no = '$YEAR-000003'")" "the sheet saved after F7"
assert_eq 2 "$(db_sql "SELECT count(*) FROM audit_log a JOIN case_file c ON c.id = a.record WHERE c.case_no = '$YEAR-000002' AND a.action = 'case.view'")" "opening the earlier case is audited (the case screen, then F7)"

step "five visitors, the headcount, the waiting list in the database"
n=$(db_sql "SELECT count(*) FROM case_visitor cv JOIN case_file c ON c.id = cv.case_id WHERE c.case_no = '$YEAR-000002'")
assert_eq 5 "$n" "people on the case"
names=$(db_sql "SELECT group_concat(name, ',') FROM (SELECT cv.name FROM case_visitor cv JOIN case_file c ON c.id = cv.case_id WHERE c.case_no = '$YEAR-000002' ORDER BY cv.position) n")
assert_eq "王建国,李四,张三,赵五,钱六" "$names" "the representatives in order"
assert_eq "12|waiting" "$(db_sql "SELECT headcount || '|' || visit_state FROM case_file WHERE case_no = '$YEAR-000002'")" "headcount and 候谈"
assert_eq "13800005555、020-83186312" "$(db_sql "SELECT phone_more FROM case_visitor cv JOIN case_file c ON c.id = cv.case_id WHERE c.case_no = '$YEAR-000002' AND cv.position = 0")" "其他电话"

step "the second phone number is found by its tail"
out=$(lf_as "$CLERK_LOGIN" "$CLERK_PW" search 86312) || fail "search 86312 failed"
printf '%s\n' "$out" | grep -q "$YEAR-000002" || fail "search 86312 should find $YEAR-000002: $out"
out=$(lf_as "$CLERK_LOGIN" "$CLERK_PW" search 0005555) || fail "search 0005555 failed"
printf '%s\n' "$out" | grep -q "$YEAR-000002" || fail "search 0005555 should find $YEAR-000002: $out"

step "printed: the representatives on the sheet"
lf_as "$CLERK_LOGIN" "$CLERK_PW" print $YEAR-000002 --sheet -o "$T/sheet.pdf" >/dev/null 2>"$T/p.err" ||
	fail "print --sheet failed: $(cat "$T/p.err")"
txt=$(pdftotext -enc UTF-8 "$T/sheet.pdf" - | tr -d ' \n\f')
for want in 【集体访】到访人数：12 李四 "$R2" 张三 "$R3" 赵五 "$R4" 钱六 "$R5" 13800005555、020-83186312; do
	case "$txt" in *"$want"*) ;; *) fail "the printed sheet lacks $want" ;; esac
done

step "exported"
db_export
assert_json 1 visit_kind 集体访
assert_json 1 headcount 12
assert_json 1 rep2_name 李四
assert_json 1 rep5_name 钱六
assert_json 1 rep5_id "$R5"
assert_json 1 phone_more "13800005555、020-83186312"
assert_json 2 visit_kind 个体访

step "the case screen's headcount: typing replaces the old count"
lf_start_as "$CLERK_LOGIN" "$CLERK_PW" --lang en
keys Enter
wait_for "群众来访登记表  $YEAR-000003"
keys F7
wait_for "Act on case $YEAR-000003"
menu_pick "set the headcount"
wait_row_with "People who came" 1
type_text 3
wait_row_with "People who came" 3
assert_row_lacks "People who came" 13
keys F2
wait_case $YEAR-000003 headcount 3
keys F10
wait_exit
assert_check_clean
pass
