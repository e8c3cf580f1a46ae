#!/bin/sh
# Paper (issue 6): `laifang print` writes the registration sheet, the blank
# sheet and the notices to the visitor as PDF. Read back with pdftotext:
# the Chinese labels, the field values and the case number are on them;
# the file is 0600; a role without view_full_id gets the ID number masked;
# a notice needs its decision (a refusal that says so, no file); every
# print of a case is a case.print row in the audit log. The supervisor
# declines one case and accepts and transfers another on the screen.
. "$(dirname "$0")/lib.sh"

command -v pdftotext >/dev/null 2>&1 || { echo "pdftotext is missing (poppler-utils)"; exit 1; }

NAME1=李秀英
NAME2=黄志强
ID1=$(id_number 44010419750615002)
ID2=$(id_number 44010619800101001)
REASON=已由人民法院作出生效判决，编号DR27。

lf_setup_office
CSV="$T/visits.csv"
cat >"$CSV" <<CSVEOF
receptionist,received_on,name,sex,phone,id_number,address,content
王敏,2026-11-20,$NAME1,女,020-83186312,$ID1,广州市越秀区解放中路305号,反映单位拖欠工资三个月，编号PA11。
王敏,2026-11-21,$NAME2,男,13812345678,$ID2,广州市天河区体育西路1号,反映小区夜间施工噪音，编号PB22。
CSVEOF
lf_import_csv "$CSV"

# pdf_text FILE: the PDF's text without line breaks and spaces.
pdf_text() {
	pdftotext -enc UTF-8 "$1" - 2>&1 | tr -d ' \n\f'
}
pdf_has() {
	pdf_text "$1" | grep -F -q -- "$2" || fail "expected \"$2\" in $1: $(pdf_text "$1")"
}
pdf_lacks() {
	! pdf_text "$1" | grep -F -q -- "$2" || fail "did not expect \"$2\" in $1: $(pdf_text "$1")"
}
mode_of() {
	stat -c %a "$1"
}
prints_of() { # CASE_NO: the case.print rows' changes, one a line
	db_sql "SELECT a.changes FROM audit_log a JOIN case_file c ON c.id = a.record WHERE c.case_no = '$1' AND a.action = 'case.print' ORDER BY a.seq"
}

step "the clerk prints the sheet of case 2026-000001"
OUTF="$T/out" ERRF="$T/err"
lf_as "$CLERK_LOGIN" "$CLERK_PW" print 2026-000001 --sheet -o "$T/sheet.pdf" >"$OUTF" 2>"$ERRF" ||
	fail_batch "print --sheet failed: $(cat "$ERRF")"
[ -f "$T/sheet.pdf" ] || fail "no sheet.pdf"
pdf_lacks "$T/sheet.pdf" "laifangcheck--expect" # only a closed file's sheet is kept with the head
assert_eq 600 "$(mode_of "$T/sheet.pdf")" "the mode of the PDF"
for label in 群众来访登记表 接待人员 接待时间 来访人姓名 性别 联系电话 身份证号码 单位或住址 信访内容 可附页 领导批示 牵头处室办理情况; do
	pdf_has "$T/sheet.pdf" "$label"
done
pdf_has "$T/sheet.pdf" 2026-000001
pdf_has "$T/sheet.pdf" "$NAME1"
pdf_has "$T/sheet.pdf" "$ID1"
pdf_has "$T/sheet.pdf" 020-83186312
pdf_has "$T/sheet.pdf" 反映单位拖欠工资三个月，编号PA11。
pdf_has "$T/sheet.pdf" 2026年11月20日
pdf_lacks "$T/sheet.pdf" "$NAME2"
assert_eq '{"kind":"sheet","full":true}' "$(prints_of 2026-000001)" "the audit row of the print"

step "the administrator (no view_full_id) gets the ID number masked"
lf_admin print 2026-000001 --sheet -o "$T/masked.pdf" >"$OUTF" 2>"$ERRF" ||
	fail_batch "print --sheet as the administrator failed: $(cat "$ERRF")"
pdf_lacks "$T/masked.pdf" "$ID1"
pdf_has "$T/masked.pdf" "$(mask_id "$ID1")"
pdf_has "$T/masked.pdf" "$NAME1"
_last=$(prints_of 2026-000001 | tail -n 1)
assert_eq '{"kind":"sheet","full":false}' "$_last" "the audit row of the masked print"

