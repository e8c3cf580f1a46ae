#!/bin/sh
# The handler's home screen (issue 12), under TERM=xterm-256color and
# TERM=screen-256color: it lists only today's cases routed to the handler's
# unit (its lead unit, or a co-agency), not every visitor of the day; the title says
# so. A handler who is also a leader (who sees the day, as the leader on
# duty) still sees every case registered today.
. "$(dirname "$0")/lib.sh"

lf_setup_office
step "three visits today: one transferred to the handler's unit, one assigned elsewhere, one not routed"
{
	echo "receptionist,received_on,name,sex,phone,id_number,address,content"
	echo ",$TODAY,本单位甲,男,,$(id_number 44010619800101001),,反映物业收费问题。"
	echo ",$TODAY,外单位乙,女,,$(id_number 44010619800101002),,反映道路积水问题。"
	echo ",$TODAY,未分流丙,男,,$(id_number 44010619800101003),,反映噪音扰民问题。"
} >"$T/day.csv"
lf_import_csv "$T/day.csv"
lf_case_to "$YEAR-000001" transferred
lf_case_to "$YEAR-000002" assigned
echo ",$TODAY,会办丁,女,,$(id_number 44010619800101004),,反映供暖不足问题。" >"$T/co.csv"
sed -n 1p "$T/day.csv" | cat - "$T/co.csv" >"$T/day2.csv"
lf_import_csv "$T/day2.csv"
lf_case "$SUP_LOGIN" "$SUP_PW" accept "$YEAR-000004"
lf_case "$SUP_LOGIN" "$SUP_PW" route "$YEAR-000004" --assign "$LOWER_UNIT" --co-units "$PEER_UNIT"
lf_user_add deskhand deskhand-secret-1 --name 柳兼职 --roles handler,leader --unit "$PEER_UNIT"

for term in xterm-256color screen-256color; do
	step "TERM=$term: the handler sees only his unit's case"
	LF_TERM=$term lf_start --lang en
	lf_login "$HANDLER_LOGIN" "$HANDLER_PW"
	wait_for "$YEAR-000001"
	assert_screen_has 本单位甲
	assert_screen_has 会办丁
	assert_screen_lacks 外单位乙
	assert_screen_lacks 未分流丙
	assert_screen_lacks "$YEAR-000002"
	assert_screen_has "Today's registrations for your unit: 2"
	keys F10
	wait_exit

	step "TERM=$term: a handler who is a leader too sees the day's cases"
	LF_TERM=$term lf_start --lang en
	lf_login deskhand deskhand-secret-1
	wait_for "$YEAR-000003"
	assert_screen_has "Today's registrations: 4"
	assert_screen_has 外单位乙
	keys F10
	wait_exit
done
pass
