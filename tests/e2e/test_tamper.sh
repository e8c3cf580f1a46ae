#!/bin/sh
# A record that shows tampering (issue 10). An office whose every table of
# facts holds rows laifang wrote (a case registered at the desk and put on
# the waiting list, imported cases, a reception-day log with a photo and a
# signed opinion, a slot, a unit, a category, a setting, users). Then, with
# plain sqlite3 and without the office key, someone edits, inserts and
# deletes rows of every table; rewrites an audit entry and recomputes an
# unkeyed SHA-256 chain; empties the log; deletes the newest case with its
# counter and log entries and moves audit_head; swaps a photo together with
# its hash column; inflates the statistics counter. `laifang check` names
# every change (and --expect with the head kept on paper catches what the
# file alone cannot show). Without the key, check says so and fails, and the
# desk writes nothing; `laifang key import` brings the key back.
. "$(dirname "$0")/lib.sh"

OUT="$T/out"
ERR="$T/err"
ZEROS=0000000000000000000000000000000000000000000000000000000000000000

run() {
	"$@" >"$OUT" 2>"$ERR"
	RC=$?
}

expect_rc() {
	[ "$RC" -eq "$1" ] || fail_batch "$2: expected exit status $1, got $RC; stdout: $(cat "$OUT"); stderr: $(cat "$ERR")"
}

out_has() {
	grep -F -q -- "$1" "$OUT" || fail_batch "expected \"$1\" in the output of $2: $(cat "$OUT")"
}

out_lacks() {
	! grep -F -q -- "$1" "$OUT" || fail_batch "expected NO \"$1\" in the output of $2: $(cat "$OUT")"
}

sql() {
	sqlite3 -batch "$LAIFANG_DB" "$1" || fail_batch "sqlite3 failed on: $1"
}

check() {
	run "$LAIFANG" --lang en check "$@"
}

# The office as it was before each tampering.
save_clean() {
	cp "$LAIFANG_DB" "$T/clean.db"
	rm -rf "$T/clean.d"
	cp -r "$LAIFANG_DB.d" "$T/clean.d"
}

restore_clean() {
	rm -f "$LAIFANG_DB-wal" "$LAIFANG_DB-shm"
	cp "$T/clean.db" "$LAIFANG_DB"
	chmod -R u+w "$LAIFANG_DB.d"
	rm -rf "$LAIFANG_DB.d"
	cp -r "$T/clean.d" "$LAIFANG_DB.d"
}

# The rows every entry wrote, "seq table key digest" (tab-separated): the
# column is packed since schema 38; tools/audit_rows.py reads it apart from
# laifang.
log_rows() {
	python3 "$(dirname "$0")/tools/audit_rows.py" "$LAIFANG_DB" || fail_batch "audit_rows.py failed"
}

# The seq of the newest entry whose rows name TABLE's row KEY.
wrote() {
	log_rows | awk -F '\t' -v t="$1" -v k="$2" '$2 == t && $3 == k { s = $1 } END { print s }'
}

step "the office's work: slot, unit, category, setting, imported case"
lf_setup
lf_admin schedule generate --rule day:23 --from 2026-11 --to 2026-11 --leaders "$LEADER_LOGIN" \
	--time 09:30-11:30 --location 信访接待室 --department 办公室 >"$T/gen.out" 2>&1 ||
	fail_batch "schedule generate: $(cat "$T/gen.out")"
lf_admin unit add 区住建局 --kind peer >"$T/o" 2>&1 || fail_batch "unit add: $(cat "$T/o")"
lf_admin category add 城乡建设 >"$T/o" 2>&1 || fail_batch "category add: $(cat "$T/o")"
lf_admin config set idle_lock_seconds 600 >"$T/o" 2>&1 || fail_batch "config set: $(cat "$T/o")"
lf_import_csv "$DATA/reception_day.csv"
assert_cases 1

step "the office key was made with the database: 0600, outside it, named by its id"
DBID=$(sql "SELECT db_id FROM audit_seal")
KEY="$XDG_CONFIG_HOME/laifang/$DBID.key"
[ -f "$KEY" ] || fail_batch "no key file at $KEY"
assert_eq 600 "$(stat -c %a "$KEY")" "the key file's mode"
assert_eq 65 "$(wc -c <"$KEY" | tr -d ' ')" "the key file's size (64 hex digits and a newline)"
assert_eq 0 "$(log_rows | grep -c -- "$(head -c 64 "$KEY")")" \
	"entries holding the key"

