#!/bin/sh
# The batch commands: --help, --version, import (all or nothing, errors that
# name the row and the field), export as JSON and CSV, check. Import and
# export act as a logged-in user (--user, --password-stdin); the people
# commands themselves are in test_cli_people.sh.
. "$(dirname "$0")/lib.sh"

# setup_db FILE: lib.sh's people (lf_setup: admin, a clerk, a leader) in FILE.
# With an archivist (export_personal_data): the exports that must read back
# need the numbers in full; the administrator's are masked.
setup_db() {
	_db=$LAIFANG_DB
	LAIFANG_DB=$1
	lf_setup
	lf_user_add "$KEEPER_LOGIN" "$KEEPER_PW" --name 档案员 --roles archivist
	KEEPER_MADE=1
	LAIFANG_DB=$_db
}

# as_admin / as_clerk ARG...: laifang acting as that user, the password on
# the first line of standard input (a later --db ARG wins over lib.sh's).
as_admin() {
	lf_admin "$@"
}
as_clerk() {
	lf_as "$CLERK_LOGIN" "$CLERK_PW" "$@"
}
as_keeper() {
	lf_as "$KEEPER_LOGIN" "$KEEPER_PW" "$@"
}

OUT="$T/out"
ERR="$T/err"

# run CMD...: run a batch command, RC its exit status, OUT/ERR its output.
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

err_has() {
	grep -F -q -- "$1" "$ERR" || fail_batch "expected \"$1\" in the errors of $2: $(cat "$ERR")"
}

# file_has FILE STRING: FILE holds STRING (which may span lines) exactly.
file_has() {
	# Read the file as it is: a sentinel keeps command substitution from
	# eating trailing line ends.
	_content=$(cat "$1"; echo .)
	case "$_content" in
	*"$2"*) ;;
	*) fail_batch "expected $(jq -n --arg s "$2" '$s') in $1; it holds: $(od -c "$1" | head -40)" ;;
	esac
}

CR=$(printf '\r')

step "--help"
run "$LAIFANG" --lang en --help
expect_rc 0 "laifang --help"
out_has "Usage: laifang" "--help"
for word in import export check --db --lang --help --version "--format" --output --user --password-stdin \
	init "user add" "user list" "user passwd" "user disable" "user enable" "user unlock" "unit add" "unit list" \
	"config set" "config list" permissions "Exit status"; do
	out_has "$word" "--help"
done
[ ! -s "$ERR" ] || fail_batch "--help wrote to stderr: $(cat "$ERR")"
run "$LAIFANG" --help
expect_rc 0 "laifang --help (default language)"
out_has "--db" "--help"

step "--version"
run "$LAIFANG" --version
expect_rc 0 "laifang --version"
[ "$(wc -l <"$OUT")" -eq 1 ] || fail_batch "--version should print one line: $(cat "$OUT")"
grep -Eq '^laifang [0-9]+\.[0-9]+\.[0-9]+$' "$OUT" || fail_batch "--version printed: $(cat "$OUT")"

step "a wrong option or command is a usage error (2)"
run "$LAIFANG" --lang en --frobnicate
expect_rc 2 "laifang --frobnicate"
err_has "--frobnicate" "--frobnicate"
run "$LAIFANG" --lang en frobnicate
expect_rc 2 "laifang frobnicate"
run "$LAIFANG" --lang en export
expect_rc 2 "laifang export without --format"
run "$LAIFANG" --lang en --kind peer import "$DATA/three.csv"
expect_rc 2 "laifang import with an option of another command"
err_has "--kind" "import --kind"

step "a command where there is no database says to run init and creates none"
run "$LAIFANG" --lang en check
expect_rc 2 "check without a database"
err_has "laifang init creates one" "check without a database"
[ ! -e "$LAIFANG_DB" ] || fail_batch "check made a database at $LAIFANG_DB"

step "a command on a database without users says to run init"
: >"$LAIFANG_DB" # an empty file is an empty SQLite database
run "$LAIFANG" --lang en import "$DATA/three.csv"
expect_rc 1 "import without users"
err_has "laifang init" "import without users"
[ ! -e "$LAIFANG_DB" ] || [ "$(sqlite3 "$LAIFANG_DB" 'SELECT count(*) FROM case_file')" = 0 ] ||
	fail_batch "an import without a login wrote cases"

setup_db "$LAIFANG_DB"

