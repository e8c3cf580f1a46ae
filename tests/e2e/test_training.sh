#!/bin/sh
# A training database dates its cases on its own day, says so on every
# screen, and leaves the moment of logins, lock-outs and audit entries to
# the real clock. The environment moves nothing: LAIFANG_TODAY, which once
# moved the date, is ignored by a production database and a training one.
E2E_CLOCK=now # dates below are computed from the clock
. "$(dirname "$0")/lib.sh"

export LAIFANG_TODAY=2001-01-01 # an old habit: must change nothing
DAY=2024-03-01
LF_INIT_ARGS="--training $DAY"
lf_setup
grep -q "$DAY" "$T/init.out" || fail_batch "init did not say the database is for training: $(cat "$T/init.out")"

step "the login screen and the sheet carry the training day"
lf_start --lang en
wait_for "TRAINING $DAY"
lf_login "$CLERK_LOGIN" "$CLERK_PW"
wait_for "Today's registrations"
assert_screen_has "TRAINING $DAY"
keys F4
wait_sheet
assert_row_has 接待时间 "$DAY"
assert_screen_has "TRAINING $DAY"
type_text 培训甲
keys Tab Tab Tab
type_text "$(id_number 11010519800101001)"
keys Tab Tab
type_text 培训用的信访内容
keys F2
wait_for "Saved as case 2024-000001"
keys F10
wait_exit

step "the case is dated the training day, the audit log today"
assert_sql_eq() { assert_eq "$2" "$(db_sql "$1")" "$1"; }
db_export
assert_json 0 received_on "$DAY"
assert_json 0 case_no 2024-000001
assert_sql_eq "SELECT count(*) FROM audit_log WHERE action = 'case.register' AND at LIKE '$TODAY%'" 1

step "a lock-out runs on the real clock"
for i in 1 2 3 4 5; do
	printf 'wrong-%s\n' "$i" | "$LAIFANG" --lang en --db "$LAIFANG_DB" --user "$CLERK_LOGIN" --password-stdin user list \
		>/dev/null 2>&1
done
until=$(db_sql "SELECT locked_until FROM app_user WHERE login = '$CLERK_LOGIN'")
case "$until" in
"$TODAY"T* | "$(date -d "$TODAY + 1 day" +%F)"T*) ;;
*) fail "locked until '$until': not the real clock's today ($TODAY)" ;;
esac

step "config cannot turn the training day on or off"
out=$(lf_admin --lang en config set training_date 2020-01-01 2>&1) && fail "config set training_date was accepted: $out"
assert_sql_eq "SELECT value FROM setting WHERE key = 'training_date'" "$DAY"

step "a production database ignores LAIFANG_TODAY"
LAIFANG_DB="$T/production.db"
LF_INIT_ARGS=
lf_setup
printf '%s\n' "$CLERK_PW" | "$LAIFANG" --lang en --db "$LAIFANG_DB" --user "$CLERK_LOGIN" --password-stdin \
	import "$DATA/one_visit.csv" >"$T/import.out" 2>&1 || fail_batch "import failed: $(cat "$T/import.out")"
created=$(db_sql "SELECT created_at FROM case_file")
case "$created" in "$TODAY"T*) ;; *) fail "the imported case was created at '$created', not today ($TODAY)" ;; esac
n=$(db_sql "SELECT count(*) FROM setting WHERE key = 'training_date'")
assert_eq 0 "$n" "a training day in the production database"
pass