step "the clerk registers a visitor at the desk and puts her on the waiting list"
lf_start_as "$CLERK_LOGIN" "$CLERK_PW" --lang en
keys F4
wait_sheet
type_text 孙丽华
keys Tab Tab Tab
type_text "$(id_number 11010519850315002)"
keys Tab Tab
type_text 反映单位拖欠工资三个月。
keys F2
wait_for "Saved as case 2026-000002"
keys Enter
wait_for "群众来访登记表  2026-000002"
keys F4
wait_for "On today's waiting list."
keys F10
wait_exit
assert_eq 1 "$(sql "SELECT count(*) FROM case_event")" "the waiting event"

step "the leader writes the day's log, attaches a photo and signs an opinion on the case"
lf_start --lang en --screen reception-log
lf_login "$LEADER_LOGIN" "$LEADER_PW"
wait_for 领导干部接访日情况登记表
wait_row_with 接访领导 "$LEADER_NAME（$LEADER_TITLE）"
type_text 接待群众1批1人。
keys F2
wait_for "The reception-day log is saved."
printf 'not really a jpeg, but bytes all the same\n' >"$T/现场照片.jpg"
SHA=$(sha256sum "$T/现场照片.jpg" | cut -d' ' -f1)
keys F4
wait_for "File path"
type_text "$T/现场照片.jpg"
keys Enter
wait_for "Attached 现场照片.jpg"
keys F3
wait_for "The day's cases"
keys Enter
wait_for "Instruction or forwarding opinion"
type_text 转市住建局办理。
keys F2
wait_for "Sign this on case"
keys y
wait_for "signed by $LEADER_NAME（$LEADER_TITLE）"
keys F10
wait_exit
for _t in reception_log reception_attachment case_entry; do
	assert_eq 1 "$(sql "SELECT count(*) FROM $_t")" "rows of $_t"
done
# The day's two cases are the log's.
assert_eq 2 "$(sql "SELECT count(*) FROM reception_log_case")" "rows of reception_log_case"

step "three more cases imported: the newest entries"
lf_import_csv "$DATA/three.csv"
assert_cases 5

step "a clean office checks, and its head can be kept outside the database"
check
expect_rc 0 "laifang check on a clean office"
out_has "check: database is consistent" "check"
# Every row of every table of facts was digested by the entry that wrote it.
for _t in case_file visitor case_visitor case_event case_entry reception_log reception_attachment \
	reception_log_case setting app_user unit schedule_slot category case_query_code; do
	[ "$(log_rows | awk -F '\t' -v t="$_t" '$2 == t' | wc -l)" -ge 1 ] ||
		fail_batch "no audit entry carries a digest of a $_t row"
done
# No ID number, phone number or password in the log.
assert_eq 0 "$(sql "SELECT count(*) FROM audit_log WHERE changes LIKE '%320102196803120031%' OR changes LIKE '%13912345678%' OR instr(rows, CAST('320102196803120031' AS BLOB)) > 0 OR changes LIKE '%secret-1%' OR changes LIKE '%argon2%'")" \
	"entries holding an ID number, a phone number or a password"
check --head
expect_rc 0 "laifang check --head"
HEAD=$(cat "$OUT")
N=$(sql "SELECT seq FROM audit_head")
assert_eq "$N:$(sql "SELECT hash FROM audit_head")" "$HEAD" "the printed head"
check --expect "$HEAD"
expect_rc 0 "laifang check --expect on the clean office"
check --expect "12:nothex"
expect_rc 2 "laifang check --expect with a malformed head"
save_clean

C1=$(sql "SELECT seq_id FROM case_file WHERE case_no = '2026-000001'")
C2ID=$(sql "SELECT id FROM case_file WHERE case_no = '2026-000002'")
V1=$(sql "SELECT id FROM visitor WHERE name = '赵建国'")
CV1="$(sql "SELECT id FROM case_file WHERE case_no = '2026-000001'")/0"
EV=$(sql "SELECT id FROM case_event LIMIT 1")
EN=$(sql "SELECT id FROM case_entry LIMIT 1")
ENC=$(sql "SELECT c.case_no FROM case_entry e JOIN case_file c ON c.id = e.case_id")
C5ID=$(sql "SELECT id FROM case_file WHERE case_no = '2026-000005'")
LOG=$(sql "SELECT id FROM reception_log")
ATT=$(sql "SELECT id FROM reception_attachment")
LC=$(sql "SELECT log_id || '/' || case_id FROM reception_log_case LIMIT 1")
UNIT=$(sql "SELECT id FROM unit WHERE name = '区住建局'")
SLOT=$(sql "SELECT id FROM schedule_slot")
CAT=$(sql "SELECT id FROM category")

