#!/bin/sh
# Every step from the command line (issue 11): `laifang case` drives a case
# through every state with Chinese text, by the users who hold each step;
# `show --json` is valid JSON (python3) with the state, the signed entries
# and the clocks; the refusals are core's (exit 1), usage errors exit 2;
# `case apply` is all or nothing; lf_case_to builds cases in other states;
# and the desk shows the final state of the case driven by the command line.
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null 2>&1 || fail "python3 is missing"

lf_setup_office
cat >"$T/visits.csv" <<CSV
receptionist,received_on,name,sex,phone,id_number,address,content
王敏,$TODAY,张秀兰,女,13812345678,$(id_number 11010519850315002),广州市越秀区,小区违建占用消防通道，编号CC11。
王敏,$TODAY,李建华,男,13912345678,$(id_number 44010619790101003),广州市天河区,拖欠工资三个月，编号CC22。
王敏,$TODAY,陈国强,男,13712345678,$(id_number 44010619800202004),广州市海珠区,噪音扰民，编号CC33。
CSV
lf_import_csv "$T/visits.csv"

SHOW="$T/show.json"
# show_json CASE_NO [LOGIN PW]: laifang case show --json into $SHOW, checked by python3.
show_json() {
	lf_as "${2:-$SUP_LOGIN}" "${3:-$SUP_PW}" case show "$1" --json >"$SHOW" 2>"$T/show.err" ||
		fail "case show $1 --json failed: $(cat "$T/show.err")"
	python3 -m json.tool "$SHOW" >/dev/null 2>"$T/json.err" ||
		fail "case show $1 --json is not valid JSON: $(cat "$T/json.err") $(cat "$SHOW")"
}
# jq_py EXPR: a Python expression on the JSON in $SHOW (bound to d).
jq_py() {
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$SHOW" "$1"
}
assert_state() {
	show_json "$1"
	assert_eq "$2" "$(jq_py 'd["state"]')" "case $1: state in show --json"
	assert_case "$1" status "$2"
}
# refused EXPECTED_RC TEXT LOGIN PW ARG...: the command exits EXPECTED_RC
# and says TEXT on standard error.
refused() {
	_rc=$1 _text=$2 _who=$3 _pw=$4
	shift 4
	lf_as "$_who" "$_pw" "$@" >"$T/ref.out" 2>"$T/ref.err"
	_got=$?
	[ "$_got" = "$_rc" ] || fail "laifang $*: exit $_got, expected $_rc: $(cat "$T/ref.out" "$T/ref.err")"
	grep -F -q -- "$_text" "$T/ref.err" || fail "laifang $*: stderr lacks [$_text]: $(cat "$T/ref.err")"
}

C1=$YEAR-000001 C2=$YEAR-000002 C3=$YEAR-000003
INSTR='请住建局依法核查，七日内报送结果。编号IN71'
OPINION='转请市住建局依法处理 "消防通道" 问题'
REPORT_FILE="$T/report.txt"
printf '经现场核查，违建已于本周拆除。\n消防通道恢复畅通，编号RP81。\n' >"$REPORT_FILE"
NOTE='含"引号"、反斜杠\和	制表符的督办意见，编号SV91'

step "registered: show --json"
assert_state "$C1" registered
assert_eq 张秀兰 "$(jq_py 'd["name"]')" "the visitor's name"
assert_eq route "$(jq_py 'd["clocks"][0]["rule"]')" "the route clock of a registered case"
assert_eq running "$(jq_py 'd["clocks"][0]["state"]')" "the route clock runs"
assert_eq "$TODAY" "$(jq_py 'd["clocks"][0]["start"]')" "the route clock starts at registration"
[ -n "$(jq_py 'd["clocks"][0]["basis"]')" ] || fail "the route clock has no basis"

step "a step by a user without the permission is refused with core's sentence (exit 1)"
refused 1 "not allowed: screen a case needs the role supervisor" "$CLERK_LOGIN" "$CLERK_PW" --lang en case accept "$C1"
refused 1 "无权操作" "$CLERK_LOGIN" "$CLERK_PW" case accept "$C1"
assert_case "$C1" status registered

