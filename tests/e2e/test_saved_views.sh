#!/bin/sh
# Saved views (issue 12): a supervisor of 信访局综合处 opens 督办, sets
# "due within 3 working days" and "your own unit" (F3), saves the filter as
# a view with a Chinese name (F4), goes home and opens it with one key (1):
# exactly the two cases of the unit due by 2026-11-26 are listed. The row
# in the database is the filter's columns; the save is audited; a view
# whose unit is gone is reported on the home screen, not opened.
E2E_CLOCK="2026-11-23 09:00:00" # a Monday: three working days ahead is Thursday 11-26
LF_TERM=${LF_TERM:-xterm-256color}
. "$(dirname "$0")/lib.sh"

lf_setup
for _u in "$PEER_UNIT:peer" "$DEPT_UNIT:department"; do
	lf_admin unit add "${_u%%:*}" --kind "${_u#*:}" >"$T/unitadd.out" 2>&1 ||
		fail_batch "laifang unit add ${_u%%:*} failed: $(cat "$T/unitadd.out")"
done
lf_user_add "$SUP_LOGIN" "$SUP_PW" --name "$SUP_NAME" --roles supervisor --unit "$DEPT_UNIT"
# menu_pick for any TERM: a terminal without the line-drawing set (xterm
# inside tmux) draws the menu's frame with ACS letters (x for │).
pick() {
	wait_for "$1"
	settle
	_n=$(line_with "$1" | sed -n 's/.*[│x]  *\([1-9]\)  .*/\1/p')
	[ -n "$_n" ] || fail "no numbered menu item holding \"$1\""
	keys "$_n"
}
lf_user_add "$HANDLER_LOGIN" "$HANDLER_PW" --name "$HANDLER_NAME" --roles handler --unit "$DEPT_UNIT"

step "five cases: two of the unit due within three working days, one later, one of another unit, one unrouted"
{
	echo "receptionist,received_on,name,sex,phone,id_number,address,content"
	for n in 1 2 3 4 5; do
		echo ",2026-11-23,访客甲$n,男,,$(id_number 4401061980010100$n),,路灯损坏第$n处，请求维修。"
	done
} >"$T/five.csv"
lf_import_csv "$T/five.csv"
route() { # CASE_NO HOW UNIT DUE
	lf_case "$SUP_LOGIN" "$SUP_PW" accept "$1"
	if [ "$2" = in-house ]; then
		lf_case "$SUP_LOGIN" "$SUP_PW" route "$1" --in-house --unit "$3" --due "$4"
		lf_case "$HANDLER_LOGIN" "$HANDLER_PW" take-up "$1"
	else
		lf_case "$SUP_LOGIN" "$SUP_PW" route "$1" --transfer "$3" --due "$4"
	fi
}
route 2026-000001 in-house "$DEPT_UNIT" 2026-11-25
route 2026-000002 in-house "$DEPT_UNIT" 2026-12-18
route 2026-000003 transfer "$PEER_UNIT" 2026-11-24
route 2026-000004 in-house "$DEPT_UNIT" 2026-11-26
assert_case 2026-000001 due_on 2026-11-25
assert_case 2026-000004 due_on 2026-11-26
assert_case 2026-000002 due_on 2026-12-18

step "the supervisor filters 督办: due within 3 working days, own unit"
lf_start_as "$SUP_LOGIN" "$SUP_PW" --lang en
keys F7
wait_for "Queues"
pick "supervision"
wait_for "Queue: supervision"
keys F3
pick "Due within N working days"
wait_for "Working days"
type_text 3
keys Enter
wait_for "due within 3 working day(s)"
keys F3
pick "Your own unit"
wait_for "your unit"
wait_for "2 case(s)"
assert_screen_has 2026-000001
assert_screen_has 2026-000004
assert_screen_lacks 2026-000002
assert_screen_lacks 2026-000003
assert_screen_lacks 2026-000005

step "F4 saves it as 三日内到期本处室, not shared"
keys F4
wait_for "Save this filter as a view"
type_text 三日内到期本处室
keys Enter
wait_for "Share the view with the whole office?"
keys n
wait_for "press 1 on the home screen"
_row=$(db_sql "SELECT v.name || '|' || v.queue || '|' || v.due_within || '|' || v.my_unit || '|' || v.shared || '|' || coalesce(v.unit_id, '-') || '|' || u.login FROM saved_view v JOIN app_user u ON u.id = v.user_id")
assert_eq "三日内到期本处室|supervision|3|1|0|-|$SUP_LOGIN" "$_row" "the saved view's row"
assert_eq 1 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'view.save' AND login = '$SUP_LOGIN'")" "the save's audit entry"

step "home, then 1 opens the view with exactly the two cases"
keys Escape
wait_for "awaiting screening" # the menu of queues, then home
keys Escape
wait_gone "awaiting screening"
wait_for "Today's registrations"
keys 1
wait_for "view 三日内到期本处室"
wait_for "2 case(s)"
wait_line 3 2026-000001
wait_line 4 2026-000004
assert_screen_lacks 2026-000002
assert_screen_lacks 2026-000003
assert_screen_lacks 2026-000005
assert_screen_has "due within 3 working day(s)"
keys Escape
wait_for "Today's registrations"

step "the key 2 names no view; v lists the one there is; F1 lists the keys"
keys 2
wait_for "There is no view 2."
keys v
wait_for "Saved views"
assert_screen_has 三日内到期本处室
keys Escape
wait_gone "Saved views"
keys F1
wait_for "Keys of the home screen"
keys NPage NPage NPage
wait_for "Open your saved view 1 to 9"
assert_row_has "Open your saved view" "1-9"
keys Escape
wait_gone "Keys of the home screen"

step "v, the view, Rename: 本处室三日内 (audited)"
keys v
wait_for "Saved views"
pick 三日内到期本处室
pick Rename
wait_for "Rename the view"
keys C-a C-k
type_text 本处室三日内
keys Enter
wait_for "1  本处室三日内" # the list again, the view renamed
keys Escape
wait_for "is now 本处室三日内"
assert_eq "本处室三日内" "$(db_sql "SELECT name FROM saved_view")" "the renamed view"
assert_eq 1 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'view.rename'")" "the rename's audit entry"
keys 1
wait_for "view 本处室三日内"
wait_for "2 case(s)"
keys Escape
wait_for "Today's registrations"

step "the view's unit gone behind laifang's back: reported, not opened"
db_sql "UPDATE saved_view SET my_unit = 0, unit_id = 'no-such-unit'"
keys 1
wait_for "does not open"
assert_screen_has "no longer in the directory"
assert_screen_lacks "Queue:"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "exit status"

step "the command line: the view's cases by name"
db_sql "UPDATE saved_view SET my_unit = 1, unit_id = NULL"
lf_as "$SUP_LOGIN" "$SUP_PW" queue --view 本处室三日内 >"$T/q.out" 2>"$T/q.err" || fail_batch "queue --view: $(cat "$T/q.err")"
assert_eq "2026-000001 2026-000004" "$(cut -f1 "$T/q.out" | tr '\n' ' ' | sed 's/ $//')" "queue --view's cases"
lf_as "$SUP_LOGIN" "$SUP_PW" view delete 1 >"$T/d.out" 2>&1 || fail_batch "view delete: $(cat "$T/d.out")"
assert_eq 0 "$(db_sql "SELECT count(*) FROM saved_view")" "the view deleted"
assert_eq 1 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'view.delete'")" "the delete's audit entry"
pass
