#!/bin/sh
# Statistics and the ledger (issue 6): three visits in November 2026 (one
# a repeat, as the clerk marks it), the office's categories from the example file, one case given
# a category; `laifang stats` shows the hand-counted figures as text and as
# CSV; export's filters select the right cases; one case's whole file holds
# its audit entries; the report screen shows the same figures and F4 writes
# them as CSV.
. "$(dirname "$0")/lib.sh"

step "three visits, the example categories, one case categorised"
lf_setup_office
cat >"$T/visits.csv" <<'CSV'
receptionist,received_on,name,sex,phone,id_number,address,content
王小红,2026-11-20,李一,女,13912345678,110105198001010024,广州市天河区,工厂噪音扰民
王小红,2026-11-21,李一,女,13912345678,110105198001010024,广州市天河区,工厂噪音仍未解决
王小红,2026-11-23,赵四,女,13912345679,110105198304040028,广州市越秀区,要求解决工资拖欠
CSV
lf_import_csv "$T/visits.csv"
A=$(db_sql "SELECT case_no FROM case_file WHERE received_on = '2026-11-20'")
B=$(db_sql "SELECT case_no FROM case_file WHERE received_on = '2026-11-21'")
C=$(db_sql "SELECT case_no FROM case_file WHERE received_on = '2026-11-23'")
# An import does not guess 重复访 (issue 11): the clerk says B is the same matter as A.
lf_as "$CLERK_LOGIN" "$CLERK_PW" case repeat "$B" --yes >"$T/repeat.out" 2>&1 ||
	fail_batch "case repeat: $(cat "$T/repeat.out")"
lf_admin category import "$E2E_DIR/../../docs/categories-example.txt" >"$T/cat.out" 2>&1 ||
	fail_batch "category import: $(cat "$T/cat.out")"
assert_eq 4 "$(db_sql "SELECT count(*) FROM category")" "categories imported"
_o=$(lf_as "$CLERK_LOGIN" "$CLERK_PW" category add 丙类 2>&1) && fail_batch "a clerk may not add a category: $_o"
lf_as "$SUP_LOGIN" "$SUP_PW" category set "$A" 影响群众生产生活的环境污染问题 >"$T/set.out" 2>&1 ||
	fail_batch "category set: $(cat "$T/set.out")"
assert_eq 1 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'case.category'")" "category set audited"

step "laifang stats: the figures of November as text and CSV"
_o=$(lf_as "$CLERK_LOGIN" "$CLERK_PW" stats --year 2026 --month 11 2>&1) && fail_batch "a clerk may not read the figures: $_o"
lf_as "$LEADER_LOGIN" "$LEADER_PW" --lang en stats --year 2026 --month 11 >"$T/stats.txt" 2>&1 ||
	fail_batch "stats: $(cat "$T/stats.txt")"
grep -Eq '^  Registrations +3$' "$T/stats.txt" || fail_batch "3 registrations: $(cat "$T/stats.txt")"
grep -Eq '^  Distinct people +2$' "$T/stats.txt" || fail_batch "2 people: $(cat "$T/stats.txt")"
grep -Eq '^  Repeat petitions +1 +33\.3% █' "$T/stats.txt" || fail_batch "1 repeat, 33.3%: $(cat "$T/stats.txt")"
_wide=$(LC_ALL=C.UTF-8 wc -L <"$T/stats.txt")
[ "$_wide" -le 80 ] || fail_batch "a line of stats is $_wide characters wide"
lf_as "$LEADER_LOGIN" "$LEADER_PW" --lang en stats --year 2026 --month 11 --format csv >"$T/stats.csv" 2>&1 ||
	fail_batch "stats csv: $(cat "$T/stats.csv")"
[ "$(head -c 3 "$T/stats.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail_batch "the CSV has no BOM"
grep -q "visits,registrations,.*,3,$(printf '\r')" "$T/stats.csv" || fail_batch "CSV registrations: $(cat "$T/stats.csv")"
grep -q "category,.*,影响群众生产生活的环境污染问题,1,33.3" "$T/stats.csv" || fail_batch "CSV category: $(cat "$T/stats.csv")"

step "the ledger: filters select the cases; one case's whole file"
lf_as "$ARCH_LOGIN" "$ARCH_PW" export --format csv --from 2026-11-21 --to 2026-11-23 >"$T/ledger.csv" 2>"$T/ledger.err" ||
	fail_batch "export --from --to: $(cat "$T/ledger.err")"
assert_eq "$B $C" "$(tail -n +2 "$T/ledger.csv" | grep -o '2026-0000[0-9][0-9]' | tr '\n' ' ' | sed 's/ $//')" "the ledger's cases"
lf_as "$ARCH_LOGIN" "$ARCH_PW" export --format json --status registered --to 2026-11-20 >"$T/ledger.json" 2>"$T/ledger.err" ||
	fail_batch "export --status: $(cat "$T/ledger.err")"
assert_eq "$A" "$(jq -r '.[].case_no' "$T/ledger.json")" "registered up to 11-20"
lf_as "$ARCH_LOGIN" "$ARCH_PW" export --case "$A" --format json --output "$T/file.json" >"$T/file.out" 2>&1 ||
	fail_batch "export --case: $(cat "$T/file.out")"
assert_eq "$A" "$(jq -r .case_no "$T/file.json")" "the whole file's case"
jq -e '[.audit[].action] | index("case.register") != null and index("case.category") != null' "$T/file.json" >/dev/null ||
	fail_batch "the whole file lacks its audit entries: $(cat "$T/file.json")"
jq -e '.events | type == "array"' "$T/file.json" >/dev/null || fail_batch "the whole file has no events"
assert_eq 1 "$(db_sql "SELECT count(*) FROM audit_log a JOIN case_file c ON c.id = a.record WHERE a.action = 'export' AND c.case_no = '$A'")" "the whole file audited"
_o=$(lf_as "$CLERK_LOGIN" "$CLERK_PW" export --case "$A" --format json 2>&1) && fail_batch "a clerk may not export: $_o"

step "the report screen shows the figures; F4 writes them as CSV"
lf_start --lang en --screen report
lf_login "$LEADER_LOGIN" "$LEADER_PW"
wait_for "Statistics · 2026-11"
wait_for Registrations
assert_row_has Registrations 3
assert_row_has "Repeat petitions" 33.3%
assert_row_has "Repeat petitions" █
keys F4
wait_for "Write the figures as CSV"
keys C-u
type_text "$T/screen.csv"
keys Enter
wait_for "The figures are written"
wait_file "$T/screen.csv" 10 "visits,registrations"
cmp -s "$T/screen.csv" "$T/stats.csv" || soft_fail "the screen's CSV differs from laifang stats --format csv: $(diff "$T/screen.csv" "$T/stats.csv")"
keys F3
wait_for "Statistics · the year 2026"
wait_for "By month"
keys Escape
wait_exit
pass
