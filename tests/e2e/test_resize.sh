#!/bin/sh
# Resizing the terminal while a sheet is typed: too small says so and takes
# no typing; back to 80x24 and up to 200x60 the sheet is redrawn with
# everything typed still there, and the sheet still saves.
E2E_CLOCK=now # dates below are computed from the clock
. "$(dirname "$0")/lib.sh"

NAME=孙伟
ID=$(id_number 37010219790918035)
PART1=反映村道路面破损严重，
PART2=雨天无法通行，请求修缮。

# wait_column ANCHOR TEXT COL: poll until TEXT starts at column COL on the
# row holding ANCHOR (a redraw for a new size has happened).
wait_column() {
	_wc_end=$(_deadline 10)
	while [ "$(column_of "$1" "$2")" != "$3" ]; do
		_check_alive "\"$2\" at column $3"
		[ "$(date +%s)" -le "$_wc_end" ] || fail "timed out waiting for \"$2\" at column $3 on the row of \"$1\""
		sleep 0.1
	done
}

lf_setup
step "start typing a sheet"
lf_start --lang en
lf_login "$CLERK_LOGIN" "$CLERK_PW"
wait_for "Today's registrations: 0"
keys F4
wait_sheet
type_text "$NAME"
keys Tab Tab Tab Tab Tab # 信访内容
type_text "$PART1"
wait_for "$PART1"
wait_row_with 来访人姓名 "$NAME"

step "79x24: one column short is too small"
resize 79 24
wait_for "this one is 79×24"
assert_screen_lacks 来访人姓名
# Typing now could land in a field nobody can see: it is not taken. F10 is
# still honoured; its question shows that 丢 was read before it.
type_text 丢
keys F10
wait_for "Quit laifang?"
keys n
wait_gone "Quit laifang?"
wait_for "this one is 79×24"

step "40x10: too small"
resize 40 10
wait_gone "79×24"
wait_for "The terminal is too small"
assert_screen_lacks 来访人姓名

step "back to 80x24: everything is still there"
resize 80 24
wait_sheet
wait_row_with 来访人姓名 "$NAME"
wait_for "$PART1"
assert_screen_lacks "The terminal is too small"
assert_column 来访人姓名 "$NAME" 18
assert_screen_lacks 丢
type_text "$PART2"
wait_for "$PART1$PART2"

step "200x60: redrawn for the bigger screen"
resize 200 60
wait_line 59 F2
# The title is centred: (200 - 14) / 2.
wait_column 群众来访登记表 群众来访登记表 93
wait_row_with 来访人姓名 "$NAME"
assert_column 来访人姓名 "$NAME" 18
assert_screen_has "$PART1$PART2"
assert_column "$PART1" "$PART1" 18
assert_screen_lacks "The terminal is too small"

step "back to 80x24"
resize 80 24
wait_line 23 F2
wait_row_with 来访人姓名 "$NAME"
assert_column 来访人姓名 "$NAME" 18
assert_screen_has "$PART1$PART2"

step "a long content scrolled to its end, then a taller window shows it from its start"
LONG=$(i=1; while [ $i -le 16 ]; do printf '第%d句反映单位拖欠工资。' $i; i=$((i + 1)); done)
type_text "$LONG"
wait_for "16句"
assert_screen_lacks "$PART1" # scrolled: the first row is out of the box
resize 120 50
wait_line 49 F2
wait_for "$PART1"
wait_for "16句"
resize 80 24
wait_line 23 F2

step "help on screen, then a terminal too small: the message alone, whole at any size"
keys F1
wait_for "Up/Down/PgUp/PgDn: scroll"
resize 30 8
wait_for "30×8."
assert_screen_lacks "Up/Down/PgUp/PgDn"
assert_screen_has "Make the window larger;"
assert_screen_has "nothing typed is lost."
resize 20 5
wait_for "Too small: 80×24"
assert_screen_has "needed. Nothing is"
resize 80 24
wait_for "Up/Down/PgUp/PgDn: scroll" # the help drawn again
keys Escape
wait_gone "Up/Down/PgUp/PgDn: scroll"
wait_line 23 F2

step "finish and save: the content is exactly what was typed"
keys BTab BTab # 单位或住址, 身份证号码
type_text "$ID"
wait_row_with 身份证号码 "$ID"
keys F2
wait_for "Saved as case $YEAR-000001"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "laifang's exit status after F10"
assert_cases 1
assert_json 0 name "$NAME"
assert_json 0 content "$PART1$PART2$LONG"
assert_json 0 id_number "$ID"

pass