step "rows of every table edited with sqlite3: each is named with the entry that last wrote it"
sql "UPDATE case_file SET content = '内容被改' WHERE case_no = '2026-000001';
     UPDATE visitor SET name = '赵建华' WHERE id = '$V1';
     UPDATE case_visitor SET phone = '13800000000' WHERE case_id || '/' || position = '$CV1';
     UPDATE case_event SET by_name = '别人' WHERE id = $EV;
     UPDATE case_entry SET text = '不予办理。' WHERE id = '$EN';
     UPDATE reception_log SET situation = '无' WHERE id = '$LOG';
     UPDATE reception_attachment SET name = 'other.jpg' WHERE id = $ATT;
     UPDATE setting SET value = '86400' WHERE key = 'idle_lock_seconds';
     UPDATE app_user SET roles = 63 WHERE login = '$CLERK_LOGIN';
     UPDATE unit SET kind = 'lower' WHERE id = '$UNIT';
     UPDATE schedule_slot SET location = '别处' WHERE id = '$SLOT';
     UPDATE category SET name = '别的' WHERE id = '$CAT';"
# Issue 15: a query code never changes (its trigger refuses); one who drops
# the trigger, edits the code and puts the trigger back is still named.
C1ID=$(sql "SELECT id FROM case_file WHERE case_no = '2026-000001'")
! sqlite3 -batch "$LAIFANG_DB" "UPDATE case_query_code SET code = 'ZZZZZZZZ' WHERE case_id = '$C1ID'" 2>"$T/qc.err" ||
	fail_batch "sqlite3 changed a query code past its trigger"
grep -F -q "a query code never changes" "$T/qc.err" || fail_batch "the trigger's refusal: $(cat "$T/qc.err")"
QC_TRIGGER=$(sql "SELECT sql FROM sqlite_schema WHERE name = 'case_query_code_update'")
sql "DROP TRIGGER case_query_code_update;
     UPDATE case_query_code SET code = 'ZZZZZZZZ' WHERE case_id = '$C1ID';
     $QC_TRIGGER;"
check
expect_rc 1 "laifang check after edits"
out_has "case_query_code $C1ID (2026-000001) was changed outside laifang: it no longer matches audit entry $(wrote case_query_code "$C1ID")" "check"
out_has "case_file 2026-000001 was changed outside laifang: it no longer matches audit entry $(wrote case_file "$C1")" "check"
out_has "visitor $V1 was changed outside laifang: it no longer matches audit entry $(wrote visitor "$V1")" "check"
out_has "case_visitor $CV1 (2026-000001) was changed outside laifang" "check"
out_has "case_event $EV (2026-000002) was changed outside laifang: it no longer matches audit entry $(wrote case_event "$EV")" "check"
out_has "case_entry $EN ($ENC) was changed outside laifang" "check"
out_has "reception_log $LOG was changed outside laifang" "check"
out_has "reception_attachment $ATT was changed outside laifang" "check"
out_has "setting idle_lock_seconds was changed outside laifang: it no longer matches audit entry $(wrote setting idle_lock_seconds)" "check"
out_has "app_user $CLERK_LOGIN was changed outside laifang" "check"
out_has "unit $UNIT was changed outside laifang" "check"
out_has "schedule_slot $SLOT was changed outside laifang" "check"
out_has "category $CAT was changed outside laifang" "check"
# The visitor's phone and the case's content also sit in the search index.
out_has "The search index's entry for case 2026-000001 does not match the case." "check"
out_lacks "audit log:" "check"
# check reads, never writes: nothing was appended.
assert_eq "$N" "$(sql "SELECT count(*) FROM audit_log")" "entries after check"

