#!/bin/sh
# Archived means locked (issue 11): a case declined and archived through the
# desk refuses the step menu (F7 offers the annotation alone, under the
# lock's sentence) and the instruction key (F6), and `laifang category set`
# refuses it from the command line; the rows of the case stay as they were,
# an annotation still goes in, and `laifang check` stays clean.
. "$(dirname "$0")/lib.sh"

NAME=钱秀英
REASON=属于诉讼程序，请通过法定途径解决。编号DL31
NOTE=卷宗已装订，存档号A-17。编号AN58
LOCK_EN="case 2026-000001 is archived: it can no longer change; only an annotation can be added"
LOCK_SCREEN="case 2026-000001 is archived: it can no longer change; only an annotation" # wraps at 80
LOCK_ZH="案件 2026-000001 已归档，不能再修改；只能添加备注。"

lf_setup_office
# The archivist here is also a leader: F6 passes its permission and meets the lock.
lf_user_add keeper keeper-secret-1 --name 郑馆长 --roles archivist,leader --title 馆长
cat >"$T/visits.csv" <<CSV
receptionist,received_on,name,sex,phone,id_number,address,content
王敏,2026-11-20,$NAME,女,13812345678,$(id_number 11010519850315002),广州市越秀区,要求撤销法院判决，编号AL11。
CSV
lf_import_csv "$T/visits.csv"
lf_admin category add 劳动保障 >"$T/cat.out" 2>&1 || fail_batch "category add: $(cat "$T/cat.out")"
lf_admin category add 城乡建设 >"$T/cat.out" 2>&1 || fail_batch "category add: $(cat "$T/cat.out")"
lf_as "$SUP_LOGIN" "$SUP_PW" category set 2026-000001 劳动保障 >"$T/set.out" 2>&1 ||
	fail_batch "category set on the open case: $(cat "$T/set.out")"

step "the supervisor declines the case on the screen"
lf_start_as "$SUP_LOGIN" "$SUP_PW" --lang en
lf_open_queue "awaiting screening"
wait_for 2026-000001
keys Enter
wait_for "群众来访登记表  2026-000001"
keys F7
wait_for "Act on case 2026-000001"
menu_pick decline
wait_for "decline · case 2026-000001"
type_text "$REASON"
keys F2
wait_case 2026-000001 status declined
keys F10
wait_exit

step "the archivist (also a leader) archives it"
lf_start_as keeper keeper-secret-1 --lang en
lf_open_queue "awaiting the archive"
wait_for 2026-000001
keys Enter
wait_for "群众来访登记表  2026-000001"
keys F7
menu_pick archive
wait_for "archive case 2026-000001?"
keys y
wait_for "archive done"
assert_case 2026-000001 status archived
ROWS=$(db_sql "SELECT * FROM case_file WHERE case_no = '2026-000001'")
EVENTS=$(event_kinds 2026-000001)
AUDIT=$(db_sql "SELECT count(*) FROM audit_log")

step "F6 on the archived case is refused before any editor opens"
assert_screen_lacks "$LOCK_SCREEN"
keys F6
wait_for "$LOCK_SCREEN"
assert_screen_lacks "Instruction (批示) on case"
step "F7 on the archived case: the lock's sentence, the annotation alone"
keys F7
wait_for "case 2026-000001 is archived: it can no longer change"
assert_screen_has "annotate the archived file"
assert_eq "" "$(screen | grep -E '│  [0-9]  ' | grep -v 'annotate the archived file')" "menu items besides the annotation"
keys Escape
wait_gone "annotate the archived file"
wait_for "$LOCK_SCREEN"

assert_eq "$ROWS" "$(db_sql "SELECT * FROM case_file WHERE case_no = '2026-000001'")" "the archived case's row"
assert_eq "$EVENTS" "$(event_kinds 2026-000001)" "the archived case's events"
assert_eq "$AUDIT" "$(db_sql "SELECT count(*) FROM audit_log")" "audit entries after the refusals"

step "the annotation still goes in through F7"
keys F7
menu_pick "annotate the archived file"
wait_for "annotate the archived file · 2026-000001"
type_text "$NOTE"
keys F2
wait_for "The annotation is added."
assert_eq "$EVENTS annotate" "$(event_kinds 2026-000001)" "the events after the annotation"
assert_eq "$ROWS" "$(db_sql "SELECT * FROM case_file WHERE case_no = '2026-000001'")" "the row after the annotation"
keys F10
wait_exit

step "laifang category set refuses the archived case (English and Chinese)"
lf_as "$SUP_LOGIN" "$SUP_PW" --lang en category set 2026-000001 城乡建设 >"$T/out" 2>"$T/err"
assert_eq 1 "$?" "exit status of category set on an archived case"
grep -F -q "$LOCK_EN" "$T/err" "$T/out" || fail "category set does not say the case is archived: $(cat "$T/err" "$T/out")"
lf_as "$SUP_LOGIN" "$SUP_PW" --lang zh_CN category set 2026-000001 城乡建设 >"$T/out" 2>"$T/err"
assert_eq 1 "$?" "exit status of category set on an archived case (Chinese)"
grep -F -q "$LOCK_ZH" "$T/err" "$T/out" || fail "category set does not say 已归档: $(cat "$T/err" "$T/out")"
assert_eq 劳动保障 "$(db_sql "SELECT g.name FROM case_file c JOIN category g ON g.id = c.category_id WHERE c.case_no = '2026-000001'")" \
	"the archived case's category"

step "a write behind laifang's back meets the trigger"
_err=$(db_sql "UPDATE case_file SET content = '改写' WHERE case_no = '2026-000001'" 2>&1) &&
	fail "a raw UPDATE of an archived case went through"
case "$_err" in *"the case is archived"*) ;; *) fail "the trigger did not refuse: $_err" ;; esac
assert_check_clean

pass
