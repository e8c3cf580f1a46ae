#!/bin/sh
# A re-review's hearing (听证, 《信访工作条例》第三十六条第二款): the time it
# takes is not counted in the 30 days of the re-review. Through `laifang
# case`, days passing by lf_day: a case taken to 待复核, a hearing begun
# (the re-review clock paused) and ended three days later (its due date
# moves by those days and the basis says so); the opinion given after the
# first due date but within the moved one: met. Refusals: a clerk, a
# second start, an end with no hearing, a case not awaiting its re-review.
# The case screen's timeline shows the hearing.
. "$(dirname "$0")/lib.sh"

OUT="$T/out"
clock() { db_sql "SELECT k.$2 FROM case_clock k JOIN case_file c ON c.id = k.case_id WHERE c.case_no = '$1' AND k.rule = 'rereview'"; }
on_day() { # on_day N LOGIN PW ARG...: a `laifang case` step on day N that must succeed
	_n=$1 _who=$2 _pw=$3
	shift 3
	lf_day "$_n" "$_who" "$_pw" case "$@" >"$OUT" 2>&1 || fail_batch "laifang case $* on day $_n failed: $(cat "$OUT")"
}
refused_on() { # refused_on N TEXT LOGIN PW ARG...
	_n=$1 _text=$2 _who=$3 _pw=$4
	shift 4
	if lf_day "$_n" "$_who" "$_pw" --lang en case "$@" >"$OUT" 2>&1; then fail_batch "laifang case $* was taken"; fi
	grep -q -F -- "$_text" "$OUT" || fail_batch "laifang case $*: expected [$_text] in: $(cat "$OUT")"
}
days_between() { echo $((($(date -d "$2" +%s) - $(date -d "$1" +%s)) / 86400)); }

lf_setup_office
lf_import_csv "$DATA/one_visit.csv"
C1=$YEAR-000001

step "the case answered, reviewed, and a re-review asked for on day 3"
lf_case_to "$C1" replied
refused_on 0 "awaiting its re-review opinion" "$SUP_LOGIN" "$SUP_PW" hearing-start "$C1"
on_day 1 "$CLERK_LOGIN" "$CLERK_PW" review-request "$C1" --text 对处理意见不服。
on_day 2 "$SUP_LOGIN" "$SUP_PW" review-decide "$C1" --opinion upheld --text 经复查，维持原处理意见。
on_day 3 "$SUP_LOGIN" "$SUP_PW" rereview-request "$C1" --received-on "$(day 2)" --text 对复查意见不服。
DUE0=$(clock "$C1" due_on)
assert_eq running "$(clock "$C1" state)" "the re-review clock"

step "the hearing begins on day 5: the clock is paused; a second start, a clerk, an end too early are refused"
refused_on 5 "not allowed" "$CLERK_LOGIN" "$CLERK_PW" hearing-start "$C1"
refused_on 5 "no hearing of this case has begun" "$SUP_LOGIN" "$SUP_PW" hearing-end "$C1" --text 结束。
on_day 5 "$SUP_LOGIN" "$SUP_PW" hearing-start "$C1" --text "就复核事项举行听证。"
assert_eq paused "$(clock "$C1" state)" "the re-review clock during the hearing"
refused_on 6 "has begun and not ended" "$SUP_LOGIN" "$SUP_PW" hearing-start "$C1"

step "it ends on day 7, recorded on the desk (F7): three days are added to the term"
lf_day 7 "$SUP_LOGIN" "$SUP_PW" case show "$C1" >/dev/null 2>&1 # makes the day-7 wrapper
_base=$LAIFANG
LAIFANG=$T/bin/laifang_day7
lf_start_as "$SUP_LOGIN" "$SUP_PW" --lang en
lf_open_queue "awaiting the re-review opinion"
wait_row_with "$C1" 李秀英
keys Enter
wait_for "$C1"
keys F7
wait_for "Act on case $C1"
menu_pick "the hearing ends"
wait_for "Outcome"
type_text "听证认为原复查意见事实清楚。"
keys F2
wait_gone "hearing ends (听证) · "
wait_for "The hearing has ended"
keys F10
wait_exit
LAIFANG=$_base
assert_eq running "$(clock "$C1" state)" "the re-review clock after the hearing"
DUE1=$(clock "$C1" due_on)
MOVED=$(days_between "$DUE0" "$DUE1")
[ "$MOVED" -ge 3 ] || fail_batch "the due date moved by $MOVED days ($DUE0 → $DUE1), not at least 3"
# The basis is kept as a code, in no desk's language (clocks.h; separators
# shown here as | and :), and said in the reader's: English here.
clock "$C1" basis | tr '\037\036' '|:' | grep -q -F "|hearing:$(day 5):$(day 7)" ||
	fail_batch "the basis: $(clock "$C1" basis)"

step "the opinion the day after the first due date: within the moved one, met"
LATE=$(($(days_between "$TODAY" "$DUE0") + 1))
on_day "$LATE" "$SUP_LOGIN" "$SUP_PW" rereview-decide "$C1" --opinion upheld --text 经复核，维持复查意见。
assert_eq met "$(clock "$C1" state)" "the re-review clock, the hearing's days not counted"

step "the timeline shows the hearing"
lf_start_as "$SUP_LOGIN" "$SUP_PW" --lang en
keys /
wait_for "Search:"
type_text 拖欠工资
keys Enter
wait_row_with "$C1" 李秀英
keys Enter
wait_for "群众来访登记表  $C1"
keys F5
wait_for "办理过程  $C1"
page_until "hearing ends (听证)" # the newest steps are at the end
assert_screen_has "听证认为原复查意见事实清楚。"
page_until "not counted (art. 36)" # the clock's basis, in the list of deadlines below
keys F10
wait_exit
assert_check_clean
pass