step "the blank sheet has the labels and no values"
lf_as "$LEADER_LOGIN" "$LEADER_PW" print --blank -o "$T/blank.pdf" >"$OUTF" 2>"$ERRF" ||
	fail_batch "print --blank failed: $(cat "$ERRF")"
assert_eq 600 "$(mode_of "$T/blank.pdf")" "the mode of the blank PDF"
for label in 群众来访登记表 接待人员 来访人姓名 身份证号码 信访内容 领导批示; do
	pdf_has "$T/blank.pdf" "$label"
done
pdf_lacks "$T/blank.pdf" 2026-
pdf_lacks "$T/blank.pdf" "$NAME1"
pdf_lacks "$T/blank.pdf" 王敏

step "no decline yet: no decline notice"
lf_as "$SUP_LOGIN" "$SUP_PW" --lang en print 2026-000001 --notice decline -o "$T/decline.pdf" >"$OUTF" 2>"$ERRF"
assert_eq 1 "$?" "the exit status of a notice without its decision"
grep -F -q "case 2026-000001 was not declined" "$ERRF" || fail "the refusal does not say why: $(cat "$ERRF")"
[ ! -e "$T/decline.pdf" ] || fail "a refused notice left a file"
lf_as "$SUP_LOGIN" "$SUP_PW" print 2026-000001 --notice refuse -o "$T/x.pdf" >"$OUTF" 2>"$ERRF"
assert_eq 2 "$?" "the exit status of an unknown notice"

step "the supervisor declines case 1, accepts and transfers case 2 on the screen"
lf_start_as "$SUP_LOGIN" "$SUP_PW" --lang en
lf_open_queue "awaiting screening"
wait_for 2026-000002
keys Enter
wait_for "群众来访登记表  2026-000001"
keys F7
wait_for "Act on case 2026-000001"
menu_pick decline
wait_for "decline · case 2026-000001"
type_text "$REASON"
keys F2
wait_case 2026-000001 status declined
keys Escape
wait_for "Queue: awaiting screening"
wait_for 2026-000002
keys Enter
wait_for "群众来访登记表  2026-000002"
keys F7
menu_pick accept
wait_for "accept case 2026-000002?"
keys y
wait_case 2026-000002 status accepted
keys F7
menu_pick transfer
wait_for "transfer · case 2026-000002"
assert_row_has "Unit" "$PEER_UNIT"
keys F2
wait_case 2026-000002 status transferred
keys F10
wait_exit

step "the decline notice: the reason, where to go, the office and the case number"
lf_admin config set office_name 测试市信访局 >/dev/null 2>&1 ||
	db_sql "INSERT INTO setting (key, value) VALUES ('office_name', '测试市信访局') ON CONFLICT (key) DO UPDATE SET value = excluded.value"
lf_as "$SUP_LOGIN" "$SUP_PW" print 2026-000001 --notice decline -o "$T/decline.pdf" >"$OUTF" 2>"$ERRF" ||
	fail_batch "print --notice decline failed: $(cat "$ERRF")"
assert_eq 600 "$(mode_of "$T/decline.pdf")" "the mode of the notice"
pdf_has "$T/decline.pdf" 不予受理告知书
pdf_has "$T/decline.pdf" 测试市信访局
pdf_has "$T/decline.pdf" 2026-000001
pdf_has "$T/decline.pdf" "$NAME1"
pdf_has "$T/decline.pdf" "$REASON"
pdf_has "$T/decline.pdf" 人民法院
pdf_lacks "$T/decline.pdf" "$ID1"
_last=$(prints_of 2026-000001 | tail -n 1)
assert_eq '{"kind":"decline","full":true}' "$_last" "the audit row of the notice"

step "the acceptance and transfer notices of case 2"
# The notice names the handling clock's due date (the case's earliest
# clock is the agency's 5 working days to object).
_due=$(db_sql "SELECT k.due_on FROM case_clock k JOIN case_file c ON c.id = k.case_id WHERE c.case_no = '2026-000002' AND k.rule = 'handle'")
_cn=$(printf '%s\n' "$_due" | awk -F- '{ printf "%d年%d月%d日\n", $1, $2, $3 }')
lf_as "$CLERK_LOGIN" "$CLERK_PW" print 2026-000002 --notice accept -o "$T/accept.pdf" >"$OUTF" 2>"$ERRF" ||
	fail_batch "print --notice accept failed: $(cat "$ERRF")"
