#!/bin/sh
# A record that shows tampering: every write is chained in the audit log;
# rows edited or deleted behind laifang's back (sqlite3) make `laifang check`
# fail and name the first broken link.
. "$(dirname "$0")/lib.sh"

OUT="$T/out"
ERR="$T/err"

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

# A database with an administrator, a clerk and the three rows of
# three.csv registered by the clerk.
setup_db() {
	rm -f "$LAIFANG_DB" "$LAIFANG_DB-wal" "$LAIFANG_DB-shm"
	run sh -c 'printf "admin-pass-1\n" | "$0" --lang en init --admin admin --name 管理员 --password-stdin' "$LAIFANG"
	expect_rc 0 "laifang init"
	run sh -c 'printf "admin-pass-1\nclerk-pass-1\n" | "$0" --lang en --user admin --password-stdin user add wangfang --name 王芳 --roles clerk' "$LAIFANG"
	expect_rc 0 "laifang user add wangfang"
	run sh -c 'printf "clerk-pass-1\n" | "$0" --lang en --user wangfang --password-stdin import "$1"' "$LAIFANG" "$DATA/three.csv"
	expect_rc 0 "laifang import three.csv"
	out_has 2026-000003 "import"
}

step "every write is in the audit log, chained"
setup_db
assert_eq 3 "$(sql "SELECT count(*) FROM audit_log WHERE action = 'case.register' AND login = 'wangfang'")" \
	"case.register entries by wangfang"
assert_eq 2 "$(sql "SELECT count(*) FROM audit_log WHERE action = 'user.add'")" "user.add entries"
N=$(sql "SELECT count(*) FROM audit_log")
assert_eq "$N" "$(sql "SELECT max(seq) FROM audit_log")" "entries numbered without gaps"
assert_eq "$N" "$(sql "SELECT seq FROM audit_head")" "the head at the last entry"
assert_eq "0000000000000000000000000000000000000000000000000000000000000000" \
	"$(sql "SELECT prev_hash FROM audit_log WHERE seq = 1")" "the first entry's prev_hash"
assert_eq 0 "$(sql "SELECT count(*) FROM audit_log a JOIN audit_log b ON b.seq = a.seq + 1 WHERE b.prev_hash <> a.hash")" \
	"links where prev_hash is not the previous hash"
assert_eq 0 "$(sql "SELECT count(*) FROM audit_log WHERE hash NOT GLOB '[0-9a-f]*' OR length(hash) <> 64")" \
	"hashes that are not 64 hex digits"
# No ID number, phone number or password in the log.
assert_eq 0 "$(sql "SELECT count(*) FROM audit_log WHERE changes LIKE '%320102196803120031%' OR changes LIKE '%13912345678%' OR changes LIKE '%pass-1%' OR changes LIKE '%argon2%'")" \
	"entries holding an ID number, a phone number or a password"
run "$LAIFANG" --lang en check
expect_rc 0 "laifang check on a clean database"
out_has "check: database is consistent" "check"

step "an entry edited behind laifang's back"
sql "UPDATE audit_log SET action = 'x' WHERE seq = 1"
run "$LAIFANG" --lang en check
expect_rc 1 "laifang check after an edit"
out_has "audit log: entry 1 has been altered (hash does not match)" "check"
out_has "check: 1 problem(s)" "check"
# check reads, never writes: the edit is still there and nothing was appended.
assert_eq x "$(sql "SELECT action FROM audit_log WHERE seq = 1")" "the edited entry"
assert_eq "$N" "$(sql "SELECT count(*) FROM audit_log")" "entries after check"
# In Chinese (the default) too.
run "$LAIFANG" check
expect_rc 1 "laifang check (zh_CN) after an edit"
out_has "1 个问题" "check (zh_CN)"

step "an entry deleted from the middle"
setup_db
MID=$(sql "SELECT seq FROM audit_log WHERE action = 'case.register' ORDER BY seq LIMIT 1 OFFSET 1")
[ -n "$MID" ] || fail_batch "no second case.register entry"
sql "DELETE FROM audit_log WHERE seq = $MID"
run "$LAIFANG" --lang en check
expect_rc 1 "laifang check after a deletion"
out_has "audit log: entry $MID is missing" "check"
out_has "check: 1 problem(s)" "check"
# The cases themselves are untouched: only the log's problem is reported.
out_lacks "Case number" "check"

step "the newest entries deleted"
setup_db
LAST=$(sql "SELECT max(seq) FROM audit_log")
sql "DELETE FROM audit_log WHERE seq >= $((LAST - 1))"
run "$LAIFANG" --lang en check
expect_rc 1 "laifang check after deleting the last entries"
out_has "audit log: entries $((LAST - 1)) to $LAST are missing" "check"

step "a write after tampering still chains from the head"
setup_db
sql "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)"
run sh -c 'printf "admin-pass-1\n" | "$0" --lang en --user admin --password-stdin unit add 区住建局 --kind peer' "$LAIFANG"
expect_rc 0 "laifang unit add"
run "$LAIFANG" --lang en check
expect_rc 1 "laifang check after a write following a deletion"
out_has "audit log: entry $LAST is missing" "check"

pass
