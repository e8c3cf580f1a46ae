/* The queues as a role sees them (one view, many filters over the store's
 * queue). The import of an office's calendar years is calendar_import.c. */
#include "laifang/caseflow.h"
#include "laifang/store_clocks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseflow_internal.h"
#include "laifang/deadline.h"
#include "laifang/i18n.h"

#define S(x) (1u << (x))

static const struct {
	const char *key;
	const char *label;
	lf_perm perm[2]; /* either grants the queue; LF_PERM_COUNT: none */
	unsigned states;
} queues[LF_Q_COUNT] = {
	[LF_Q_SCREENING] = {"screening", N_("awaiting screening"), {LF_PERM_SCREEN, LF_PERM_ROUTE},
	                    S(LF_ST_REGISTERED)},
	[LF_Q_ROUTING] = {"routing", N_("awaiting routing"), {LF_PERM_SCREEN, LF_PERM_ROUTE}, S(LF_ST_ACCEPTED)},
	[LF_Q_TRANSFER] = {"transfer", N_("transferred, not taken up"), {LF_PERM_SCREEN, LF_PERM_ROUTE},
	                   S(LF_ST_TRANSFERRED)},
	[LF_Q_ASSIGNMENT] = {"assignment", N_("assigned, not taken up"), {LF_PERM_SCREEN, LF_PERM_ROUTE},
	                     S(LF_ST_ASSIGNED)},
	[LF_Q_INSTRUCTIONS] = {"instructions", N_("awaiting my instruction"), {LF_PERM_INSTRUCT, LF_PERM_COUNT},
	                       S(LF_ST_REGISTERED) | S(LF_ST_ACCEPTED) | S(LF_ST_IN_HOUSE) | S(LF_ST_TRANSFERRED) |
	                           S(LF_ST_ASSIGNED) | S(LF_ST_HANDLING) | S(LF_ST_REPORTED) | S(LF_ST_REPLIED) |
	                           S(LF_ST_DECLINED)},
	[LF_Q_HANDLING] = {"handling", N_("being handled"), {LF_PERM_REPORT, LF_PERM_COUNT},
	                   S(LF_ST_IN_HOUSE) | S(LF_ST_TRANSFERRED) | S(LF_ST_ASSIGNED) | S(LF_ST_HANDLING) |
	                       S(LF_ST_REPORTED)},
	[LF_Q_SUPERVISION] = {"supervision", N_("supervision"), {LF_PERM_SCREEN, LF_PERM_ROUTE},
	                      S(LF_ST_REGISTERED) | S(LF_ST_ACCEPTED) | S(LF_ST_IN_HOUSE) | S(LF_ST_TRANSFERRED) |
	                          S(LF_ST_ASSIGNED) | S(LF_ST_HANDLING) | S(LF_ST_REPORTED) | S(LF_ST_REPLIED) |
	                          S(LF_ST_DECLINED) | S(LF_ST_REVIEW_REQUESTED) | S(LF_ST_REREVIEW_REQUESTED)},
	[LF_Q_ARCHIVE] = {"archive", N_("awaiting the archive"), {LF_PERM_ARCHIVE, LF_PERM_COUNT},
	                  S(LF_ST_REPLIED) | S(LF_ST_DECLINED) | S(LF_ST_REFERRED) | S(LF_ST_REVIEWED) |
	                      S(LF_ST_REREVIEWED) | S(LF_ST_LAW_REFERRED)},
	[LF_Q_ARCHIVED] = {"archived", N_("archived"), {LF_PERM_ARCHIVE, LF_PERM_COUNT}, S(LF_ST_ARCHIVED)},
	/* 包案: a leader who owns cases follows them to the archive. */
	[LF_Q_OWNED] = {"owned", N_("my cases (包案)"), {LF_PERM_INSTRUCT, LF_PERM_COUNT},
	                S(LF_ST_REGISTERED) | S(LF_ST_ACCEPTED) | S(LF_ST_IN_HOUSE) | S(LF_ST_TRANSFERRED) |
	                    S(LF_ST_ASSIGNED) | S(LF_ST_HANDLING) | S(LF_ST_REPORTED) | S(LF_ST_REPLIED) |
	                    S(LF_ST_DECLINED) | S(LF_ST_REFERRED) | S(LF_ST_REVIEW_REQUESTED) | S(LF_ST_REVIEWED) |
	                    S(LF_ST_REREVIEW_REQUESTED) | S(LF_ST_REREVIEWED) | S(LF_ST_LAW_REFERRED)},
	/* Issue 13, arts. 35 and 36: the requests waiting for an opinion, for
	 * the supervisors who give it or take it to a leader. */
	[LF_Q_REVIEW] = {"review", N_("awaiting the review opinion (待复查)"), {LF_PERM_SCREEN, LF_PERM_ROUTE},
	                 S(LF_ST_REVIEW_REQUESTED)},
	[LF_Q_REREVIEW] = {"rereview", N_("awaiting the re-review opinion (待复核)"), {LF_PERM_SCREEN, LF_PERM_ROUTE},
	                   S(LF_ST_REREVIEW_REQUESTED)},
	/* Issue 13 (可评价): answers the petitioner did not evaluate in time. */
	[LF_Q_UNEVALUATED] = {"unevaluated", N_("not evaluated in time (超期未评价)"), {LF_PERM_ROUTE, LF_PERM_COUNT},
	                      S(LF_ST_REPLIED) | S(LF_ST_REVIEW_REQUESTED) | S(LF_ST_REVIEWED) |
	                          S(LF_ST_REREVIEW_REQUESTED) | S(LF_ST_REREVIEWED)},
	/* The unit head's: reports in, awaiting their countersignature. */
	[LF_Q_APPROVAL] = {"approval", N_("reports awaiting approval (待审核)"), {LF_PERM_APPROVE_REPORT, LF_PERM_COUNT},
	                   S(LF_ST_REPORTED)},
};

