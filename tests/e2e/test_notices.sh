#!/bin/sh
# Notices that pass legal review (issue 15): `laifang print CASE --notice
# KIND` for each of the seven notices, read back with pdftotext: the full
# title, the notice's own document number (文号) from the office's pattern
# (numbered per year 1, 2, 3... across kinds and cases, distinct from the
# case number), the 《信访工作条例》 article it rests on, what happens next
# and the visitor's rights; a reprint shows the same number; the numbers are
# on the case in the database (case_notice, doc_number_counter) and sealed
# (laifang check stays clean); every page renders to PNG.
. "$(dirname "$0")/lib.sh"

for _c in pdftotext pdftoppm zbarimg; do
	command -v "$_c" >/dev/null 2>&1 || { echo "$_c is missing (poppler-utils)"; exit 1; }
done

lf_setup_office
DEPT_LOGIN=dept DEPT_PW='Dept-pass-2026!' DEPT_NAME=吴承办
lf_user_add "$DEPT_LOGIN" "$DEPT_PW" --name "$DEPT_NAME" --roles handler --unit "$DEPT_UNIT"
cat >"$T/visits.csv" <<CSV
receptionist,received_on,name,sex,phone,id_number,address,content
王敏,$TODAY,张秀兰,女,13812345678,$(id_number 11010519850315002),广州市越秀区解放中路305号,拖欠工资三个月，编号NT11。
王敏,$TODAY,李建华,男,13912345678,$(id_number 44010619790101003),广州市天河区体育西路1号,要求撤销法院判决，编号NT22。
王敏,$TODAY,陈国强,男,13712345678,$(id_number 44010619800202004),广州市海珠区江南大道2号,反映某局干部收受红包，编号NT33。
王敏,$TODAY,赵丽,女,13612345678,$(id_number 44010619810303005),广州市荔湾区中山八路3号,反映小区噪音扰民，编号NT44。
王敏,$TODAY,孙强,男,13512345678,$(id_number 44010619820404006),广州市白云区机场路4号,反映村道损坏，编号NT55。
王敏,$TODAY,周敏,女,13412345678,$(id_number 44010619830505007),广州市黄埔区大沙地5号,要求解决劳动合同纠纷，编号NT66。
CSV
lf_import_csv "$T/visits.csv"
C1=$YEAR-000001 C2=$YEAR-000002 C3=$YEAR-000003 C4=$YEAR-000004 C5=$YEAR-000005 C6=$YEAR-000006

step "the office's name, code, pattern and the office above"
for _kv in "office_name 测试市信访局" "office_code 测信" "doc_number_pattern {代字}告〔{year}〕第{n}号" \
	"office_above 测试省信访局"; do
	lf_admin config set ${_kv%% *} "${_kv#* }" >"$T/cfg.out" 2>&1 ||
		fail_batch "config set ${_kv%% *}: $(cat "$T/cfg.out")"
done
lf_admin --lang en config set doc_number_pattern '测信〔2026〕{n}号' >"$T/cfg.out" 2>&1
assert_eq 1 "$?" "a pattern without {year} is refused"
grep -F -q "{year}" "$T/cfg.out" || fail "the refusal does not say what is missing: $(cat "$T/cfg.out")"

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
# notice LOGIN PW CASE KIND NAME: print the notice to $T/NAME.pdf and render its pages to PNG.
notice() {
	lf_as "$1" "$2" print "$3" --notice "$4" -o "$T/$5.pdf" >"$T/print.out" 2>&1 ||
		fail_batch "print $3 --notice $4 failed: $(cat "$T/print.out")"
	pdftoppm -png -r 60 "$T/$5.pdf" "$T/$5" || fail "pdftoppm could not render $5.pdf"
	[ -s "$T/$5-1.png" ] && [ -s "$T/$5-2.png" ] || fail "$5.pdf: the notice and its receipt (送达回证) should be two pages: $(ls "$T")"
	pdf_has "$T/$5.pdf" 测试市信访局
	pdf_has "$T/$5.pdf" "信访事项编号：$3"
	pdf_has "$T/$5.pdf" 送达回证
	pdf_has "$T/$5.pdf" 受送达人签收
}
no() { printf '测信告〔%s〕第%s号' "$YEAR" "$1"; }
cn_date() { printf '%s\n' "$1" | awk -F- '{ printf "%d年%d月%d日\n", $1, $2, $3 }'; }

