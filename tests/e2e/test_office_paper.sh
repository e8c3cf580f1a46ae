#!/bin/sh
# The office's own paper (issue 15): the administrator sets the office's
# name, the document the forms belong to and the annex labels on the F9 ›
# Office screen (a bad telephone is refused there, naming the field, and
# nothing is written); the telephone through `laifang config set` as well.
# Every setting written is a setting.set row in the audit log. The printed
# sheet and reception-day log carry the office's name and no other
# office's; visitors named 王䶮 and 𠮷野 print as themselves; a character
# no installed font has (U+10FFFD) is refused with a message naming it, on
# the command line (exit status 1, no file) and in the case screen's print
# dialog. The registration sheet on screen shows the office's line.
. "$(dirname "$0")/lib.sh"

command -v pdftotext >/dev/null 2>&1 || { echo "pdftotext is missing (poppler-utils)"; exit 1; }

OFFICE=测试市信访局
DOC=2026年度领导干部公开接访工作安排的通知
ID1=$(id_number 11010519750615002)
ID2=$(id_number 11010619800101001)
ID3=$(id_number 11010219900101001)
PUA=$(printf '\364\217\277\275') # U+10FFFD

pdf_text() {
	pdftotext -enc UTF-8 "$1" - 2>&1 | tr -d ' \n\f'
}
pdf_has() {
	pdf_text "$1" | grep -F -q -- "$2" || fail "expected \"$2\" in $1: $(pdf_text "$1")"
}
pdf_lacks() {
	! pdf_text "$1" | grep -F -q -- "$2" || fail "did not expect \"$2\" in $1: $(pdf_text "$1")"
}
setting() {
	db_sql "SELECT value FROM setting WHERE key = '$1'"
}
audited() {
	db_sql "SELECT count(*) FROM audit_log WHERE action = 'setting.set' AND record = '$1'"
}

lf_setup
CSV="$T/visits.csv"
cat >"$CSV" <<CSVEOF
receptionist,received_on,name,sex,phone,id_number,address,content
王敏,$TODAY,王䶮,女,13812345678,$ID1,某某市人民路1号,反映噪音，编号OP11。
王敏,$TODAY,𠮷野,男,13812345679,$ID2,某某市人民路2号,反映施工，编号OP22。
王敏,$TODAY,李秀英,女,13812345670,$ID3,某某市人民路3号,反映积水${PUA}，编号OP33。
CSVEOF
lf_import_csv "$CSV"

step "a fresh office prints no other office's name, no document, no annex label"
lf_as "$CLERK_LOGIN" "$CLERK_PW" print 2026-000001 --sheet -o "$T/fresh.pdf" >"$T/out" 2>"$T/err" ||
	fail_batch "print --sheet failed: $(cat "$T/err")"
pdf_has "$T/fresh.pdf" 信访办公室
pdf_lacks "$T/fresh.pdf" 广州
pdf_lacks "$T/fresh.pdf" 附件
pdf_lacks "$T/fresh.pdf" 《

step "F9 › Office: a bad telephone is refused on the screen, nothing written"
lf_start_as "$ADMIN_LOGIN" "$ADMIN_PW" --lang en
keys F9
menu_pick "Office"
wait_for "Office name"
wait_row_with "Office name" 信访办公室
wait_row_with "Annex labels" "not shown"
keys C-u
type_text "$OFFICE"
keys Tab Tab
type_text "ask the desk"
keys F2
wait_for "must be a telephone number"
wait_row_with "Office name" "$OFFICE" # what was typed is kept
assert_eq "" "$(setting office_name)" "office_name after a refusal"
assert_eq 0 "$(audited office_name)" "setting.set rows after a refusal"

step "corrected, with the document and the annex labels, F2 saves"
keys C-u
type_text "020 8318 6312"
keys Tab Tab Tab Tab
type_text "$DOC"
keys Tab Space
wait_row_with "Annex labels" "shown"
keys F2
wait_for "Office settings saved (4 changed)."
wait_for "Today's registrations"
assert_eq "$OFFICE" "$(setting office_name)" "office_name"
assert_eq "020-83186312" "$(setting office_phone_inquiry)" "office_phone_inquiry, normalised"
assert_eq "$DOC" "$(setting forms_document)" "forms_document"
assert_eq 1 "$(setting annex_labels)" "annex_labels"
assert_eq 1 "$(audited office_name)" "setting.set rows for office_name"
assert_eq 1 "$(audited annex_labels)" "setting.set rows for annex_labels"
assert_eq 0 "$(audited office_address)" "an unchanged setting is not written"

