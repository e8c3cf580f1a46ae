#!/bin/sh
# Two administrators edit one user at once. Desk A opens the leader's form
# (name 李明, title 副局长); desk B, another administrator, changes the
# title to 局长 and saves; desk A then corrects the name and saves. The form
# sends only what its person changed, so desk B's title stays (it once sent
# every field as it had opened, and put 副局长 back). An unchanged form
# writes nothing.
. "$(dirname "$0")/lib.sh"

lf_setup
lf_user_add admin2 admin2-secret-1 --name 钱二 --roles admin

# open_leader: from the home screen, the users list, the leader's form.
open_leader() {
	keys F9
	wait_for "Users"
	keys Enter
	wait_for "Users: 4"
	keys Home
	wait_line 3 "$ADMIN_LOGIN"
	keys Down Down Down
	wait_line 6 "$LEADER_LOGIN"
	keys Enter
	wait_row_with Name "$LEADER_NAME"
	wait_row_with Title "$LEADER_TITLE"
}

step "desk A opens the leader's form"
lf_start_as "$ADMIN_LOGIN" "$ADMIN_PW" --lang en
open_leader

step "desk B, another administrator, makes the leader 局长"
start_desk_b --lang en
desk b
lf_login admin2 admin2-secret-1
wait_for "Today's registrations"
open_leader
keys Tab # the form opens on Name: Title
keys C-u
type_text 局长
wait_row_with Title "Title 局长"
keys F2
wait_for "User $LEADER_NAME ($LEADER_LOGIN) changed."
assert_eq 局长 "$(db_sql "SELECT title FROM app_user WHERE login = '$LEADER_LOGIN'")" "the title after desk B"

step "desk A corrects the name only and saves: desk B's title stays"
desk a
keys C-u # the form opened on Name
type_text 李明华
wait_row_with Name 李明华
assert_row_has Title "$LEADER_TITLE" # as the form opened
keys F2
wait_for "User 李明华 ($LEADER_LOGIN) changed."
assert_eq "李明华|局长" "$(db_sql "SELECT name || '|' || title FROM app_user WHERE login = '$LEADER_LOGIN'")" \
	"the leader after both desks"

step "the form saved unchanged writes nothing"
_n=$(db_sql "SELECT count(*) FROM audit_log WHERE action LIKE 'user.%'")
keys Enter
wait_row_with Name 李明华
keys F2
wait_for "nothing changed"
assert_eq "$_n" "$(db_sql "SELECT count(*) FROM audit_log WHERE action LIKE 'user.%'")" "user entries after an unchanged save"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "desk A's exit status"
desk b
keys F10
wait_exit
assert_check_clean

pass
