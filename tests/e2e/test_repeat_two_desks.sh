#!/bin/sh
# Two desks, one visitor: clerk A types a new visitor (nobody to list, no
# 重复访 question) and has not saved yet when clerk B, at another desk,
# registers the same person. A's F2 then saves nothing: it says which case
# desk B saved, lists it with the question "the same matter?", and saves
# the clerk's answer; Esc answers neither (back to the sheet, nothing saved,
# F2 asks again). Checked on the screens and in the database.
. "$(dirname "$0")/lib.sh"

ID=$(id_number 44010619800315123) # 17th digit odd: a man
CONTENT_A=反映征地补偿款至今未发放到位，要求尽快发放。
CONTENT_B=反映村里征地补偿款未到位。

n_cases() {
	db_sql "SELECT count(*) FROM case_file"
}

# fill_sheet CONTENT: a new sheet of 黄志强 with the content typed, not saved.
fill_sheet() {
	keys F4
	wait_sheet
	type_text 黄志强
	keys Tab
	type_text m
	keys Tab
	type_text 13711112222
	keys Tab
	type_text "$ID"
	keys Tab # leaves the number: nothing on record, nothing asked
	wait_row_with 身份证号码 "$ID"
	keys Tab # 信访内容
	type_text "$1"
	wait_for "$1"
}

lf_setup
lf_user_add clerk2 clerk2-secret-1 --name 刘芳 --roles clerk

step "desk A: a new visitor typed, not saved"
lf_start --lang en
lf_login "$CLERK_LOGIN" "$CLERK_PW"
wait_for "Today's registrations: 0"
fill_sheet "$CONTENT_A"
assert_screen_lacks "Is this visit the same matter"
assert_screen_lacks "Earlier ×"

step "desk B: the same person registered and saved"
start_desk_b --lang en
desk b
lf_login clerk2 clerk2-secret-1
wait_for "Today's registrations: 0"
fill_sheet "$CONTENT_B"
keys F2
wait_for "Saved as case 2026-000001"
assert_eq 1 "$(n_cases)" "cases after desk B's save"

step "desk A saves: nothing saved, desk B's case named and listed, the question asked"
desk a
keys F2
wait_for "another desk registered this person"
assert_screen_has "2026-000001 (receptionist 刘芳). Nothing is saved yet."
assert_screen_has "Earlier cases of this visitor:"
assert_screen_has "2026-000001  2026-11-23"
assert_screen_has "Is this visit the same matter"
assert_screen_has "y: yes   [N] no   Esc: back"
assert_eq 1 "$(n_cases)" "cases while desk A is asked"

step "Esc answers neither: back on the sheet, nothing saved, typed text kept"
keys Escape
wait_for "重复访 is not answered"
wait_gone "Is this visit the same matter"
assert_screen_has "$CONTENT_A"
assert_eq 1 "$(n_cases)" "cases after Esc"

step "F2 asks again; the clerk says it is the same matter: saved as a repeat"
keys F2
wait_for "Is this visit the same matter"
assert_screen_has "2026-000001  2026-11-23"
keys y
wait_for "Saved as case 2026-000002"
assert_eq 2 "$(n_cases)" "cases after desk A's save"
assert_eq "1|$CLERK_NAME|$CONTENT_A" \
	"$(db_sql "SELECT is_repeat || '|' || receptionist || '|' || content FROM case_file WHERE case_no = '2026-000002'")" \
	"desk A's case"
assert_eq "0|刘芳" "$(db_sql "SELECT is_repeat || '|' || receptionist FROM case_file WHERE case_no = '2026-000001'")" \
	"desk B's case"
assert_eq 1 "$(db_sql "SELECT count(*) FROM visitor")" "one person on record"
assert_eq 2 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'case.register'")" "two saves audited"

step "both desks close"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "desk A's exit status"
desk b
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "desk B's exit status"
assert_check_clean

pass