step "accept: 受理告知书 with number 1, 60 days, the right to a review"
lf_case_to "$C1" accepted
notice "$CLERK_LOGIN" "$CLERK_PW" "$C1" accept accept
pdf_has "$T/accept.pdf" 信访事项受理告知书
pdf_has "$T/accept.pdf" "$(no 1)"
pdf_has "$T/accept.pdf" 《信访工作条例》第二十三条第一款、第二款
pdf_has "$T/accept.pdf" 依据《信访工作条例》第三十四条的规定，本机关将自受理之日起60日内办结
pdf_has "$T/accept.pdf" 自收到书面答复之日起30日内请求本机关的上一级机关、单位复查
pdf_has "$T/accept.pdf" 广州市越秀区解放中路305号 # the address to mail it to
# The visitor's query code, as the receipt gave it, and its QR code (issue 15).
_code=$(db_sql "SELECT q.code FROM case_query_code q JOIN case_file c ON c.id = q.case_id WHERE c.case_no = '$C1'")
[ -n "$_code" ] || fail "case $C1 has no query code"
_shown=$(printf '%s' "$_code" | sed 's/^\(....\)/\1-/')
pdf_has "$T/accept.pdf" "查询码：$_shown"
pdf_has "$T/accept.pdf" "及查询码$_shown向本机关查询" # the same form in the foot
pdftoppm -png -r 150 -f 1 -l 1 "$T/accept.pdf" "$T/acceptqr" || fail "pdftoppm could not render accept.pdf"
assert_eq "CASE $C1 CODE $_shown" "$(zbarimg -q --raw "$T/acceptqr-1.png" 2>/dev/null)" "the QR code on the acceptance notice"

step "transfer: 转送告知书 with number 2; the agency answers, not this office"
lf_case "$SUP_LOGIN" "$SUP_PW" route "$C1" --transfer "$PEER_UNIT"
notice "$CLERK_LOGIN" "$CLERK_PW" "$C1" transfer transfer
pdf_has "$T/transfer.pdf" 信访事项转送告知书
pdf_has "$T/transfer.pdf" "$(no 2)"
pdf_has "$T/transfer.pdf" 第二十二条第一款、第二十三条第一款
pdf_has "$T/transfer.pdf" "将其转送${PEER_UNIT}办理"
pdf_has "$T/transfer.pdf" 本机关不再另行答复
pdf_has "$T/transfer.pdf" "请求${PEER_UNIT}的上一级机关、单位复查"
pdf_lacks "$T/transfer.pdf" 本机关将

step "the acceptance notice again: the same number, and no promise of this office's answer"
notice "$CLERK_LOGIN" "$CLERK_PW" "$C1" accept accept2
pdf_has "$T/accept2.pdf" "$(no 1)"
pdf_lacks "$T/accept2.pdf" "$(no 3)"
pdf_has "$T/accept2.pdf" "已转送${PEER_UNIT}办理"
pdf_lacks "$T/accept2.pdf" 本机关将自受理之日起60日内办结

step "extend: 延长信访事项办理期限告知书: the old and the new due date, who approved, 第三十四条"
_old=$(db_sql "SELECT e.due_on FROM case_event e JOIN case_file c ON c.id = e.case_id WHERE c.case_no = '$C1' AND e.kind = 'accept'")
# Typed as a sentence of its own: the notice makes it a clause (因…，).
lf_case "$SUP_LOGIN" "$SUP_PW" extend "$C1" --days 30 --approver "$LEADER_LOGIN" --text "因需调取社保记录。"
_new=$(db_sql "SELECT e.due_on FROM case_event e JOIN case_file c ON c.id = e.case_id WHERE c.case_no = '$C1' AND e.kind = 'extend'")
[ -n "$_old" ] && [ -n "$_new" ] || fail "no due dates on the events: [$_old] [$_new]"
notice "$CLERK_LOGIN" "$CLERK_PW" "$C1" extend extend
pdf_has "$T/extend.pdf" 延长信访事项办理期限告知书
pdf_has "$T/extend.pdf" "$(no 3)"
pdf_has "$T/extend.pdf" 依据《信访工作条例》第三十四条的规定
pdf_has "$T/extend.pdf" "经${LEADER_NAME}（${LEADER_TITLE}）批准"
pdf_has "$T/extend.pdf" "办理期限由$(cn_date "$_old")延长至$(cn_date "$_new")"
pdf_has "$T/extend.pdf" 因需调取社保记录，需要延长办理期限。
pdf_lacks "$T/extend.pdf" 因因
pdf_lacks "$T/extend.pdf" 。，
# The visitor's receipt printed again: the extension told of as done.
lf_as "$CLERK_LOGIN" "$CLERK_PW" print "$C1" --receipt -o "$T/receipt.pdf" >"$T/print.out" 2>&1 ||
	fail_batch "print --receipt: $(cat "$T/print.out")"
