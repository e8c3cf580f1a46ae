#!/bin/sh
# The command line acts as a person: init creates the administrator, who
# adds units and users; every other command logs in (--user,
# --password-stdin) and core's permissions apply: a clerk may import but not
# export, a leader may not import, an administrator's export is audited.
# Checked through the output and in the database itself (sqlite3).
. "$(dirname "$0")/lib.sh"

OUT="$T/out"
ERR="$T/err"
ADMIN_PW='admin pass 1'
CLERK_PW=clerk-pass-1
LEADER_PW=leader-pass-1

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

out_empty() {
	[ ! -s "$OUT" ] || fail_batch "$1 wrote to standard output: $(cat "$OUT")"
}

# sql QUERY: one value from the database, read behind laifang's back.
sql() {
	sqlite3 "$LAIFANG_DB" "$1" 2>"$T/sqlite.err" || fail_batch "sqlite3 failed on [$1]: $(cat "$T/sqlite.err")"
}

assert_sql() {
	# assert_sql QUERY EXPECTED
	_v=$(sql "$1")
	[ "$_v" = "$2" ] || fail_batch "the database: [$1] gave [$_v], expected [$2]"
}

# as LOGIN PASSWORD ARG...: laifang as LOGIN, the password on stdin's first line.
as() {
	_login=$1 _pw=$2
	shift 2
	printf '%s\n' "$_pw" | "$LAIFANG" --lang en --user "$_login" --password-stdin "$@"
}

# col LINE TEXT: the display column where TEXT starts in LINE (empty if absent).
col() {
	case "$1" in
	*"$2"*) text_width "${1%%"$2"*}" ;;
	*) echo "" ;;
	esac
}

# row_of START: the line of $OUT that starts with the word START.
row_of() {
	grep -E "^$1( |\$)" "$OUT" | head -n 1
}

step "init with --password-stdin creates the administrator"
run sh -c 'printf "%s\n" "$1" | "$LAIFANG" --lang en init --admin admin --name 张管理 --password-stdin' sh "$ADMIN_PW"
expect_rc 0 "init"
out_has "administrator admin created" "init"
[ ! -s "$ERR" ] || fail_batch "init wrote to stderr: $(cat "$ERR")"
assert_sql "SELECT count(*) FROM app_user" 1
assert_sql "SELECT login || '|' || name || '|' || roles || '|' || active FROM app_user" "admin|张管理|32|1"
assert_sql "SELECT substr(password_hash, 1, 10) FROM app_user" '$argon2id$'
assert_sql "SELECT count(*) FROM audit_log WHERE action = 'user.add'" 1
[ "$(stat -c %a "$LAIFANG_DB")" = 600 ] || fail_batch "the database is mode $(stat -c %a "$LAIFANG_DB"), not 600"

step "init only once; --password-stdin needs --admin and --name"
run sh -c 'printf "other-pass-1\n" | "$LAIFANG" --lang en init --admin other --name 李四 --password-stdin'
expect_rc 1 "a second init"
err_has "already has users" "a second init"
run sh -c 'printf "other-pass-1\n" | "$LAIFANG" --lang en init --password-stdin'
expect_rc 2 "init --password-stdin without --admin"
assert_sql "SELECT count(*) FROM app_user" 1

step "units: add and list"
run as admin "$ADMIN_PW" unit add 信访局办公室 --kind department
expect_rc 0 "unit add department"
out_has "unit 信访局办公室 added" "unit add"
run as admin "$ADMIN_PW" unit add 市公安局 --kind peer
expect_rc 0 "unit add peer"
run as admin "$ADMIN_PW" unit add 市纪委监委 --kind agency
expect_rc 1 "unit add with an unknown kind"
run as admin "$ADMIN_PW" unit add 市公安局 --kind peer
expect_rc 1 "the same unit twice"
assert_sql "SELECT group_concat(name || ':' || kind, ',') FROM (SELECT * FROM unit ORDER BY name) u" \
	"信访局办公室:department,市公安局:peer"