step "rows of every table inserted with sqlite3 (copies of real rows): each is named"
restore_clean
sql "CREATE TEMP TABLE x AS SELECT * FROM case_file WHERE case_no = '2026-000005';
     UPDATE x SET seq_id = 900, id = 'forged-case', case_no = '2026-000900', number = 900;
     INSERT INTO case_file SELECT * FROM x; DROP TABLE x;
     CREATE TEMP TABLE x AS SELECT * FROM visitor WHERE id = '$V1';
     UPDATE x SET id = 'forged-visitor', id_number = '110105194912319999';
     INSERT INTO visitor SELECT * FROM x; DROP TABLE x;
     CREATE TEMP TABLE x AS SELECT * FROM case_visitor WHERE case_id || '/' || position = '$CV1';
     UPDATE x SET position = 7, visitor_id = 'forged-visitor'; INSERT INTO case_visitor SELECT * FROM x; DROP TABLE x;
     CREATE TEMP TABLE x AS SELECT * FROM case_event WHERE id = $EV;
     UPDATE x SET id = 900, seq = 90; INSERT INTO case_event SELECT * FROM x; DROP TABLE x;
     CREATE TEMP TABLE x AS SELECT * FROM case_entry WHERE id = '$EN';
     UPDATE x SET id = 'forged-entry', position = 9, text = '同意。'; INSERT INTO case_entry SELECT * FROM x; DROP TABLE x;
     CREATE TEMP TABLE x AS SELECT * FROM reception_log WHERE id = '$LOG';
     UPDATE x SET id = 'forged-log', day = '2026-11-24'; INSERT INTO reception_log SELECT * FROM x; DROP TABLE x;
     CREATE TEMP TABLE x AS SELECT * FROM reception_attachment WHERE id = $ATT;
     UPDATE x SET id = 900; INSERT INTO reception_attachment SELECT * FROM x; DROP TABLE x;
     INSERT INTO reception_log_case VALUES ('$LOG', '$C5ID');
     INSERT INTO setting VALUES ('lockout_failures', '100');
     CREATE TEMP TABLE x AS SELECT * FROM app_user WHERE login = '$ADMIN_LOGIN';
     UPDATE x SET id = 'forged-user', login = 'backdoor'; INSERT INTO app_user SELECT * FROM x; DROP TABLE x;
     INSERT INTO unit VALUES ('forged-unit', '某某局', 'peer', 1, '2026-11-23T09:00:00+08:00');
     CREATE TEMP TABLE x AS SELECT * FROM schedule_slot WHERE id = '$SLOT';
     UPDATE x SET id = 'forged-slot'; INSERT INTO schedule_slot SELECT * FROM x; DROP TABLE x;
     INSERT INTO category VALUES ('forged-cat', '另一类', 9, 1);"
check
expect_rc 1 "laifang check after inserts"
out_has "case_file 2026-000900 was added outside laifang: no audit entry wrote it." "check"
out_has "visitor forged-visitor was added outside laifang" "check"
out_has "case_visitor ${CV1%/0}/7 (2026-000001) was added outside laifang" "check"
out_has "case_event 900 (2026-000002) was added outside laifang" "check"
out_has "case_entry forged-entry ($ENC) was added outside laifang" "check"
out_has "reception_log forged-log was added outside laifang" "check"
out_has "reception_attachment 900 was added outside laifang" "check"
out_has "reception_log_case $LOG/$C5ID (2026-000005) was added outside laifang" "check"
out_has "setting lockout_failures was added outside laifang" "check"
out_has "app_user backdoor was added outside laifang" "check"
out_has "unit forged-unit was added outside laifang" "check"
out_has "schedule_slot forged-slot was added outside laifang" "check"
out_has "category forged-cat was added outside laifang" "check"

step "rows of every table deleted with sqlite3: each is named with the entry that last wrote it"
restore_clean
sql "PRAGMA foreign_keys = OFF;
     DELETE FROM reception_log_case; DELETE FROM reception_attachment; DELETE FROM reception_log;
     DELETE FROM case_entry; DELETE FROM case_event;
     DELETE FROM case_visitor WHERE case_id || '/' || position = '$CV1';
     DELETE FROM visitor WHERE id = '$V1';
     DELETE FROM case_file WHERE case_no = '2026-000001';
     DELETE FROM setting WHERE key = 'idle_lock_seconds';
     DELETE FROM app_user WHERE login = '$CLERK_LOGIN';
     DELETE FROM unit WHERE id = '$UNIT'; DELETE FROM schedule_slot; DELETE FROM category;"
