#!/bin/sh
# Mediation and settlement (调解、和解, 《信访工作条例》第三十三条) and the
# printed supervision notice (督办通知, 第四十条第一款, 第三十九条第三款).
# Through `laifang case`: refusals (a case not yet handled, not a claim, one
# party, a settlement with a mediator, another unit's handler); a settlement
# recorded by the handling unit; the state and the handling clock left as
# they were. On the desk: 'm' records a mediation with its mediator, the
# print menu lists the agreement and the supervision notice, each printed
# and read back with pdftotext. The database holds the events and the
# notices' own numbers; the audit chain and the seals stay intact.
. "$(dirname "$0")/lib.sh"

for _c in pdftotext; do
	command -v "$_c" >/dev/null 2>&1 || { echo "SKIP $(basename "$0"): $_c not installed"; exit 0; }
done
OUT="$T/out"
refused() { # refused STATUS TEXT LOGIN PASSWORD ARG...
	_st=$1 _text=$2
	shift 2
	_l=$1 _p=$2
	shift 2
	lf_as "$_l" "$_p" --lang en case "$@" >"$OUT" 2>&1
	_rc=$?
	[ "$_rc" = "$_st" ] || fail_batch "case $* exited $_rc, not $_st: $(cat "$OUT")"
	grep -q -- "$_text" "$OUT" || fail_batch "case $*: expected \"$_text\" in: $(cat "$OUT")"
}
pdf_text() { pdftotext -enc UTF-8 "$1" - 2>&1 | tr -d ' \n\f'; }
pdf_has() { pdf_text "$1" | grep -q -F -- "$2" || fail_batch "$1 lacks \"$2\": $(pdf_text "$1")"; }
pdf_lacks() { ! pdf_text "$1" | grep -q -F -- "$2" || fail_batch "$1 has \"$2\""; }
ev() { # ev CASE_NO KIND COLUMNS: the newest event of KIND
	db_sql "SELECT $3 FROM case_event e JOIN case_file c ON c.id = e.case_id WHERE c.case_no = '$1' AND e.kind = '$2' ORDER BY e.seq DESC LIMIT 1"
}
DUE1=$(day 10)
DUE2=$(day 20)

lf_setup_office
lf_import_csv "$DATA/one_visit.csv"
C1=$YEAR-000001
C2=$YEAR-000002

step "refusals: not yet handled, not a claim, one party, a settlement with a mediator"
lf_case "$SUP_LOGIN" "$SUP_PW" accept "$C1" --kind claim
lf_case "$SUP_LOGIN" "$SUP_PW" route "$C1" --transfer "$PEER_UNIT"
refused 1 "while the case is handled" "$HANDLER_LOGIN" "$HANDLER_PW" mediate "$C1" --kind settlement \
	--parties "李秀英、某物业公司" --terms "物业公司退还多收的费用。"
lf_case "$HANDLER_LOGIN" "$HANDLER_PW" take-up "$C1"
refused 1 "at least two" "$HANDLER_LOGIN" "$HANDLER_PW" mediate "$C1" --kind settlement --parties 李秀英 \
	--terms "物业公司退还多收的费用。"
refused 1 "no mediator" "$HANDLER_LOGIN" "$HANDLER_PW" mediate "$C1" --kind settlement \
	--parties "李秀英、某物业公司" --terms "退费。" --mediator 王调解
refused 1 "name the mediator" "$HANDLER_LOGIN" "$HANDLER_PW" mediate "$C1" --kind mediation \
	--parties "李秀英、某物业公司" --terms "退费。"
refused 2 "--kind is mediation" "$HANDLER_LOGIN" "$HANDLER_PW" mediate "$C1" --kind 仲裁 \
	--parties "李秀英、某物业公司" --terms "退费。"
refused 1 "not allowed" "$CLERK_LOGIN" "$CLERK_PW" mediate "$C1" --kind settlement \
	--parties "李秀英、某物业公司" --terms "退费。"
