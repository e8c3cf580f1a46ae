#!/bin/sh
# The English key bar at 80 columns for a user with every role (issue 12),
# under TERM=xterm-256color and TERM=screen-256color: when the keys do not
# fit on one line the bar shows pages of whole labels, each ending with
# "F12» 1/2"; F12 shows the next page; every key of home and of the case
# screen is on one of the pages, none cut. F12 does nothing else.
. "$(dirname "$0")/lib.sh"

lf_setup
lf_user_add multi multi-secret-1 --name 欧阳多岗 --roles clerk,leader,supervisor,handler,archivist,admin

# bar_has_all LABEL...: across the bar's pages (F12 between them), every
# LABEL is on the bottom row whole (the row is split into words).
bar_has_all() {
	_seen=""
	_pages=1
	settle
	_row=$(screen_line 23)
	case "$_row" in
	*"F12» 1/"*) _pages=${_row##*F12» 1/}; _pages=${_pages%% *} ;;
	esac
	_p=1
	while :; do
		settle
		_row=$(screen_line 23)
		[ "$(text_width "$_row")" -le 80 ] || fail "the key bar is wider than 80 columns: [$_row]"
		_seen="$_seen $_row"
		[ "$_p" -ge "$_pages" ] && break
		keys F12
		_p=$((_p + 1))
		wait_line 23 "F12» $_p/$_pages"
	done
	for _l in "$@"; do
		case " $_seen " in
		*" $_l "*) ;;
		*) fail "the key bar never shows \"$_l\" whole; its pages: [$_seen]" ;;
		esac
	done
	# Back on the first page after the last.
	if [ "$_pages" -gt 1 ]; then
		keys F12
		wait_line 23 "F12» 1/$_pages"
	fi
}

n=0
for term in xterm-256color screen-256color; do
	n=$((n + 1))
	step "TERM=$term: home's keys in pages"
	LF_TERM=$term lf_start --lang en
	lf_login multi multi-secret-1
	wait_for "Today's registrations"
	wait_line 23 "F12» 1/2"
	bar_has_all F1Help F4New EnterOpen F5Refresh F10Quit F8Audit F9Admin F6Waiting F7Queues /Search F2More

	step "TERM=$term: F12 changes only the bar"
	assert_screen_has "Today's registrations: $((n - 1))"
	keys F12
	wait_line 23 "F12» 2/2"
	assert_screen_lacks "群众来访登记表"
	keys F12
	wait_line 23 "F12» 1/2"

	step "TERM=$term: the case screen's keys in pages"
	keys F4
	wait_sheet
	type_text 欧阳测试
	keys Tab Tab Tab
	type_text "$(id_number "4401061980010101$n")"
	keys Tab Tab
	type_text 反映道路破损。
	keys F2
	wait_for "Saved as case $YEAR-00000$n"
	keys Enter
	wait_for "Read-only"
	bar_has_all F1Help EscBack F10Quit F6Instruct F8Audit F5Timeline F4Wait F7Act F9Print F3Correct
	keys Escape
	wait_for "Today's registrations: $n"
	keys F10
	wait_exit
done
pass
