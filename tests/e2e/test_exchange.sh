#!/bin/sh
# Exchange between offices by file (issue 14): office A (this test's
# database) transfers a case to office B (a second SQLite file), whose name
# is the unit A transferred it to; B imports the signed package into its
# screening queue with the document, accepts it, handles it and answers;
# A imports both answers onto its own case, signed by B and B's signer.
# A changed byte, a package imported twice and an unknown sender are
# refused; both offices' `laifang check` is clean. Command line only.
. "$(dirname "$0")/lib.sh"

A_DB=$LAIFANG_DB
B_DB=$T/office-b.db
A_NAME=市信访局
B_NAME=$PEER_UNIT
# on_b COMMAND...: with office B's database.
on_b() { (LAIFANG_DB=$B_DB; export LAIFANG_DB; "$@"); }
b_sql() { sqlite3 -batch -noheader "$B_DB" "$1"; }
# ok WHAT COMMAND...: the command succeeds, its output in $T/ok.out.
ok() {
	_what=$1
	shift
	"$@" >"$T/ok.out" 2>"$T/ok.err" || fail "$_what: $(cat "$T/ok.out" "$T/ok.err")"
}
# refused TEXT COMMAND...: the command exits 1 or 2 saying TEXT.
refused() {
	_text=$1
	shift
	"$@" >"$T/ref.out" 2>"$T/ref.err" && fail "$* succeeded; expected a refusal with [$_text]"
	grep -F -q -- "$_text" "$T/ref.err" || fail "$*: stderr lacks [$_text]: $(cat "$T/ref.err")"
}

