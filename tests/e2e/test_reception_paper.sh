#!/bin/sh
# The reception-day log on paper (issue 15): a day without a reception is
# refused on the screen and on the command line, naming the day, with no
# file; the blank log has no value; photos are attached by
# `laifang reception photo add` (JPEG and PNG by their bytes), printed from
# the log's screen (F9) with the day's case numbers, two photos in the box
# and three on an attached page (第 1 页 共 2 页), （签名） under 领导批示;
# no photo after the leader's signature. The photos are made here from a
# PDF by pdftoppm (no binary in the repository).
. "$(dirname "$0")/lib.sh"

pdf_text() {
	pdftotext -enc UTF-8 "$1" - 2>&1 | tr -d ' \n\f'
}
pdf_has() {
	pdf_text "$1" | grep -F -q -- "$2" || fail "expected \"$2\" in $1: $(pdf_text "$1")"
}
pdf_lacks() {
	! pdf_text "$1" | grep -F -q -- "$2" || fail "did not expect \"$2\" in $1: $(pdf_text "$1")"
}
SCREEN_PDF="$HOME/laifang-log-$TODAY.pdf"

step "no reception today yet: F9 on the log's screen says so, and prints nothing"
lf_setup
mkdir -p "$HOME"
lf_start --lang en --screen reception-log
lf_login "$LEADER_LOGIN" "$LEADER_PW"
wait_for 领导干部接访日情况登记表
keys F9
wait_for "No reception on $TODAY"
assert_screen_lacks "PDF file"
[ ! -e "$SCREEN_PDF" ] || fail "a file was written for a day without a reception"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "exit status"

step "print --log of that day: refused with the day named (exit 1), no file"
lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en print --log "$TODAY" -o "$T/none.pdf" >"$T/out" 2>"$T/err"
assert_eq 1 "$?" "print --log of a day without a reception"
grep -F -q "No reception on $TODAY" "$T/err" || fail "the refusal said: $(cat "$T/err")"
[ ! -e "$T/none.pdf" ] || fail "a refused print left $T/none.pdf"
assert_eq 0 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'reception.print'")" "refusals audited"

step "the blank log for paper: the paper's boxes, no value"
lf_as "$CLERK_LOGIN" "$CLERK_PW" print --log --blank -o "$T/blank.pdf" >"$T/out" 2>"$T/err" ||
	fail_batch "print --log --blank failed: $(cat "$T/err")"
for label in 领导干部接访日情况登记表 接访领导 接访时间 牵头处室 登记人 接访情况 信访人诉求内容 接访照片 领导批示 （签名）; do
	pdf_has "$T/blank.pdf" "$label"
done
pdf_lacks "$T/blank.pdf" "$LEADER_NAME"
pdf_lacks "$T/blank.pdf" "$YEAR"
assert_eq 0 "$(pdfimages -list "$T/blank.pdf" | tail -n +3 | wc -l)" "images on the blank log"

