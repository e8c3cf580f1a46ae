#!/bin/sh
# Delivery of notices (送达, issue 13): `laifang case deliver` records how,
# when and by whom a notice on record (its 文号) reached the visitor; post
# needs a tracking number; a refusal (拒签) needs a note; the notification
# clock (告知期限, 《信访工作条例》第二十三条) opened by the printed notice
# runs until the delivery and is met by it; `case show` lists the delivery;
# on the desk, the case screen's print area records one (key d) and the
# timeline shows it; the database holds the row and its event.
. "$(dirname "$0")/lib.sh"

lf_setup_office
cat >"$T/visits.csv" <<CSV
receptionist,received_on,name,sex,phone,id_number,address,content
王敏,$TODAY,张秀兰,女,13812345678,$(id_number 11010519850315002),广州市越秀区,小区违建占用消防通道，编号DL11。
王敏,$TODAY,李建华,男,13912345678,$(id_number 44010619790101003),广州市天河区,拖欠工资三个月，编号DL22。
CSV
lf_import_csv "$T/visits.csv"
C1=$YEAR-000001 C2=$YEAR-000002
sup() { lf_as "$SUP_LOGIN" "$SUP_PW" "$@"; }
clock_of() { # CASE RULE: state of the clock
	db_sql "SELECT k.state FROM case_clock k JOIN case_file c ON c.id = k.case_id WHERE c.case_no = '$1' AND k.rule = '$2'"
}

step "a notice that was never printed cannot be delivered"
sup case accept "$C1" >"$T/o" 2>&1 || fail_batch "accept failed: $(cat "$T/o")"
sup case deliver "$C1" --notice accept --method in_person >"$T/o" 2>"$T/e"
assert_eq 1 "$?" "deliver before printing: refused"
grep -F -q "文号" "$T/e" || fail_batch "the refusal does not say why: $(cat "$T/e")"

step "printing the acceptance notice opens the notification clock"
sup print "$C1" --notice accept -o "$T/accept.pdf" >"$T/o" 2>&1 || fail_batch "print failed: $(cat "$T/o")"
assert_eq running "$(clock_of "$C1" notify)" "the notification clock after printing"
DOC=$(db_sql "SELECT n.doc_no FROM case_notice n JOIN case_file c ON c.id = n.case_id WHERE c.case_no = '$C1' AND n.kind = 'accept'")
[ -n "$DOC" ] || fail_batch "no 文号 recorded for the acceptance notice"

step "post without a tracking number is refused; usage errors exit 2"
sup case deliver "$C1" --notice "$DOC" --method post >"$T/o" 2>"$T/e"
assert_eq 1 "$?" "post without tracking"
grep -F -q "tracking" "$T/e" || grep -F -q "单号" "$T/e" || fail_batch "no word of the tracking number: $(cat "$T/e")"
sup case deliver "$C1" --notice "$DOC" --method pigeon >"$T/o" 2>"$T/e"
assert_eq 2 "$?" "an unknown method is a usage error"
sup case deliver "$C1" --notice "$DOC" --method in_person --refused >"$T/o" 2>"$T/e"
assert_eq 1 "$?" "a refusal without a note"
TOMORROW=$(date -d "$TODAY + 1 day" +%F)
sup case deliver "$C1" --notice "$DOC" --method in_person --date "$TOMORROW" >"$T/o" 2>"$T/e"
assert_eq 1 "$?" "a delivery in the future"
assert_eq 0 "$(db_sql "SELECT count(*) FROM case_delivery")" "nothing saved by the refusals"

step "a delivery by post, with its tracking number, meets the clock"
sup case deliver "$C1" --notice "$DOC" --method post --tracking EMS1234567890CN --json >"$T/o" 2>"$T/e" ||
	fail_batch "deliver failed: $(cat "$T/o" "$T/e")"
jq -e '.ok == true and .step == "deliver"' "$T/o" >/dev/null || fail_batch "deliver --json: $(cat "$T/o")"
assert_eq "post|EMS1234567890CN|$TODAY|0|accept" \
	"$(db_sql "SELECT method, tracking, delivered_on, refused, notice_kind FROM case_delivery")" "the delivery row"
assert_eq "$(db_sql "SELECT id FROM app_user WHERE login = '$SUP_LOGIN'")" \
	"$(db_sql "SELECT signer_id FROM case_delivery")" "the signer is the user logged in"
assert_eq met "$(clock_of "$C1" notify)" "the notification clock, met at delivery"
sup case show "$C1" --json >"$T/show.json" 2>"$T/e" || fail_batch "show failed: $(cat "$T/e")"
jq -e --arg doc "$DOC" '.deliveries[0].doc_no == $doc and .deliveries[0].method == "post" and .deliveries[0].signer != null' \
	"$T/show.json" >/dev/null || fail_batch "show --json lacks the delivery: $(cat "$T/show.json")"