step "accept, instruct (the leader signs), route by transfer with an opinion"
lf_case "$SUP_LOGIN" "$SUP_PW" accept "$C1"
grep -F -q "$C1" "$T/case_step.out" || fail "accept says nothing of the case: $(cat "$T/case_step.out")"
assert_state "$C1" accepted
# Accepting starts the handling clock; the route clock runs on (issue 11).
assert_eq "handle route" "$(jq_py '" ".join(sorted(k["rule"] for k in d["clocks"] if k["state"]=="running"))')" "the running clocks after acceptance"
lf_case "$LEADER_LOGIN" "$LEADER_PW" instruct "$C1" --text "$INSTR"
lf_case "$SUP_LOGIN" "$SUP_PW" route "$C1" --transfer "$PEER_UNIT" --text "$OPINION"
assert_state "$C1" transferred
assert_eq "$PEER_UNIT" "$(jq_py 'd["lead_unit"]')" "the lead unit"
assert_eq "$INSTR" "$(jq_py '[e["text"] for e in d["entries"] if e["kind"]=="instruction"][0]')" "the instruction's text"
case "$(jq_py '[e["signer"] for e in d["entries"] if e["kind"]=="instruction"][0]')" in
*"$LEADER_NAME"*) ;;
*) fail "the instruction's signer is not $LEADER_NAME: $(cat "$SHOW")" ;;
esac
assert_eq "$OPINION" "$(jq_py '[e["text"] for e in d["entries"] if e["kind"]=="opinion"][0]')" "the forwarding opinion"

step "the handler takes it up and reports (text from a file), replies with 基本满意"
lf_case "$HANDLER_LOGIN" "$HANDLER_PW" take-up "$C1"
assert_state "$C1" handling
lf_case "$HANDLER_LOGIN" "$HANDLER_PW" report "$C1" --text-file "$REPORT_FILE"
assert_state "$C1" reported
assert_eq "$(cat "$REPORT_FILE")" "$(jq_py '[e["text"] for e in d["entries"] if e["kind"]=="report"][0]')" "the report's text"
case "$(jq_py '[e["signer"] for e in d["entries"] if e["kind"]=="report"][0]')" in
*"$HANDLER_NAME"*) ;;
*) fail "the report's signer is not $HANDLER_NAME: $(cat "$SHOW")" ;;
esac
lf_case "$SUP_LOGIN" "$SUP_PW" supervise "$C1" --text "$NOTE"
lf_case "$HANDLER_LOGIN" "$HANDLER_PW" reply "$C1" --text "已当面答复信访人。" --satisfaction 基本满意
assert_state "$C1" replied
assert_eq basically "$(jq_py '[e["satisfaction"] for e in d["entries"] if e["kind"]=="reply"][0]')" "the satisfaction"

step "JSON keeps quotes, backslashes and Chinese (UTF-8, not escaped)"
lf_as "$SUP_LOGIN" "$SUP_PW" case timeline "$C1" --json >"$T/tl.json" 2>"$T/tl.err" || fail "timeline --json: $(cat "$T/tl.err")"
python3 -m json.tool "$T/tl.json" >/dev/null || fail "timeline --json is not valid JSON: $(cat "$T/tl.json")"
grep -F -q 编号SV91 "$T/tl.json" || fail "the timeline's JSON does not keep Chinese as UTF-8: $(cat "$T/tl.json")"
_sv=$(python3 -c 'import json,sys; print([e["text"] for e in json.load(open(sys.argv[1])) if e["kind"]=="supervise"][0])' "$T/tl.json")
case "$_sv" in
*'"引号"'*'反斜杠\'*编号SV91) ;;
*) fail "the supervision note came back as [$_sv]" ;;
esac
lf_as "$SUP_LOGIN" "$SUP_PW" case timeline "$C1" >"$T/tl.txt" 2>&1 || fail "timeline: $(cat "$T/tl.txt")"
grep -F -q 编号IN71 "$T/tl.txt" || fail "the timeline lacks the instruction: $(cat "$T/tl.txt")"
# The report once: its step, not its 办理情况 entry again.
assert_eq 1 "$(grep -c 编号RP81 "$T/tl.txt")" "the report's lines in the timeline"
# The clocks as the case screen says them: no keys, no codes.
grep -F -q 开始计时 "$T/tl.txt" || fail "the timeline lacks a clock's start: $(cat "$T/tl.txt")"
grep -F -q 《信访工作条例》第二十二条 "$T/tl.txt" || fail "the timeline lacks a clock's basis: $(cat "$T/tl.txt")"
if grep -E -q 'clock_(start|stop)|@route22|@handle34' "$T/tl.txt"; then
	fail "the timeline shows keys or codes: $(cat "$T/tl.txt")"
