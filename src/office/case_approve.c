/* The unit head's approval of a handling report (issue 11): the report is
 * written and signed by a case worker (经办人) and countersigned by the head
 * of the lead unit (处室负责人); each is a signed entry of its own, so both
 * names stay on the file and on paper. */
#include "laifang/caseops.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/access.h"
#include "laifang/auth.h"
#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/store_flow.h"
#include "laifang/text.h"

#define APPROVAL_MAX_CHARS 2000

static lf_store_err say(char *msg, size_t len, lf_store_err e, const char *fmt, ...)
{
	if (msg && len) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(msg, len, fmt, ap);
		va_end(ap);
	}
	return e;
}

lf_store_err lf_case_approve_report_seen(lf_store *st, const lf_user *actor, const char *case_id, int report_seen,
                                         const char *text, char *msg, size_t len)
{
	char why[512];
	if (!lf_require(actor, LF_PERM_APPROVE_REPORT, why, sizeof why))
		return say(msg, len, LF_STORE_DENIED, "%s", why);
	lf_store_err e = lf_case_require_readable(st, actor, case_id ? case_id : "", "step", msg, len);
	if (e == LF_STORE_NOTFOUND)
		return say(msg, len, e, _("there is no case \"%s\""), case_id ? case_id : "");
	if (e != LF_STORE_OK)
		return e;
	lf_case_flow f;
	e = lf_store_case_flow(st, case_id, &f);
	if (e != LF_STORE_OK)
		return say(msg, len, e, "%s", lf_store_errmsg(st));
	/* The head of the unit the case is with, and no other. */
	bool own = f.lead_unit_id && f.lead_unit_id[0] && actor->unit_id[0] && !strcmp(f.lead_unit_id, actor->unit_id);
	if (!own)
		e = f.lead_unit_id && f.lead_unit_id[0]
		        ? say(msg, len, LF_STORE_DENIED, _("not allowed: this case is with %s; only the head of that unit "
		                                           "approves its report"),
		              f.lead_unit_name ? f.lead_unit_name : "")
		        : say(msg, len, LF_STORE_INVALID, "%s", _("this case has no lead unit whose head could approve "
		                                                  "a report"));
	char case_uuid[37];
	snprintf(case_uuid, sizeof case_uuid, "%s", f.case_id);
	lf_case_flow_free(&f);
	if (e != LF_STORE_OK)
		return e;

	char *clean = lf_text_clean(text ? text : "", text ? strlen(text) : 0, true, NULL);
	if (!clean)
		return say(msg, len, LF_STORE_IO, "%s", _("out of memory"));
	lf_text_trim_lines(clean); /* the paragraph indents stay */
	if (lf_text_chars(clean) > APPROVAL_MAX_CHARS) {
		free(clean);
		return say(msg, len, LF_STORE_INVALID, _("approval: at most %d characters"), APPROVAL_MAX_CHARS);
	}
	char signer[256], at[LF_TIMESTAMP_LEN];
	const char *name = actor->name && actor->name[0] ? actor->name : actor->login;
	if (actor->title && actor->title[0])
		snprintf(signer, sizeof signer, "%s（%s）", name, actor->title);
	else
		snprintf(signer, sizeof signer, "%s", name);
	lf_timestamp_now(at, sizeof at);
	e = lf_store_case_approve(st, case_uuid, report_seen, clean[0] ? clean : "同意", actor->id, signer, at);
	free(clean);
	if (e != LF_STORE_OK)
		return say(msg, len, e, "%s", lf_store_errmsg(st));
	if (msg && len)
		msg[0] = '\0';
	return LF_STORE_OK;
}

lf_store_err lf_case_approve_report(lf_store *st, const lf_user *actor, const char *case_id, const char *text,
                                    char *msg, size_t len)
{
	return lf_case_approve_report_seen(st, actor, case_id, 0, text, msg, len);
}
