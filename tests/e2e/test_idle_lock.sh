#!/bin/sh
# The idle lock clears the screen (issue 10): a half-typed sheet with a
# visitor's name, ID number, phone and content; once the desk locks, none of
# it is on the screen, only the lock box with its prompt and keys; the
# password brings the sheet back as it was.
. "$(dirname "$0")/lib.sh"

NAME=钱多多
IDN=$(id_number 44010619900101123)
PHONE=13912345678
CONTENT=锁屏后不应看见的内容QX88

lf_setup
lf_admin config set idle_lock_seconds 2 >"$T/config.out" 2>&1 ||
	fail_batch "config set idle_lock_seconds failed: $(cat "$T/config.out")"

step "a half-typed sheet"
lf_start_as "$CLERK_LOGIN" "$CLERK_PW" --lang en
keys F4
wait_sheet
type_text "$NAME"
keys Tab Tab # 联系电话
type_text "$PHONE"
keys Tab # 身份证号码
type_text "$IDN"
keys Tab Tab # 信访内容
type_text "$CONTENT"

step "locked: nothing of the visitor behind the box"
wait_for "Locked" 10
settle
for s in "$NAME" "$IDN" "$PHONE" QX88 来访人姓名 身份证号码 群众来访登记表; do
	assert_screen_lacks "$s"
done
assert_screen_has "$CLERK_NAME ($CLERK_LOGIN)"
assert_screen_has Password
# Only the box: every row with text is inside it (starts with its border).
_rows=$(screen | grep -c '[^ ]')
[ "$_rows" -le 10 ] || fail "the locked screen shows $_rows rows of text"

step "the password gives the sheet back"
type_text "$CLERK_PW"
keys Enter
wait_gone "Locked"
assert_row_has 来访人姓名 "$NAME"
assert_screen_has "$IDN"
assert_screen_has QX88
pass