check
expect_rc 1 "laifang check after deletions"
out_has "case_file 2026-000001 was deleted outside laifang (audit entry $(wrote case_file "$C1") wrote it last)." "check"
out_has "visitor $V1 was deleted outside laifang" "check"
out_has "case_visitor $CV1 (2026-000001) was deleted outside laifang" "check"
out_has "case_event $EV (2026-000002) was deleted outside laifang" "check"
out_has "case_entry $EN ($ENC) was deleted outside laifang" "check"
out_has "reception_log $LOG was deleted outside laifang" "check"
out_has "reception_attachment $ATT was deleted outside laifang" "check"
out_has "reception_log_case $LC" "check"
out_has "setting idle_lock_seconds was deleted outside laifang (audit entry $(wrote setting idle_lock_seconds) wrote it last)." "check"
out_has "app_user $CLERK_LOGIN was deleted outside laifang" "check"
out_has "unit $UNIT was deleted outside laifang" "check"
out_has "schedule_slot $SLOT was deleted outside laifang" "check"
out_has "category $CAT was deleted outside laifang" "check"
out_has "Case number 2026-000001 is missing" "check"

step "an entry rewritten and the whole chain recomputed as unkeyed SHA-256: the key is missing from it"
restore_clean
# The attacker's tool: the documented field serialisation, with SHA-256 and no key.
field() { # NULL-ness from sqlite3's quote(); the value itself from a plain select
	if [ "$(sql "SELECT quote($1) IS 'NULL' FROM audit_log WHERE seq = $2")" = 1 ]; then
		printf N
	else
		_v=$(sql "SELECT $1 FROM audit_log WHERE seq = $2")
		printf 'S%s:%s' "$(printf '%s' "$_v" | wc -c | tr -d ' ')" "$_v"
	fi
}
sql "UPDATE audit_log SET changes = '{\"login\":\"clerk\",\"roles\":63}' WHERE action = 'user.add' AND changes LIKE '%\"clerk\"%'"
PREV=$ZEROS
for _seq in $(sql "SELECT seq FROM audit_log ORDER BY seq"); do
	_h=$({ printf 'laifang audit v2\n'; printf 'S64:%s' "$PREV"; printf 'S%s:%s' "${#_seq}" "$_seq"
		for _c in at user_id login action record changes rows; do field "$_c" "$_seq"; done; } |
		sha256sum | cut -d' ' -f1)
	sql "UPDATE audit_log SET hash = '$_h' WHERE seq = $_seq"
	PREV=$_h
done
sql "UPDATE audit_head SET hash = '$PREV'"
check
expect_rc 1 "laifang check after a recomputed chain"
out_has "audit log: entry 1 has been altered (hash does not match)" "check"
check --expect "$HEAD"
expect_rc 1 "laifang check --expect after a recomputed chain"
out_has "audit log: entry $N no longer has the hash of the head kept outside the database (the log was rewritten)" "check --expect"

step "the log emptied and its head set back to zero: every row is named as written by no entry"
restore_clean
sql "DELETE FROM audit_log; UPDATE audit_head SET seq = 0, hash = '$ZEROS'"
check
expect_rc 1 "laifang check after the log was emptied"
out_has "case_file 2026-000001 was added outside laifang: no audit entry wrote it." "check"
out_has "app_user $ADMIN_LOGIN was added outside laifang: no audit entry wrote it." "check"
out_has "setting idle_lock_seconds was added outside laifang: no audit entry wrote it." "check"
check --expect "$HEAD"
expect_rc 1 "laifang check --expect after the log was emptied"
out_has "audit log: entry $N, the head kept outside the database, is no longer in the log" "check --expect"

step "the newest case deleted with its counter, search rows and entries, audit_head moved back"
restore_clean
C5=$(sql "SELECT seq_id FROM case_file WHERE case_no = '2026-000005'")
FROM=$(sql "SELECT min(seq) FROM audit_log WHERE record = '$C5ID'")
sql "PRAGMA foreign_keys = OFF;
     DELETE FROM visitor WHERE id IN (SELECT visitor_id FROM case_visitor WHERE case_id = '$C5ID')
       AND id NOT IN (SELECT visitor_id FROM case_visitor WHERE case_id <> '$C5ID');
     DELETE FROM case_visitor WHERE case_id = '$C5ID';
     DELETE FROM search_key WHERE case_seq = $C5;
     DELETE FROM case_file WHERE id = '$C5ID';
     UPDATE case_counter SET last_number = 4 WHERE year = 2026;
     DELETE FROM audit_log WHERE seq >= $FROM;
     UPDATE audit_head SET seq = $((FROM - 1)), hash = (SELECT hash FROM audit_log WHERE seq = $((FROM - 1)));"
