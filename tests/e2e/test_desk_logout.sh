#!/bin/sh
# Log out without quitting (issue 12), under TERM=xterm-256color and
# TERM=screen-256color: clerk A types half a sheet and logs out (Ctrl-O on
# the sheet); the login screen comes back; clerk B logs in and is offered
# no draft; B logs out from home ('o', then the F2 menu); A logs in again
# and gets the sheet back where she was. Each log-out is in the audit log.
. "$(dirname "$0")/lib.sh"

B_LOGIN=clerkb
B_NAME=张小青
B_PW=clerkb-secret-1

lf_setup
lf_user_add "$B_LOGIN" "$B_PW" --name "$B_NAME" --roles clerk
n=0
for term in xterm-256color screen-256color; do
	n=$((n + 1))
	MARK="半张表MK$n"
	step "TERM=$term: clerk A types half a sheet and logs out from it"
	LF_TERM=$term lf_start --lang en
	lf_login "$CLERK_LOGIN" "$CLERK_PW"
	wait_for "Today's registrations"
	assert_screen_has "$CLERK_NAME"
	keys F1
	wait_for "Keys of the home screen"
	keys NPage
	wait_for "Log out: the login screen"
	keys Escape
	wait_gone "Log out: the login screen"
	keys F4
	wait_sheet
	type_text "甲方$n"
	keys Tab Tab Tab Tab Tab # 性别, 联系电话, 身份证号码, 单位或住址, 信访内容
	type_text "反映噪音。$MARK"
	wait_for "$MARK"
	keys C-o
	wait_for "Log out? The sheet is kept as your draft"
	keys y
	wait_for "Log in"
	wait_for "Password"
	assert_screen_lacks "$MARK"
	wait_draft "$MARK"
	assert_eq 0 "$(db_sql "SELECT count(*) FROM case_file")" "cases after A's log-out"

	step "TERM=$term: clerk B logs in: no offer of A's draft"
	lf_login "$B_LOGIN" "$B_PW"
	wait_for "Today's registrations"
	assert_screen_has "$B_NAME"
	assert_screen_lacks "A registration sheet was being typed"
	assert_screen_lacks "$CLERK_NAME"
	keys F4
	wait_sheet
	wait_row_with 接待人员 "$B_NAME"
	assert_screen_lacks "$MARK"
	keys Escape
	wait_for "Today's registrations"

	step "TERM=$term: B logs out from home"
	if [ "$n" = 1 ]; then
		keys o
	else
		keys F2
		wait_for "Log out / switch user"
		keys End Enter
	fi
	wait_for "Log in"
	wait_for "Password"
	assert_screen_lacks "$B_NAME"

	step "TERM=$term: A logs in and gets her sheet back where she was"
	lf_login "$CLERK_LOGIN" "$CLERK_PW"
	wait_for "A registration sheet was being typed"
	keys y
	wait_sheet
	wait_row_with 接待人员 "$CLERK_NAME"
	wait_row_with 来访人姓名 "甲方$n"
	wait_for "$MARK"
	type_text 续
	wait_for "${MARK}续"
	keys Escape
	wait_for "Drop what was typed"
	keys y
	wait_for "Today's registrations"
	keys F10
	wait_exit
	assert_eq 0 "$EXIT_STATUS" "laifang's exit status after F10"
	no_draft || fail "a draft is left after A dropped her sheet: $(ls -la "$DRAFT_DIR")"
done
assert_eq 2 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'logout' AND login = '$CLERK_LOGIN'")" \
	"A's log-outs in the audit log"
assert_eq 2 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'logout' AND login = '$B_LOGIN'")" \
	"B's log-outs in the audit log"
assert_check_clean
pass