step "two offices, each trusting the other's key"
lf_setup_office
ok "A's name" lf_admin config set office_name "$A_NAME"
on_b lf_setup_office
ok "B's name" on_b lf_admin config set office_name "$B_NAME"
on_b lf_user_add worker worker-secret-1 --name 赵经办 --roles handler --unit "$DEPT_UNIT"
ok "A's key" lf_admin exchange key
KA=$(cat "$T/ok.out")
ok "B's key" on_b lf_admin exchange key
KB=$(cat "$T/ok.out")
[ ${#KA} = 64 ] && [ ${#KB} = 64 ] && [ "$KA" != "$KB" ] || fail "the offices' keys: [$KA] [$KB]"
refused "not allowed" lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en exchange trust "$B_NAME" "$KB"
ok "A trusts B" lf_admin exchange trust "$B_NAME" "$KB"
ok "B trusts A" on_b lf_admin exchange trust "$A_NAME" "$KA"
assert_eq 1 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'exchange.trust'")" "A's trust is audited"

step "A transfers a case to B and sends it as a signed file"
cat >"$T/visits.csv" <<CSV
receptionist,received_on,name,sex,phone,id_number,address,content
王敏,$TODAY,张秀兰,女,13812345678,$(id_number 11010519850315002),广州市越秀区,小区违建占用消防通道，编号XC11。
CSV
lf_import_csv "$T/visits.csv"
C1=$YEAR-000001
lf_as "$SUP_LOGIN" "$SUP_PW" case accept "$C1" --kind claim >/dev/null 2>&1 || fail "accept $C1"
lf_as "$SUP_LOGIN" "$SUP_PW" case route "$C1" --transfer "$B_NAME" --text "转请依法处理，编号OP21" >/dev/null 2>&1 ||
	fail "route $C1"
printf '现场照片说明，编号DOC31。\n' >"$T/scan.txt"
refused "not allowed" lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en exchange export "$C1" --out "$T/p1.json"
ok "export" lf_as "$SUP_LOGIN" "$SUP_PW" --lang en exchange export "$C1" --out "$T/p1.json" --attach "$T/scan.txt"
grep -q "written to" "$T/ok.out" || fail "export says: $(cat "$T/ok.out")"
assert_eq "out|transfer|$B_NAME" "$(db_sql "SELECT direction, kind, peer FROM exchange_package")" "A records the package sent"
refused "already" lf_as "$SUP_LOGIN" "$SUP_PW" --lang en exchange export "$C1" --out "$T/p1b.json"

step "B refuses a changed package and an unknown sender's"
sed 's/XC11/XC12/' "$T/p1.json" >"$T/tampered.json"
cmp -s "$T/p1.json" "$T/tampered.json" && fail "the tampered copy is the same"
refused "signature" on_b lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en exchange import "$T/tampered.json"
ok "B forgets A" on_b lf_admin exchange trust "$A_NAME" "$KB"
refused "another key" on_b lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en exchange import "$T/p1.json"
ok "B trusts A again" on_b lf_admin exchange trust "$A_NAME" "$KA"
assert_eq 0 "$(b_sql "SELECT count(*) FROM case_file")" "nothing imported by the refusals"

step "B imports the transfer into its screening queue, once"
ok "import" on_b lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en exchange import "$T/p1.json"
B1=$YEAR-000001
grep -q "case $B1" "$T/ok.out" || fail "import says: $(cat "$T/ok.out")"
assert_eq "registered|letter|张秀兰" "$(b_sql "SELECT c.status, c.channel, v.name FROM case_file c JOIN case_visitor cv ON cv.case_id = c.id JOIN visitor v ON v.id = cv.visitor_id")" "B's new case"
b_sql "SELECT content FROM case_file" | grep -q XC11 || fail "B's case lacks the content"
assert_eq "$A_NAME|$C1" "$(b_sql "SELECT (SELECT value FROM case_intake WHERE field = 'from_office'), (SELECT value FROM case_intake WHERE field = 'from_case_no')")" "B's case says where it came from"
SHA=$(b_sql "SELECT sha256 FROM exchange_document")
[ -f "$B_DB.d/attachments/$SHA" ] || fail "B lacks the document's file ($SHA)"
cmp -s "$B_DB.d/attachments/$SHA" "$T/scan.txt" || fail "B's document differs from A's"
refused "imported already" on_b lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en exchange import "$T/p1.json"
assert_eq 1 "$(b_sql "SELECT count(*) FROM case_file")" "a package imported twice makes one case"
refused "does not trust" lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en exchange import "$T/p1.json"

step "B accepts and answers; A records the acceptance"
on_b lf_as "$SUP_LOGIN" "$SUP_PW" case accept "$B1" --kind claim >/dev/null 2>&1 || fail "B accepts"
ok "answer 1" on_b lf_as "$SUP_LOGIN" "$SUP_PW" --lang en exchange export "$B1" --answer --out "$T/a1.json"
grep -q "(accepted)" "$T/ok.out" || fail "the first answer: $(cat "$T/ok.out")"
ok "import answer 1" lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en exchange import "$T/a1.json"
assert_case "$C1" status handling
db_sql "SELECT by_name FROM case_event WHERE kind = 'agency_accept'" | grep -q "^$B_NAME·$SUP_NAME" ||
	fail "the acceptance is not signed by B and its signer: $(db_sql "SELECT by_name FROM case_event WHERE kind = 'agency_accept'")"

step "B handles and reports; its result comes back onto A's case"
on_b lf_as "$SUP_LOGIN" "$SUP_PW" case route "$B1" --in-house --unit "$DEPT_UNIT" >/dev/null 2>&1 || fail "B routes"
on_b lf_as worker worker-secret-1 case take-up "$B1" >/dev/null 2>&1 || fail "B takes up"
on_b lf_as worker worker-secret-1 case report "$B1" --text "违建已拆除，消防通道畅通，编号RS41。" >"$T/rep.out" 2>&1 ||
	fail "B reports: $(cat "$T/rep.out")"
ok "answer 2" on_b lf_as "$SUP_LOGIN" "$SUP_PW" --lang en exchange export "$B1" --answer --out "$T/a2.json"
grep -q "(result)" "$T/ok.out" || fail "the second answer: $(cat "$T/ok.out")"
refused "no answer" on_b lf_as "$SUP_LOGIN" "$SUP_PW" --lang en exchange export "$B1" --answer --out "$T/a3.json"
ok "import answer 2" lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en exchange import "$T/a2.json"
assert_case "$C1" status reported
assert_eq "违建已拆除，消防通道畅通，编号RS41。" "$(db_sql "SELECT text FROM case_event WHERE kind = 'agency_result'")" "B's result on A's case"
db_sql "SELECT by_name FROM case_event WHERE kind = 'agency_result'" | grep -q "^$B_NAME·赵经办" ||
	fail "the result's signer: $(db_sql "SELECT by_name FROM case_event WHERE kind = 'agency_result'")"
assert_eq "in" "$(db_sql "SELECT group_concat(direction, ',') FROM exchange_package WHERE kind = 'result'")" "A records the answer"
refused "imported already" lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en exchange import "$T/a2.json"

step "both offices check clean"
assert_check_clean
LAIFANG_DB=$B_DB assert_check_clean
pass