check --expect "$HEAD"
expect_rc 1 "laifang check --expect after the newest case was cut off"
out_has "audit log: entry $N, the head kept outside the database, is no longer in the log (the newest entries were deleted)" "check --expect"

step "a photo swapped together with its hash column"
restore_clean
printf 'another picture altogether\n' >"$T/other.jpg"
SHA2=$(sha256sum "$T/other.jpg" | cut -d' ' -f1)
cp "$T/other.jpg" "$ATTACH_DIR/$SHA2"
sql "UPDATE reception_attachment SET sha256 = '$SHA2', size = $(wc -c <"$T/other.jpg" | tr -d ' ')"
check
expect_rc 1 "laifang check after the photo was swapped"
out_has "reception_attachment $ATT was changed outside laifang: it no longer matches audit entry $(wrote reception_attachment "$ATT")" "check"
out_lacks "cannot be read" "check"
# A hash column that is not a hash is a finding, never a path to open.
sql "UPDATE reception_attachment SET sha256 = '../../../../etc/passwd'"
check
expect_rc 1 "laifang check with a path in the hash column"
out_has "Attachment 现场照片.jpg: its stored hash is not 64 hex digits, so its file was not opened." "check"
out_lacks "/etc/passwd" "check"

step "the statistics counter inflated, the search keys emptied"
restore_clean
sql "UPDATE status_count SET moved = moved + 7 WHERE status = 'registered'; DELETE FROM search_key WHERE case_seq = $C1"
check
expect_rc 1 "laifang check after the counters were changed"
out_has "The statistics counter of the state registered says 12 cases, but 5 cases are in that state." "check"
out_has "The search index's entry for case 2026-000001 does not match the case." "check"

step "without the key: check says so and fails; the desk writes nothing; the key comes back by import"
restore_clean
lf_admin key export "$T/office.key" >"$T/o" 2>&1 || fail_batch "key export: $(cat "$T/o")"
assert_eq 600 "$(stat -c %a "$T/office.key")" "the exported key's mode"
cmp -s "$KEY" "$T/office.key" || fail_batch "the exported key differs from the key file"
run lf_admin key export "$T/office.key"
expect_rc 1 "key export onto an existing file"
run lf_as "$CLERK_LOGIN" "$CLERK_PW" key export "$T/clerk.key"
expect_rc 1 "key export by a clerk"
[ ! -e "$T/clerk.key" ] || fail_batch "a clerk exported the key"
mv "$KEY" "$T/moved.key"
check
expect_rc 1 "laifang check without the key"
out_has "audit log: the office key of this database is missing ($KEY), so the log cannot be verified" "check"
BEFORE=$(sql "SELECT count(*) FROM audit_log")
run lf_admin --lang en unit add 区水务局 --kind peer
[ "$RC" -ne 0 ] || fail_batch "a write without the key succeeded"
grep -F -q "The office key of this database is missing" "$ERR" || fail_batch "no word of the missing key: $(cat "$ERR")"
assert_eq "$BEFORE" "$(sql "SELECT count(*) FROM audit_log")" "entries written without the key"
assert_eq 0 "$(sql "SELECT count(*) FROM unit WHERE name = '区水务局'")" "units written without the key"
# The desk opens and says why nothing can be done.
lf_start --lang en
lf_login "$CLERK_LOGIN" "$CLERK_PW"
wait_for "The office key of this database is missing"
assert_screen_lacks "Today's registrations"
keys F10
wait_exit
assert_eq "$BEFORE" "$(sql "SELECT count(*) FROM audit_log")" "entries written by the desk without the key"
# A key that is not this database's is refused.
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$T/wrong.key"
echo >>"$T/wrong.key"
run "$LAIFANG" --lang en key import "$T/wrong.key"
expect_rc 1 "key import of another key"
[ ! -e "$KEY" ] || fail_batch "a wrong key was put in place"
run "$LAIFANG" --lang en key import "$T/office.key"
expect_rc 0 "key import"
assert_eq 600 "$(stat -c %a "$KEY")" "the imported key's mode"
check
expect_rc 0 "laifang check with the key back"

step "in Chinese (the default) too"
sql "UPDATE case_file SET content = '内容被改' WHERE case_no = '2026-000001'"
run "$LAIFANG" check
expect_rc 1 "laifang check (zh_CN)"
out_has "case_file 2026-000001" "check (zh_CN)"

pass
