/* Need to know: the one rule of who may read a case (access.h), as a test
 * of one case's facts and as the store's list filter. */
#include "laifang/access.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "laifang/auth.h"
#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/store_audit.h"

static bool same(const char *a, const char *b)
{
	return a && b && a[0] && !strcmp(a, b);
}

/* Registered it, owns it, was asked to instruct, signed or stepped it. */
static bool named_on(const lf_user *u, const lf_case_facts *f)
{
	if (same(u->id, f->receptionist_id) || same(u->id, f->owner_id) || same(u->id, f->instruction_leader_id))
		return true;
	for (size_t i = 0; i < f->n_named; i++)
		if (same(u->id, f->named[i]))
			return true;
	return false;
}

bool lf_case_readable(const lf_user *u, const lf_case_facts *f)
{
	if (!u || !u->active || !f)
		return false;
	if (named_on(u, f))
		return true;
	/* The unit the case is routed (or referred) to: its workers and its head. */
	if ((u->roles & (LF_ROLE_HANDLER | LF_ROLE_UNIT_HEAD)) && same(u->unit_id, f->lead_unit_id))
		return true;
	/* And its co-agencies (会办单位). */
	for (size_t i = 0; (u->roles & LF_ROLE_HANDLER) && i < f->n_co_units; i++)
		if (same(u->unit_id, f->co_units[i]))
			return true;
	if (f->referral)
		return lf_can(u->roles, LF_PERM_READ_REFERRALS);
	if (lf_can(u->roles, LF_PERM_READ_ALL))
		return true;
	if (f->in_visit && (u->roles & (LF_ROLE_CLERK | LF_ROLE_LEADER)))
		return true;
	/* The leader on duty sees the day's registrations (DESIGN.md). */
	char today[LF_DATE_LEN];
	lf_date_format(lf_date_today(), today);
	return (u->roles & LF_ROLE_LEADER) && !strcmp(f->received_on, today);
}

void lf_case_reader_for(const lf_user *u, lf_case_reader *out)
{
	memset(out, 0, sizeof *out);
	if (!u || !u->active)
		return;
	out->all = lf_can(u->roles, LF_PERM_READ_ALL);
	out->referrals = lf_can(u->roles, LF_PERM_READ_REFERRALS);
	out->open = out->all && out->referrals;
	out->visits = (u->roles & (LF_ROLE_CLERK | LF_ROLE_LEADER)) != 0;
	out->today = (u->roles & LF_ROLE_LEADER) != 0;
	snprintf(out->user_id, sizeof out->user_id, "%s", u->id);
	if (u->roles & (LF_ROLE_HANDLER | LF_ROLE_UNIT_HEAD))
		snprintf(out->unit_id, sizeof out->unit_id, "%s", u->unit_id);
}

void lf_access_apply(lf_store *st, const lf_user *u)
{
	lf_case_reader r;
	lf_case_reader_for(u, &r);
	lf_store_set_reader(st, &r);
}

lf_store_err lf_case_require_readable(lf_store *st, const lf_user *actor, const char *case_no_or_id,
                                      const char *what, char *msg, size_t len)
{
	lf_case_facts f;
	char buf[512];
	lf_store_err e = lf_store_case_facts(st, case_no_or_id ? case_no_or_id : "", &f);
	if (e != LF_STORE_OK) {
		if (msg && len)
			snprintf(msg, len, "%s", lf_store_errmsg(st));
		return e;
	}
	bool ok = lf_case_readable(actor, &f);
	if (!ok) {
		if (!actor || !actor->active)
			lf_require(actor, LF_PERM_REGISTER, buf, sizeof buf);
		else
			snprintf(buf, sizeof buf, _("not allowed: case %s is not among the cases you work on"), f.case_no);
		/* Who tried to read what they may not: worth a line in the log. */
		json_t *o = json_pack("{s:s}", "what", what ? what : "open");
		char *detail = o ? json_dumps(o, JSON_COMPACT) : NULL;
		json_decref(o);
		if (actor && actor->active)
			lf_store_audit(st, "case.denied", f.case_id, detail);
		free(detail);
		lf_store_set_error(st, LF_STORE_DENIED, buf);
		if (msg && len)
			snprintf(msg, len, "%s", buf);
	}
	lf_case_facts_free(&f);
	return ok ? LF_STORE_OK : LF_STORE_DENIED;
}
