#!/bin/sh
# Logins and sessions against someone who tries (issue 10): 40 wrong
# guesses at once from 40 processes lock the clerk after exactly five; a
# password typed into the login field is stored nowhere; a clerk whose
# account is deactivated while her desk is open cannot save - the desk
# says so, keeps the sheet as a draft and asks her to log in again; eight
# `init` at once on a new database make one administrator.
. "$(dirname "$0")/lib.sh"

lf_setup

step "40 wrong guesses at once from 40 processes"
i=0
while [ "$i" -lt 40 ]; do
	printf 'wrong-guess-%02d\n' "$i" |
		"$LAIFANG" --lang en --db "$LAIFANG_DB" --user "$CLERK_LOGIN" --password-stdin unit list \
			>"$T/guess.$i.out" 2>&1 &
	i=$((i + 1))
done
wait
locked=$(grep -l -F "locked" "$T"/guess.*.out | wc -l)
wrong=$(grep -L -F "locked" "$T"/guess.*.out | xargs grep -l -F "wrong login or password" | wc -l)
assert_eq 4 "$wrong" "guesses answered only 'wrong login or password'"
assert_eq 36 "$locked" "guesses answered 'locked'"
assert_eq 1 "$(grep -l -F "after 5 failed attempts" "$T"/guess.*.out | wc -l)" "answers naming the 5 attempts that locked"
assert_eq 5 "$(db_sql "SELECT failed_logins FROM app_user WHERE login = '$CLERK_LOGIN'")" \
	"failures counted for the clerk (each one a checked password)"

step "while locked the right password is refused too"
out=$(printf '%s\n' "$CLERK_PW" | "$LAIFANG" --lang en --db "$LAIFANG_DB" --user "$CLERK_LOGIN" \
	--password-stdin unit list 2>&1) && fail_batch "the locked clerk got in: $out"
case "$out" in *locked*) ;; *) fail_batch "expected the lock to be named: $out" ;; esac
lf_admin user unlock "$CLERK_LOGIN" >/dev/null 2>&1 || fail_batch "the administrator could not unlock the clerk"
out=$(lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en unit list 2>&1) || fail_batch "after unlock the clerk is still refused: $out"

step "a password typed into the login field is stored nowhere"
SECRET=clerksecret2026x
printf '%s\n' "$CLERK_PW" | "$LAIFANG" --lang en --db "$LAIFANG_DB" --user "$SECRET" --password-stdin unit list \
	>"$T/secret.out" 2>&1 && fail_batch "a login that is no user's got in"
grep -q -F "wrong login or password" "$T/secret.out" || fail_batch "unknown login: $(cat "$T/secret.out")"
lf_start --lang en
wait_for "Log in"
type_text "$SECRET"
keys Enter
type_text "$CLERK_PW"
keys Enter
wait_for "wrong login or password"
keys F10
wait_exit
db_sql ".dump" | grep -q -F "$SECRET" && fail_batch "the typed login is in the database: $(db_sql ".dump" | grep -F "$SECRET")"
for f in "$LAIFANG_DB" "$LAIFANG_DB-wal"; do
	[ -f "$f" ] || continue
	grep -q -a -F "$SECRET" "$f" && fail_batch "the typed login is in $f"
done
assert_eq 2 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'login.fail' AND record IS NULL")" \
	"failed logins of an unknown name in the log (without the name)"

step "the clerk types a sheet at her desk"
CONTENT=反映小区电梯停运三周无人维修。编号SX4T8
lf_start --lang en
lf_login "$CLERK_LOGIN" "$CLERK_PW"
wait_for "Today's registrations: 0"
keys F4
wait_sheet
type_text 赵建国
keys Tab Tab Tab
type_text "$(id_number 44010619800101123)"
keys Tab Tab
type_text "$CONTENT"
wait_for "编号SX4T8"

step "the administrator deactivates her from another terminal"
lf_admin user disable "$CLERK_LOGIN" >"$T/disable.out" 2>&1 || fail "user disable failed: $(cat "$T/disable.out")"