sup case show "$C1" >"$T/show.txt" 2>&1 || fail_batch "show failed"
grep -F "delivery accept" "$T/show.txt" | grep -F -q "$DOC" || fail_batch "show lacks the delivery line: $(cat "$T/show.txt")"
step "case apply: a delivery among other steps, one transaction"
printf 'deliver %s --notice accept --method electronic\ndeliver %s --notice accept --method post\n' "$C1" "$C1" >"$T/steps.txt"
sup case apply "$T/steps.txt" >"$T/o" 2>"$T/e"
assert_eq 1 "$?" "apply with a refused line"
assert_eq 1 "$(db_sql "SELECT count(*) FROM case_delivery")" "nothing of the refused batch is saved"
printf 'deliver %s --notice accept --method electronic\n' "$C1" >"$T/steps.txt"
sup case apply "$T/steps.txt" >"$T/o" 2>"$T/e" || fail_batch "apply failed: $(cat "$T/o" "$T/e")"
assert_eq "post electronic" "$(db_sql "SELECT group_concat(method, ' ') FROM (SELECT method FROM case_delivery ORDER BY seq) d")" \
	"both deliveries kept, in order"

step "printed again after the delivery, the receipt of delivery (送达回证) carries what the record knows"
sup print "$C1" --notice accept -o "$T/accept2.pdf" >"$T/o" 2>&1 || fail_batch "reprint failed: $(cat "$T/o")"
txt=$(pdftotext -enc UTF-8 "$T/accept2.pdf" - | tr -d ' \n\f')
receipt=${txt#*送达回证}
for _w in ■邮寄送达 邮件单号：EMS1234567890CN "$SUP_NAME"; do
	case $receipt in *"$_w"*) ;; *) fail_batch "the receipt lacks [$_w]: $receipt" ;; esac
done
txt=$(pdftotext -enc UTF-8 "$T/accept.pdf" - | tr -d ' \n\f')
case $txt in *EMS1234567890CN*) fail_batch "the first print already had a tracking number" ;; esac
assert_check_clean

step "on the desk: 'd' on the case screen records a refused delivery of the non-acceptance notice"
sup case decline "$C2" --text 不属于本机关职责范围 >"$T/o" 2>&1 || fail_batch "decline failed: $(cat "$T/o")"
sup print "$C2" --notice decline -o "$T/decline.pdf" >"$T/o" 2>&1 || fail_batch "print failed: $(cat "$T/o")"
DOC2=$(db_sql "SELECT n.doc_no FROM case_notice n JOIN case_file c ON c.id = n.case_id WHERE c.case_no = '$C2' AND n.kind = 'decline'")
assert_eq running "$(clock_of "$C2" notify)" "the notification clock of $C2 before delivery"
lf_start_as "$SUP_LOGIN" "$SUP_PW" --lang en
keys /
wait_for "Search cases"
type_text DL22
keys Enter
wait_for "$C2"
keys Enter
wait_for "$C2"
keys d
menu_pick "$DOC2"
menu_pick "in person"
menu_pick "refused to sign"
wait_for "Note: the witnesses"
keys F1
wait_for "By post the tracking number"
keys Escape
wait_for "Note: the witnesses"
# Enter on the date, then Enter on the empty note: core refuses, the box stays.
keys Enter
keys Enter
wait_for "witnesses"
assert_eq 0 "$(db_sql "SELECT count(*) FROM case_delivery d JOIN case_file c ON c.id = d.case_id WHERE c.case_no = '$C2'")" \
	"nothing saved without the witnesses"
type_text "见证人：村委会王五、李六"
keys Enter
wait_for "is recorded"
assert_eq "in_person|1|见证人：村委会王五、李六|$TODAY" \
	"$(db_sql "SELECT d.method, d.refused, d.note, d.delivered_on FROM case_delivery d JOIN case_file c ON c.id = d.case_id WHERE c.case_no = '$C2'")" \
	"the delivery recorded on the desk"
assert_eq met "$(clock_of "$C2" notify)" "the notification clock of $C2, met at delivery"
keys Tab
wait_for "notice delivered"
assert_screen_has "receipt refused"
keys F10
wait_exit

step "a row edited behind laifang's back is found by check"
db_sql "UPDATE case_delivery SET tracking = 'FORGED1' WHERE method = 'post'"
"$LAIFANG" --db "$LAIFANG_DB" check >"$T/check.out" 2>&1
[ $? -ne 0 ] || fail "check passed a forged delivery: $(cat "$T/check.out")"
grep -q case_delivery "$T/check.out" || fail "check does not name case_delivery: $(cat "$T/check.out")"
pass "desk and integrity"