const char *lf_queue_key(lf_queue_id q)
{
	return (unsigned)q < LF_Q_COUNT ? queues[q].key : NULL;
}

const char *lf_queue_label(lf_queue_id q)
{
	return (unsigned)q < LF_Q_COUNT ? _(queues[q].label) : NULL;
}

bool lf_queue_parse(const char *key, lf_queue_id *out)
{
	for (int i = 0; key && i < LF_Q_COUNT; i++)
		if (!strcmp(queues[i].key, key)) {
			*out = (lf_queue_id)i;
			return true;
		}
	return false;
}

/* The actor works the queue (not merely reads it as an administrator). */
static bool works(const lf_user *actor, lf_queue_id q)
{
	for (int i = 0; i < 2; i++)
		if (queues[q].perm[i] != LF_PERM_COUNT && lf_can(actor->roles, queues[q].perm[i]))
			return true;
	return false;
}

bool lf_queue_works(const lf_user *actor, lf_queue_id q)
{
	return actor && actor->active && (unsigned)q < LF_Q_COUNT && works(actor, q);
}

bool lf_queue_visible(const lf_user *actor, lf_queue_id q)
{
	if (!actor || !actor->active || (unsigned)q >= LF_Q_COUNT)
		return false;
	/* An administrator sees every queue, read-only (the steps ask again);
	 * "my cases" is a leader's own and means nothing to anyone else. */
	if (q == LF_Q_OWNED)
		return works(actor, q);
	return works(actor, q) || lf_can(actor->roles, LF_PERM_ADMINISTER);
}

bool lf_queue_filter_for(lf_store *st, const lf_user *actor, lf_queue_id q, lf_queue_filter *f, char *msg,
                         size_t len)
{
	memset(f, 0, sizeof *f);
	if (msg && len)
		msg[0] = '\0';
	if ((unsigned)q >= LF_Q_COUNT) {
		cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", _("no such queue"));
		return false;
	}
	if (!lf_queue_visible(actor, q)) {
		char why[512];
		lf_require(actor, queues[q].perm[0], why, sizeof why);
		cf_refuse(st, LF_STORE_DENIED, msg, len, "%s", why);
		return false;
	}
	f->states = queues[q].states;
	bool own = works(actor, q);
	switch (q) {
	case LF_Q_INSTRUCTIONS:
		/* The leader's own: the cases a supervisor asked them to instruct,
		 * until they sign (the store's filter takes one person at a time:
		 * the cases they own are the owner_id filter, for a face to add). */
		if (own)
			f->instruction_leader_id = actor->id;
		break;
	case LF_Q_OWNED:
		/* By the index case_file_owner (owner_id, sort key). */
		f->owner_id = actor->id;
		break;
	case LF_Q_APPROVAL: /* the unit's own too */
	case LF_Q_HANDLING:
		f->report_unapproved = q == LF_Q_APPROVAL;
		if (own) {
			if (!actor->unit_id[0]) {
				cf_refuse(st, LF_STORE_INVALID, msg, len, "%s",
				          _("you belong to no unit: an administrator sets your unit, then its cases show "
				            "here"));
				return false;
			}
			f->unit_id = actor->unit_id;
		}
		break;
	case LF_Q_SUPERVISION: {
		/* Overdue or due within 2 working days. One date for every caller
		 * of the day, so a static buffer serves. */
		static char before[LF_DATE_LEN];
		lf_date_format(lf_calendar_add_workdays(lf_office_calendar(st), lf_date_today(), LF_DUE_NEAR_DAYS),
		               before);
		f->due_before = before;
		break;
	}
	case LF_Q_UNEVALUATED: {
		static char today[LF_DATE_LEN];
		lf_date_format(lf_date_today(), today);
		f->evaluation_before = today;
		break;
	}
	default:
		break;
	}
	return true;
}

lf_store_err lf_queue_each(lf_store *st, const lf_queue_filter *f, lf_queue_fn fn, void *ud)
{
	return lf_store_queue(st, f, fn, ud);
}

lf_store_err lf_queue_count(lf_store *st, const lf_queue_filter *f, long *count)
{
	lf_queue_filter capped = *f;
	capped.count_cap = LF_QUEUE_COUNT_CAP;
	return lf_store_queue_count(st, &capped, count);
}

void lf_queue_count_text(long count, char *buf, size_t len)
{
	if (count > LF_QUEUE_COUNT_CAP)
		snprintf(buf, len, "%ld+", (long)LF_QUEUE_COUNT_CAP);
	else
		snprintf(buf, len, "%ld", count);
}

lf_store_err lf_waiting_each(lf_store *st, const char *date, lf_queue_fn fn, void *ud, int *people)
{
	return lf_store_waiting(st, date, fn, ud, people);
}
