#!/bin/sh
# Every channel in (issue 13; 信访工作条例 第十七条, 第二十一条): from home, m
# opens the letter's own form (来信登记表) and c the phone call's
# (来电登记表), drawn by the same sheet as a visit. A letter with its
# postmark, cosigners and pages; an anonymous letter (no visitor row at
# all, the case says 匿名); a call with its time. The database holds each
# channel and the form's own fields; the letter's sheet prints on its own
# form (pdftotext). `laifang import` reads a channel column (letters, a
# fax) and refuses a file mixing visits and letters. At screening the
# regulation's category is chosen (accept --kind); an accusation is not
# handled in-house; a referral is an accusation. laifang check is clean.
E2E_CLOCK="2026-11-23 09:00:00"
. "$(dirname "$0")/lib.sh"

command -v pdftotext >/dev/null 2>&1 || { echo "pdftotext is missing (sh tools/deps.sh)"; exit 1; }
OUT="$T/out"
pdf_text() {
	pdftotext -enc UTF-8 "$1" - 2>&1 | tr -d ' \n\f'
}

lf_setup_office
VISITORS0=$(db_sql "SELECT count(*) FROM visitor")

step "m on home: the letter's form; a letter with its envelope's facts"
lf_start_as "$CLERK_LOGIN" "$CLERK_PW" --lang en
keys m
wait_for 来信登记表
wait_for 信封邮戳
wait_for 附件页数
assert_screen_has 寄信人
type_text 赵大明
keys Tab
type_text 3
keys Tab Tab Tab
type_text 南京市鼓楼区北京西路1号
keys Tab
type_text 来信反映小区违建占用消防通道，编号LT01。
keys Tab
type_text 4
# past the last field Tab wraps: 收信日期, 来信日期, 来件方式, 信封邮戳
keys Tab Tab Tab Tab
type_text "南京 2026.11.20"
keys F2
wait_for "Saved as case 2026-000001."
assert_case 2026-000001 channel letter
assert_case 2026-000001 anonymous 0
assert_eq "cosigners=3 pages=4 postmark=南京 2026.11.20" \
	"$(db_sql "SELECT group_concat(field || '=' || value, ' ') FROM (SELECT i.field, i.value FROM case_intake i JOIN case_file c ON c.id = i.case_id WHERE c.case_no = '2026-000001' ORDER BY i.field) f")" \
	"the letter's own fields in case_intake"
assert_eq 赵大明 "$(db_sql "SELECT cv.name FROM case_visitor cv JOIN case_file c ON c.id = cv.case_id WHERE c.case_no = '2026-000001'")" "the writer on the case"
assert_eq 无证件 "$(db_sql "SELECT v.doc_type FROM visitor v JOIN case_visitor cv ON cv.visitor_id = v.id JOIN case_file c ON c.id = cv.case_id WHERE c.case_no = '2026-000001'")" "a writer without an ID number is recorded without a document"

step "an anonymous letter: registered without any visitor"
keys m
wait_for 来信登记表
wait_for 附件页数
keys BTab # from 寄信人 up to 是否匿名
keys Space
wait_for "是否匿名 是"
keys Tab Tab Tab Tab Tab Tab
type_text 匿名举报某局公车私用，编号LT02。
keys F2
wait_for "Saved as case 2026-000002."
assert_case 2026-000002 channel letter
assert_case 2026-000002 anonymous 1
assert_eq 0 "$(db_sql "SELECT count(*) FROM case_visitor cv JOIN case_file c ON c.id = cv.case_id WHERE c.case_no = '2026-000002'")" "no case_visitor row for an anonymous letter"
assert_eq "$((VISITORS0 + 1))" "$(db_sql "SELECT count(*) FROM visitor")" "no visitor row for an anonymous letter"
assert_row_has 公车私 匿名 # the content cut with … (issue 12)

step "c on home: a phone call on its short form"
keys c
wait_for 来电登记表
wait_for 来电内容
type_text 孙来电
keys Tab
type_text 13912345678
keys Tab Tab Tab
type_text 来电反映供暖不热，编号LT03。
keys Tab Tab # wraps: 来电日期, 来电时间
type_text 09:30
keys F2
wait_for "Saved as case 2026-000003."
assert_case 2026-000003 channel phone
assert_eq 09:30 "$(db_sql "SELECT i.value FROM case_intake i JOIN case_file c ON c.id = i.case_id WHERE c.case_no = '2026-000003' AND i.field = 'call_time'")" "the call's time"
assert_eq 13912345678 "$(db_sql "SELECT cv.phone FROM case_visitor cv JOIN case_file c ON c.id = cv.case_id WHERE c.case_no = '2026-000003'")" "the caller's number"

step "the anonymous letter opens on its case screen"
keys Home Down # newest first: the call, then the anonymous letter
settle
keys Enter
wait_for LT02
assert_screen_has 匿名
keys Escape
wait_for "Today's registrations"
keys Home Down Down # the letter: its form's title, its envelope's facts beside the name
settle
keys Enter
wait_for "来信登记表  2026-000001"
wait_for "联名人数 3"
keys Escape
wait_for "Today's registrations"
keys F10
wait_exit

step "the letter's sheet prints on its own form"
lf_as "$SUP_LOGIN" "$SUP_PW" print 2026-000001 --sheet -o "$T/letter.pdf" >"$OUT" 2>&1 || fail "print: $(cat "$OUT")"
TEXT=$(pdf_text "$T/letter.pdf")
for w in 来信登记表 收信日期 信封邮戳 南京2026.11.20 寄信人 赵大明 联名人数 附件页数 内容摘要 LT01; do
	case "$TEXT" in *"$w"*) ;; *) fail "the printed letter lacks $w: $TEXT" ;; esac