pdf_has "$T/accept.pdf" 受理告知书
pdf_has "$T/accept.pdf" 2026-000002
pdf_has "$T/accept.pdf" "$NAME2"
lf_as "$CLERK_LOGIN" "$CLERK_PW" print 2026-000002 --notice transfer -o "$T/transfer.pdf" >"$OUTF" 2>"$ERRF" ||
	fail_batch "print --notice transfer failed: $(cat "$ERRF")"
pdf_has "$T/transfer.pdf" 转送告知书
pdf_has "$T/transfer.pdf" "$PEER_UNIT"
pdf_has "$T/transfer.pdf" "$_cn"
lf_as "$CLERK_LOGIN" "$CLERK_PW" print 2026-000002 --notice assign -o "$T/assign.pdf" >"$OUTF" 2>"$ERRF"
assert_eq 1 "$?" "an assignment notice for a transferred case"
assert_eq 2 "$(prints_of 2026-000002 | grep -c '"kind"')" "the prints of case 2 in the audit log"

step "print --log: the reception-day log of a scheduled day, as on paper"
lf_admin schedule generate --rule day:20 --from 2026-11 --to 2026-11 --leaders "$LEADER_LOGIN" \
	--time 09:30-11:30 --location 信访接待室 --department 办公室 >"$T/gen.out" 2>&1 ||
	fail_batch "schedule generate: $(cat "$T/gen.out")"
head=$("$LAIFANG" --db "$LAIFANG_DB" check --head 2>"$ERRF") || fail_batch "check --head failed: $(cat "$ERRF")"
lf_as "$LEADER_LOGIN" "$LEADER_PW" print --log 2026-11-20 -o "$T/log.pdf" >"$OUTF" 2>"$ERRF" ||
	fail_batch "print --log failed: $(cat "$ERRF")"
# The log is kept: its foot carries the audit log's head as it was (the
# leader's login came after check --head, so the head printed is later).
_printed=$(pdf_text "$T/log.pdf" | tr -d ' \n' | grep -o '[0-9]*:[0-9a-f]\{64\}')
[ -n "$_printed" ] || fail "no audit log head on the log's paper: $(pdf_text "$T/log.pdf")"
[ "${_printed%%:*}" -gt "${head%%:*}" ] || fail "the head on paper ($_printed) is not after $head"
"$LAIFANG" --db "$LAIFANG_DB" check --expect "$_printed" >"$OUTF" 2>"$ERRF" ||
	fail "check --expect with the head on paper failed: $(cat "$OUTF" "$ERRF")"
assert_eq 600 "$(mode_of "$T/log.pdf")" "the mode of the log's PDF"
for label in 领导干部接访日情况登记表 接访领导 接访时间 牵头处室 登记人 接访情况 牵头处室负责人签名 信访人诉求内容 可附页 接访照片 视频另附 领导批示; do
	pdf_has "$T/log.pdf" "$label"
done
pdf_has "$T/log.pdf" "接访领导：$LEADER_NAME（$LEADER_TITLE）"
pdf_has "$T/log.pdf" 2026年11月20日
pdf_has "$T/log.pdf" 牵头处室：办公室
pdf_lacks "$T/log.pdf" "$NAME1"
assert_eq '{"day":"2026-11-20"}' "$(db_sql "SELECT changes FROM audit_log WHERE action = 'reception.print'")" "the audit row of the log's print"
lf_as "$HANDLER_LOGIN" "$HANDLER_PW" print --log 2026-11-20 -o "$T/log2.pdf" >"$OUTF" 2>"$ERRF"
assert_eq 1 "$?" "print --log by a handler"
[ ! -e "$T/log2.pdf" ] || fail "a refused print left $T/log2.pdf"
lf_as "$LEADER_LOGIN" "$LEADER_PW" print 2026-000001 --log 2026-11-20 -o "$T/log2.pdf" >"$OUTF" 2>"$ERRF"
assert_eq 2 "$?" "print --log with a case number"
assert_eq 1 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'reception.print'")" "one log print audited"

step "the audit chain is intact"
assert_check_clean
pass