run as admin "$ADMIN_PW" unit list
expect_rc 0 "unit list"
[ "$(wc -l <"$OUT")" -eq 3 ] || fail_batch "unit list: expected a header and two units: $(cat "$OUT")"
c_kind=$(col "$(row_of Unit)" Kind)
[ -n "$c_kind" ] && [ "$(col "$(row_of 信访局办公室)" department)" = "$c_kind" ] &&
	[ "$(col "$(row_of 市公安局)" peer)" = "$c_kind" ] || fail_batch "unit list columns are not aligned: $(cat "$OUT")"

step "users: a clerk and a leader"
run sh -c 'printf "%s\n%s\n" "$1" "$2" | "$LAIFANG" --lang en --user admin --password-stdin user add wangfang --name 王芳 --roles clerk --unit 信访局办公室' \
	sh "$ADMIN_PW" "$CLERK_PW"
expect_rc 0 "user add wangfang"
out_has "user wangfang added" "user add"
[ ! -s "$ERR" ] || fail_batch "user add wrote to stderr: $(cat "$ERR")"
run sh -c 'printf "%s\n%s\n" "$1" "$2" | "$LAIFANG" --lang en --user admin --password-stdin user add zhaoli --name 赵丽 --roles leader --title 副局长' \
	sh "$ADMIN_PW" "$LEADER_PW"
expect_rc 0 "user add zhaoli"
assert_sql "SELECT u.name || '|' || u.roles || '|' || n.name FROM app_user u JOIN unit n ON n.id = u.unit_id WHERE login = 'wangfang'" \
	"王芳|1|信访局办公室"
assert_sql "SELECT name || '|' || roles || '|' || title || '|' || coalesce(unit_id, '-') FROM app_user WHERE login = 'zhaoli'" \
	"赵丽|2|副局长|-"
run sh -c 'printf "%s\n%s\n" "$1" "x-pass-123" | "$LAIFANG" --lang en --user admin --password-stdin user add lisi --name 李四 --roles clerk,boss' \
	sh "$ADMIN_PW"
expect_rc 1 "user add with an unknown role"
err_has boss "user add --roles clerk,boss"
assert_sql "SELECT count(*) FROM app_user" 3

step "user list: one aligned row per user"
run as admin "$ADMIN_PW" user list
expect_rc 0 "user list"
[ "$(wc -l <"$OUT")" -eq 4 ] || fail_batch "user list: expected a header and three users: $(cat "$OUT")"
head=$(row_of Login)
for c in Name Title Unit Roles Active Locked; do
	[ -n "$(col "$head" "$c")" ] || fail_batch "user list: no column $c: $head"
done
row=$(row_of wangfang)
assert_eq "$(col "$head" Name)" "$(col "$row" 王芳)" "user list: 王芳 under Name"
assert_eq "$(col "$head" Unit)" "$(col "$row" 信访局办公室)" "user list: the unit under Unit"
assert_eq "$(col "$head" Roles)" "$(col "$row" clerk)" "user list: clerk under Roles"
row=$(row_of zhaoli)
assert_eq "$(col "$head" Name)" "$(col "$row" 赵丽)" "user list: 赵丽 under Name"
assert_eq "$(col "$head" Title)" "$(col "$row" 副局长)" "user list: 副局长 under Title"
assert_eq "$(col "$head" Roles)" "$(col "$row" leader)" "user list: leader under Roles"
assert_eq "$(col "$head" Active)" "$(col "$row" yes)" "user list: yes under Active"
grep -q -F -e "$CLERK_PW" -e argon2 "$OUT" && fail_batch "user list shows a password or its hash: $(cat "$OUT")"

step "a wrong password: exit 1, nothing done, the attempt audited"
run as admin wrong-password user list
expect_rc 1 "a wrong password"
out_empty "a refused login"
err_has "laifang: " "a wrong password"
assert_sql "SELECT count(*) FROM audit_log WHERE action = 'login.fail' AND record = (SELECT id FROM app_user WHERE login = 'admin')" 1
run "$LAIFANG" --lang en user list
expect_rc 1 "user list without --user"
err_has "--user" "user list without --user"
out_empty "user list without --user"
run as wangfang "$CLERK_PW" user list
expect_rc 1 "a clerk's user list"
out_empty "a clerk's user list"