done
case "$TEXT" in *群众来访登记表*) fail "the letter printed on the visit sheet: $TEXT" ;; esac
lf_as "$SUP_LOGIN" "$SUP_PW" print 2026-000002 --sheet -o "$T/anon.pdf" >"$OUT" 2>&1 || fail "print anonymous: $(cat "$OUT")"
case "$(pdf_text "$T/anon.pdf")" in *是否匿名是*匿名*LT02*) ;; *) fail "the anonymous letter's sheet: $(pdf_text "$T/anon.pdf")" ;; esac

step "search, export and statistics cope with a case without a visitor"
lf_as "$SUP_LOGIN" "$SUP_PW" search 公车私用 >"$OUT" 2>&1 || fail "search: $(cat "$OUT")"
grep -q 2026-000002 "$OUT" || fail "search does not find the anonymous letter: $(cat "$OUT")"
db_export
assert_json 1 name 匿名
lf_as "$SUP_LOGIN" "$SUP_PW" --lang en stats --year "$YEAR" >"$OUT" 2>&1 || fail "stats: $(cat "$OUT")"
grep -E -q "Letter +2 " "$OUT" || fail "stats: two letters: $(cat "$OUT")"
grep -E -q "Phone call +1 " "$OUT" || fail "stats: one call: $(cat "$OUT")"
grep -E -q "of which anonymous +1 " "$OUT" || fail "stats: one anonymous: $(cat "$OUT")"

step "laifang import with a channel column: letters and a fax"
cat >"$T/letters.csv" <<CSV
channel,received_on,letter_date,postmark,anonymous,name,cosigners,address,content,pages
letter,2026-11-20,2026-11-15,杭州 2026.11.16,否,钱多多,2,杭州市西湖区,来信反映拆迁补偿问题，编号LT04。,6
来信,2026-11-20,,,是,,,,匿名来信反映食品安全问题，编号LT05。,
fax,2026-11-21,,020-12345678,否,周传真,,,传真反映噪音扰民，编号LT06。,
CSV
lf_import_csv "$T/letters.csv"
grep -q "2026-000004.*2026-000006" "$T/import.out" || fail "import: $(cat "$T/import.out")"
assert_case 2026-000004 channel letter
assert_case 2026-000005 anonymous 1
assert_case 2026-000006 channel fax
assert_eq 6 "$(db_sql "SELECT i.value FROM case_intake i JOIN case_file c ON c.id = i.case_id WHERE c.case_no = '2026-000004' AND i.field = 'pages'")" "the imported letter's pages"
cat >"$T/mixed.csv" <<CSV
channel,content
visit,来访
letter,来信
CSV
if lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en import "$T/mixed.csv" >"$OUT" 2>&1; then fail "a file mixing visits and letters was imported"; fi
grep -q "channel visit.*channel letter" "$OUT" || fail "the mixed file's refusal: $(cat "$OUT")"
cat >"$T/badcount.csv" <<CSV
channel,name,content,pages
letter,郑错,内容,四页
CSV
if lf_as "$CLERK_LOGIN" "$CLERK_PW" import "$T/badcount.csv" >"$OUT" 2>&1; then fail "pages 四页 was imported"; fi
grep -q "附件页数" "$OUT" || fail "the bad page count's refusal names the field: $(cat "$OUT")"
assert_eq 6 "$(db_sql "SELECT count(*) FROM case_file")" "nothing more was imported"

step "the regulation's category at screening, and the routes it allows"
lf_case "$SUP_LOGIN" "$SUP_PW" accept 2026-000001 --kind claim
assert_case 2026-000001 kind claim
lf_case "$SUP_LOGIN" "$SUP_PW" accept 2026-000004 --kind 检举控告类
assert_case 2026-000004 kind accusation
if lf_as "$SUP_LOGIN" "$SUP_PW" case route 2026-000004 --in-house --unit "$DEPT_UNIT" >"$OUT" 2>&1; then
	fail "an accusation was handled in-house"
fi
grep -q "第三十条" "$OUT" || fail "the refusal cites the article: $(cat "$OUT")"
assert_case 2026-000004 status accepted
lf_case "$SUP_LOGIN" "$SUP_PW" route 2026-000004 --transfer "$PEER_UNIT"
assert_case 2026-000004 status transferred
if lf_as "$SUP_LOGIN" "$SUP_PW" case accept 2026-000003 --kind 其他 >"$OUT" 2>&1; then fail "a category outside the three was taken"; fi
assert_case 2026-000003 status registered
lf_case_to 2026-000002 referred
assert_case 2026-000002 kind accusation
lf_as "$SUP_LOGIN" "$SUP_PW" case show 2026-000004 --json >"$OUT" 2>&1 || fail "case show: $(cat "$OUT")"
grep -q '"kind": "accusation"' "$OUT" || fail "case show --json lacks the kind: $(cat "$OUT")"

step "the desk: accept with the regulation's category (受理并定类)"
lf_start_as "$SUP_LOGIN" "$SUP_PW" --lang en
keys Home # newest first: the call, 2026-000003, still registered
settle
keys Enter
wait_for "来电登记表  2026-000003"
keys F7
wait_for "Act on case 2026-000003"
menu_pick 受理并定类
wait_for "Accept case 2026-000003 as"
menu_pick 申诉求决类
wait_case 2026-000003 kind claim
assert_case 2026-000003 status accepted
keys F10
wait_exit

assert_check_clean
pass
