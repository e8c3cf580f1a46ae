#!/bin/sh
# db copy (issue 14): an office that worked on its SQLite file moves to a
# new PostgreSQL database whole; the copy verifies with the same office key
# (every row's digest and the keyed chain hold on the other database), the
# desk goes on there, and a second copy into the same database is refused.
# LAIFANG_PG_URL names an empty database (tests/pg/unit.sh).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
LAIFANG=${LAIFANG:-$root/build/laifang}
url=${LAIFANG_PG_URL:?LAIFANG_PG_URL names the database}
export LANGUAGE=en LC_ALL=C.UTF-8
bindir=${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
XDG_CONFIG_HOME=$tmp/config
export XDG_CONFIG_HOME
db=$tmp/office.db
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAILED: $*" >&2; failed=$((failed + 1)); }
q() { "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -tA -d "$url" -c "$1"; }
expect() {
	_what=$1
	shift
	if "$@" >"$tmp/out" 2>"$tmp/err"; then ok; else bad "$_what: $(cat "$tmp/err")"; fi
}
has() { if grep -F -q -- "$2" "$tmp/out"; then ok; else bad "$1: no \"$2\" in: $(head -c 400 "$tmp/out")"; fi; }
as() { _pw=$1 _who=$2 _db=$3; shift 3; echo "$_pw" | "$LAIFANG" --db "$_db" --user "$_who" --password-stdin "$@"; }

# -- an office on its file -------------------------------------------------------
expect "init" sh -c 'printf "Admin-pass-1\nAdmin-pass-1\n" | "$0" --db "$1" init --admin admin --name 管理员 --password-stdin' "$LAIFANG" "$db"
expect "a clerk" sh -c 'printf "Admin-pass-1\nClerk-pass-22\n" | "$0" --db "$1" --user admin --password-stdin user add clerk1 --name 王小红 --roles clerk' "$LAIFANG" "$db"
expect "a supervisor" sh -c 'printf "Admin-pass-1\nSup-pass-333\n" | "$0" --db "$1" --user admin --password-stdin user add sup1 --name 李主任 --roles supervisor,leader,archivist' "$LAIFANG" "$db"
expect "a unit" as Admin-pass-1 admin "$db" unit add 区住建局 --kind lower
expect "import" as Clerk-pass-22 clerk1 "$db" import "$root/tests/e2e/data/three.csv"
expect "accept" as Sup-pass-333 sup1 "$db" case accept 2026-000001
expect "assign" as Sup-pass-333 sup1 "$db" case route 2026-000001 --assign 区住建局 --text 属地办理
echo "处理结果" >"$tmp/result.txt"
expect "an agency's result with its scan" as Sup-pass-333 sup1 "$db" case agency 2026-000001 --result --text 已整改 --file "$tmp/result.txt"
expect "the file checks" "$LAIFANG" --db "$db" check
cases=$(sqlite3 "$db" "SELECT count(*) FROM case_file")
entries=$(sqlite3 "$db" "SELECT count(*) FROM audit_log")

# -- copied to the server ----------------------------------------------------------
expect "a clerk may not copy" sh -c '! (echo Clerk-pass-22 | "$0" --db "$1" --user clerk1 --password-stdin db copy --to "$2")' "$LAIFANG" "$db" "$url"
as Admin-pass-1 admin "$db" db copy --to "$url" >"$tmp/out" 2>&1 && bad "a copy without a folder for the attached files" || ok
has "the folder to name" "--attachments DIR"
[ "$(q "SELECT to_regclass('main.case_file') IS NULL")" = t ] && ok || bad "nothing copied without the folder"
expect "db copy" as Admin-pass-1 admin "$db" db copy --to "$url" --attachments "$tmp/server-files"
has "db copy" "the copy checks"
sha=$(sqlite3 "$db" "SELECT file_sha256 FROM case_agency_answer WHERE file_sha256 IS NOT NULL")
[ -n "$sha" ] && [ -f "$tmp/server-files/$sha" ] && ok || bad "the scan is in the server's folder"
[ "$(q "SELECT value FROM main.setting WHERE key = 'attachments_dir'")" = "$tmp/server-files" ] && ok || bad "attachments_dir names the folder"
[ "$(q "SELECT count(*) FROM main.case_file")" = "$cases" ] && ok || bad "every case copied"
# the whole log came along with the copy's own record; on arrival the
# folder was named (setting.set), by the same person
[ "$(q "SELECT count(*) FROM main.audit_log")" = $(($(sqlite3 "$db" "SELECT count(*) FROM audit_log") + 1)) ] &&
	[ "$(sqlite3 "$db" "SELECT count(*) FROM audit_log")" -gt "$entries" ] && ok || bad "the audit log copied whole"
[ "$(q "SELECT action FROM main.audit_log ORDER BY seq DESC LIMIT 1 OFFSET 1")" = db.copy ] && ok || bad "db.copy came along"
[ "$(q "SELECT action || ' ' || login FROM main.audit_log ORDER BY seq DESC LIMIT 1")" = "setting.set admin" ] && ok || bad "the folder named on arrival by admin"
q "SELECT changes FROM main.audit_log WHERE action = 'db.copy'" | grep -q "postgresql:" && ok || bad "the entry names the destination"
expect "the copy checks with the same key" "$LAIFANG" --db "$url" check
has "the copy checks with the same key" consistent
expect "search on the copy" as Sup-pass-333 sup1 "$url" search 电梯
has "search on the copy" 2026-000001
# The annual report (issue 13) gives the same figures on both (the line
# with the day it was made left out).
expect "annual report on the file" as Sup-pass-333 sup1 "$db" stats --annual 2026 --csv
grep -v 编制日期 "$tmp/out" >"$tmp/annual-sqlite.csv"
expect "annual report on the copy" as Sup-pass-333 sup1 "$url" stats --annual 2026 --csv
grep -v 编制日期 "$tmp/out" | cmp -s - "$tmp/annual-sqlite.csv" && ok || bad "the annual report differs between SQLite and PostgreSQL"
grep -q ",交办,1,件次," "$tmp/annual-sqlite.csv" && ok || bad "the annual report counts the assignment"
expect "the desk goes on there" as Sup-pass-333 sup1 "$url" case accept 2026-000002
expect "a new case there" as Clerk-pass-22 clerk1 "$url" import "$root/tests/e2e/data/three.csv"
[ "$(q "SELECT max(seq_id) > $cases FROM main.case_file")" = t ] && ok || bad "new ids continue after the copied ones"
expect "still consistent" "$LAIFANG" --db "$url" check

# -- not twice -----------------------------------------------------------------------
as Admin-pass-1 admin "$db" db copy --to "$url" --attachments "$tmp/server-files" >"$tmp/out" 2>&1 && bad "a second copy into the same database" || ok
has "a second copy" "already holds an office"

# -- behind laifang's back on the server ------------------------------------------------
q "UPDATE main.visitor SET name = '王建新' WHERE name = '王建国'"
"$LAIFANG" --db "$url" check >"$tmp/out" 2>&1
[ $? = 1 ] && ok || bad "check exits 1 after a visitor's name was edited"
has "the edited visitor" "visitor"

echo "pg-copy: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
