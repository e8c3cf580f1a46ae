#!/bin/sh
# db copy both ways (issue 14): an office on its SQLite file (an archived
# case, an agency's scan among its facts) goes to a server and comes back
# into a new file. Every table of the round-tripped file holds the rows of
# the original, value for value (sqlite3's quote(): types too), but the
# audit log's own entries for the moves; each copy checks with the same
# office key; the archive lock holds on the copy; the office carries on
# there (login, the next case number, search). A file to another file and a
# server to another server copy the same way. The server to file direction
# is `laifang --db postgresql:... db copy --to FILE`; the other one is
# written here with --from.
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
db=$tmp/office.db back=$tmp/back.db
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAILED: $*" >&2; failed=$((failed + 1)); }
q() { "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -tA -d "${2:-$url}" -c "$1"; }
expect() {
	_what=$1
	shift
	if "$@" >"$tmp/out" 2>"$tmp/err"; then ok; else bad "$_what: $(cat "$tmp/err")"; fi
}
has() { if grep -F -q -- "$2" "$tmp/out"; then ok; else bad "$1: no \"$2\" in: $(head -c 400 "$tmp/out")"; fi; }
as() { _pw=$1 _who=$2 _db=$3; shift 3; echo "$_pw" | "$LAIFANG" --db "$_db" --user "$_who" --password-stdin "$@"; }
admin() { echo Admin-pass-1 | "$LAIFANG" --user admin --password-stdin "$@"; }
# dump FILE DIR: each table of a SQLite file, one sorted line a row, every
# value quoted (so an integer that came back as text differs)
dump() {
	mkdir -p "$2"
	for _t in $(sqlite3 "$1" "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name"); do
		_cols=$(sqlite3 "$1" "SELECT group_concat('quote(\"' || name || '\")', ' || ''|'' || ') FROM (SELECT name FROM pragma_table_info('$_t') ORDER BY cid)")
		sqlite3 "$1" "SELECT $_cols FROM \"$_t\"" | LC_ALL=C sort >"$2/$_t"
	done
	sqlite3 "$1" "SELECT name || ' ' || sql FROM sqlite_master WHERE type IN ('trigger', 'index') AND sql IS NOT NULL" |
		LC_ALL=C sort >"$2/=schema"
}
cases_of() { sqlite3 "$1" "SELECT count(*) || ' ' || max(number) || ' ' || count(DISTINCT number) FROM case_file WHERE year = 2026"; }

# -- an office on its file ---------------------------------------------------------
expect "init" sh -c 'printf "Admin-pass-1\nAdmin-pass-1\n" | "$0" --db "$1" init --admin admin --name 管理员 --password-stdin' "$LAIFANG" "$db"
expect "a clerk" sh -c 'printf "Admin-pass-1\nClerk-pass-22\n" | "$0" --db "$1" --user admin --password-stdin user add clerk1 --name 王小红 --roles clerk' "$LAIFANG" "$db"
expect "a supervisor" sh -c 'printf "Admin-pass-1\nSup-pass-333\n" | "$0" --db "$1" --user admin --password-stdin user add sup1 --name 李主任 --roles supervisor,leader,archivist' "$LAIFANG" "$db"
expect "a unit" admin --db "$db" unit add 区住建局 --kind lower
expect "a department" admin --db "$db" unit add 信访科 --kind department
expect "a handler" sh -c 'printf "Admin-pass-1\nHand-pass-444\n" | "$0" --db "$1" --user admin --password-stdin user add hand1 --name 张承办 --roles handler --unit 信访科' "$LAIFANG" "$db"
expect "import" as Clerk-pass-22 clerk1 "$db" import "$root/tests/e2e/data/three.csv"
expect "accept" as Sup-pass-333 sup1 "$db" case accept 2026-000001
expect "assign" as Sup-pass-333 sup1 "$db" case route 2026-000001 --assign 区住建局 --text 属地办理
printf '处理结果\n' >"$tmp/result.txt"
expect "an agency's result with its scan" as Sup-pass-333 sup1 "$db" case agency 2026-000001 --result --text 已整改 --file "$tmp/result.txt"
expect "accept 2" as Sup-pass-333 sup1 "$db" case accept 2026-000002
expect "in-house" as Sup-pass-333 sup1 "$db" case route 2026-000002 --in-house --unit 信访科
expect "take up" as Hand-pass-444 hand1 "$db" case take-up 2026-000002
expect "report" as Hand-pass-444 hand1 "$db" case report 2026-000002 --text 已办结
expect "reply" as Hand-pass-444 hand1 "$db" case reply 2026-000002 --text 已当面答复 --satisfaction 满意 --opinion 予以支持 --facts 经核查属实 --basis 《信访工作条例》第三十二条
expect "archive" as Sup-pass-333 sup1 "$db" case archive 2026-000002
[ "$(sqlite3 "$db" "SELECT status FROM case_file WHERE case_no = '2026-000002'")" = archived ] && ok || bad "case 2 archived"
expect "the file checks" "$LAIFANG" --db "$db" check
sha=$(sqlite3 "$db" "SELECT file_sha256 FROM case_agency_answer WHERE file_sha256 IS NOT NULL")
[ -n "$sha" ] && [ -f "$db.d/attachments/$sha" ] && ok || bad "the scan beside the file"

# -- to the server (--from) ------------------------------------------------------------
expect "db copy --from FILE --to the server" admin db copy --from "$db" --to "$url" --attachments "$tmp/server-files"
has "to the server" "the copy checks"
admin --db "$db" db copy --from "$tmp/other.db" --to "$url" >"$tmp/out" 2>&1 && bad "--from and --db both" || ok
has "--from and --db both" "not both"
expect "the server's copy checks" "$LAIFANG" --db "$url" check
cmp -s "$db.d/attachments/$sha" "$tmp/server-files/$sha" && ok || bad "the scan in the server's folder"
# every table, counted by psql beside sqlite3: the same, but the log and
# the settings, which have the folder's setting.set more
for t in $(sqlite3 "$db" "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite%'"); do
	want=$(sqlite3 "$db" "SELECT count(*) FROM \"$t\"")
	case $t in audit_log | setting) want=$((want + 1)) ;; esac
	got=$(q "SELECT count(*) FROM main.\"$t\"")
	[ "$got" = "$want" ] || bad "table $t: $want rows on the file, $got on the server"