fi
# Every line is an event's (its time first) or under one, four spaces in:
# the further lines of a notice or a report too.
if grep -v -E '^(20[0-9][0-9]-[0-9][0-9]-[0-9][0-9] |    )' "$T/tl.txt"; then
	fail "a timeline line starts at the margin: $(cat "$T/tl.txt")"
fi
[ "$(grep -c '^    ' "$T/tl.txt")" -gt 3 ] || fail "the timeline has no text under its events: $(cat "$T/tl.txt")"

step "archive; archiving twice is refused by the lock; an annotation still goes in"
lf_case "$ARCH_LOGIN" "$ARCH_PW" archive "$C1"
assert_state "$C1" archived
assert_eq 0 "$(jq_py 'len([k for k in d["clocks"] if k["state"]=="running"])')" "running clocks of an archived case"
EVENTS=$(event_kinds "$C1")
refused 1 "已归档" "$ARCH_LOGIN" "$ARCH_PW" case archive "$C1"
refused 1 "已归档" "$SUP_LOGIN" "$SUP_PW" case supervise "$C1" --text 再次督办
assert_eq "$EVENTS" "$(event_kinds "$C1")" "the archived case's events after the refusals"
lf_case "$ARCH_LOGIN" "$ARCH_PW" annotate "$C1" --text "卷宗已装订，编号AN01。"
assert_eq "$EVENTS annotate" "$(event_kinds "$C1")" "the events after the annotation"

step "usage errors exit 2 and change nothing"
refused 2 "unknown step" "$SUP_LOGIN" "$SUP_PW" --lang en case bogus "$C2"
refused 2 "--in-house" "$SUP_LOGIN" "$SUP_PW" --lang en case route "$C2"
refused 2 "YYYY-MM-DD" "$SUP_LOGIN" "$SUP_PW" --lang en case route "$C2" --assign "$LOWER_UNIT" --due "$YEAR-13-45"
refused 2 "--unit" "$SUP_LOGIN" "$SUP_PW" --lang en case accept "$C2" --unit "$PEER_UNIT"
refused 2 "case number" "$SUP_LOGIN" "$SUP_PW" --lang en case accept
refused 2 "--text-file" "$SUP_LOGIN" "$SUP_PW" --lang en case decline "$C2" --text 甲 --text-file "$REPORT_FILE"
mkfifo "$T/fifo"
refused 2 "ordinary file" "$SUP_LOGIN" "$SUP_PW" --lang en case decline "$C2" --text-file "$T/fifo"
refused 2 "--days" "$SUP_LOGIN" "$SUP_PW" --lang en case extend "$C2" --days 十 --approver "$LEADER_LOGIN" --text 理由
assert_case "$C2" status registered
lf_as "$SUP_LOGIN" "$SUP_PW" case --help >"$T/help.out" 2>&1 || fail "case --help: $(cat "$T/help.out")"
grep -F -q "apply FILE" "$T/help.out" || fail "case --help lacks apply: $(cat "$T/help.out")"

step "apply: a batch whose 3rd step fails leaves the case unchanged"
EVENTS2=$(event_kinds "$C2")
AUDIT=$(db_sql "SELECT count(*) FROM audit_log WHERE action LIKE 'case.%' AND action <> 'case.view'")
cat >"$T/bad.batch" <<EOF
# 批量分办：第三步的单位不存在
accept $C2
flag $C2 --urgent yes
route $C2 --transfer '不存在的单位'
supervise $C2 --text "不应写入"
EOF
refused 1 "bad.batch:4" "$SUP_LOGIN" "$SUP_PW" case apply "$T/bad.batch"
grep -F -q "不存在的单位" "$T/ref.err" || fail "the refusal does not quote core's reason: $(cat "$T/ref.err")"
assert_case "$C2" status registered
assert_case "$C2" urgent 0
assert_eq "$EVENTS2" "$(event_kinds "$C2")" "the events after the failed batch"
assert_eq "$AUDIT" "$(db_sql "SELECT count(*) FROM audit_log WHERE action LIKE 'case.%' AND action <> 'case.view'")" "case audit entries after the failed batch"
[ ! -s "$T/ref.out" ] || fail "a failed batch printed the steps as done: $(cat "$T/ref.out")"
printf 'accept %s\nroute %s --assign "%s" --text "请按期办理"\n' "$C2" "$C2" "$LOWER_UNIT" >"$T/bad2.batch"
printf 'route %s --in-house --bogus\n' "$C2" >>"$T/bad2.batch"
refused 2 "bad2.batch:3" "$SUP_LOGIN" "$SUP_PW" case apply "$T/bad2.batch"
assert_case "$C2" status registered
cat >"$T/good.batch" <<EOF
accept $C2
flag $C2 --urgent yes
route $C2 --assign $LOWER_UNIT --text '请按期办理，编号AP51'
EOF
lf_case "$SUP_LOGIN" "$SUP_PW" apply "$T/good.batch"
assert_state "$C2" assigned
assert_case "$C2" urgent 1
assert_eq "$LOWER_UNIT" "$(jq_py 'd["lead_unit"]')" "the lead unit after the batch"