step "a clerk's export is refused: nothing written, no file"
run as wangfang "$CLERK_PW" export --format json --output "$T/clerk.json"
expect_rc 1 "a clerk's export to a file"
out_empty "a clerk's export"
err_has "laifang: " "a clerk's export"
[ ! -e "$T/clerk.json" ] || fail_batch "a refused export created $T/clerk.json"
ls "$T" | grep -q clerk.json && fail_batch "a refused export left a file: $(ls "$T")"
run as wangfang "$CLERK_PW" export --format csv
expect_rc 1 "a clerk's export to standard output"
out_empty "a clerk's export to standard output"
assert_sql "SELECT count(*) FROM audit_log WHERE action = 'export'" 0

step "a leader may not import"
run as zhaoli "$LEADER_PW" import "$DATA/three.csv"
expect_rc 1 "a leader's import"
out_empty "a leader's import"
assert_sql "SELECT count(*) FROM case_file" 0

step "the clerk imports; an empty 接待人员 becomes her name"
run as wangfang "$CLERK_PW" import "$DATA/three.csv"
expect_rc 0 "the clerk's import"
out_has 2026-000003 "the clerk's import"
assert_sql "SELECT count(*) FROM case_file" 3
assert_sql "SELECT count(*) FROM audit_log WHERE action = 'case.register' AND login = 'wangfang'" 3

