/* An approving leader's confirmation (issue 11): a change to a published
 * slot of the reception schedule, a publication, and a slot on a day off
 * are approved by a leader who confirms with their own login and password
 * at that moment, never by a login name typed by someone else. Core module:
 * no curses, no SQL. */
#ifndef LAIFANG_APPROVAL_H
#define LAIFANG_APPROVAL_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/store.h"
#include "laifang/store_people.h"

/* What the approving leader gave, now. */
typedef struct lf_approval {
	const char *login;    /* the approving leader's own login */
	const char *password; /* typed by them, now (never stored) */
	const char *reason;   /* why (a change to a published slot needs one) */
	bool days_off;        /* they accept the slots on days off (holidays,
	                       * weekends not worked) named to them */
} lf_approval;

/* Check the approval for an act of actor: the login and password are
 * checked through lf_login_confirm (counted, locked out after repeated
 * failures, audited), and the account must be an active leader (接访领导)
 * other than actor. On LF_STORE_OK *approver holds the account (free with
 * lf_user_free) and name "姓名（职务）" as it signs. Otherwise a translated
 * refusal in msg (LF_STORE_INVALID: nothing given; LF_STORE_DENIED: the
 * password, the role, the lock-out). */
lf_store_err lf_approval_check(lf_store *st, const lf_user *actor, const lf_approval *a, lf_user *approver,
                               char *name, size_t namelen, char *msg, size_t len);

#endif
