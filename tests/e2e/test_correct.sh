#!/bin/sh
# Issue 11: a person's identity is not overwritten by a sheet.
# - A returning visitor's earlier cases are listed on the sheet and the clerk
#   answers whether this visit is the same matter (重复访); an unrelated new
#   matter is not a repeat, and F7 changes the answer before saving.
# - A typo in a saved sheet's name is corrected from the case screen (F3
#   更正登记): the case's words change, the old value stays in the timeline,
#   the database's event and the audit log; the visitor record is untouched.
# - The repeat flag is corrected later from the command line and the case
#   screen (r), audited.
# - Once the supervisor has screened the case, a correction is refused, on
#   the screen and on the command line.
. "$(dirname "$0")/lib.sh"

ID=440104197506150028 # 李秀英's, as in data/one_visit.csv
NEW_ID=$(id_number 44010619880808123)
CONTENT2=反映小区物业乱收停车费，与上次来访的工资问题无关。编号RP21
CONTENT3=反映邻居装修噪音扰民。编号CR33

lf_setup_office
step "one earlier visit (2026-11-20), imported"
lf_import_csv "$DATA/one_visit.csv"

step "a returning visitor: leaving 身份证号码 lists her earlier case and asks"
lf_start_as "$CLERK_LOGIN" "$CLERK_PW" --lang en
keys F4
wait_sheet
keys Tab Tab Tab # 性别, 联系电话, 身份证号码
type_text "$ID"
wait_row_with 身份证号码 "$ID"
keys Tab
wait_for "Is this visit the same matter"
assert_screen_has "Earlier cases of this visitor:"
assert_screen_has "2026-000001  2026-11-20  registered  反映所在单位拖欠工资三个月"
assert_screen_has "An unrelated new matter is not a repeat."
assert_screen_has "y: yes   [N] no"

step "an unrelated new matter: not a repeat (the default, Enter)"
keys Enter
wait_for "Not a repeat petition: a new matter"
wait_row_with 身份证号码 "Earlier ×1 · repeat: no (F7)"
wait_row_with 来访人姓名 李秀英

step "F7 asks again: yes, then no"
# Issue 12: F7 lists the earlier cases (each opens read-only with Enter);
# its last two rows answer: 2 the same matter, 3 a new one.
keys F7
wait_for "Enter opens one (read-only)"
assert_screen_has "2026-000001  2026-11-20  registered"
keys 2
wait_row_with 身份证号码 "repeat: yes (F7)"
keys F7
wait_for "Enter opens one (read-only)"
keys 3
wait_row_with 身份证号码 "repeat: no (F7)"

step "save: case 2026-000002, not a repeat"
keys Tab # from 单位或住址 (filled) to 信访内容
type_text "$CONTENT2"
wait_for "编号RP21"
keys F2
wait_for "Saved as case 2026-000002"
assert_case 2026-000002 is_repeat 0
assert_case 2026-000001 is_repeat 0

step "a new visitor with a typo in the name: case 2026-000003"
keys F4
wait_sheet
type_text 陈建新
keys Tab Tab Tab
type_text "$NEW_ID"
keys Tab Tab
type_text "$CONTENT3"
wait_for "编号CR33"
keys F2
wait_for "Saved as case 2026-000003"
assert_eq 陈建新 "$(db_sql "SELECT name FROM visitor WHERE id_number = '$NEW_ID'")" "the visitor record as saved"

step "F3 on the case: 更正登记 with the sheet's words prefilled"
assert_row_has 2026-000003 陈建新
keys Enter
wait_for "群众来访登记表  2026-000003"
keys F3
wait_for "更正登记 · case 2026-000003"
wait_row_with 来访人姓名 陈建新
assert_row_has 信访内容 "编号CR33"
keys C-a C-k
type_text 陈建国
wait_row_with 来访人姓名 陈建国
keys F2
wait_for "Corrected: 来访人姓名"
wait_row_with 来访人姓名 陈建国

step "the timeline keeps the old value"
keys Tab
wait_for "registration corrected (更正登记)"
assert_screen_has "来访人姓名：陈建新 → 陈建国"
assert_row_has "registration corrected" "$CLERK_NAME"
keys Escape
wait_for "Today's registrations: 2"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "laifang's exit status after F10"

step "the database: the case's words, the event, the audit entry; the visitor untouched"
_case3=$(case_sql 2026-000003 id)
assert_eq 陈建国 "$(db_sql "SELECT name FROM case_visitor WHERE case_id = '$_case3' AND position = 0")" "the case's name"
assert_eq 陈建新 "$(db_sql "SELECT name FROM visitor WHERE id_number = '$NEW_ID'")" "the visitor record"
assert_eq "name|陈建新|陈建国|$CLERK_NAME" \
	"$(db_sql "SELECT field || '|' || old_value || '|' || new_value || '|' || by_name FROM case_event WHERE case_id = '$_case3' AND kind = 'correct'")" \
	"the correction's event"
