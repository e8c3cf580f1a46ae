/* Need to know: who may read a case's file. One rule, here; the store's
 * lists apply the same rule as a WHERE clause (store_access.h), and the
 * paths that open, print, export or step one case ask lf_case_require_readable
 * first. Core module.
 *
 * A case is readable by
 * - the people named on it: the clerk who registered it, the leader who
 *   owns it (包案) or was asked to instruct, everyone who signed an entry
 *   on it or took a step of its life;
 * - handlers of the unit it is routed to (its lead unit);
 * - roles with LF_PERM_READ_ALL (supervisors, archivists, administrators);
 * - clerks and leaders while the visitor waits for or is in an interview
 *   (候谈, 接谈: the reception day's flow), and leaders the cases received
 *   today (the leader on duty's day, DESIGN.md).
 * A case referred to discipline inspection is readable only by roles with
 * LF_PERM_READ_REFERRALS, the people named on it and the unit it was
 * referred to (《信访工作条例》第三十条: an accuser's material never goes to
 * the people or units accused). */
#ifndef LAIFANG_ACCESS_H
#define LAIFANG_ACCESS_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/store.h"
#include "laifang/store_access.h"
#include "laifang/store_people.h"

/* The rule for one case. False for NULL or a deactivated user. */
bool lf_case_readable(const lf_user *u, const lf_case_facts *f);

/* The same rule as a list filter for the store. */
void lf_case_reader_for(const lf_user *u, lf_case_reader *out);

/* Make u the reader of the handle's lists (at login; NULL: nobody, so no
 * case is listed). */
void lf_access_apply(lf_store *st, const lf_user *u);

/* LF_STORE_OK when actor may read the case; LF_STORE_DENIED with a
 * translated sentence in msg (and as the handle's error) when not, the
 * refusal recorded in the audit log (action "case.denied", what: "open",
 * "print", "step", "export"); LF_STORE_NOTFOUND when there is no such case. */
lf_store_err lf_case_require_readable(lf_store *st, const lf_user *actor, const char *case_no_or_id,
                                      const char *what, char *msg, size_t len);

#endif
