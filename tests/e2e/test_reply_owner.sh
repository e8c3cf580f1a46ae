#!/bin/sh
# 包案 and the reply (issue 11). The supervisor names the leader who owns a
# case; the leader finds it in a queue of their own (my cases), and it
# stays there as the case moves on. The reply form has no satisfaction
# chosen: saving without one is refused and nothing changes; the clerk
# records what the visitor said, here 未表态 (not stated), which is kept as
# such in the database.
. "$(dirname "$0")/lib.sh"

REPLY=已电话答复来访人，来访人未表态。编号RY81

lf_setup_office
lf_user_add boss boss-secret-1 --name 杨伟强 --roles leader --title 局长
lf_import_csv "$DATA/one_visit.csv" # 李秀英, 2026-000001

step "the supervisor accepts the case, names 李明 its owning leader and transfers it"
lf_start_as "$SUP_LOGIN" "$SUP_PW" --lang en
lf_open_queue "awaiting screening"
keys Enter
wait_for "群众来访登记表  2026-000001"
keys F7
wait_for "Act on case 2026-000001"
menu_pick accept
wait_for "accept case 2026-000001?"
keys y
wait_case 2026-000001 status accepted
keys F7
menu_pick "take ownership"
wait_for "Leader"
keys Enter
wait_for "$LEADER_NAME"
menu_pick "$LEADER_NAME"
wait_row_with Leader "$LEADER_NAME"
keys F2
wait_for "The owning leader is recorded."
assert_eq "$LEADER_LOGIN" "$(db_sql "SELECT u.login FROM case_file c JOIN app_user u ON u.id = c.owner_id WHERE c.case_no = '2026-000001'")" \
	"the owning leader"
keys F7
menu_pick transfer
wait_for "transfer · case 2026-000001"
assert_row_has "Unit" "$PEER_UNIT"
keys F2
wait_gone "transfer · case"
wait_case 2026-000001 status transferred
keys F10
wait_exit

step "the leader's own queue lists the case they own"
lf_start_as "$LEADER_LOGIN" "$LEADER_PW" --lang en
keys F7
wait_for "Queues"
assert_row_has "my cases (包案)" " 1"
menu_pick "my cases (包案)"
wait_for "Queue: my cases (包案)"
assert_screen_has "1 case(s)"
assert_row_has 2026-000001 李秀英
assert_row_has 2026-000001 transferred
keys F10
wait_exit
# The other leader owns nothing.
lf_start_as boss boss-secret-1 --lang en
keys F7
wait_for "Queues"
assert_row_has "my cases (包案)" " 0"
keys Escape
keys F10
wait_exit

step "the handler takes it up and reports"
lf_start_as "$HANDLER_LOGIN" "$HANDLER_PW" --lang en
lf_open_queue "being handled"
keys Enter
wait_for "群众来访登记表  2026-000001"
keys F7
menu_pick "take up"
wait_for "take up case 2026-000001?"
keys y
wait_for "take up done"
keys F7
menu_pick "report handling"
wait_for "report handling · case 2026-000001"
type_text 已督促单位于本月底前发放工资。
keys F2
wait_gone "report handling · case"
wait_case 2026-000001 status reported

step "the reply form has no satisfaction chosen and refuses to save without one"
keys F7
menu_pick "record the reply"
wait_for "record the reply · case 2026-000001"
type_text "$REPLY"
keys Tab
settle
assert_row_lacks Satisfaction "satisfied"
keys F2
wait_for "record the visitor's satisfaction"
assert_case 2026-000001 status reported
assert_eq 0 "$(db_sql "SELECT count(*) FROM case_event WHERE kind = 'reply'")" "no reply saved"
assert_screen_has 编号RY81 # what was typed stays on the form
keys Space
wait_row_with Satisfaction "satisfied"
keys Space Space Space
wait_row_with Satisfaction "not stated"
keys F2
wait_gone "record the reply · case"
wait_case 2026-000001 status replied
assert_eq "|unstated" \
	"$(db_sql "SELECT coalesce(e.satisfaction, '') || '|' || e.satisfaction_stance FROM case_event e JOIN case_file c ON c.id = e.case_id WHERE c.case_no = '2026-000001' AND e.kind = 'reply'")" \
	"未表态 recorded as such"
keys F10
wait_exit

step "the owning leader still finds it, replied"
lf_start_as "$LEADER_LOGIN" "$LEADER_PW" --lang en
lf_open_queue "my cases (包案)"
assert_row_has 2026-000001 replied
keys F10
wait_exit
assert_check_clean
pass