_audit=$(db_sql "SELECT changes FROM audit_log WHERE action = 'case.correct' AND record = '$_case3'")
case $_audit in
*'"old":"陈建新"'*'"new":"陈建国"'*) ;;
*) fail "the audit entry of the correction should keep the old and the new name: [$_audit]" ;;
esac
assert_eq "$CLERK_LOGIN" "$(db_sql "SELECT login FROM audit_log WHERE action = 'case.correct'")" "who corrected, in the log"
# The search follows the corrected name.
lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en search 陈建国 >"$T/search.out" 2>&1 || fail "search failed: $(cat "$T/search.out")"
grep -q 2026-000003 "$T/search.out" || fail "the search by the corrected name should find 2026-000003: $(cat "$T/search.out")"

step "the repeat flag corrected later from the command line, audited"
lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en case repeat 2026-000002 --yes >"$T/repeat.out" 2>&1 ||
	fail "case repeat --yes failed: $(cat "$T/repeat.out")"
assert_case 2026-000002 is_repeat 1
_case2=$(case_sql 2026-000002 id)
assert_eq "is_repeat|0|1" \
	"$(db_sql "SELECT field || '|' || old_value || '|' || new_value FROM case_event WHERE case_id = '$_case2' AND kind = 'repeat'")" \
	"the repeat flag's event"
assert_eq 1 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'case.repeat' AND record = '$_case2'")" "the flag's audit entry"
# A visitor with one case only: never a repeat.
lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en case repeat 2026-000003 --yes >"$T/repeat3.out" 2>&1
assert_eq 1 "$?" "case repeat on a first visit"
grep -q "cannot be a repeat" "$T/repeat3.out" || fail "the refusal should say why: $(cat "$T/repeat3.out")"

step "the command line corrects too, and another clerk may not"
lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en case correct 2026-000003 --field phone --value 13912345678 \
	>"$T/fix.out" 2>&1 || fail "case correct failed: $(cat "$T/fix.out")"
assert_eq 13912345678 "$(db_sql "SELECT phone FROM case_visitor WHERE case_id = '$_case3'")" "the corrected phone"
lf_user_add clerk2 clerk2-secret-1 --name 赵接待 --roles clerk
lf_as clerk2 clerk2-secret-1 --lang en case correct 2026-000003 --field name --value 陈建民 >"$T/fix2.out" 2>&1
assert_eq 1 "$?" "another clerk's correction"
assert_eq 陈建国 "$(db_sql "SELECT name FROM case_visitor WHERE case_id = '$_case3' AND position = 0")" "the name after the refusal"

step "the supervisor screens 2026-000003"
lf_start_as "$SUP_LOGIN" "$SUP_PW" --lang en
lf_open_queue "awaiting screening"
queue_find 编号CR33
keys Enter
wait_for "群众来访登记表  2026-000003"
keys F7
wait_for "Act on case 2026-000003"
menu_pick accept
wait_for "accept case 2026-000003?"
keys y
wait_case 2026-000003 status accepted
keys F10
wait_exit

step "after screening the clerk's correction is refused, on screen and on the command line"
lf_start_as "$CLERK_LOGIN" "$CLERK_PW" --lang en
assert_row_has 2026-000003 陈建国
keys Enter
wait_for "群众来访登记表  2026-000003"
keys F3
wait_for "case 2026-000003 is already screened (accepted)"
assert_screen_lacks "更正登记 · case"

step "r on the case screen: the earlier cases, and 重复访 back to no"
keys Escape
wait_for "Today's registrations: 2"
keys Down
keys Enter
wait_for "群众来访登记表  2026-000002 (repeat petition)"
keys r
wait_for "Now: a repeat petition"
assert_screen_has "2026-000001  2026-11-20  registered  反映所在单位拖欠工资三个月"
assert_screen_has "[Y] yes   n: no"
keys n
wait_for "Marked as not a repeat petition"
wait_for "群众来访登记表  2026-000002"
assert_screen_lacks "(repeat petition)"
wait_case 2026-000002 is_repeat 0
assert_eq "repeat repeat" "$(event_kinds 2026-000002)" "the flag's events: yes, then no"
keys F10
wait_exit
lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en case correct 2026-000003 --field name --value 陈建民 >"$T/late.out" 2>&1
assert_eq 1 "$?" "a correction after screening"
grep -q "already screened" "$T/late.out" || fail "the refusal should say the case is screened: $(cat "$T/late.out")"
assert_eq 1 "$(db_sql "SELECT count(*) FROM case_event WHERE case_id = '$_case3' AND kind = 'correct' AND field = 'name'")" \
	"name corrections after the refusals"
assert_check_clean

pass