step "today is scheduled; two visitors registered today"
_d=${TODAY##*-}
lf_admin schedule generate --rule "day:${_d#0}" --from "${TODAY%-*}" --to "${TODAY%-*}" --leaders "$LEADER_LOGIN" \
	--time 09:30-11:30 --location 信访接待室 --department 办公室 >"$T/gen.out" 2>&1 ||
	fail_batch "schedule generate: $(cat "$T/gen.out")"
[ "$(db_sql "SELECT day FROM schedule_slot")" = "$TODAY" ] ||
	fail_batch "the slot is not today ($TODAY is a day off?): $(db_sql "SELECT day FROM schedule_slot")"
cat >"$T/visits.csv" <<EOF
receptionist,received_on,name,sex,phone,id_number,address,content
$CLERK_NAME,$TODAY,赵建国,男,13912345678,110105194912310011,某某市人民路1号,反映工地夜间施工噪音。
$CLERK_NAME,$TODAY,钱秀英,女,13912345679,11010519491231002X,某某市人民路2号,反映小区积水。
EOF
lf_import_csv "$T/visits.csv"
assert_cases 2

step "reception photo add: five photos (JPEG and PNG by their bytes); a text file named .jpg refused"
i=1
for size in 400x300 200x320 480x160 300x300; do
	pdftoppm -jpeg -singlefile -scale-to-x "${size%x*}" -scale-to-y "${size#*x}" "$T/blank.pdf" "$T/photo$i" ||
		fail_batch "pdftoppm -jpeg failed"
	lf_as "$CLERK_LOGIN" "$CLERK_PW" reception photo add "$TODAY" "$T/photo$i.jpg" >"$T/out" 2>"$T/err" ||
		fail_batch "reception photo add photo$i.jpg failed: $(cat "$T/err")"
	i=$((i + 1))
done
pdftoppm -png -singlefile -scale-to-x 320 -scale-to-y 200 "$T/blank.pdf" "$T/photo5" || fail_batch "pdftoppm -png failed"
lf_as "$CLERK_LOGIN" "$CLERK_PW" reception photo add "$TODAY" "$T/photo5.png" >"$T/out" 2>"$T/err" ||
	fail_batch "reception photo add photo5.png failed: $(cat "$T/err")"
grep -F -q "photo5.png" "$T/out" || fail "photo add said: $(cat "$T/out")"
printf 'not a photo\n' >"$T/fake.jpg"
lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en reception photo add "$TODAY" "$T/fake.jpg" >"$T/out" 2>"$T/err"
assert_eq 1 "$?" "photo add of a text file"
grep -F -q "not a JPEG or PNG" "$T/err" || fail "the refusal said: $(cat "$T/err")"
assert_eq 5 "$(db_sql "SELECT count(*) FROM reception_attachment")" "photos recorded"
assert_eq "$LEADER_NAME（$LEADER_TITLE）" "$(db_sql "SELECT leader FROM reception_log WHERE day = '$TODAY'")" \
	"the log saved from the slot"

step "F9 on the log's screen prints the day's log: case numbers, photos, （签名）, 第 1 页 共 2 页"
lf_start --lang en --screen reception-log
lf_login "$LEADER_LOGIN" "$LEADER_PW"
wait_for 领导干部接访日情况登记表
assert_screen_has F9
keys F9
wait_for "Print the reception-day log of $TODAY"
wait_for "PDF file"
assert_screen_has "laifang-log-$TODAY.pdf"
keys Enter
wait_for "Written to"
if screen | grep -F -q "Send it to the printer"; then keys n; else keys Enter; fi
wait_for 接访情况
[ -f "$SCREEN_PDF" ] || fail_batch "no log at $SCREEN_PDF"
assert_eq 600 "$(stat -c %a "$SCREEN_PDF")" "the mode of the log's PDF"
pdf_has "$SCREEN_PDF" "$YEAR-000001"
pdf_has "$SCREEN_PDF" "$YEAR-000002"
pdf_has "$SCREEN_PDF" "（签名）"
pdf_has "$SCREEN_PDF" "第1页共2页"
pdf_has "$SCREEN_PDF" "第2页共2页"
pdf_has "$SCREEN_PDF" "接访照片（续）"
assert_eq 2 "$(pdfinfo "$SCREEN_PDF" | sed -n 's/^Pages: *//p')" "the log's pages"
assert_eq 5 "$(pdfimages -list "$SCREEN_PDF" | tail -n +3 | wc -l)" "photos on the log"
assert_eq 2 "$(pdfimages -list "$SCREEN_PDF" | tail -n +3 | awk '$1 == 1' | wc -l)" "photos on page 1"
pdftoppm -png -r 60 "$SCREEN_PDF" "$T/page" || fail "the log did not render"
[ -s "$T/page-1.png" ] && [ -s "$T/page-2.png" ] || fail "the pages did not render to PNG"
assert_eq 1 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'reception.print'")" "the print audited"

step "the leader writes 领导批示 and signs; no photo after the signature"
type_text 接待群众2批2人。
keys Tab Tab
type_text 请办公室跟踪办理。
keys F6
wait_for "Sign 领导批示"
keys y
wait_for "领导批示 signed."
keys F10
wait_exit
lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en reception photo add "$TODAY" "$T/photo1.jpg" >"$T/out" 2>"$T/err"
assert_eq 1 "$?" "photo add after the signature"
grep -F -q "signed" "$T/err" || fail "the refusal said: $(cat "$T/err")"
assert_eq 5 "$(db_sql "SELECT count(*) FROM reception_attachment")" "photos after the signature"

step "the audit chain is intact"
assert_check_clean
pass
