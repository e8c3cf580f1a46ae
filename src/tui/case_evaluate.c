/* The petitioner's evaluation on the case screen (issue 13, 可评价): the F7
 * menu's "record the petitioner's evaluation" opens a small form: the
 * satisfaction with the petition office and with the handling unit
 * (Space cycles 满意 / 基本满意 / 不满意, no default), and the reason,
 * required when either is 不满意; F2 calls core (case_eval.h). 重办 is a
 * step of the state machine, in the same menu (case_flow.c). */
#include "pickers.h"

#include <stdio.h>
#include <string.h>

#include "laifang/auth.h"
#include "laifang/case_eval.h"
#include "laifang/evaluation.h"
#include "laifang/i18n.h"
#include "laifang/office.h"

bool lf_case_evaluate_offered(lf_tui *t, const lf_case_flow *fl)
{
	const lf_user *me = t->me;
	return lf_eval_answered(fl->state) && (lf_can(me->roles, LF_PERM_REPLY) || lf_can(me->roles, LF_PERM_ROUTE));
}

typedef struct eval_ud {
	lf_tui *t;
	const char *case_id;
	size_t at[3];
	bool changed;
} eval_ud;

static bool eval_apply(lf_xform *f, char **vals, char *msg, size_t len)
{
	eval_ud *u = f->ud;
	msg[0] = '\0';
	lf_store_err e = lf_case_evaluate(u->t->st, u->t->me, u->case_id, vals[u->at[0]], vals[u->at[1]],
	                                  vals[u->at[2]], msg, len);
	if (e == LF_STORE_CONFLICT)
		f->conflict = true;
	if (e == LF_STORE_OK || e == LF_STORE_CONFLICT)
		u->changed = true;
	if (e == LF_STORE_OK && !msg[0])
		snprintf(msg, len, "%s", _("The petitioner's evaluation is recorded."));
	if (e != LF_STORE_OK && !msg[0])
		snprintf(msg, len, "%s", lf_office_errmsg(u->t->st));
	return e == LF_STORE_OK;
}

bool lf_case_evaluate_run(lf_tui *t, const lf_case_flow *fl, const char *case_no, char *msg, size_t len,
                          lf_msg_kind *kind)
{
	*kind = LF_MSG_ERROR;
	lf_xform f;
	char title[512];
	snprintf(title, sizeof title, "%s · %s", _("record the petitioner's evaluation (评价)"), case_no);
	lf_xf_init(&f, t, title);
	eval_ud u = {.t = t, .case_id = fl->case_id};
	static const char *const ids[] = {"satisfied", "basically", "dissatisfied"};
	u.at[0] = lf_xf_choice(&f, _("Petition office"), LF_PK_UNIT, 20);
	u.at[1] = lf_xf_choice(&f, _("Handling unit"), LF_PK_UNIT, 20);
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < 3; i++)
			lf_choices_add(&f.ch[u.at[k]], lf_eval_label(ids[i]), ids[i]);
	u.at[2] = lf_xf_add(&f, _("Reason"), LF_FIELD_MULTILINE, 50, LF_EVAL_REASON_MAX);
	f.apply = eval_apply;
	f.ud = &u;
	bool done = lf_xf_run(&f, title,
	                      _("The petitioner's satisfaction with the petition office and with the handling unit, "
	                        "as they said it; the reason when dissatisfied. F2 records it."),
	                      msg, len);
	if (done && !f.conflict)
		*kind = LF_MSG_OK;
	lf_one_line(msg, len);
	return u.changed;
}