step "the screen opens again with what was saved"
keys F9
menu_pick "Office"
wait_row_with "Office name" "$OFFICE"
wait_row_with "Inquiry telephone" "020-83186312"
keys Escape
wait_for "Today's registrations"
keys F10
wait_exit

step "config set: the booking telephone; a bad one refused with the key named"
lf_admin config set office_phone_booking 12345 >"$T/out" 2>"$T/err" ||
	fail_batch "config set office_phone_booking failed: $(cat "$T/err")"
grep -F -q "office_phone_booking = 12345" "$T/out" || fail "config set said: $(cat "$T/out")"
if lf_admin config set office_phone_booking "ask the desk" >"$T/out" 2>"$T/err"; then
	fail "a bad telephone was taken: $(cat "$T/out")"
fi
grep -F "office_phone_booking" "$T/err" | grep -F -q "020-83186312" || fail "the refusal said: $(cat "$T/err")"
assert_eq 12345 "$(setting office_phone_booking)" "office_phone_booking after a refusal"
lf_admin config list >"$T/out" 2>"$T/err" || fail_batch "config list failed: $(cat "$T/err")"
grep -F "forms_document" "$T/out" | grep -F -q "$DOC" || fail "config list: $(cat "$T/out")"

step "the sheet and the reception-day log carry the office's name, no other office's"
lf_as "$CLERK_LOGIN" "$CLERK_PW" print 2026-000001 --sheet -o "$T/sheet.pdf" >"$T/out" 2>"$T/err" ||
	fail_batch "print --sheet failed: $(cat "$T/err")"
pdf_has "$T/sheet.pdf" "$OFFICE"
pdf_has "$T/sheet.pdf" "《$DOC》"
pdf_has "$T/sheet.pdf" 附件3
pdf_has "$T/sheet.pdf" 王䶮
pdf_lacks "$T/sheet.pdf" 广州
# Issue 15: only a reception day's log prints: schedule one next month (not
# today: the sheet's screen would name today's leader on its first line), and
# print the log of the day it got.
_next=$(date -d "${TODAY%-*}-01 +1 month" +%Y-%m)
lf_admin schedule generate --rule day:15 --from "$_next" --to "$_next" --leaders "$LEADER_LOGIN" \
	--department 办公室 >"$T/gen.out" 2>&1 || fail_batch "schedule generate: $(cat "$T/gen.out")"
LOG_DAY=$(db_sql "SELECT min(day) FROM schedule_slot")
lf_as "$CLERK_LOGIN" "$CLERK_PW" print --log "$LOG_DAY" -o "$T/log.pdf" >"$T/out" 2>"$T/err" ||
	fail_batch "print --log failed: $(cat "$T/err")"
pdf_has "$T/log.pdf" "$OFFICE"
pdf_has "$T/log.pdf" 附件2
pdf_has "$T/log.pdf" 领导干部接访日情况登记表
pdf_lacks "$T/log.pdf" 广州

step "𠮷 (CJK Extension B) prints"
lf_as "$CLERK_LOGIN" "$CLERK_PW" print 2026-000002 --sheet -o "$T/b.pdf" >"$T/out" 2>"$T/err" ||
	fail_batch "print --sheet failed: $(cat "$T/err")"
pdf_has "$T/b.pdf" 𠮷野

step "a character no font has: refused, named, no file"
if lf_as "$CLERK_LOGIN" "$CLERK_PW" print 2026-000003 --sheet -o "$T/pua.pdf" >"$T/out" 2>"$T/err"; then
	fail "the sheet with U+10FFFD printed: $(cat "$T/out")"
fi
grep -F -q "U+10FFFD" "$T/err" || fail "the refusal did not name the character: $(cat "$T/err")"
[ ! -e "$T/pua.pdf" ] || fail "a file was left behind"

step "the registration sheet on screen names this office and its document"
lf_start_as "$CLERK_LOGIN" "$CLERK_PW" --lang en
keys F4
wait_sheet
wait_line 1 "$OFFICE《$DOC》附件3"
keys Escape
wait_for "Today's registrations"

step "the same on the case screen: the print dialog says why, no file"
wait_for 2026-000003
settle
keys Enter # the newest registration is the first row
wait_for "群众来访登记表  2026-000003"
wait_for "李秀英"
keys F9
wait_for "Print case 2026-000003"
keys 1
wait_for "PDF file"
keys C-u
type_text "$T/tui.pdf"
keys Enter
wait_for "Not printed"
wait_for "U+10FFFD"
[ ! -e "$T/tui.pdf" ] || fail "the dialog's refusal left a file"
keys Escape
keys F10
wait_exit

pass