assert_eq 0 "$(db_sql "SELECT count(*) FROM case_event e JOIN case_file c ON c.id = e.case_id WHERE c.case_no = '$C1' AND e.kind = 'mediate'")" "nothing recorded by the refusals"

step "a settlement by the handling unit: recorded, the state and the clock stay"
_clocks=$(db_sql "SELECT group_concat(rule || '|' || state, ' ') FROM (SELECT k.rule, k.state FROM case_clock k JOIN case_file c ON c.id = k.case_id WHERE c.case_no = '$C1' ORDER BY k.start_at, k.ref) x")
lf_case "$HANDLER_LOGIN" "$HANDLER_PW" mediate "$C1" --kind 和解 --parties "李秀英，某物业公司" \
	--terms "某物业公司于十日内退还多收的物业费一千二百元。"
assert_eq "settlement|李秀英
某物业公司||$HANDLER_NAME" "$(ev "$C1" mediate "reason || '|' || agreement_parties || '|' || coalesce(agreement_mediator, '') || '|' || by_name")" "the settlement's event"
assert_case "$C1" status handling
assert_eq "$_clocks" "$(db_sql "SELECT group_concat(rule || '|' || state, ' ') FROM (SELECT k.rule, k.state FROM case_clock k JOIN case_file c ON c.id = k.case_id WHERE c.case_no = '$C1' ORDER BY k.start_at, k.ref) x")" "the clocks as they were"
lf_as "$SUP_LOGIN" "$SUP_PW" print "$C1" --notice agreement -o "$T/settle.pdf" >"$OUT" 2>&1 ||
	fail_batch "print the settlement: $(cat "$OUT")"
pdf_has "$T/settle.pdf" 和解协议书
pdf_has "$T/settle.pdf" 当事人：李秀英、某物业公司
pdf_has "$T/settle.pdf" 退还多收的物业费一千二百元
pdf_has "$T/settle.pdf" 第三十三条
pdf_has "$T/settle.pdf" "记录人：$HANDLER_NAME"
pdf_lacks "$T/settle.pdf" 调解人
lf_as "$SUP_LOGIN" "$SUP_PW" --lang en case timeline "$C1" >"$OUT" 2>&1 || fail_batch "case timeline: $(cat "$OUT")"
grep -q "agreement reached (调解/和解协议)" "$OUT" || fail_batch "the timeline lacks the agreement: $(cat "$OUT")"
grep -q "Reason: settlement" "$OUT" || fail_batch "the timeline lacks the kind: $(cat "$OUT")"

step "a supervision notice, printed for the unit"
lf_case "$SUP_LOGIN" "$SUP_PW" supervise "$C1" --text "请于期限内办结并书面反馈。" --due "$DUE1"
lf_case "$SUP_LOGIN" "$SUP_PW" supervise "$C1" --text "逾期未反馈，挂牌督办，责令限期整改。" --due "$DUE2" --level listed
lf_as "$SUP_LOGIN" "$SUP_PW" print "$C1" --notice supervise:1 -o "$T/sup1.pdf" >"$OUT" 2>&1 ||
	fail_batch "print the first supervision notice: $(cat "$OUT")"
pdf_has "$T/sup1.pdf" 信访事项督办通知
pdf_has "$T/sup1.pdf" "$PEER_UNIT："
pdf_has "$T/sup1.pdf" 请于期限内办结并书面反馈
pdf_has "$T/sup1.pdf" 督办方式（督办通知）
pdf_has "$T/sup1.pdf" "$(date -d "$DUE1" +%Y年%-m月%-d日)前"
pdf_has "$T/sup1.pdf" "签发人：$SUP_NAME"
pdf_lacks "$T/sup1.pdf" 送达回证
lf_as "$SUP_LOGIN" "$SUP_PW" --lang en print "$C1" --notice supervise:3 -o "$T/sup3.pdf" >"$OUT" 2>&1 &&
	fail_batch "a third supervision notice printed"
