/* The petitioner's evaluation (case_eval.h; issue 13, 可评价, 《信访工作条例》
 * 第二十一条 and the national system's 可评价): the office's checks around
 * core's rules (evaluation.h) and the store's one transaction; the pieces
 * lf_case_step uses for the reply (the period it opens) and for 重办 (the
 * evaluation it needs). */
#include "laifang/case_eval.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseflow_internal.h"
#include "laifang/evaluation.h"
#include "laifang/i18n.h"
#include "laifang/settings.h"
#include "laifang/text.h"

int lf_eval_days(lf_store *st)
{
	int d = lf_setting(st, "evaluation_days");
	return d >= 0 && d <= LF_EVAL_DAYS_MAX ? d : LF_EVAL_DAYS_DEFAULT;
}

void cf_eval_reply_due(lf_store *st, char due[LF_DATE_LEN])
{
	int days = lf_eval_days(st);
	due[0] = '\0';
	/* 0: the office keeps no period (nothing becomes 超期未评价). */
	if (days > 0)
		lf_date_format(lf_eval_due(lf_date_today(), days), due);
}

void cf_eval_delivery_due(lf_store *st, const char *case_id, lf_date delivered, char due[LF_DATE_LEN])
{
	due[0] = '\0';
	int days = lf_eval_days(st);
	lf_eval_state s;
	memset(&s, 0, sizeof s);
	/* Only an answer still waiting for its evaluation: once evaluated, or
	 * with no period kept, nothing opens again. */
	if (days > 0 && lf_store_case_eval_state(st, case_id, &s) == LF_STORE_OK && s.due_on[0])
		lf_date_format(lf_eval_due(delivered, days), due);
}

lf_store_err cf_eval_step(lf_store *st, lf_step step, const lf_case_flow *flow, lf_step_input *in, char *msg,
                          size_t len)
{
	if (step != LF_STEP_REDO)
		return LF_STORE_OK;
	lf_eval_state s;
	lf_store_err e = lf_store_case_eval_state(st, flow->case_id, &s);
	if (e != LF_STORE_OK)
		return cf_passed(st, e, msg, len);
	/* The evaluation of the latest answer, not of an earlier one already
	 * handled again. */
	in->dissatisfied = s.has_eval && s.eval_reply_seq == s.reply_seq && lf_eval_dissatisfied(s.office, s.unit);
	return LF_STORE_OK;
}

lf_store_err lf_case_evaluate(lf_store *st, const lf_user *actor, const char *case_id, const char *office,
                              const char *unit, const char *reason, char *msg, size_t len)
{
	if (msg && len)
		msg[0] = '\0';
	lf_store_err e = LF_STORE_OK;
	/* Who records the reply (the handler) or routes (the supervisor). */
	if (!actor || (!lf_can(actor->roles, LF_PERM_REPLY) && !lf_can(actor->roles, LF_PERM_ROUTE)))
		return cf_refuse(st, LF_STORE_DENIED, msg, len, "%s",
		                 _("not allowed: the petitioner's evaluation (评价) is recorded by a handler or a "
		                   "supervisor"));
	lf_case_flow flow;
	if ((e = cf_flow(st, actor, case_id, &flow, msg, len)) != LF_STORE_OK)
		return e;
	char *why_reason = NULL;
	if ((e = cf_unlocked(st, &flow, msg, len)) == LF_STORE_OK && !lf_eval_answered(flow.state))
		e = cf_refuse(st, LF_STORE_INVALID, msg, len,
		              _("evaluation: the answer has not been given; a case that is %s is not evaluated"),
		              lf_state_label(flow.state));
	if (e == LF_STORE_OK)
		e = cf_text(st, reason, true, false, LF_EVAL_REASON_MAX, N_("reason"), &why_reason, msg, len);
	const char *o = lf_eval_parse(office), *u = lf_eval_parse(unit);
	char why[512];
	if (e == LF_STORE_OK &&
	    !lf_eval_check(o ? o : office, u ? u : unit, why_reason, why, sizeof why))
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", why);
	lf_eval_state s;
	if (e == LF_STORE_OK && (e = lf_store_case_eval_state(st, flow.case_id, &s)) != LF_STORE_OK)
		e = cf_passed(st, e, msg, len);
	if (e == LF_STORE_OK && s.reply_seq < 1)
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", _("evaluation: the case has no answer (reply) to evaluate"));
	if (e == LF_STORE_OK && s.has_eval && s.eval_reply_seq == s.reply_seq)
		e = cf_refuse(st, LF_STORE_INVALID, msg, len,
		              _("evaluation: this answer was evaluated already on %.10s; a new evaluation follows a new "
		                "answer (重办)"),
		              s.at);
	if (e == LF_STORE_OK) {
		char signer[256], line[512];
		cf_signer(actor, signer, sizeof signer);
		lf_eval_in in = {
			.case_id = flow.case_id,
			.expect_state = lf_state_id(flow.state),
			.reply_seq = s.reply_seq,
			.office = o,
			.unit = u,
			.reason = why_reason && why_reason[0] ? why_reason : NULL,
			.text = lf_eval_line(o, u, line, sizeof line),
			.signer_name = signer,
		};
		e = cf_passed(st, lf_store_case_evaluate(st, &in), msg, len);
	}
	free(why_reason);
	lf_case_flow_free(&flow);
	return e;
}

lf_store_err lf_case_eval_read(lf_store *st, const lf_user *actor, const char *case_id, lf_case_eval *out,
                               char *msg, size_t len)
{
	memset(out, 0, sizeof *out);
	lf_case_flow flow;
	lf_store_err e = cf_flow(st, actor, case_id, &flow, msg, len);
	if (e != LF_STORE_OK)
		return e;
	e = lf_store_case_eval_state(st, flow.case_id, &out->s);
	lf_case_flow_free(&flow);
	if (e != LF_STORE_OK)
		return cf_passed(st, e, msg, len);
	if (out->s.due_on[0]) {
		out->overdue = lf_eval_overdue(out->s.due_on, lf_date_today());
		out->pending = !out->overdue;
	}
	return LF_STORE_OK;
}

void lf_case_eval_line(const lf_case_eval *e, char *buf, size_t len)
{
	buf[0] = '\0';
	if (e->overdue)
		snprintf(buf, len, _("Not evaluated in time (超期未评价): the period ended %s"), e->s.due_on);
	else if (e->pending)
		snprintf(buf, len, _("Awaiting the petitioner's evaluation (待评价) until %s"), e->s.due_on);
	else if (e->s.has_eval) {
		char line[512];
		lf_eval_line(e->s.office, e->s.unit, line, sizeof line);
		snprintf(buf, len, _("Evaluation: %s%s%s%s"), line, e->s.reason[0] ? " (" : "", e->s.reason,
		         e->s.reason[0] ? ")" : "");
	}
}