step "the administrator's export: a file of mode 0600, audited"
run as admin "$ADMIN_PW" export --format json --output "$T/all.json"
expect_rc 0 "the administrator's export"
out_has "exported 3 case(s) to $T/all.json" "export --output"
[ "$(stat -c %a "$T/all.json")" = 600 ] || fail_batch "the export is mode $(stat -c %a "$T/all.json"), not 600"
[ "$(jq length "$T/all.json")" = 3 ] || fail_batch "the export does not hold 3 cases: $(cat "$T/all.json")"
[ "$(jq -r '.[0].receptionist' "$T/all.json")" = 王芳 ] || fail_batch "receptionist: $(jq '.[0].receptionist' "$T/all.json")"
[ "$(jq -r '.[1].receptionist' "$T/all.json")" = 王敏 ] || fail_batch "a receptionist in the file was replaced"
assert_sql "SELECT count(*) FROM audit_log WHERE action = 'export' AND login = 'admin'" 1
assert_sql "SELECT json_extract(changes, '\$.format') || '|' || json_extract(changes, '\$.count') FROM audit_log WHERE action = 'export'" "json|3"
run as admin "$ADMIN_PW" export --format csv
expect_rc 0 "export to standard output"
[ "$(head -c 3 "$OUT" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail_batch "the CSV export to stdout has no BOM"
assert_sql "SELECT count(*) FROM audit_log WHERE action = 'export'" 2

step "user passwd, disable, enable"
run sh -c 'printf "%s\n%s\n" "$1" "new-leader-pw" | "$LAIFANG" --lang en --user admin --password-stdin user passwd zhaoli' sh "$ADMIN_PW"
expect_rc 0 "user passwd"
run as zhaoli "$LEADER_PW" config list
expect_rc 1 "the old password"
run as zhaoli new-leader-pw config list
expect_rc 0 "the new password"
out_has lockout_failures "config list"
run as admin "$ADMIN_PW" user disable zhaoli
expect_rc 0 "user disable"
assert_sql "SELECT active FROM app_user WHERE login = 'zhaoli'" 0
run as zhaoli new-leader-pw config list
expect_rc 1 "a disabled user"
run as admin "$ADMIN_PW" user enable zhaoli
expect_rc 0 "user enable"
run as zhaoli new-leader-pw config list
expect_rc 0 "an enabled user again"

step "config set lockout_failures 3: three wrong passwords lock; user unlock"
run as wangfang "$CLERK_PW" config set lockout_failures 3
expect_rc 1 "a clerk's config set"
run as admin "$ADMIN_PW" config set lockout_failures 3
expect_rc 0 "config set"
assert_sql "SELECT value FROM setting WHERE key = 'lockout_failures'" 3
for i in 1 2 3; do
	run as wangfang wrong-pass-$i config list
	expect_rc 1 "wrong password $i"
done
run as wangfang "$CLERK_PW" config list
expect_rc 1 "a locked account with the right password"
err_has "locked" "a locked account"
run as admin "$ADMIN_PW" user list
locked=$(col "$(row_of Login)" Locked)
assert_eq "$locked" "$(col "$(row_of wangfang)" 2026-)" "user list: the lock's end under Locked"
run as admin "$ADMIN_PW" user unlock wangfang
expect_rc 0 "user unlock"
run as wangfang "$CLERK_PW" config list
expect_rc 0 "the clerk after unlock"

step "no password anywhere in the database; the audit chain holds"
for pw in "$ADMIN_PW" "$CLERK_PW" "$LEADER_PW" new-leader-pw wrong-password; do
	sqlite3 "$LAIFANG_DB" .dump | grep -q -F -- "$pw" && fail_batch "the database holds the password \"$pw\""
done
run "$LAIFANG" --lang en check
expect_rc 0 "check"
run "$LAIFANG" --lang en permissions
expect_rc 0 "permissions (no login)"
out_has "| export cases (\`export\`) |" "permissions"

step "init and --user at a terminal: asked, the passwords without echo"
TTY_DB="$T/tty.db"
# laifang's standard output to a file: tmux may drop what a program prints
# just before it exits. The questions go to standard error (lf_start keeps
# it in a file); the answers are typed at the terminal.
printf '#!/bin/sh\nexec "%s" "$@" >"%s"\n' "$LAIFANG" "$T/tty.out" >"$T/to_file"
chmod +x "$T/to_file"
REAL_LAIFANG=$LAIFANG
LAIFANG=$T/to_file

lf_start --lang en --db "$TTY_DB" init
wait_file "$STDERR_FILE" 10 "Administrator's login"
type_text root
keys Enter
wait_file "$STDERR_FILE" 10 "Full name"
type_text 张管理
wait_for 张管理 # echoed: not a password
keys Enter
wait_file "$STDERR_FILE" 10 "New password for root"
type_text 'tty-pass-12'
assert_screen_lacks tty-pass-12
keys Enter
wait_file "$STDERR_FILE" 10 "The same password again"
type_text 'tty-pass-12'
keys Enter
wait_exit
[ "$EXIT_STATUS" = 0 ] || fail "interactive init exited $EXIT_STATUS: $(cat "$STDERR_FILE")"
grep -q -F "administrator root created" "$T/tty.out" || fail "interactive init said: $(cat "$T/tty.out")"
assert_eq "root|张管理|32" "$(sqlite3 "$TTY_DB" "SELECT login || '|' || name || '|' || roles FROM app_user")" "the interactive init"

lf_start --lang en --db "$TTY_DB" --user root unit list
wait_file "$STDERR_FILE" 10 "Password for root"
type_text 'tty-pass-12'
assert_screen_lacks tty-pass-12
keys Enter
wait_exit
[ "$EXIT_STATUS" = 0 ] || fail "unit list after a password at the terminal exited $EXIT_STATUS: $(cat "$STDERR_FILE")"
grep -q "^Unit  *Kind" "$T/tty.out" || fail "unit list printed: $(cat "$T/tty.out")"

# Two different new passwords: nothing changes.
lf_start --lang en --db "$TTY_DB" --user root user passwd root
wait_file "$STDERR_FILE" 10 "Password for root"
type_text 'tty-pass-12'
keys Enter
wait_file "$STDERR_FILE" 10 "New password for root"
type_text 'other-pass-1'
keys Enter
wait_file "$STDERR_FILE" 10 "The same password again"
type_text 'other-pass-2'
keys Enter
wait_exit
[ "$EXIT_STATUS" = 1 ] || fail "two different new passwords: exit $EXIT_STATUS, expected 1"
grep -q -F "the two passwords differ" "$STDERR_FILE" || fail "no word about the two passwords: $(cat "$STDERR_FILE")"
LAIFANG=$REAL_LAIFANG
run sh -c 'printf "tty-pass-12\n" | "$LAIFANG" --db "$1" --user root --password-stdin unit list' sh "$TTY_DB"
expect_rc 0 "the old password still works"

pass
