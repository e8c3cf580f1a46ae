#!/bin/sh
# The administrator at the screens (issue 3): on a database that holds only
# the administrator, she adds a unit, then a clerk and a leader through the
# users screen (unit picker, role checklist, password twice without echo; a
# refusal keeps what was typed), deactivates one, sets a new password; the
# database holds each with the right roles and an argon2id hash, the audit
# log has an entry for each, and the audit screen shows them. The new clerk
# then logs in with the password typed on the screen.
. "$(dirname "$0")/lib.sh"

UNIT=信访接待科
CLERK=wangfang
CLERK_N=王芳
CLERK_P=wangfang-pw-1
CLERK_P2=wangfang-pw-2
LEAD=liming
LEAD_N=李明
LEAD_T=副局长
LEAD_P=liming-pw-1

step "a database with only the administrator (laifang init)"
printf '%s\n' "$ADMIN_PW" |
	"$LAIFANG" --db "$LAIFANG_DB" init --admin "$ADMIN_LOGIN" --name "$ADMIN_NAME" --password-stdin \
		>"$T/init.out" 2>&1 || fail_batch "laifang init --admin failed: $(cat "$T/init.out")"
USERS_MADE=1
assert_eq 1 "$(db_sql "SELECT count(*) FROM app_user")" "users after init"

step "the administrator logs in; F9 → users"
lf_start_as "$ADMIN_LOGIN" "$ADMIN_PW" --lang en
keys F9
wait_for "Users"
keys Enter
wait_for "Users: 1"
assert_row_has "$ADMIN_NAME" "$ADMIN_LOGIN"
assert_row_has "$ADMIN_NAME" administrator
assert_row_has "$ADMIN_NAME" active
wait_line 23 F3
assert_column Login Login 1
assert_column Login Roles 51

step "F4 → units; F3 adds a department"
keys F4
wait_for "Units: 0"
keys F3
wait_for "Add a unit"
type_text "$UNIT"
keys Enter # to the kind (a choice: department first)
wait_row_with Kind "department of this office"
keys Right
wait_row_with Kind "agency at the same level"
keys Left
wait_row_with Kind "department of this office"
keys Enter # the last field: saves
wait_for "Unit $UNIT added."
wait_for "Units: 1"
assert_row_has "$UNIT" "department of this office"
assert_eq department "$(db_sql "SELECT kind FROM unit WHERE name = '$UNIT'")" "the unit's kind"
keys Escape
wait_for "Users: 1"

step "F3 adds the clerk: unit from the picker, role from the checklist"
keys F3
wait_for "Add a user"
type_text "$CLERK"
keys Tab
type_text "$CLERK_N"
keys Tab Tab # past 职务, to the unit
keys Enter
wait_for "(none)"
keys Down Enter
wait_row_with Unit "$UNIT"
keys Tab # roles
keys Space
wait_for "[ ] reception clerk"
keys Space
wait_for "[x] reception clerk"
keys Enter
wait_row_with Roles "reception clerk"
keys Tab
type_text "$CLERK_P"
keys Tab
type_text "not-the-same"
keys Enter
wait_for "The two passwords differ"
# Refused: nothing typed is lost, no password is on the screen.
assert_row_has Login "$CLERK"
assert_row_has Name "$CLERK_N"
assert_row_has Unit "$UNIT"
assert_screen_lacks "$CLERK_P"
assert_screen_lacks not-the-same
assert_eq 1 "$(db_sql "SELECT count(*) FROM app_user")" "users after a refused add"
keys C-u # the cursor is on the second password: clear it, type it again
type_text "$CLERK_P"
keys Enter
wait_for "User $CLERK_N ($CLERK) added."
wait_for "Users: 2"
assert_row_has "$CLERK" "$CLERK_N"
assert_row_has "$CLERK" "$UNIT"
assert_row_has "$CLERK" "reception clerk"
assert_row_has "$CLERK" active

