#!/bin/sh
# Keys as terminals send them and pasted text (issue 12), under
# TERM=xterm-256color and TERM=screen-256color: Home and End in every
# spelling move the cursor in 信访内容 and type nothing; Up/Down keep their
# column across a short line; a bracketed paste with a tab and line breaks
# lands whole as text. The saved content in the database is exactly what
# the keys should have made.
. "$(dirname "$0")/lib.sh"

ESC=$(printf '\033')
# raw SEQ: send bytes as a terminal would, unparsed by tmux.
raw() {
	tm send-keys -t "$TARGET" -l -- "$1"
}

lf_setup
n=0
for term in xterm-256color screen-256color; do
	n=$((n + 1))
	step "TERM=$term: Home/End spellings and the goal column in 信访内容"
	LF_TERM=$term lf_start --lang en
	lf_login "$CLERK_LOGIN" "$CLERK_PW"
	wait_for "Today's registrations"
	keys F4
	wait_sheet
	type_text "王秀兰"
	keys Tab Tab Tab # 性别, 联系电话, 身份证号码
	if [ "$n" = 1 ]; then id=$(id_number 11010519491231002); else id=$(id_number 11010519580315006); fi
	type_text "$id"
	keys Tab Tab # 单位或住址, 信访内容
	type_text "一二三四五六"
	keys Enter
	type_text "ab"
	keys Enter
	type_text "七八九十壹贰"
	wait_for "七八九十壹贰"
	raw "${ESC}[1~"  # Home (tmux, PuTTY)
	keys Right Right Right Right
	keys Up Up       # over "ab" and back to column 8
	type_text "Q"
	keys Down Down   # column 9 now (Q is narrow): before 壹 on the third line
	type_text "Z"
	raw "${ESC}[4~"; type_text "E"   # End
	raw "${ESC}[H";  type_text "H"   # Home (xterm normal mode)
	raw "${ESC}OF";  type_text "F"   # End (xterm application mode)
	raw "${ESC}OH";  type_text "h"   # Home (application mode)
	raw "${ESC}[F";  type_text "f"   # End (normal mode)
	raw "${ESC}[7~"; type_text "7"   # Home (rxvt)
	raw "${ESC}[8~"; type_text "8"   # End (rxvt)
	wait_for "7hH七八九十Z壹贰EFf8"
	assert_screen_lacks "Drop what was typed"
	assert_screen_lacks "[4~"

	step "TERM=$term: a bracketed paste lands whole in 信访内容"
	tm set-buffer -b lfpaste "$(printf '甲\t乙\r\n丙F10')"
	# -r: the CR LF as a Windows clipboard holds it (tmux would make LF a CR)
	tm paste-buffer -p -r -b lfpaste -t "$TARGET"
	wait_for "丙F10"
	keys F2
	wait_for "Saved as case $YEAR-00000$n"
	keys F10
	wait_exit
	want=$(printf '一二三四Q五六\nab\n7hH七八九十Z壹贰EFf8甲 乙\n丙F10')
	got=$(sqlite3 "$LAIFANG_DB" "SELECT content FROM case_file WHERE case_no = '$YEAR-00000$n'")
	assert_eq "$want" "$got" "the content saved under TERM=$term"
done

step "a paste in a one-line field keeps its lines apart with spaces"
LF_TERM=xterm-256color lf_start --lang en
lf_login "$CLERK_LOGIN" "$CLERK_PW"
wait_for "Today's registrations"
keys F4
wait_sheet
keys Tab Tab Tab Tab # to 单位或住址
tm set-buffer -b lfpaste "$(printf '广州市越秀区\n北京路1号')"
tm paste-buffer -p -b lfpaste -t "$TARGET"
wait_for "广州市越秀区 北京路1号"
assert_screen_lacks "信访内容 is empty" # the line break did not act as Enter
keys Escape
wait_for "Drop what was typed"
keys y
keys F10
wait_exit
assert_check_clean
pass