grep -q "no such supervision notice" "$OUT" || fail_batch "supervise:3: $(cat "$OUT")"

step "on the desk: m records a mediation, the print menu lists the agreement and the notice"
lf_start_as "$HANDLER_LOGIN" "$HANDLER_PW" --lang en
lf_open_queue "being handled"
wait_row_with "$C1" 李秀英
keys Enter
wait_for "群众来访登记表  $C1"
keys m
menu_pick "Mediation (调解)"
wait_for "Parties (separated by"
type_text "李秀英、某物业公司"
keys Tab
type_text 王调解
keys Tab
type_text "双方同意：物业公司维修电梯，李秀英缴清欠费。"
keys Enter
wait_for "is recorded; print it with p"
assert_eq "mediation|王调解" "$(ev "$C1" mediate "reason || '|' || agreement_mediator")" "the mediation's event"
keys F5
wait_for "agreement reached"
page_until "Mediator: 王调解"
keys F5
keys F9
wait_for "Print case $C1"
assert_screen_has "Supervision notice"
menu_pick "Agreement"
wait_for "PDF file"
keys C-u
type_text "$T/mediate.pdf"
keys Enter
wait_for "Written to"
keys Enter
keys F9
wait_for "Print case $C1"
menu_pick "Supervision notice"
wait_for "PDF file"
keys C-u
type_text "$T/sup_screen.pdf"
keys Enter
wait_for "Written to"
keys Enter
# Delivery (送达) is the visitor's notices': not the unit's notice, not the agreement.
keys d
wait_for "No notice of this case has a document number"
keys F10
wait_exit
pdf_has "$T/mediate.pdf" 调解协议书
pdf_has "$T/mediate.pdf" 调解人：王调解
pdf_has "$T/mediate.pdf" 物业公司维修电梯
pdf_has "$T/mediate.pdf" 当事人：李秀英
pdf_has "$T/sup_screen.pdf" 督办方式（挂牌督办）
pdf_has "$T/sup_screen.pdf" 第三十九条第三款
pdf_has "$T/sup_screen.pdf" 逾期未反馈

step "a suggestion (建议意见类) is not mediated: the article is about claims"
lf_import_csv "$DATA/one_visit.csv"
[ "$(case_sql "$C2" status)" = registered ] || fail_batch "the second case was not imported"
lf_case "$SUP_LOGIN" "$SUP_PW" accept "$C2" --kind suggestion
lf_case "$SUP_LOGIN" "$SUP_PW" route "$C2" --transfer "$PEER_UNIT"
lf_case "$HANDLER_LOGIN" "$HANDLER_PW" take-up "$C2"
refused 1 "for claims" "$HANDLER_LOGIN" "$HANDLER_PW" mediate "$C2" --kind settlement \
	--parties "李秀英、某物业公司" --terms "退费。"

step "each notice its own number; the supervision menu item only on a case with a notice"
assert_eq "agreement.1 agreement.2 supervise.1 supervise.2" "$(db_sql "SELECT group_concat(kind, ' ') FROM (SELECT n.kind FROM case_notice n JOIN case_file c ON c.id = n.case_id WHERE c.case_no = '$C1' ORDER BY n.kind) k")" "the notices' numbers"
lf_as "$SUP_LOGIN" "$SUP_PW" --lang en print "$C2" --notice supervise -o "$T/none.pdf" >"$OUT" 2>&1 &&
	fail_batch "a case without a supervision notice printed one"

step "archived means locked: no agreement on an archived case"
lf_case "$HANDLER_LOGIN" "$HANDLER_PW" report "$C1" --text "已核实并调解。"
lf_case "$HANDLER_LOGIN" "$HANDLER_PW" reply "$C1" --text "已书面答复。" --satisfaction 满意
refused 1 "before the answer" "$HANDLER_LOGIN" "$HANDLER_PW" mediate "$C1" --kind settlement \
	--parties "李秀英、某物业公司" --terms "退费。"
assert_check_clean
pass