step "without --user, nothing but check and permissions"
run "$LAIFANG" --lang en import "$DATA/three.csv"
expect_rc 1 "import without --user"
err_has "--user LOGIN" "import without --user"
run "$LAIFANG" --lang en export --format json
expect_rc 1 "export without --user"
[ ! -s "$OUT" ] || fail_batch "export without a login wrote: $(cat "$OUT")"
[ "$(sqlite3 "$LAIFANG_DB" 'SELECT count(*) FROM case_file')" = 0 ] || fail_batch "cases appeared"

step "import three Chinese rows (commas, quotes, newlines in fields)"
run as_clerk --lang en import "$DATA/three.csv"
expect_rc 0 "import three.csv"
out_has 2026-000001 "import"
out_has 2026-000003 "import"
[ ! -s "$ERR" ] || fail_batch "import of a clean file wrote to stderr: $(cat "$ERR")"

C1="反映小区电梯长期故障，物业以\"资金不足\"为由拒绝维修。
多次投诉无果，请求督促解决。"
C2="她说：\"孩子入学被拒，理由是户口不在片区\"，要求依法保障入学权利。"
C3="第一行，中文逗号,英文逗号
第二行
第三行：\"引号\"结束"

step "export json: every field as in the file"
assert_cases 3
assert_json 0 case_no 2026-000001
assert_json 0 receptionist "$CLERK_NAME" # empty in the file: the name of the user importing
assert_json 0 received_on 2026-11-23
assert_json 0 name 王建国
assert_json 0 sex 男
assert_json 0 phone 13912345678
assert_json 0 id_number 320102196803120031
assert_json 0 address "南京市玄武区中山路1号,3栋"
assert_json 0 content "$C1"
assert_json_raw 0 repeat false
assert_json 1 case_no 2026-000002
assert_json 1 receptionist 王敏
assert_json 1 received_on 2026-11-22
assert_json 1 name 陈美玲
assert_json 1 sex 女
assert_json 1 phone 028-86251234
assert_json 1 id_number 510107199008080246
assert_json 1 address 成都市武侯区人民南路四段12号
assert_json 1 content "$C2"
assert_json 2 case_no 2026-000003
assert_json 2 name 赵立
assert_json 2 phone ""
assert_json 2 address ""
assert_json 2 received_on 2026-11-21
assert_json 2 content "$C3"
for i in 0 1 2; do
	assert_json "$i" instruction ""
	assert_json "$i" handling ""
done
cp "$JSON" "$T/first.json"

step "export csv: BOM, Chinese column names, CRLF, RFC 4180 quoting"
run as_keeper export --format csv
expect_rc 0 "export --format csv"
cp "$OUT" "$T/export.csv"
[ "$(head -c 3 "$T/export.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] ||
	fail_batch "the CSV does not start with a UTF-8 BOM: $(head -c 16 "$T/export.csv" | od -c)"
header=$(head -n 1 "$T/export.csv" | tail -c +4)
# The ledger's columns (issue 15): the sheet's labels, made unique where
# the paper repeats one (签名, 日期), then what a 台账 needs; the JSON
# export keeps the field ids.
assert_eq "案件编号,接待人员,接待时间,来访人姓名,性别,联系电话,证件类型,身份证号码,单位或住址,信访内容,领导批示,领导批示签名,领导批示日期,牵头处室办理情况,处室负责人签名,办理情况日期,其他电话,来访形式,到访人数,代表2,代表2身份证号码,代表3,代表3身份证号码,代表4,代表4身份证号码,代表5,代表5身份证号码,候谈,重复来访,受理日期,状态,承办单位,办理期限,期限依据,办结日期,满意度,案件标识$CR" \
	"$header" "the CSV header"
file_has "$T/export.csv" ",\"南京市玄武区中山路1号,3栋\","
file_has "$T/export.csv" "\"反映小区电梯长期故障，物业以\"\"资金不足\"\"为由拒绝维修。"
file_has "$T/export.csv" "\"她说：\"\"孩子入学被拒，理由是户口不在片区\"\"，要求依法保障入学权利。\""
file_has "$T/export.csv" "第三行：\"\"引号\"\"结束\""
grep -q "^2026-000003," "$T/export.csv" || fail_batch "the case number opens its row: $(cat "$T/export.csv")"
# Every record ends in CRLF: 1 header + 3 records, whatever the line breaks
# inside quoted fields are.
n_crlf=$(grep -c "$CR\$" "$T/export.csv")
[ "$n_crlf" -ge 4 ] || fail_batch "expected CRLF record ends, found $n_crlf: $(od -c "$T/export.csv" | head -20)"
[ "$(tail -c 2 "$T/export.csv" | od -An -c | tr -d ' ')" = '\r\n' ] || fail_batch "the CSV does not end in CRLF"

