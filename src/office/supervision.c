/* Supervision notices (督办通知) and the unit's written feedback (督办反馈):
 * 《信访工作条例》第四十条第一款 (the petition office supervises a unit that
 * delays, evades or does not carry out a handling opinion), and the
 * escalations of 第三十九条第三款 (约谈、通报、挂牌督办，责令限期整改). A
 * notice is a "supervise" event with its level as the reason and the date
 * the feedback is due; the supervision clock runs from it to the
 * "supervise_feedback" event (clocks.c). Supervisors issue; the feedback is
 * recorded by the handling unit or, from its letter, by a supervisor. */
#include "caseflow_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"
#include "laifang/store_clocks.h"
#include "laifang/supervision.h"

#define SUPERVISION_MAX_CHARS 2000

static int running_supervision(const lf_clock_row *r, void *ud)
{
	if (r->rule && !strcmp(r->rule, "supervise") && r->state && !strcmp(r->state, "running")) {
		*(bool *)ud = true;
		return 1;
	}
	return 0;
}

/* Whether a supervision notice of the case still waits for its feedback. */
static bool supervision_open(lf_store *st, const char *case_id)
{
	bool open = false;
	return lf_store_case_clocks(st, case_id, running_supervision, &open) == LF_STORE_OK && open;
}

lf_store_err lf_case_supervise_notice(lf_store *st, const lf_user *actor, const char *case_id, const char *text,
                                      const char *level, const char *due_on, char *msg, size_t len)
{
	lf_store_err e = cf_require(st, actor, LF_PERM_ROUTE, msg, len);
	if (e != LF_STORE_OK)
		return e;
	const char *lv = lf_supervision_level_parse(level && level[0] ? level : "notice");
	if (!lv)
		return cf_refuse(st, LF_STORE_INVALID, msg, len,
		                 _("level: \"%s\" is not one of notice (督办通知), interview (约谈), bulletin (通报), "
		                   "listed (挂牌督办)"),
		                 level);
	lf_date due, today = lf_date_today();
	if (!due_on || !lf_date_parse(due_on, &due))
		return cf_refuse(st, LF_STORE_INVALID, msg, len, "%s",
		                 _("feedback due: the date (YYYY-MM-DD) by which the unit answers the supervision in "
		                   "writing"));
	if (lf_date_cmp(due, today) <= 0)
		return cf_refuse(st, LF_STORE_INVALID, msg, len, _("feedback due: %s is not after today"), due_on);
	char *note = NULL;
	e = cf_text(st, text, true, true, SUPERVISION_MAX_CHARS, N_("supervision notice"), &note, msg, len);
	lf_case_flow flow;
	memset(&flow, 0, sizeof flow);
	if (e == LF_STORE_OK)
		e = cf_tracked_flow(st, actor, case_id, &flow, msg, len);
	if (e == LF_STORE_OK && (!flow.lead_unit_id || !flow.lead_unit_id[0]))
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, "%s",
		              _("a supervision notice goes to the unit handling the case: route the case first"));
	char day[LF_DATE_LEN];
	lf_date_format(due, day);
	if (e == LF_STORE_OK) {
		lf_event_in ev = {.kind = "supervise", .reason = lv, .text = note, .due_on = day,
		                  .due_rule = "supervise", .urgent = -1, .major = -1};
		e = cf_record(st, actor, &flow, &ev, msg, len);
	}
	if (e == LF_STORE_OK)
		cf_warn_uncovered(st, due, msg, len);
	lf_case_flow_free(&flow);
	free(note);
	return e;
}

lf_store_err lf_case_supervise_feedback(lf_store *st, const lf_user *actor, const char *case_id, const char *text,
                                        char *msg, size_t len)
{
	/* The unit answers (a handler of it), or a supervisor records its letter. */
	bool office = actor && lf_can(actor->roles, LF_PERM_ROUTE);
	lf_store_err e = cf_require(st, actor, office ? LF_PERM_ROUTE : LF_PERM_REPORT, msg, len);
	if (e != LF_STORE_OK)
		return e;
	char *answer = NULL;
	e = cf_text(st, text, true, true, SUPERVISION_MAX_CHARS, N_("supervision feedback"), &answer, msg, len);
	lf_case_flow flow;
	memset(&flow, 0, sizeof flow);
	if (e == LF_STORE_OK)
		e = cf_tracked_flow(st, actor, case_id, &flow, msg, len);
	if (e == LF_STORE_OK && !office && (!actor->unit_id[0] || !flow.lead_unit_id || strcmp(actor->unit_id, flow.lead_unit_id)))
		e = cf_refuse(st, LF_STORE_DENIED, msg, len, "%s",
		              _("not allowed: the feedback on a supervision comes from the unit handling the case"));
	if (e == LF_STORE_OK && !supervision_open(st, flow.case_id))
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, "%s",
		              _("no supervision notice of this case waits for feedback"));
	if (e == LF_STORE_OK) {
		lf_event_in ev = {.kind = "supervise_feedback", .text = answer, .urgent = -1, .major = -1};
		e = cf_record(st, actor, &flow, &ev, msg, len);
	}
	lf_case_flow_free(&flow);
	free(answer);
	return e;
}