done
ok

# -- and back into a new file (--db the server) -------------------------------------------
expect "the server into a new file" admin --db "$url" db copy --to "$back"
has "into a file" "the copy checks"
admin --db "$url" db copy --to "$tmp/never.db" --attachments "$tmp/x" >"$tmp/out" 2>&1 && bad "--attachments for a file" || ok
has "--attachments for a file" "beside it"
[ ! -e "$tmp/never.db" ] && ok || bad "a refused copy left $tmp/never.db"
echo Clerk-pass-22 | "$LAIFANG" --db "$url" --user clerk1 --password-stdin db copy --to "$tmp/never.db" >"$tmp/out" 2>&1 &&
	bad "a clerk copies" || ok
[ ! -e "$tmp/never.db" ] && ok || bad "a clerk's refused copy left $tmp/never.db"
cmp -s "$db.d/attachments/$sha" "$back.d/attachments/$sha" && ok || bad "the scan beside the new file, the same bytes"
expect "the round-tripped file checks" "$LAIFANG" --db "$back" check
has "the round-tripped file checks" consistent

# every table as it was, value for value; triggers and indexes the same
dump "$db" "$tmp/A"
dump "$back" "$tmp/B"
[ "$(ls "$tmp/A")" = "$(ls "$tmp/B")" ] && ok || bad "the tables differ: $(ls "$tmp/A" | tr '\n' ' ') / $(ls "$tmp/B" | tr '\n' ' ')"
for f in "$tmp"/A/*; do
	t=$(basename "$f")
	case $t in
	audit_log | audit_head | setting | =schema) continue ;;
	esac
	cmp -s "$f" "$tmp/B/$t" || bad "table $t differs after the round trip: $(diff "$f" "$tmp/B/$t" | head -n 6)"
done
cmp -s "$tmp/A/=schema" "$tmp/B/=schema" && ok || bad "triggers or indexes differ: $(diff "$tmp/A/=schema" "$tmp/B/=schema" | head -n 6)"
# the log: the original's entries as they were, then the folder named on
# the server, the administrator's login there and the copy back
[ -z "$(LC_ALL=C comm -23 "$tmp/A/audit_log" "$tmp/B/audit_log")" ] && ok || bad "entries of the log changed: $(LC_ALL=C comm -23 "$tmp/A/audit_log" "$tmp/B/audit_log" | head -n 3)"
n=$(sqlite3 "$db" "SELECT max(seq) FROM audit_log")
[ "$(sqlite3 "$back" "SELECT group_concat(action, ' ') FROM (SELECT action FROM audit_log WHERE seq > $n ORDER BY seq)")" = "setting.set login.ok db.copy" ] &&
	ok || bad "the round trip's own entries: $(sqlite3 "$back" "SELECT group_concat(action, ' ') FROM audit_log WHERE seq > $n")"
[ "$(LC_ALL=C comm -13 "$tmp/A/setting" "$tmp/B/setting")" = "'attachments_dir'|'$tmp/server-files'" ] &&
	[ -z "$(LC_ALL=C comm -23 "$tmp/A/setting" "$tmp/B/setting")" ] && ok || bad "settings: $(diff "$tmp/A/setting" "$tmp/B/setting")"
sqlite3 "$back" "SELECT changes FROM audit_log WHERE action = 'db.copy' ORDER BY seq DESC LIMIT 1" | grep -q -F "\"to\":\"$back\"" &&
	ok || bad "db.copy names the new file"

# the archive lock holds on the copy (its triggers made again)
sqlite3 "$back" "DELETE FROM case_event WHERE case_id = (SELECT id FROM case_file WHERE case_no = '2026-000002')" 2>/dev/null &&
	bad "an archived case's events deleted on the copy" || ok
as Sup-pass-333 sup1 "$back" case supervise 2026-000002 --text 再督办 >"$tmp/out" 2>&1 && bad "a step on the archived case" || ok

# -- the office carries on in the file ------------------------------------------------------
expect "search on the file" as Sup-pass-333 sup1 "$back" search 电梯
has "search on the file" 2026-000001
expect "a clerk saves on the file" as Clerk-pass-22 clerk1 "$back" import "$root/tests/e2e/data/three.csv"
has "the next numbers" "2026-000004 to 2026-000006"
[ "$(cases_of "$back")" = "6 6 6" ] && ok || bad "case numbers on the file: $(cases_of "$back")"
expect "the file checks after the new cases" "$LAIFANG" --db "$back" check
# and on the server, where the office also goes on
expect "a clerk saves on the server" as Clerk-pass-22 clerk1 "$url" import "$root/tests/e2e/data/three.csv"
has "the next numbers on the server" "2026-000004 to 2026-000006"
expect "the server checks after the new cases" "$LAIFANG" --db "$url" check

# -- not into an office ---------------------------------------------------------------------
before=$(sqlite3 "$back" "SELECT count(*) FROM audit_log")
admin --db "$url" db copy --to "$back" >"$tmp/out" 2>&1 && bad "a copy into a file with an office" || ok
has "a copy into a file with an office" "already holds an office"
[ "$(sqlite3 "$back" "SELECT count(*) FROM audit_log")" = "$before" ] && [ -f "$back" ] && ok || bad "the file with an office untouched"

# -- a file to a file, a server to a server ---------------------------------------------------
expect "file to file" admin db copy --from "$back" --to "$tmp/again.db"
has "file to file" "the copy checks"
cmp -s "$back.d/attachments/$sha" "$tmp/again.db.d/attachments/$sha" && ok || bad "the scan beside the third file"
[ "$(cases_of "$tmp/again.db")" = "6 6 6" ] && ok || bad "the cases of the third file: $(cases_of "$tmp/again.db")"
url2=$(echo "$url" | sed 's|///\([^?]*\)|///\1_two|')
q "CREATE DATABASE $(echo "$url2" | sed 's|.*///\([^?]*\).*|\1|')" && ok || bad "a second database"
expect "server to server" admin --db "$url" db copy --to "$url2" --attachments "$tmp/server-two"
has "server to server" "the copy checks"
[ "$(q "SELECT count(*) FROM main.case_file" "$url2")" = "$(q "SELECT count(*) FROM main.case_file")" ] && ok || bad "the second server's cases"
expect "the second server goes on" as Clerk-pass-22 clerk1 "$url2" import "$root/tests/e2e/data/three.csv"
has "the second server goes on" "2026-000007 to 2026-000009"
expect "the second server checks" "$LAIFANG" --db "$url2" check

echo "pg-copy-back: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
