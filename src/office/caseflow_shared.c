/* What the case-flow acts share (caseflow_internal.h): refusals in the
 * face's words, the permission and the case read as the actor may read it,
 * checked texts and users, the signer's line, one event in the store (a
 * conflict said as what another desk did), and the office calendar. The
 * steps themselves: caseflow.c; the other acts: caseflow_acts.c. */
#include "laifang/caseflow.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseflow_internal.h"
#include "laifang/access.h"
#include "laifang/auth.h"
#include "laifang/date.h"
#include "laifang/estimate.h"
#include "laifang/i18n.h"
#include "laifang/store_calendar.h"
#include "laifang/text.h"

/* ---- shared helpers (caseflow_internal.h) ---- */

lf_store_err cf_refuse(lf_store *st, lf_store_err kind, char *msg, size_t len, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	lf_store_set_error(st, kind, buf);
	if (msg && len)
		snprintf(msg, len, "%s", buf);
	return kind;
}

lf_store_err cf_passed(lf_store *st, lf_store_err e, char *msg, size_t len)
{
	if (msg && len)
		snprintf(msg, len, "%s", e == LF_STORE_OK ? "" : lf_store_errmsg(st));
	return e;
}

lf_store_err cf_require(lf_store *st, const lf_user *actor, lf_perm perm, char *msg, size_t len)
{
	char why[512];
	if (lf_require(actor, perm, why, sizeof why))
		return LF_STORE_OK;
	return cf_refuse(st, LF_STORE_DENIED, msg, len, "%s", why);
}

lf_store_err cf_flow(lf_store *st, const lf_user *actor, const char *case_id, lf_case_flow *flow, char *msg, size_t len)
{
	memset(flow, 0, sizeof *flow);
	lf_store_err e = case_id && case_id[0] ? lf_store_case_flow(st, case_id, flow) : LF_STORE_NOTFOUND;
	if (e == LF_STORE_NOTFOUND)
		return cf_refuse(st, e, msg, len, _("there is no case \"%s\""), case_id ? case_id : "");
	/* Need to know: nobody steps or adds to a case they may not read. */
	if (e == LF_STORE_OK)
		e = lf_case_require_readable(st, actor, flow->case_id, "step", msg, len);
	if (e == LF_STORE_DENIED) {
		lf_case_flow_free(flow);
		return e;
	}
	return cf_passed(st, e, msg, len);
}

lf_store_err cf_unlocked(lf_store *st, const lf_case_flow *flow, char *msg, size_t len)
{
	if (flow->state != LF_ST_ARCHIVED)
		return LF_STORE_OK;
	/* The store's gate says it, with the case's number: one sentence everywhere. */
	return cf_passed(st, lf_store_case_unlocked(st, flow->case_id), msg, len);
}

lf_store_err lf_case_unlocked(lf_store *st, const char *case_key)
{
	return lf_store_case_unlocked(st, case_key);
}

bool cf_tracked(lf_case_state s)
{
	return lf_state_open(s) && !lf_state_sent_out(s);
}

lf_store_err cf_text(lf_store *st, const char *text, bool multiline, bool required, size_t max,
                     const char *label, char **out, char *msg, size_t len)
{
	*out = lf_text_clean(text ? text : "", text ? strlen(text) : 0, multiline, NULL);
	if (!*out)
		return cf_refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
	/* A long text keeps the clerk's paragraph indents (全角空格). */
	if (multiline)
		lf_text_trim_lines(*out);
	else
		lf_text_trim(*out);
	if (required && !(*out)[0])
		return cf_refuse(st, LF_STORE_INVALID, msg, len, _("%s: must not be empty"), _(label));
	if (lf_text_chars(*out) > max)
		return cf_refuse(st, LF_STORE_INVALID, msg, len, _("%s: at most %zu characters"), _(label), max);
	return LF_STORE_OK;
}

lf_store_err cf_user_with(lf_store *st, const char *login, unsigned roles, const char *label, lf_user *out,
                          char *msg, size_t len)
{
	memset(out, 0, sizeof *out);
	lf_store_err e = login && login[0] ? lf_store_user_get(st, login, out, NULL) : LF_STORE_NOTFOUND;
	if (e == LF_STORE_NOTFOUND)
		return cf_refuse(st, LF_STORE_INVALID, msg, len, _("%s: there is no user \"%s\""), _(label),
		                 login ? login : "");
	if (e != LF_STORE_OK)
		return cf_passed(st, e, msg, len);
	if (!out->active)
		return cf_refuse(st, LF_STORE_INVALID, msg, len, _("%s: %s is deactivated"), _(label), out->login);
	if (!(out->roles & roles)) {
		char want[256];
		lf_roles_format(roles, true, want, sizeof want);
		return cf_refuse(st, LF_STORE_INVALID, msg, len, _("%s: %s does not hold the role %s"), _(label),
		                 out->login, want);
	}
	return LF_STORE_OK;
}

void cf_signer(const lf_user *actor, char *buf, size_t len)
{
	const char *name = actor->name && actor->name[0] ? actor->name : actor->login;
	if (actor->title && actor->title[0])
		snprintf(buf, len, "%s（%s）", name ? name : "", actor->title);
	else
		snprintf(buf, len, "%s", name ? name : "");
}

lf_store_err cf_event(lf_store *st, const lf_event_in *ev, char *msg, size_t len)
{
	lf_store_err e = lf_store_case_event(st, ev);
	if (e != LF_STORE_CONFLICT || !ev->expect_state)
		return cf_passed(st, e, msg, len);
	/* Say where the case went; the face shows it again. A case still in
	 * its state was refused for what the store found changed (a second
	 * extension, an instruction before the archive): its words stand. */
	char said[1024];
	snprintf(said, sizeof said, "%s", lf_store_errmsg(st));
	lf_case_flow now;
	memset(&now, 0, sizeof now);
	const char *where = _("another state");
	bool moved = true;
	if (lf_store_case_flow(st, ev->case_id, &now) == LF_STORE_OK) {
		where = lf_state_label(now.state);
		moved = strcmp(lf_state_id(now.state), ev->expect_state) != 0;
	}
	char buf[1024];
	if (moved)
		snprintf(buf, sizeof buf, _("this case was just moved by someone else to %s; look again"), where);
	else
		snprintf(buf, sizeof buf, "%s", said);
	lf_case_flow_free(&now);
	return cf_refuse(st, LF_STORE_CONFLICT, msg, len, "%s", buf);
}

void cf_warn_uncovered(lf_store *st, lf_date due, char *msg, size_t len)
{
	const lf_calendar *cal = lf_office_calendar(st);
	if (!msg || !len || lf_calendar_covers(cal, due))
		return;
	char day[LF_DATE_LEN];
	lf_date_format(due, day);
	size_t used = strlen(msg);
	if (used + 1 >= len)
		return;
	snprintf(msg + used, len - used,
	         /* Short: it follows "…done." on the desk's two message rows. */
	         _("%sThe deadline %s is estimated: the holiday calendar ends with %d. Import the next year "
	           "(laifang calendar import)."),
	         used ? " " : "", day, lf_calendar_last_year(cal));
}

/* ---- the office calendar ---- */

/* The office's calendar is the store's (built-in years and the imported
 * days); the office layer hands it to faces and rules. */
const lf_calendar *lf_office_calendar(lf_store *st)
{
	return lf_store_calendar(st);
}

