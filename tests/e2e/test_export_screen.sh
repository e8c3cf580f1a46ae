#!/bin/sh
# The export screen (issue 6): three visits on 11-20, 11-21 and 11-23; an
# archivist presses e on home, gives 2026-11-21 to 2026-11-23 and writes a
# CSV: the file has the BOM, the header of field ids, exactly the two cases
# of those days, mode 0600, and the audit log an export row with the
# filters and the file. The same export from the command line writes the
# same bytes (one core writes both). A clerk pressing e gets the refusal.
. "$(dirname "$0")/lib.sh"

step "three visits on three days"
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
[ -n "$A" ] && [ -n "$B" ] && [ -n "$C" ] || fail "the three cases were not imported"

step "an archivist opens the export screen with e and writes a CSV of 11-21..11-23"
lf_start_as "$ARCH_LOGIN" "$ARCH_PW" --lang en
keys e
wait_for "Export the ledger"
wait_for "From (received)"
assert_screen_has "laifang-ledger-20261123.csv"
type_text 2026-11-21
keys Tab
type_text 2026-11-23
keys F2
wait_for "2 case(s) written to ~/laifang-ledger-20261123.csv"
OUTF="$HOME/laifang-ledger-20261123.csv"
[ -f "$OUTF" ] || fail "no file at $OUTF"
assert_eq efbbbf "$(head -c 3 "$OUTF" | od -An -tx1 | tr -d ' ')" "the CSV's byte order mark"
_head=$(head -n 1 "$OUTF" | tail -c +4 | tr -d '\r')
# Chinese column names (issue 15), the ledger's own columns at the end.
case "$_head" in
案件编号,接待人员,*,重复来访,受理日期,状态,承办单位,办理期限,期限依据,办结日期,满意度,案件标识) ;;
*) fail "the CSV header: $_head" ;;
esac
assert_eq "$B $C" "$(tail -n +2 "$OUTF" | grep -o '2026-[0-9]\{6\}' | sort -u | tr '\n' ' ' | sed 's/ $//')" "the ledger's cases"
assert_eq 600 "$(stat -c %a "$OUTF")" "the ledger file's mode"
assert_eq 1 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'export' AND json_extract(changes, '\$.filters.from') = '2026-11-21' AND json_extract(changes, '\$.filters.to') = '2026-11-23' AND json_extract(changes, '\$.count') = 2 AND json_extract(changes, '\$.file') = '$OUTF'")" "the export audited with its filters and file"
ls "$HOME" | grep -q 'laifang-ledger-20261123.csv\.' && fail "a temporary file was left: $(ls "$HOME")"

step "a bad date is refused on the form; Esc leaves; F2 More opens it too"
keys BTab
keys C-u
type_text 2026-13-01
keys F2
wait_for "a date like 2026-11-23"
keys Escape
wait_for "Today's registrations"
keys F2
wait_for "More"
menu_pick "Export the ledger"
wait_for "From (received)"
keys Escape
wait_for "Today's registrations"
keys F10
wait_exit

step "the command line writes the same bytes"
lf_as "$ARCH_LOGIN" "$ARCH_PW" export --format csv --from 2026-11-21 --to 2026-11-23 --output "$T/cli.csv" >"$T/cli.out" 2>&1 ||
	fail_batch "export --output: $(cat "$T/cli.out")"
cmp -s "$OUTF" "$T/cli.csv" || fail "the screen's CSV differs from laifang export: $(diff "$OUTF" "$T/cli.csv")"

step "a clerk pressing e gets the refusal"
lf_start_as "$CLERK_LOGIN" "$CLERK_PW" --lang en
keys e
wait_for "not allowed"
assert_screen_lacks "From (received)"
assert_screen_has "Today's registrations"
keys F10
wait_exit
assert_eq 2 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'export'")" "no export by the clerk"
pass