pdf_has "$T/receipt.pdf" "经批准已延长办理期限，应当于$(cn_date "$_new")"
pdf_lacks "$T/receipt.pdf" 经批准可以适当延长
pdf_has "$T/extend.pdf" "${PEER_UNIT}将在延长的期限内办结"

step "decline: 不予受理告知书 with the route of its ground only"
lf_case_to "$C2" declined
lf_as "$SUP_LOGIN" "$SUP_PW" --lang en print "$C2" --notice decline:weather -o "$T/x.pdf" >"$T/print.out" 2>&1
assert_eq 1 "$?" "an unknown ground"
grep -F -q litigation "$T/print.out" || fail "the refusal does not list the grounds: $(cat "$T/print.out")"
[ ! -e "$T/x.pdf" ] || fail "a refused notice left a file"
notice "$SUP_LOGIN" "$SUP_PW" "$C2" decline:litigation decline
pdf_has "$T/decline.pdf" 信访事项不予受理告知书
pdf_has "$T/decline.pdf" "$(no 4)"
pdf_has "$T/decline.pdf" 不属于本机关职责范围，请向有权机关反映。
pdf_has "$T/decline.pdf" 第二十条第二款、第二十八条第二款和第三十一条第（一）项
pdf_has "$T/decline.pdf" 人民法院
pdf_lacks "$T/decline.pdf" 仲裁机构
pdf_lacks "$T/decline.pdf" 行政复议、行政裁决
notice "$SUP_LOGIN" "$SUP_PW" "$C2" decline decline2
pdf_has "$T/decline2.pdf" "$(no 4)"
pdf_has "$T/decline2.pdf" 人民法院

step "refer: 转纪检监察机关告知书 (there was none before issue 15)"
lf_case_to "$C3" referred
notice "$SUP_LOGIN" "$SUP_PW" "$C3" refer refer
pdf_has "$T/refer.pdf" 转纪检监察机关告知书
pdf_has "$T/refer.pdf" "$(no 5)"
pdf_has "$T/refer.pdf" 第二十二条第二款、第三十条第一款
pdf_has "$T/refer.pdf" "$DISC_UNIT"
pdf_has "$T/refer.pdf" 本机关不再跟踪办理

step "answer: 答复意见书 of an in-house case: the request, the answer, 复查 within 30 days at the office above"
lf_case_to "$C4" in_house
lf_case "$DEPT_LOGIN" "$DEPT_PW" take-up "$C4"
lf_case "$DEPT_LOGIN" "$DEPT_PW" report "$C4" --text "已协调物业限时整改。"
# The office's own answer needs its opinion, facts and basis (第三十二条).
lf_as "$DEPT_LOGIN" "$DEPT_PW" --lang en case reply "$C4" --text "经核查，夜间施工已停止，编号AN77。" --satisfaction 满意 >"$T/reply.out" 2>&1
assert_eq 1 "$?" "a reply of an in-house case without its written answer"
grep -F -q "art. 32" "$T/reply.out" || fail "the refusal does not cite art. 32: $(cat "$T/reply.out")"
lf_case "$DEPT_LOGIN" "$DEPT_PW" reply "$C4" --text "经核查，夜间施工已停止，编号AN77。" --satisfaction 满意 \
	--opinion 予以支持 --facts "施工单位夜间施工属实，编号FA55。" --basis "《环境噪声污染防治法》，编号BS66。"
