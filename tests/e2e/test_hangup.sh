#!/bin/sh
# A desk whose terminal goes away saves what was typed and ends (issue 16):
# SIGTERM while a dialog is open over the sheet, and the terminal closed
# under it (tmux kills the pane: SIGHUP, then the pty is gone). Each time
# the draft holds the last keys, typed after the idle draft was written,
# and laifang is gone at once instead of reading a dead terminal forever.
. "$(dirname "$0")/lib.sh"

NAME=刘芳

# open_sheet_and_type MARK: a sheet whose draft holds MARK1, then MARK2
# typed and F10 pressed at once, so only a draft written on the way out
# can hold MARK2.
open_sheet_and_type() {
	lf_start --lang en
	lf_login "$CLERK_LOGIN" "$CLERK_PW"
	wait_for "Today's registrations"
	keys F4
	wait_sheet
	type_text "$NAME"
	keys Tab Tab Tab Tab Tab # to 信访内容
	type_text "反映楼道堵塞。$1-ONE"
	wait_draft "$1-ONE"
	tm send-keys -t "$TARGET" -l " $1-TWO" \; send-keys -t "$TARGET" F10
	wait_for "Quit laifang?"
}

# gone_soon PID: the process has ended within the wait.
gone_soon() {
	_end=$(_deadline 15)
	while kill -0 "$1" 2>/dev/null; do
		[ "$(date +%s)" -le "$_end" ] || fail "laifang (pid $1) still runs after its terminal went away: $(ps -o pid,stat,pcpu,cmd -p "$1")"
		sleep 0.2
	done
}

lf_setup

step "SIGTERM under the quit dialog: the draft has the last keys"
open_sheet_and_type TERMX
grep -q "TERMX-TWO" $(draft_glob) && fail "the draft held the last keys before the signal: the test proves nothing"
pid=$(laifang_pid)
[ -n "$pid" ] || fail "no pid for the pane"
kill -TERM "$pid"
gone_soon "$pid"
wait_draft "TERMX-TWO"
assert_cases 0

step "the next start offers that draft back"
lf_start --lang en
lf_login "$CLERK_LOGIN" "$CLERK_PW"
wait_for "A registration sheet was being typed"
keys y
wait_sheet
wait_for "TERMX-TWO"
keys F2 # 身份证号码 is empty: the sheet refuses, nothing is saved
keys Escape
wait_for "Drop what was typed"
keys y
wait_for "Today's registrations: 0"
keys F10
wait_exit

step "the terminal closes under the quit dialog"
open_sheet_and_type HUPX
grep -q "HUPX-TWO" $(draft_glob) && fail "the draft held the last keys before the hang-up: the test proves nothing"
pid=$(laifang_pid)
[ -n "$pid" ] || fail "no pid for the pane"
tm kill-server
gone_soon "$pid"
wait_draft "HUPX-TWO"
assert_cases 0
assert_check_clean
pass