step "the other steps of an open case: own, request an instruction, extend, the visit, headcount"
lf_case "$LEADER_LOGIN" "$LEADER_PW" own "$C2"
lf_case "$SUP_LOGIN" "$SUP_PW" request-instruction "$C2" --leader "$LEADER_LOGIN"
lf_as "$SUP_LOGIN" "$SUP_PW" case extend "$C2" --days 30 --approver "$LEADER_LOGIN" --text "情况复杂，需延期。" --json \
	>"$SHOW" 2>"$T/ext.err" || fail "case extend --json: $(cat "$T/ext.err")"
python3 -m json.tool "$SHOW" >/dev/null || fail "extend --json is not valid JSON: $(cat "$SHOW")"
assert_eq "True assigned" "$(jq_py 'd["ok"], d["state"]' | tr -d '(),'"'")" "extend --json's outcome"
refused 1 "only once" "$SUP_LOGIN" "$SUP_PW" --lang en case extend "$C2" --days 10 --approver "$LEADER_LOGIN" --text 再次延期
show_json "$C2"
case "$(jq_py 'd["owner"]')" in
"$LEADER_NAME"*) ;;
*) fail "the owning leader is not $LEADER_NAME: $(cat "$SHOW")" ;;
esac
assert_eq True "$(jq_py 'd["extended"]')" "extended"
case "$(jq_py '[k for k in d["clocks"] if k["rule"]=="handle"][-1]["basis"]')" in
*"$LEADER_NAME"*) ;;
*) fail "the handling clock's basis does not name the approver $LEADER_NAME: $(cat "$SHOW")" ;;
esac
lf_case "$CLERK_LOGIN" "$CLERK_PW" wait "$C2"
assert_case "$C2" visit_state waiting
lf_case "$LEADER_LOGIN" "$LEADER_PW" interview "$C2"
lf_case "$LEADER_LOGIN" "$LEADER_PW" visit-done "$C2"
assert_case "$C2" visit_state done
lf_case "$CLERK_LOGIN" "$CLERK_PW" headcount "$C2" --count 3
assert_eq 3 "$(case_sql "$C2" headcount)" "the headcount"
refused 2 "--count" "$CLERK_LOGIN" "$CLERK_PW" --lang en case headcount "$C2" --count 三

step "a refusal with --json: ok false, core's sentence, no state of a case one may not read"
lf_as "$HANDLER_LOGIN" "$HANDLER_PW" --lang en case take-up "$C2" --json >"$SHOW" 2>"$T/ref.err"
assert_eq 1 "$?" "exit status of a handler of another unit"
python3 -m json.tool "$SHOW" >/dev/null || fail "the refusal's JSON is not valid: $(cat "$SHOW")"
assert_eq False "$(jq_py 'd["ok"]')" "ok of a refusal"
assert_eq False "$(jq_py '"state" in d')" "a refusal names no state"
[ -n "$(jq_py 'd["error"]')" ] || fail "the refusal's JSON has no error: $(cat "$SHOW")"

step "lf_case_to builds a case in a state quickly"
lf_case_to "$C3" replied
assert_state "$C3" replied
lf_as "$SUP_LOGIN" "$SUP_PW" case show "$C3" >"$T/show.txt" 2>&1 || fail "case show: $(cat "$T/show.txt")"
grep -F -q 陈国强 "$T/show.txt" || fail "case show lacks the name: $(cat "$T/show.txt")"

step "the desk shows the case driven by the command line as archived"
lf_start_as "$ARCH_LOGIN" "$ARCH_PW" --lang en
lf_open_queue archived
wait_for "$C1"
keys Enter
wait_for "群众来访登记表  $C1"
assert_screen_has 编号IN71
assert_screen_has 编号RP81
keys F5
wait_for "State: archived"
assert_screen_has "$PEER_UNIT"
keys F10
wait_exit
assert_check_clean

pass