assert_eq "support" "$(db_sql "SELECT e.answer_opinion FROM case_event e JOIN case_file c ON c.id = e.case_id WHERE c.case_no = '$C4' AND e.kind = 'reply'")" "the opinion stored with the reply"
notice "$CLERK_LOGIN" "$CLERK_PW" "$C4" answer answer
pdf_has "$T/answer.pdf" 一、投诉请求
pdf_has "$T/answer.pdf" 施工单位夜间施工属实，编号FA55。
pdf_has "$T/answer.pdf" 三、处理意见（予以支持）
pdf_has "$T/answer.pdf" 《环境噪声污染防治法》，编号BS66。
pdf_has "$T/answer.pdf" 五、您的权利
pdf_has "$T/answer.pdf" 信访事项答复意见书
pdf_has "$T/answer.pdf" "$(no 6)"
pdf_has "$T/answer.pdf" 反映小区噪音扰民，编号NT44。
pdf_has "$T/answer.pdf" 经核查，夜间施工已停止，编号AN77。
pdf_has "$T/answer.pdf" 第三十一条第（六）项
pdf_has "$T/answer.pdf" 依照《信访工作条例》第三十五条的规定，自收到本答复意见书之日起30日内，向测试省信访局请求复查
lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en print "$C1" --notice answer -o "$T/x.pdf" >"$T/print.out" 2>&1
assert_eq 1 "$?" "an answer for a transferred case"
grep -F -q "own name" "$T/print.out" || fail "the refusal does not say why: $(cat "$T/print.out")"

step "assign: 交办告知书"
lf_case_to "$C5" assigned
notice "$SUP_LOGIN" "$SUP_PW" "$C5" assign assign
pdf_has "$T/assign.pdf" 信访事项交办告知书
pdf_has "$T/assign.pdf" "$(no 7)"
pdf_has "$T/assign.pdf" 第二十二条第一款第（三）项
pdf_has "$T/assign.pdf" "$LOWER_UNIT"

step "on the screen: decline, then F9 prints the decline notice with the ground chosen from a menu"
lf_start_as "$SUP_LOGIN" "$SUP_PW" --lang en
lf_open_queue "awaiting screening"
queue_find NT66
wait_for "$C6"
keys Enter
wait_for "群众来访登记表  $C6"
keys F7
wait_for "Act on case $C6"
menu_pick decline
wait_for "decline · case $C6"
type_text "劳动合同纠纷应先申请劳动仲裁。"
keys F2
wait_case "$C6" status declined
keys F9
wait_for "Print case $C6"
menu_pick "Non-acceptance notice"
wait_for "The notice gives the route of that ground only"
menu_pick "a matter for arbitration"
wait_for "PDF file"
keys C-u
type_text "$T/screen.pdf"
keys Enter
wait_for "Written to"
keys Enter
keys F10
wait_exit
[ -f "$T/screen.pdf" ] || fail "the print key wrote no file"
pdf_has "$T/screen.pdf" 信访事项不予受理告知书
pdf_has "$T/screen.pdf" "$(no 8)"
pdf_has "$T/screen.pdf" 第三十一条第（二）项
pdf_has "$T/screen.pdf" 仲裁机构
pdf_lacks "$T/screen.pdf" 人民法院

step "the numbers are on the cases, once each, 1 to 8 without a gap"
assert_eq "1 2 3 4 5 6 7 8" "$(db_sql "SELECT group_concat(CAST(seq AS TEXT), ' ') FROM (SELECT seq FROM case_notice WHERE year = $YEAR ORDER BY seq) n")" "the year's numbers"
assert_eq 8 "$(db_sql "SELECT n FROM doc_number_counter WHERE year = $YEAR")" "the year's counter"
assert_eq "$(no 1)" "$(db_sql "SELECT n.doc_no FROM case_notice n JOIN case_file c ON c.id = n.case_id WHERE c.case_no = '$C1' AND n.kind = 'accept'")" "the acceptance's number"
assert_eq litigation "$(db_sql "SELECT ground FROM case_notice WHERE seq = 4")" "the decline's ground"
assert_eq arbitration "$(db_sql "SELECT ground FROM case_notice WHERE seq = 8")" "the ground chosen on the screen"
assert_eq 8 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'case.notice_number'")" "the numbers issued in the audit log"

step "the audit chain and the seals are intact"
assert_check_clean
pass
