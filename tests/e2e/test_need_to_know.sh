#!/bin/sh
# Need to know (issue 10): a case routed to one unit is found, opened and
# printed by that unit's handler; a handler of another unit, or with none,
# finds nothing (search, queue count on the desk) and is refused opening
# and printing, each refusal audited. The administrator's exports (CSV and
# JSON) carry masked ID and phone numbers; the archivist's (the role with
# export_personal_data) carry them in full, audited with the row count.
. "$(dirname "$0")/lib.sh"

lf_setup_office
OTHER_LOGIN=handler2
OTHER_PW=handler2-secret-1
NOUNIT_LOGIN=handler3
NOUNIT_PW=handler3-secret-1
lf_user_add "$OTHER_LOGIN" "$OTHER_PW" --name 钱处长 --roles handler --unit "$DEPT_UNIT"
lf_user_add "$NOUNIT_LOGIN" "$NOUNIT_PW" --name 孙科员 --roles handler
lf_import_csv "$DATA/three.csv"

step "case 2026-000001 is transferred to $PEER_UNIT (the handler's unit)"
# Routing is the supervisor's work on the desk (test_workflow.sh); here the
# routing columns are set directly, as the step would leave them.
db_sql "UPDATE case_file SET status = 'transferred', lead_unit_id = (SELECT id FROM unit WHERE name = '$PEER_UNIT') WHERE case_no = '2026-000001'"

step "the handler of $PEER_UNIT finds and prints it"
out=$(lf_as "$HANDLER_LOGIN" "$HANDLER_PW" search 王建国) || fail_batch "search 王建国 failed"
case $out in "2026-000001	"*) ;; *) fail_batch "the handler of the unit does not find the case: $out" ;; esac
lf_as "$HANDLER_LOGIN" "$HANDLER_PW" --lang en print 2026-000001 --sheet -o "$T/own.pdf" >"$T/own.out" 2>&1 ||
	fail_batch "the handler of the unit could not print the sheet: $(cat "$T/own.out")"
[ -s "$T/own.pdf" ] || fail_batch "no PDF for the handler of the unit"
# Nothing else: the two other cases are nobody's in $PEER_UNIT.
out=$(lf_as "$HANDLER_LOGIN" "$HANDLER_PW" search 2026-0) || fail_batch "search 2026-0 failed"
assert_eq 1 "$(printf '%s\n' "$out" | grep -c '^2026-')" "cases the handler finds by number"

for who in "$OTHER_LOGIN:$OTHER_PW" "$NOUNIT_LOGIN:$NOUNIT_PW"; do
	login=${who%%:*} pw=${who#*:}
	step "$login (another unit, or none) finds nothing and may not print"
	out=$(lf_as "$login" "$pw" search 王建国) || fail_batch "search as $login failed"
	case $out in *2026-000001*) fail_batch "$login found the case: $out" ;; esac
	out=$(lf_as "$login" "$pw" search 2026-0) || fail_batch "search 2026-0 as $login failed"
	case $out in *2026-*) fail_batch "$login found cases by number: $out" ;; esac
	before=$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'case.denied' AND login = '$login'")
	lf_as "$login" "$pw" --lang en print 2026-000001 --sheet -o "$T/$login.pdf" >"$T/$login.out" 2>&1
	[ "$?" -ne 0 ] || fail_batch "$login printed the case"
	grep -q "not among the cases you work on" "$T/$login.out" || fail_batch "no refusal: $(cat "$T/$login.out")"
	[ ! -e "$T/$login.pdf" ] || fail_batch "a refused print left $T/$login.pdf"
	grep -q 320102196803120031 "$T/$login.out" && fail_batch "the refusal shows the ID number"
	after=$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'case.denied' AND login = '$login'")
	assert_eq "$((before + 1))" "$after" "refusals of $login in the audit log"
done

step "on the desk: the other unit's handler opens no case by number"
lf_start_as "$OTHER_LOGIN" "$OTHER_PW" --lang en
keys /
wait_for "Search cases"
type_text 2026-000001
keys Enter
settle
assert_screen_lacks 王建国
assert_screen_lacks "群众来访登记表  2026-000001"
keys F10
wait_exit

step "the administrator's CSV and JSON exports are masked"
lf_admin export --format csv --output "$T/admin.csv" >"$T/admin.out" 2>&1 ||
	fail_batch "the administrator's CSV export failed: $(cat "$T/admin.out")"
lf_admin export --format json >"$T/admin.json" 2>"$T/admin.err" ||
	fail_batch "the administrator's JSON export failed: $(cat "$T/admin.err")"
lf_admin export --format csv --from 2026-01-01 >"$T/ledger.csv" 2>"$T/ledger.err" ||
	fail_batch "the administrator's ledger export failed: $(cat "$T/ledger.err")"
for f in admin.csv admin.json ledger.csv; do
	for full in 320102196803120031 13912345678 028-86251234 510107199008080246; do
		grep -q -- "$full" "$T/$f" && fail_batch "$f holds $full in full"
	done
	grep -q "320102\*\*\*\*\*\*\*\*0031" "$T/$f" || fail_batch "$f has no masked ID number: $(cat "$T/$f")"
done
assert_eq 3 "$(jq length "$T/admin.json")" "cases in the administrator's JSON"
# personal_data|count (SQLite reads JSON false as 0).
assert_eq "0|3" "$(db_sql "SELECT json_extract(changes, '\$.personal_data') || '|' || json_extract(changes, '\$.count') FROM audit_log WHERE action = 'export' AND login = 'admin' AND changes LIKE '%admin.csv%'")" \
	"the administrator's export in the audit log (personal_data|count)"

step "the archivist (export_personal_data): in full, audited with its row count"
lf_as "$ARCH_LOGIN" "$ARCH_PW" export --format csv --output "$T/arch.csv" >"$T/arch.out" 2>&1 ||
	fail_batch "the archivist's export failed: $(cat "$T/arch.out")"
grep -q 320102196803120031 "$T/arch.csv" || fail_batch "the archivist's export is masked: $(cat "$T/arch.csv")"
grep -q 13912345678 "$T/arch.csv" || fail_batch "the archivist's export masks the phone"
_e=$(db_sql "SELECT json_extract(changes, '\$.personal_data') || '|' || json_extract(changes, '\$.count') FROM audit_log WHERE action = 'export' AND login = '$ARCH_LOGIN'")
assert_eq "1|3" "$_e" "the archivist's export in the audit log (personal_data|count)"

step "a whole case's file: masked for the administrator"
lf_admin export --case 2026-000001 --format json >"$T/case.json" 2>"$T/case.err" ||
	fail_batch "the administrator's export of one case failed: $(cat "$T/case.err")"
assert_eq "320102********0031" "$(jq -r '.sheet.id_number' "$T/case.json")" "the whole file's ID number"
assert_eq "139****5678" "$(jq -r '.sheet.phone' "$T/case.json")" "the whole file's phone"
pass