step "F3 adds the leader (职务 副局长); a taken login is refused first"
keys F3
wait_for "Add a user"
type_text "$CLERK"
keys Tab
type_text "$LEAD_N"
keys Tab
type_text "$LEAD_T"
keys Tab Tab Space Down Space Enter
wait_row_with Roles "leader on duty"
keys Tab
type_text "$LEAD_P"
keys Tab
type_text "$LEAD_P"
keys F2
wait_for "already taken"
assert_row_has Title "$LEAD_T"
# The cursor went back to the login: replace it.
keys C-u
type_text "$LEAD"
keys F2
wait_for "User $LEAD_N ($LEAD) added."
wait_for "Users: 3"
assert_row_has "$LEAD" "$LEAD_N"
assert_row_has "$LEAD" "$LEAD_T"
assert_row_has "$LEAD" "leader on duty"
# Chinese text lines up: the title column starts at 25 on every row.
assert_column "$LEAD" "$LEAD_T" 25
assert_column "$LEAD" "$LEAD_N" 14
assert_column "$CLERK" "$CLERK_N" 14
assert_column "$CLERK" "$UNIT" 36

step "the database: roles masks, argon2id hashes, title, unit, audit entries"
assert_eq 1 "$(db_sql "SELECT roles FROM app_user WHERE login = '$CLERK'")" "the clerk's roles mask"
assert_eq 2 "$(db_sql "SELECT roles FROM app_user WHERE login = '$LEAD'")" "the leader's roles mask"
assert_eq "$CLERK_N" "$(db_sql "SELECT name FROM app_user WHERE login = '$CLERK'")" "the clerk's name"
assert_eq "$LEAD_T" "$(db_sql "SELECT title FROM app_user WHERE login = '$LEAD'")" "the leader's title"
assert_eq "$UNIT" "$(db_sql "SELECT u.name FROM app_user a JOIN unit u ON u.id = a.unit_id WHERE a.login = '$CLERK'")" \
	"the clerk's unit"
assert_eq 2 "$(db_sql "SELECT count(*) FROM app_user WHERE login IN ('$CLERK', '$LEAD') AND password_hash LIKE '\$argon2id\$%'")" \
	"argon2id hashes of the two new users"
assert_eq 0 "$(db_sql "SELECT count(*) FROM app_user WHERE password_hash LIKE '%$CLERK_P%' OR password_hash LIKE '%$LEAD_P%'")" \
	"no password in the clear"
assert_eq 2 "$(db_sql "SELECT count(*) FROM audit_log l JOIN app_user a ON a.id = l.record WHERE l.action = 'user.add' AND l.login = '$ADMIN_LOGIN' AND a.login IN ('$CLERK', '$LEAD')")" \
	"user.add entries by the administrator for the two users"
assert_eq 1 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'unit.add'")" "unit.add entries"
assert_eq 0 "$(db_sql "SELECT count(*) FROM audit_log WHERE changes LIKE '%$CLERK_P%' OR changes LIKE '%$LEAD_P%'")" \
	"passwords in the audit log"

step "F7 deactivates the leader (asked first)"
keys Home
wait_line 3 "$ADMIN_LOGIN"
keys Down
wait_line 4 "$LEAD"
keys F7
wait_for "Deactivate $LEAD_N ($LEAD)?"
keys n
wait_gone "Deactivate $LEAD_N"
assert_eq 1 "$(db_sql "SELECT active FROM app_user WHERE login = '$LEAD'")" "the leader after answering no"
keys F7
wait_for "Deactivate $LEAD_N ($LEAD)?"
keys y
wait_for "$LEAD is deactivated."
wait_row_with "$LEAD" inactive
assert_eq 0 "$(db_sql "SELECT active FROM app_user WHERE login = '$LEAD'")" "the leader's active flag"
assert_eq 1 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'user.disable'")" "user.disable entries"
assert_eq 1 "$(db_sql "SELECT roles FROM app_user WHERE login = '$CLERK'")" "the clerk, untouched"

step "F5 sets a new password for the clerk"
keys Down
wait_line 5 "$CLERK"
_old=$(db_sql "SELECT password_hash FROM app_user WHERE login = '$CLERK'")
keys F5
wait_for "New password"
assert_row_has Login "$CLERK"
type_text "$CLERK_P2"
keys Tab
type_text "$CLERK_P2"
keys Enter
wait_for "A new password is set for $CLERK_N ($CLERK)."
_new=$(db_sql "SELECT password_hash FROM app_user WHERE login = '$CLERK'")
[ "$_new" != "$_old" ] || fail "the clerk's password hash did not change"
case "$_new" in '$argon2id$'*) ;; *) fail "the new hash is not argon2id: $_new" ;; esac
assert_eq 1 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'user.password'")" "user.password entries"

