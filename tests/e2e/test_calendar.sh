#!/bin/sh
# An office adds a new year's holiday arrangement: laifang calendar import.
# The days land in the database, a deadline counted across them moves, a bad
# line is named and nothing of its file is added, a clerk is refused.
. "$(dirname "$0")/lib.sh"

OUT="$T/out"
ERR="$T/err"
lf_setup

step "a 2027 arrangement (an invented Spring Festival week)"
printf 'date\tkind\tname\n2027-02-06\tholiday\t春节\n2027-02-07\tholiday\t春节\n2027-02-08\tholiday\t春节\n2027-02-13\tworkday\t春节\n' >"$T/2027.tsv"
lf_admin --lang en calendar import "$T/2027.tsv" >"$OUT" 2>"$ERR" ||
	fail_batch "calendar import failed: $(cat "$ERR")"
grep -q "4 days added" "$OUT" || fail_batch "expected \"4 days added\": $(cat "$OUT")"
grep -q "up to 2027" "$OUT" || fail_batch "expected the calendar to reach 2027: $(cat "$OUT")"
[ "$(db_sql "SELECT count(*) FROM calendar_day")" = 4 ] || fail_batch "calendar_day should hold 4 days"
[ "$(db_sql "SELECT kind FROM calendar_day WHERE day = '2027-02-13'")" = workday ] ||
	fail_batch "2027-02-13 should be a make-up working day"
[ "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'calendar.day'")" = 4 ] ||
	fail_batch "each imported day should be audited"

step "a bad line: named, nothing added"
printf 'date\tkind\tname\n2027-04-05\tholiday\t清明节\n2027-02-30\tholiday\t春节\n' >"$T/bad.tsv"
lf_admin --lang en calendar import "$T/bad.tsv" >"$OUT" 2>"$ERR"
rc=$?
[ "$rc" = 1 ] || fail_batch "a bad file should exit 1, got $rc"
grep -q "line 3" "$ERR" || fail_batch "the error should name line 3: $(cat "$ERR")"
grep -q "2027-02-30" "$ERR" || fail_batch "the error should quote the bad date: $(cat "$ERR")"
[ "$(db_sql "SELECT count(*) FROM calendar_day")" = 4 ] || fail_batch "nothing of a bad file may be added"

step "a clerk may not change the calendar"
lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en calendar import "$T/2027.tsv" >"$OUT" 2>"$ERR"
rc=$?
[ "$rc" = 1 ] || fail_batch "a clerk's import should exit 1, got $rc"
grep -q "not allowed" "$ERR" || fail_batch "expected a refusal: $(cat "$ERR")"

step "a missing file"
lf_admin --lang en calendar import "$T/none.tsv" >"$OUT" 2>"$ERR"
rc=$?
[ "$rc" = 2 ] || fail_batch "a missing file should exit 2, got $rc"
grep -q "none.tsv" "$ERR" || fail_batch "the error should name the file: $(cat "$ERR")"

pass
