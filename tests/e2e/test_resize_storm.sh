#!/bin/sh
# Resize storms (issue 7): 20 times 80x24 -> 40x10 -> 200x60 -> 80x24 while
# a sheet is typed in Chinese between the sizes, with bursts of resizes
# that do not wait for a redraw. No crash; the too-small message while
# small; every character typed at a usable size is on screen after each
# redraw, in the draft, and saved exactly. (Typing while too small is not
# taken, by design: tests/e2e/test_resize.sh.)
E2E_CLOCK=now # dates below are computed from the clock
. "$(dirname "$0")/lib.sh"

CYCLES=${STORM_CYCLES:-20}
NAME=诸葛明
ID=$(id_number 23010219850606041)

# The screen as one string: rows joined, the blanks and a scroll
# indicator ("3/12") at the start of a row dropped, so text wrapped over
# rows reads as typed.
screen_joined() {
	screen | sed 's/^ *[0-9][0-9]*\/[0-9][0-9]* //; s/^ *//; s/ *$//' | tr -d '\n'
}

# wait_typed TEXT: poll until TEXT is on the (joined) screen.
wait_typed() {
	_end=$(_deadline 10)
	until screen_joined | grep -F -q -- "$1"; do
		_check_alive "\"$1\" typed"
		[ "$(date +%s)" -le "$_end" ] || fail "timed out waiting for \"$1\" (wrapped or not) on the screen"
		sleep 0.1
	done
}

# wait_draft_is TEXT: poll until the draft's 信访内容 is exactly TEXT.
wait_draft_is() {
	_end=$(_deadline 10)
	while :; do
		for _f in $(draft_glob); do
			[ -f "$_f" ] && [ "$(jq -r .values.content "$_f" 2>/dev/null)" = "$1" ] && return 0
		done
		_check_alive "the draft to hold what was typed"
		[ "$(date +%s)" -le "$_end" ] || fail "the draft never held exactly what was typed [$1]; it has [$(jq -r .values.content $(draft_glob) 2>&1)]"
		sleep 0.1
	done
}

lf_setup
lf_start --lang en
lf_login "$CLERK_LOGIN" "$CLERK_PW"
wait_for "Today's registrations: 0"
keys F4
wait_sheet
type_text "$NAME"
keys Tab Tab Tab
type_text "$ID"
keys Tab Tab # 信访内容
wait_row_with 身份证号码 "$ID"

step "$CYCLES storms"
typed=
i=1
while [ "$i" -le "$CYCLES" ]; do
	a="第${i}段反映噪音扰民。"
	type_text "$a"
	typed="$typed$a"
	wait_typed "$a"
	resize 40 10
	wait_for "The terminal is too small"
	resize 200 60
	wait_typed "$a"
	b="续${i}。"
	type_text "$b"
	typed="$typed$b"
	wait_typed "$a$b"
	if [ $((i % 5)) = 0 ]; then
		# A burst: sizes faster than laifang can redraw.
		for s in 40x10 200x60 80x24 30x5 120x40 40x10 200x60; do
			resize "${s%x*}" "${s#*x}"
		done
		wait_draft_is "$typed"
	fi
	resize 80 24
	wait_typed "$a$b"
	wait_row_with 来访人姓名 "$NAME"
	i=$((i + 1))
done

step "everything typed is in the draft and saves exactly"
wait_draft_is "$typed"
keys F2
wait_for "Saved as case $YEAR-000001"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "laifang's exit status after F10"
assert_cases 1
assert_json 0 name "$NAME"
assert_json 0 content "$typed"
pass