step "Esc → home; F8 → the audit log shows the entries, newest first"
keys Escape
wait_for "Today's registrations"
keys F8
wait_for "audit log"
wait_for user.add
assert_row_has user.password "$CLERK"
assert_row_has user.disable "$LEAD"
assert_row_has user.disable "$ADMIN_LOGIN"
assert_row_has unit.add "$UNIT"
assert_column user.disable user.disable 35
# Newest first: the password change (the last write) is on the first row.
wait_line 3 user.password
# init's administrator (by "system"), then the two added on the screen.
_adds=$(screen | grep -c -F user.add)
assert_eq 3 "$_adds" "user.add rows on the audit screen"
assert_row_has "login=$CLERK" "$ADMIN_LOGIN      user.add      $CLERK"
assert_row_has "login=$LEAD" "$ADMIN_LOGIN      user.add      $LEAD"
assert_row_has "login=$ADMIN_LOGIN" "system     user.add"

step "Enter shows one entry in full"
keys Enter
wait_for "Audit entry"
assert_screen_has "Hash:"
assert_screen_has "Previous hash:"
keys Escape
wait_gone "Audit entry"

step "F3 filters by user and day"
keys F3
wait_for "Filter the audit log"
keys Tab
type_text "$CLERK"
keys Enter Enter
wait_for "No entry matches."
keys F3
wait_for "Filter the audit log"
keys Tab C-u
type_text "$ADMIN_LOGIN"
keys Tab
type_text 2026-11-2x
keys Enter
wait_for "a date like"
keys C-u
type_text "$TODAY"
keys Enter
wait_for user.add
assert_screen_has "user $ADMIN_LOGIN"

keys Escape
wait_for "Today's registrations"

step "F10 quits"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "laifang's exit status"
assert_check_clean

step "the new clerk logs in with the password set on the screen"
lf_start --lang en
lf_login "$CLERK" "$CLERK_P2"
wait_for "Today's registrations"
wait_line 0 "$CLERK_N"
keys F10
wait_exit

step "the audit screen pages by key both ways, holding only the rows near the view"
# 250 more entries, written behind laifang's back (so `check` would now
# fail: this comes last). 18 rows in view at 80x24, a page of 17; the
# header names the first and the last entry in view.
_head=$(db_sql "SELECT max(seq) FROM audit_log")
db_sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 250)
	INSERT INTO audit_log (seq, at, user_id, login, action, record, changes, hash)
	SELECT $_head + i, '2026-11-24T08:00:00+08:00', NULL, 'system', 'setting.set', 'k' || i,
	       '{\"value\":\"' || i || '\"}', '' FROM n;
	UPDATE audit_head SET seq = $_head + 250" || fail_batch "could not add audit rows"
assert_eq 1 "$(db_sql "SELECT min(seq) FROM audit_log")" "the log's first entry"
lf_start_as "$ADMIN_LOGIN" "$ADMIN_PW" --lang en
keys F8
_top=$((_head + 251)) # and the administrator's login.ok
wait_for "Entries No. $_top to $((_top - 17)) (the newest)"
wait_line 3 "$_top"
keys PgDn PgDn PgDn PgDn PgDn PgDn # past the rows first read: one page read each time
wait_for "Entries No. $((_top - 85)) to $((_top - 102))"
assert_screen_lacks "(the newest)"
keys End
wait_for "Entries No. 18 to 1 (the oldest)"
# The oldest entry, init's administrator, is the last row.
wait_row_with "login=$ADMIN_LOGIN" "system     user.add"
keys PgUp PgUp # the second runs past the rows End read: the page above is read
wait_for "Entries No. 35 to 18"
keys Home
wait_line 3 "$_top"
wait_for "(the newest)"
keys Up
wait_line 3 "$_top"
keys F10
wait_exit

step "a log past 99,999 entries: the numbers shown whole, the columns in line"
# An office of a million cases has millions of entries; the number column
# grows with the newest number instead of cutting it ("12345…").
db_sql "INSERT INTO audit_log (seq, at, user_id, login, action, record, changes, hash)
	VALUES (1234567, '2026-11-24T09:00:00+08:00', NULL, 'system', 'setting.set', 'big', '{}', '');
	UPDATE audit_head SET seq = 1234567" || fail_batch "could not add a far entry"
lf_start_as "$ADMIN_LOGIN" "$ADMIN_PW" --lang en
keys F8
wait_for "Entries No. 1234568 to"
wait_line 3 "1234568 "
wait_line 4 "1234567 2026-11-24 09:00 system"
wait_line 5 "$(printf '%-7s 2026-' "$_top")"
wait_line 2 "No.     Time"
keys F10
wait_exit

pass
