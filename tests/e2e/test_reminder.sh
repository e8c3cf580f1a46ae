#!/bin/sh
# The home screen reminds whoever publishes the reception schedule: on
# 2026-11-23 December's schedule is late (due by the 20th); once it is
# published the reminder goes; a clerk is never shown it.
. "$(dirname "$0")/lib.sh"

lf_setup

step "the administrator is told December's schedule is late"
lf_start_as "$ADMIN_LOGIN" "$ADMIN_PW" --lang en
wait_for "The 2026-12 reception schedule is late"
assert_screen_has "2026-11-20"
keys F10
wait_exit

step "a clerk is not"
lf_start_as "$CLERK_LOGIN" "$CLERK_PW" --lang en
settle
assert_screen_lacks "reception schedule is late"
keys F10
wait_exit

step "published, the reminder goes"
lf_admin schedule generate --rule day:23 --from 2026-12 --to 2026-12 --leaders "$LEADER_LOGIN" \
	--time 09:30-11:30 --location 信访接待室 --department 办公室 >"$T/gen.out" 2>&1 ||
	fail_batch "schedule generate: $(cat "$T/gen.out")"
# Approved by the leader's own password (issue 11), on the line after the
# administrator's.
printf '%s\n%s\n' "$ADMIN_PW" "$LEADER_PW" |
	"$LAIFANG" --db "$LAIFANG_DB" --user "$ADMIN_LOGIN" --password-stdin schedule publish 2026-12 -o "$T/public" \
		--approver "$LEADER_LOGIN" >"$T/pub.out" 2>&1 || fail_batch "publish: $(cat "$T/pub.out")"
lf_start_as "$ADMIN_LOGIN" "$ADMIN_PW" --lang en
settle
assert_screen_lacks "reception schedule is late"
keys F10
wait_exit
pass
