#!/bin/sh
# A sheet being typed survives a kill: laifang keeps a draft on disk while
# the clerk types; after SIGKILL the next start offers it back, the typed
# text returns, and the sheet saves.
E2E_CLOCK=now # dates below are computed from the clock
. "$(dirname "$0")/lib.sh"

NAME=刘芳
ID=$(id_number 35010219930227028) # 17th digit even: a woman
# The ASCII mark at the end shows a draft was written after the last key,
# whatever the draft's own encoding of Chinese text.
CONTENT=反映物业每月多收停车费200元，要求退还。编号KX7Q9

lf_setup
step "type a name and some content"
lf_start --lang en
lf_login "$CLERK_LOGIN" "$CLERK_PW"
wait_for "Today's registrations: 0"
keys F4
wait_sheet
type_text "$NAME"
keys Tab Tab Tab Tab Tab # 性别, 联系电话, 身份证号码, 单位或住址, 信访内容
type_text "$CONTENT"
wait_for "编号KX7Q9"
wait_row_with 来访人姓名 "$NAME"

step "the draft reaches the disk while typing"
wait_draft KX7Q9
DRAFT=$FOUND_FILE
mode=$(stat -c %a "$DRAFT")
assert_eq 600 "$mode" "the draft's file mode"
assert_cases 0

step "SIGKILL laifang"
pid=$(laifang_pid)
[ -n "$pid" ] || fail "no pid for the pane"
kill -KILL "$pid" || fail "could not kill laifang (pid $pid)"
wait_exit
assert_eq 137 "$EXIT_STATUS" "how laifang ended (128 + SIGKILL)"
[ -f "$DRAFT" ] || fail_batch "the draft $DRAFT is gone after the kill"

step "the next start offers the draft back"
lf_start --lang en
lf_login "$CLERK_LOGIN" "$CLERK_PW"
wait_for "A registration sheet was being typed"
keys y
wait_sheet
wait_row_with 来访人姓名 "$NAME"
assert_column 来访人姓名 "$NAME" 18
wait_for "编号KX7Q9"
assert_screen_has "$CONTENT"
assert_screen_has "The unsaved sheet is back"

step "finish the sheet and save"
# The sheet reopens where the clerk was (信访内容): back to 身份证号码.
keys BTab BTab
type_text "$ID"
wait_row_with 身份证号码 "$ID"
keys F2
wait_for "Saved as case $YEAR-000001"
assert_row_has $YEAR-000001 "$NAME"
no_draft || fail "the draft is still there after the save: $(ls -la "$DRAFT_DIR")"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "laifang's exit status after F10"

step "the database has what was typed before the kill"
assert_cases 1
assert_json 0 name "$NAME"
assert_json 0 content "$CONTENT"
assert_json 0 id_number "$ID"
assert_json 0 receptionist "$CLERK_NAME"
assert_check_clean

step "and the next start offers nothing"
lf_start --lang en
lf_login "$CLERK_LOGIN" "$CLERK_PW"
wait_for "Today's registrations: 1"
# With a draft offer on screen F4 would do nothing; without one it opens a blank sheet.
keys F4
wait_sheet
assert_row_lacks 来访人姓名 "$NAME"
keys Escape
wait_for "Today's registrations: 1"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "laifang's exit status after F10"

pass
