#!/bin/sh
# The command palette (issue 12), under TERM=xterm-256color and
# TERM=screen-256color: ':' on home opens it, "lfdj" finds 来访登记 and Enter
# opens the sheet; the clerk's palette offers no supervisor's action (sl, zs,
# the audit log), and the clerk's home help lists nothing a clerk cannot do;
# the print menu lists only the papers the case has and takes F1; the
# supervisor's palette runs 受理 from "sl" on a registered case, and the
# database shows it accepted; Ctrl-P opens it on the search, where ':' is
# typed into the query.
. "$(dirname "$0")/lib.sh"

lf_setup_office

# help_text FILE: the open help dialog, page by page (PgDn), into FILE.
help_text() {
	: >"$1"
	for _p in 1 2 3 4; do
		settle
		screen >>"$1"
		keys NPage
	done
}

# pick LABEL: lib.sh's menu_pick (the box's side as │ or x).
pick() { menu_pick "$1"; }

# palette QUERY: open the palette with ':' and type QUERY.
palette() {
	type_text ":"
	wait_for "Command palette"
	type_text "$1"
	settle
}

n=0
for term in xterm-256color screen-256color; do
	n=$((n + 1))
	no="$YEAR-00000$n"

	step "TERM=$term: the clerk's palette: \"lfdj\" opens the sheet"
	LF_TERM=$term lf_start_as "$CLERK_LOGIN" "$CLERK_PW" --lang en
	palette lfdj
	wait_for "来访登记 (lfdj"
	keys Enter
	wait_sheet
	assert_screen_lacks "Command palette"
	# In the sheet Ctrl-P opens it (':' is text there); F1 helps, Esc
	# closes the help, then the palette, and the sheet is as it was.
	keys C-p
	wait_for "Command palette"
	type_text bc
	wait_for "保存 (bc)"
	keys F1
	wait_for "nothing done"
	keys Escape
	wait_gone "nothing done"
	wait_for "保存 (bc)"
	keys Escape
	wait_gone "Command palette"
	wait_sheet
	type_text "欧阳面板$n"
	keys Tab Tab Tab
	type_text "$(id_number "4401061980010102$n")"
	keys Tab Tab
	type_text "反映路灯损坏。"
	keys F2
	wait_for "Saved as case $no"
	assert_case "$no" status registered

	step "TERM=$term: the clerk's palette on home has no audit log, no statistics"
	palette sjrz
	wait_for "No action of yours here matches"
	assert_screen_lacks "审计日志"
	keys BSpace BSpace BSpace BSpace
	type_text tjbb
	wait_for "No action of yours here matches"
	keys Escape
	wait_gone "Command palette"

	step "TERM=$term: the clerk's home help lists only what a clerk may do"
	keys F1
	wait_for "Keys of the home screen"
	help_text "$T/help.$n"
	keys Escape
	wait_gone "Keys of the home screen"
	for want in "Register a new visitor" "Today's waiting list" "Log out" "Command palette"; do
		grep -q -F "$want" "$T/help.$n" || fail "the clerk's home help lacks \"$want\": $(cat "$T/help.$n")"
	done
	for not in "audit log" "Administration" "statistics" "schedule" "Export" "queues" "The queues"; do
		! grep -q -F "$not" "$T/help.$n" || fail "the clerk's home help offers \"$not\": $(cat "$T/help.$n")"
	done

	step "TERM=$term: on the case, the clerk's palette offers no 受理, no 转送"
	keys Enter
	wait_for "Read-only"
	palette sl
	wait_for "No action of yours here matches"
	assert_screen_lacks "受理"
	keys BSpace BSpace
	type_text zs
	wait_for "No action of yours here matches"
	keys Escape
	wait_gone "Command palette"
	# The palette with nothing typed: the clerk's actions, no step.
	palette ""
	wait_for "打印 (dy)"
	assert_screen_lacks "受理"
	keys Escape
	wait_gone "Command palette"

	step "TERM=$term: the print menu: the papers the case has, F1, how to close"
	keys F9
	wait_for "Print case $no"
	wait_for "Registration sheet"
	assert_screen_has "Receipt"
	assert_screen_has "Esc: close"
	assert_screen_lacks "Acceptance notice"
	assert_screen_lacks "Transfer notice"
	keys F1
	wait_for "Esc closes this menu"
	keys Escape
	wait_gone "Esc closes this menu"
	wait_for "Registration sheet"
	keys Escape
	wait_gone "Print case"
	keys Escape
	wait_for "Today's registrations"

	step "TERM=$term: Ctrl-P on the search; ':' there is typed into the query"
	keys /
	wait_for "Search cases:"
	type_text "a:b"
	wait_for "Search: a:b"
	assert_screen_lacks "Command palette"
	keys C-p
	wait_for "Command palette"
	keys Escape
	wait_gone "Command palette"
	keys Escape
	wait_for "Today's registrations"
	keys F10
	wait_exit

	step "TERM=$term: the supervisor runs 受理 from \"sl\" on the case"
	LF_TERM=$term lf_start_as "$SUP_LOGIN" "$SUP_PW" --lang en
	palette sjrz
	wait_for "审计日志 (sjrz"
	keys Escape
	wait_gone "Command palette"
	keys F7
	pick "awaiting screening"
	wait_for "Queue: awaiting screening"
	# The palette on a queue: 打开 (dk) opens the selected case.
	palette dk
	wait_for "打开 (dk"
	keys Enter
	wait_for "Read-only"
	wait_for "$no"
	palette sl
	wait_for "受理 (sl)"
	# The best match is the selected first row.
	row=$(line_with "(sl)")
	case "$row" in
	*"不予受理"*) fail "sl put 不予受理 first: [$row]" ;;
	esac
	keys Enter
	wait_for "accept case $no?"
	type_text y
	wait_case "$no" status accepted
	wait_gone "Command palette"
	accepts=$(db_sql "SELECT count(*) FROM case_event e JOIN case_file c ON c.id = e.case_id WHERE c.case_no = '$no' AND e.kind = 'accept'")
	[ "$accepts" = 1 ] || fail "case $no: $accepts accept events; events: $(event_kinds "$no")"

	step "TERM=$term: the accepted case's print menu has its acceptance notice"
	keys F9
	wait_for "Acceptance notice"
	assert_screen_lacks "Transfer notice"
	keys Escape
	wait_gone "Print case"
	keys F10
	wait_exit
done

step "the administrator's home offers no queue: none holds a case the administrator acts on"
lf_start_as "$ADMIN_LOGIN" "$ADMIN_PW" --lang en
keys F1
wait_for "Keys of the home screen"
help_text "$T/help.admin"
keys Escape
wait_gone "Keys of the home screen"
grep -q -F "Administration" "$T/help.admin" || fail "the administrator's help lacks Administration: $(cat "$T/help.admin")"
! grep -q -F "queues" "$T/help.admin" || fail "the administrator's help offers the queues: $(cat "$T/help.admin")"
settle
case "$(screen_line 23)" in
*Queues*) fail "the administrator's key bar offers the queues: [$(screen_line 23)]" ;;
esac
keys F7
settle
assert_screen_lacks "awaiting screening"
keys F10
wait_exit

pass