step "the CSV export reads back into another database unchanged"
setup_db "$T/second.db"
run as_clerk --lang en --db "$T/second.db" import "$T/export.csv"
expect_rc 0 "import of the CSV export"
as_keeper --db "$T/second.db" export --format json >"$T/second.json" || fail_batch "export of the second database failed"
jq -e --slurpfile a "$T/first.json" '[.[] | del(.case_id)] == [$a[0][] | del(.case_id)]' "$T/second.json" >/dev/null ||
	fail_batch "the round trip through CSV changed something: $(diff "$T/first.json" "$T/second.json")"

step "the JSON export reads back too"
setup_db "$T/third.db"
run as_clerk --lang en --db "$T/third.db" import "$T/first.json"
expect_rc 0 "import of the JSON export"
as_keeper --db "$T/third.db" export --format json >"$T/third.json" || fail_batch "export of the third database failed"
jq -e --slurpfile a "$T/first.json" '[.[] | del(.case_id)] == [$a[0][] | del(.case_id)]' "$T/third.json" >/dev/null ||
	fail_batch "the round trip through JSON changed something: $(diff "$T/first.json" "$T/third.json")"

step "a bad row: exit 1, the row and the field named, nothing written"
setup_db "$T/bad.db"
run as_clerk --lang en --db "$T/bad.db" import "$DATA/bad_row2.csv"
expect_rc 1 "import of bad_row2.csv"
# The second data row is on line 3 of the file (line 1 is the header).
err_has "bad_row2.csv:3: 身份证号码 (id_number)" "import of bad_row2.csv"
grep -F "bad_row2.csv:3: 身份证号码" "$ERR" | grep -Eq '(^|[^0-9A-Za-z])6([^0-9A-Za-z]|$)' ||
	fail_batch "the error should name the expected check digit 6: $(cat "$ERR")"
! grep -Eq 'bad_row2.csv:(2|4):' "$ERR" || fail_batch "good rows were reported as bad: $(cat "$ERR")"
err_has "nothing was imported" "import of bad_row2.csv"
as_keeper --db "$T/bad.db" export --format json >"$T/bad.json" || fail_batch "export of the bad database failed"
[ "$(jq length "$T/bad.json")" = 0 ] || fail_batch "a refused import wrote cases: $(cat "$T/bad.json")"
# Into a database that has cases: they stay as they were, no number is used up.
run as_clerk --lang en import "$DATA/bad_row2.csv"
expect_rc 1 "import of bad_row2.csv into the first database"
assert_cases 3
run as_clerk --lang en import "$DATA/one_visit.csv"
expect_rc 0 "import of one_visit.csv"
out_has 2026-000004 "import of one_visit.csv after a refused import"
assert_cases 4

step "import - : the password line first, then the data"
{ printf '%s\n' "$CLERK_PW"; printf 'name,id_number,content\n周立,%s,反映噪音扰民\n' "$(id_number 44010419800101003)"; } |
	"$LAIFANG" --lang en --user "$CLERK_LOGIN" --password-stdin import - >"$OUT" 2>"$ERR"
RC=$?
expect_rc 0 "import - with --password-stdin"
out_has 2026-000005 "import -"
assert_cases 5
assert_json 4 receptionist "$CLERK_NAME"
assert_json 4 name 周立
assert_json 4 content 反映噪音扰民

step "check: clean database (no login needed)"
run "$LAIFANG" --lang en check
expect_rc 0 "laifang check on a clean database"
out_has "check: database is consistent" "check"

step "check: a case deleted behind laifang's back"
sqlite3 "$LAIFANG_DB" "PRAGMA foreign_keys=OFF;
DELETE FROM case_visitor WHERE case_id IN (SELECT id FROM case_file WHERE case_no='2026-000001');
DELETE FROM case_file WHERE case_no='2026-000001';" 2>"$T/sqlite.err" ||
	fail_batch "sqlite3 could not delete the case: $(cat "$T/sqlite.err")"
run "$LAIFANG" --lang en check
[ "$RC" -ne 0 ] || fail_batch "laifang check exited 0 after case 2026-000001 was deleted: $(cat "$OUT" "$ERR")"
expect_rc 1 "laifang check on a damaged database"
[ -s "$OUT" ] || [ -s "$ERR" ] || fail_batch "laifang check found a problem but said nothing"

pass
