#!/bin/sh
# The urgent / major flags (紧急, 重大) from two desks: the supervisor's
# flags form shows both flags as they were when it opened; meanwhile another
# desk marks the case urgent; the supervisor then marks it major and saves.
# The form sends only the flag the person changed, so the other desk's
# urgent stays (it once sent both, and undid it). Saving the form unchanged
# says so and writes nothing.
. "$(dirname "$0")/lib.sh"

lf_setup_office
step "one visit, imported"
lf_import_csv "$DATA/one_visit.csv"
assert_case 2026-000001 urgent 0
assert_case 2026-000001 major 0

step "desk A: the supervisor opens the case's flags form (both no)"
lf_start_as "$SUP_LOGIN" "$SUP_PW" --lang en
lf_open_queue "awaiting screening"
wait_line 3 2026-000001
keys Enter
wait_for "群众来访登记表  2026-000001"
keys F7
menu_pick "urgent / major flags"
wait_row_with "Urgent" "no"
wait_row_with "Major" "no"

step "another desk marks the case urgent meanwhile"
lf_as "$SUP_LOGIN" "$SUP_PW" case flag 2026-000001 --urgent yes >"$T/flag.out" 2>&1 ||
	fail_batch "case flag failed: $(cat "$T/flag.out")"
assert_case 2026-000001 urgent 1

step "desk A marks it major and saves: urgent stays"
keys Tab
keys Space
wait_row_with "Major" "yes"
assert_row_has "Urgent" "no" # what the form showed when it opened
keys F2
wait_gone "Urgent"
wait_case 2026-000001 major 1
assert_case 2026-000001 urgent 1
assert_eq "flag flag" "$(db_sql "SELECT group_concat(kind, ' ') FROM (SELECT e.kind FROM case_event e JOIN case_file c ON c.id = e.case_id WHERE c.case_no = '2026-000001' AND e.kind = 'flag' ORDER BY e.seq) k")" \
	"two flag events"

step "the form saved unchanged writes nothing"
keys F7
menu_pick "urgent / major flags"
wait_row_with "Urgent" "yes"
wait_row_with "Major" "yes"
keys F2
wait_for "Nothing changed"
assert_eq 2 "$(db_sql "SELECT count(*) FROM case_event WHERE kind = 'flag'")" "flag events after an unchanged save"
keys Escape
wait_gone "Urgent"
keys Escape
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "exit status"
assert_check_clean

pass
