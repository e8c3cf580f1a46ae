#!/bin/sh
# A wrong check digit in 身份证号码: F2 refuses, names the field and the
# check digit it should have, writes nothing and keeps everything typed;
# once corrected, the sheet saves.
E2E_CLOCK=now # dates below are computed from the clock
. "$(dirname "$0")/lib.sh"

GOOD=$(id_number 33010619880406013)
case "$GOOD" in *7) ;; *) fail_batch "test data: expected check digit 7 for $GOOD" ;; esac
BAD=${GOOD%?}3
CONTENT=反映小区地下车库长期积水，存在安全隐患，要求整改。

lf_setup
step "type a sheet with a wrong check digit"
lf_start --lang en
lf_login "$CLERK_LOGIN" "$CLERK_PW"
wait_for "Today's registrations: 0"
keys F4
wait_sheet
type_text 周明
keys Tab
type_text 男 # a choice field takes the choice's first character too
wait_row_with 性别 男
keys Tab Tab # 身份证号码
type_text "$BAD"
wait_row_with 身份证号码 "$BAD"
keys Tab Tab # 信访内容
type_text "$CONTENT"
wait_for "$CONTENT"

step "F2 refuses and says why"
keys F2
wait_line 22 身份证号码
msg=$(screen_line 22)
printf '%s\n' "$msg" | grep -Eq '(^|[^0-9A-Za-z])7([^0-9A-Za-z]|$)' ||
	fail "the message line should name the expected check digit 7, it says: [$msg]"
assert_screen_lacks "Saved as case"
# Nothing typed is lost.
assert_row_has 来访人姓名 周明
assert_row_has 身份证号码 "$BAD"
assert_screen_has "$CONTENT"
assert_screen_has 来访人姓名

step "nothing was written"
assert_cases 0

step "correct the check digit (the cursor is back in 身份证号码) and save"
keys End BSpace
type_text 7
wait_row_with 身份证号码 "$GOOD"
keys F2
wait_for "Saved as case $YEAR-000001"
assert_row_has $YEAR-000001 周明
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "laifang's exit status after F10"

step "one case, with the corrected number"
assert_cases 1
assert_json 0 id_number "$GOOD"
assert_json 0 name 周明
assert_json 0 sex 男
assert_json 0 content "$CONTENT"
assert_check_clean

pass