step "F2: the save is refused, nothing is written, the desk asks her to log in"
keys F2
wait_for "Log in again: your account has changed"
wait_for "deactivated"
assert_screen_has "type your password to go on"
assert_eq 0 "$(db_sql "SELECT count(*) FROM case_file")" "cases in the database after the refused save"
assert_eq 0 "$(db_sql "SELECT count(*) FROM audit_log WHERE login = '$CLERK_LOGIN' AND action NOT LIKE 'login.%'")" \
	"entries written as the clerk apart from her logins"
wait_draft SX4T8
assert_eq 600 "$(stat -c %a "$FOUND_FILE")" "the draft's file mode"

step "her password does not let a deactivated account go on"
type_text "$CLERK_PW"
keys Enter
wait_for "deactivated; ask an administrator"
assert_eq 0 "$(db_sql "SELECT count(*) FROM case_file")" "cases after trying to log in again"

step "F10 leaves; the sheet is kept as a draft"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "laifang's exit status"
wait_draft SX4T8

step "the command line refuses her too"
out=$(lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en unit list 2>&1) && fail_batch "a deactivated clerk ran a command: $out"
case "$out" in *deactivated*) ;; *) fail_batch "expected 'deactivated': $out" ;; esac

step "reactivated, she gets her sheet back and saves it"
lf_admin user enable "$CLERK_LOGIN" >/dev/null 2>&1 || fail_batch "user enable failed"
lf_start --lang en
lf_login "$CLERK_LOGIN" "$CLERK_PW"
wait_for "A registration sheet was being typed"
keys y
wait_sheet
wait_for "编号SX4T8"
keys F2
wait_for "Saved as case"
keys F10
wait_exit
assert_eq 1 "$(db_sql "SELECT count(*) FROM case_file")" "cases after the save"

step "a new password set by the administrator: her open desk asks for it"
NEW_PW=clerk-new-secret-2
lf_start --lang en
lf_login "$CLERK_LOGIN" "$CLERK_PW"
wait_for "Today's registrations"
keys F4
wait_sheet
type_text 钱学明
keys Tab Tab Tab
type_text "$(id_number 44010619800101125)"
keys Tab Tab
type_text 反映供水管道漏水。编号PW9K2
wait_for "编号PW9K2"
printf '%s\n%s\n' "$ADMIN_PW" "$NEW_PW" |
	"$LAIFANG" --db "$LAIFANG_DB" --user "$ADMIN_LOGIN" --password-stdin user passwd "$CLERK_LOGIN" \
		>"$T/passwd.out" 2>&1 || fail "user passwd failed: $(cat "$T/passwd.out")"
keys F2
wait_for "Log in again: your account has changed"
wait_for "password were changed"
assert_eq 1 "$(db_sql "SELECT count(*) FROM case_file")" "cases after the refused save"
type_text "$CLERK_PW"
keys Enter
wait_for "wrong login or password"
type_text "$NEW_PW"
keys Enter
wait_gone "Log in again: your account has changed"
wait_for "编号PW9K2"
keys F2
wait_for "Saved as case"
keys F10
wait_exit
assert_eq 2 "$(db_sql "SELECT count(*) FROM case_file")" "cases after logging in again and saving"

step "8 x init at once on a new database: one administrator"
NEWDB=$T/new/laifang.db
i=0
while [ "$i" -lt 8 ]; do
	(printf 'admin-secret-%d\n' "$i" |
		"$LAIFANG" --lang en --db "$NEWDB" init --admin "admin$i" --name "管理员$i" --password-stdin \
			>"$T/init.$i.out" 2>&1
	echo $? >"$T/init.$i.rc") &
	i=$((i + 1))
done
wait
made=$(grep -l -x 0 "$T"/init.*.rc | wc -l)
assert_eq 1 "$made" "init runs that made an administrator"
assert_eq 7 "$(grep -l -x 1 "$T"/init.*.rc | wc -l)" "init runs refused"
assert_eq 1 "$(sqlite3 -batch -noheader "$NEWDB" "SELECT count(*) FROM app_user")" "users in the new database"
assert_eq 1 "$(sqlite3 -batch -noheader "$NEWDB" "SELECT count(*) FROM audit_log WHERE action = 'user.add'")" \
	"user.add entries"

pass
