#!/bin/sh
# Past the last published year (issue 11): 2027's calendar is estimated
# from the statutory holidays (春节 from 除夕 2027-02-05, given back for its
# weekend on 02-09 and 02-10). A visit of 2027-01-22 is due to be routed in
# 15 days, Saturday 02-06, so on the next working day, 02-11: the queue
# and the export say it is estimated. The published arrangement comes in
# with `laifang calendar import`: 春节 runs 02-05 to 02-11, the due date
# moves to 02-12 on the case, on its timeline and in the audit log, and it
# is no longer estimated. The dates are the calendar's, so the clock is
# fixed.
E2E_CLOCK="2027-01-25 09:00:00"
. "$(dirname "$0")/lib.sh"

OUT="$T/out"
ERR="$T/err"
lf_setup_office

step "a visit of 2027-01-22, due while 春节 2027 is only estimated"
{
	echo "receptionist,received_on,name,sex,phone,id_number,address,content"
	echo ",2027-01-22,郑来访,男,,$(id_number 44010619800101001),,反映小区道路长期积水，请求维修。"
} >"$T/one.csv"
lf_import_csv "$T/one.csv"
assert_case 2027-000001 due_on 2027-02-11
assert_case 2027-000001 due_rule route
case_json() {
	lf_as "$ARCH_LOGIN" "$ARCH_PW" export --case 2027-000001 --format json >"$T/case.json" 2>"$ERR" ||
		fail_batch "export --case failed: $(cat "$ERR")"
}
case_json
jq -e '.flow.due_on == "2027-02-11" and .flow.due_estimated == true' "$T/case.json" >/dev/null ||
	fail "the case's export should mark the due date estimated: $(jq -c '.flow' "$T/case.json")"

step "the supervisor's queue marks the due date estimated"
lf_start_as "$SUP_LOGIN" "$SUP_PW" --lang en
lf_open_queue "awaiting screening"
wait_line 3 2027-000001
# 9 working days left: 01-26..29, 02-01..04, 02-11.
assert_row_has 2027-000001 "2027-02-11 (est.)"
keys Escape Escape

step "the published 2027 arrangement is imported"
printf 'date\tkind\tname\n2027-01-01\tholiday\t元旦\n' >"$T/2027.tsv"
for d in 05 06 07 08 09 10 11; do
	printf '2027-02-%s\tholiday\t春节\n' "$d" >>"$T/2027.tsv"
done
printf '2027-02-20\tworkday\t春节\n' >>"$T/2027.tsv"
lf_admin --lang en calendar import "$T/2027.tsv" >"$OUT" 2>"$ERR" ||
	fail_batch "calendar import failed: $(cat "$ERR")"
grep -q "9 days added" "$OUT" || fail_batch "expected \"9 days added\": $(cat "$OUT")"
# 02-11 and 02-20 change; so do the eight estimated days off from 04-05 on.
grep -q "10 days changed their working-day status; 1 deadlines counted again" "$OUT" ||
	fail_batch "expected the days changed and the deadline counted again: $(cat "$OUT")"
assert_case 2027-000001 due_on 2027-02-12
assert_case 2027-000001 due_rule route
# The route clock was derived again on the published days (audited once).
assert_eq "2027-02-12 running" "$(db_sql "SELECT k.due_on || ' ' || k.state FROM case_clock k JOIN case_file c ON c.id = k.case_id WHERE c.case_no = '2027-000001' AND k.rule = 'route'")" "the route clock after the import"
[ "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'calendar.recompute_clocks'")" = 1 ] ||
	fail "the clocks derived again should be audited once"
[ "$(db_sql "SELECT json_extract(changes, '\$.changed') FROM audit_log WHERE action = 'calendar.import' AND record = '2027'")" = 10 ] ||
	fail "the import should be audited with the year and the days changed: $(db_sql "SELECT record, changes FROM audit_log WHERE action = 'calendar.import'")"
case_json
jq -e '.flow.due_on == "2027-02-12" and .flow.due_estimated == false' "$T/case.json" >/dev/null ||
	fail "the case's export should no longer mark the due date estimated: $(jq -c '.flow' "$T/case.json")"
jq -e '[.flow.clocks[] | select(.rule == "route")][0] | .due == "2027-02-12" and .estimated == false' \
	"$T/case.json" >/dev/null || fail "the export should list the route clock as moved: $(jq -c '.flow.clocks' "$T/case.json")"
assert_check_clean

step "the queue shows the published due date, not estimated"
lf_start_as "$SUP_LOGIN" "$SUP_PW" --lang en
lf_open_queue "awaiting screening"
wait_line 3 2027-000001
# 9 working days left: 01-26..29, 02-01..04, 02-12.
assert_row_has 2027-000001 "2027-02-12 (9 left)"
assert_row_lacks 2027-000001 "est."

pass
