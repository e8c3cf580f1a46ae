#!/bin/sh
# The desk on the clock it runs on: no date is written into this test. A
# sheet saved today carries today's date and this year's first case number,
# its routing clock (15 days, moved to the next working day) runs from
# today, and the audit log is stamped today. `make check` runs this again a
# year ahead, where the holiday calendar may have run out.
E2E_CLOCK=now # dates below are computed from the clock
. "$(dirname "$0")/lib.sh"

NAME=钱今天
ID=$(id_number 11010519800101001)
CONTENT=反映今天的事情，编号TD42

lf_setup
step "register a visitor on today's sheet"
lf_start --lang en
lf_login "$CLERK_LOGIN" "$CLERK_PW"
wait_for "Today's registrations: 0"
keys F4
wait_sheet
assert_row_has 接待时间 "$TODAY"
type_text "$NAME"
keys Tab Tab Tab # 性别, 联系电话, 身份证号码
type_text "$ID"
keys Tab Tab # 单位或住址, 信访内容
type_text "$CONTENT"
wait_for "编号TD42"
keys F2
wait_for "Saved as case $YEAR-000001"
assert_row_has "$YEAR-000001" "$NAME"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "laifang's exit status after F10"

step "the case is dated today and its routing clock runs from today"
assert_cases 1
assert_json 0 case_no "$YEAR-000001"
assert_json 0 received_on "$TODAY"
lf_admin export --case "$YEAR-000001" --format json >"$T/case.json" 2>"$T/case.err" ||
	fail_batch "export --case failed: $(cat "$T/case.err")"
due=$(jq -r '.flow.due_on' "$T/case.json")
case "$due" in
[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]) ;;
*) fail "the routing clock's due date is '$due'" ;;
esac
# 15 calendar days, then the next working day: no holiday run is longer
# than 9 days (the Spring Festival with its weekend).
days=$((($(date -d "$due" +%s) - $(date -d "$TODAY" +%s) + 43200) / 86400))
[ "$days" -ge 15 ] && [ "$days" -le 24 ] ||
	fail "the routing clock is due $due, $days days after $TODAY (expected 15 to 24)"
dow=$(date -d "$due" +%u)
[ "$dow" -le 5 ] || [ "$(jq -r '.flow.due_rule' "$T/case.json")" != null ] ||
	fail "the routing clock ends on a weekend ($due) without a make-up working day rule"

step "the audit log is stamped today"
n=$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'case.register' AND at LIKE '$TODAY%'")
assert_eq 1 "$n" "case.register entries stamped $TODAY"
assert_check_clean
pass
