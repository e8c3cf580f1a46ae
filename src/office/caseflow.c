/* Moving a case through its life as a person: permission first, then the
 * inputs (each refusal names the field), then the state machine
 * (workflow.c decides, nothing here repeats its table), then the deadline
 * the step opens on the office calendar, then one event in the store with
 * the state the check was made against, so a case another desk moved in
 * the meantime is refused rather than moved twice. */
#include "laifang/caseflow.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseflow_internal.h"
#include "laifang/access.h"
#include "laifang/case_clocks.h"
#include "laifang/auth.h"
#include "laifang/date.h"
#include "laifang/deadline.h"
#include "laifang/estimate.h"
#include "laifang/i18n.h"
#include "laifang/store_agency.h"
#include "laifang/store_calendar.h"
#include "laifang/text.h"

#define REASON_MAX_CHARS 1000
#define TEXT_MAX_CHARS 4000

/* ---- steps ---- */

static bool is_routing(lf_step s)
{
	return s == LF_STEP_IN_HOUSE || s == LF_STEP_TRANSFER || s == LF_STEP_ASSIGN;
}

typedef struct accept_scan {
	bool found;
	lf_date on;
} accept_scan;

static int find_accept(const lf_event *e, void *ud)
{
	accept_scan *a = ud;
	lf_date d;
	char day[LF_DATE_LEN];
	if (e->kind && !strcmp(e->kind, "accept") && e->at && strlen(e->at) >= 10) {
		memcpy(day, e->at, 10);
		day[10] = '\0';
		if (lf_date_parse(day, &d)) {
			a->found = true;
			a->on = d;
		}
	}
	return 0;
}

bool cf_handle_due(lf_store *st, const lf_case_flow *flow, bool from_acceptance, lf_date *due)
{
	if (!from_acceptance && flow->due_on[0] &&
	    (!strcmp(flow->due_rule, "handle") || !strcmp(flow->due_rule, "extend")) &&
	    lf_date_parse(flow->due_on, due))
		return true;
	accept_scan a = {0};
	if (lf_store_case_events(st, flow->case_id, find_accept, &a) != LF_STORE_OK || !a.found)
		return false;
	*due = lf_deadline_due(lf_office_calendar(st), LF_DL_HANDLE, a.on);
	return true;
}

/* The notice to the visitor a step produces (decline, referral, transfer,
 * assignment). The PDF comes later; the text is the event's. */
static char *notice_for(lf_store *st, lf_step step, const lf_case_flow *flow, const char *reason,
                        const char *unit_name, const char *due)
{
	lf_case c = {0};
	if (lf_store_get_case(st, flow->case_id, &c) != LF_STORE_OK)
		memset(&c, 0, sizeof c);
	const char *who = c.name ? c.name : "";
	const char *on = c.received_on ? c.received_on : "";
	const char *no = c.case_no ? c.case_no : "";
	char *buf = malloc(8192);
	if (buf) {
		switch (step) {
		case LF_STEP_DECLINE:
			snprintf(buf, 8192,
			         _("Notice of non-acceptance\n%s:\nThe petition you made on %s (case %s) is not accepted, "
			           "for this reason:\n%s"),
			         who, on, no, reason ? reason : "");
			break;
		case LF_STEP_REFER:
			snprintf(buf, 8192,
			         _("Notice of referral\n%s:\nThe petition you made on %s (case %s) concerns discipline "
			           "inspection and supervision and has been referred to %s, which will handle it. This "
			           "office does not follow it further."),
			         who, on, no, unit_name ? unit_name : "");
			break;
		case LF_STEP_REFER_LAW:
			/* 诉访分离 (信访工作条例 第二十二条第二款、第三十一条第（一）项). */
			snprintf(buf, 8192,
			         _("Notice of transfer to the political-legal organs\n%s:\nThe petition you made on %s "
			           "(case %s) concerns a matter to be resolved through legal procedure:\n%s\nIt has been "
			           "transferred to %s, which will deal with it according to law. Please pursue the matter "
			           "with that organ. This office does not follow it further."),
			         who, on, no, reason ? reason : "", unit_name ? unit_name : "");
			break;
		case LF_STEP_ASSIGN:
			snprintf(buf, 8192,
			         _("Notice of assignment\n%s:\nThe petition you made on %s (case %s) has been assigned "
			           "to %s, which will handle it by %s."),
			         who, on, no, unit_name ? unit_name : "", due ? due : "");
			break;
		default:
			snprintf(buf, 8192,
			         _("Notice of transfer\n%s:\nThe petition you made on %s (case %s) has been transferred "
			           "to %s, the competent agency, which will handle it by %s."),
			         who, on, no, unit_name ? unit_name : "", due ? due : "");
			break;
		}
	}
	lf_case_free(&c);
	return buf;
}

/* The unit a step names, by name or id, active. */
static lf_store_err step_unit(lf_store *st, const char *unit, lf_unit *u, char *msg, size_t len)
{
	memset(u, 0, sizeof *u);
	char *name = NULL;
	lf_store_err e = cf_text(st, unit, false, false, 200, N_("unit"), &name, msg, len);
	if (e == LF_STORE_OK && name[0]) {
		e = lf_store_unit_get(st, name, u);
		if (e == LF_STORE_NOTFOUND)
			e = cf_refuse(st, LF_STORE_INVALID, msg, len, _("unit: there is no unit \"%s\""), name);
		else if (e != LF_STORE_OK)
			e = cf_passed(st, e, msg, len);
		else if (!u->active)
			e = cf_refuse(st, LF_STORE_INVALID, msg, len, _("unit: %s is no longer in use"), u->name);
	}
	free(name);
	return e;
}

typedef struct step_ctx {
	const lf_step_def *def;
	lf_case_flow flow;
	lf_unit unit;
	char *reason, *text, *notice;
	lf_step_input in;
	lf_date handle_due;
	bool has_handle_due;
	char due_on[LF_DATE_LEN];
	const char *due_rule;
	bool set_due; /* the event carries due_on (possibly "": cleared) */
	cf_answer ans; /* reply: the written answer (caseflow_answer.c) */
} step_ctx;

static void step_ctx_free(step_ctx *c)
{
	lf_case_flow_free(&c->flow);
	lf_unit_free(&c->unit);
	free(c->reason);
	free(c->text);
	free(c->notice);
	cf_answer_free(&c->ans);
}

/* A refusal about one input, told to the caller that asked (args.refused). */
static lf_store_err blame(const lf_step_args *a, lf_step_field in, lf_store_err e)
{
	if (a->refused && e != LF_STORE_OK)
		*a->refused = in;
	return e;
}

/* Inputs cleaned and the unit and due date resolved; the state machine
 * decides afterwards. */
static lf_store_err step_inputs(lf_store *st, lf_step step, const lf_step_args *a, step_ctx *c, char *msg,
                                size_t len)
{
	lf_store_err e;
	if ((e = cf_text(st, a->reason, true, false, REASON_MAX_CHARS, N_("reason"), &c->reason, msg, len)))
		return blame(a, LF_IN_REASON, e);
	if ((e = cf_text(st, a->text, true, false, TEXT_MAX_CHARS, N_("text"), &c->text, msg, len)))
		return blame(a, LF_IN_TEXT, e);
	c->in.reason = c->reason;
	c->in.text = c->text;
	/* 满意 / 基本满意 / 不满意 / 未表态, or their ids: one id from here on;
	 * anything else stays as typed and is refused by the step's rule. */
	c->in.satisfaction = lf_satisfaction_parse(a->satisfaction) ? lf_satisfaction_parse(a->satisfaction)
	                                                            : a->satisfaction;
	c->in.today = lf_date_today();
	c->in.major = c->flow.major;
	c->in.has_owner = c->flow.owner_id && c->flow.owner_id[0];
	if ((c->def->needs & LF_NEED_UNIT) && a->unit && a->unit[0]) {
		if ((e = step_unit(st, a->unit, &c->unit, msg, len)) != LF_STORE_OK)
			return blame(a, LF_IN_UNIT, e);
		if (c->unit.name)
			c->in.unit_kind = c->unit.kind;
	}
	if (a->due && a->due[0]) {
		/* Written YYYY-MM-DD but no such day (2027-02-30): said so. */
		if (!lf_date_parse(a->due, &c->in.due))
			return blame(a, LF_IN_DUE,
			             c->in.due.y ? cf_refuse(st, LF_STORE_INVALID, msg, len,
			                                     _("due date: there is no day %s in the calendar"), a->due)
			                         : cf_refuse(st, LF_STORE_INVALID, msg, len,
			                                     _("due date: %s is not a date (YYYY-MM-DD)"), a->due));
		c->in.has_due = true;
	}
	/* From another state the state machine refuses first. */
	if (is_routing(step) && (c->def->from & (1u << c->flow.state))) {
		c->has_handle_due = cf_handle_due(st, &c->flow, false, &c->handle_due);
		if (!c->has_handle_due) {
			c->handle_due = lf_deadline_due(lf_office_calendar(st), LF_DL_HANDLE, c->in.today);
			c->has_handle_due = true;
		}
		if (c->in.has_due && lf_date_cmp(c->in.due, c->handle_due) > 0) {
			char day[LF_DATE_LEN];
			lf_date_format(c->handle_due, day);
			return blame(a, LF_IN_DUE,
			             cf_refuse(st, LF_STORE_INVALID, msg, len,
			                       _("due date: not after %s, when handling is due (60 days from acceptance)"), day));
		}
		if (!c->in.has_due) {
			/* The rule's own date; an overdue case is routed all the same
			 * and shows as overdue. */
			c->in.due = lf_date_cmp(c->handle_due, c->in.today) < 0 ? c->in.today : c->handle_due;
			c->in.has_due = true;
			lf_date_format(c->handle_due, c->due_on);
		} else {
			lf_date_format(c->in.due, c->due_on);
		}
		c->due_rule = "handle";
		c->set_due = true;
	}
	return LF_STORE_OK;
}

/* The handling unit's own staff take up, report and reply: a handler of
 * another unit may not. A handler with no unit is not held back (an
 * office that does not record units). */
static lf_store_err own_unit(lf_store *st, const lf_user *actor, const step_ctx *c, char *msg, size_t len)
{
	if (!actor->unit_id[0] || !c->flow.lead_unit_id || !c->flow.lead_unit_id[0] ||
	    !strcmp(actor->unit_id, c->flow.lead_unit_id))
		return LF_STORE_OK;
	/* An outside agency has no login: the office replies from the result it
	 * recorded (agency.h). */
	if (c->def->step == LF_STEP_REPLY && c->in.outside)
		return LF_STORE_OK;
	return cf_refuse(st, LF_STORE_DENIED, msg, len, _("not allowed: this case is with %s, not with your unit"),
	                 c->flow.lead_unit_name ? c->flow.lead_unit_name : "");
}

/* The deadline the step leaves on the case: acceptance opens handling (60
 * days); a decision to decline or refer, the reply and the archive close
 * it; so does the report, unless a leader asked for an instruction that
 * has not come. Routing steps set theirs in step_inputs. */
static void step_due(lf_store *st, lf_step step, step_ctx *c)
{
	switch (step) {
	case LF_STEP_ACCEPT:
		lf_date_format(lf_deadline_due(lf_office_calendar(st), LF_DL_HANDLE, c->in.today), c->due_on);
		c->due_rule = "handle";
		c->set_due = true;
		break;
	case LF_STEP_REPORT:
		/* A leader asked for an instruction that has not come: the case
		 * keeps its deadline until they answer. */
		if (c->flow.instruction_leader_id && c->flow.instruction_leader_id[0])
			break;
		/* fall through */
	case LF_STEP_DECLINE:
	case LF_STEP_REFER:
	case LF_STEP_REFER_LAW:
	case LF_STEP_REPLY:
	case LF_STEP_ARCHIVE:
		c->due_on[0] = '\0';
		c->due_rule = "";
		c->set_due = true;
		break;
	case LF_STEP_REDO:
		/* 重办: handling again by the due date the supervisor set. */
		if (c->in.has_due) {
			lf_date_format(c->in.due, c->due_on);
			c->due_rule = "handle";
			c->set_due = true;
		}
		break;
	default:
		/* Review and re-review (caseflow_review.c). */
		if (cf_review_due(st, step, c->in.today, c->due_on, &c->due_rule))
			c->set_due = true;
		break;
	}
}

lf_store_err lf_case_step(lf_store *st, const lf_user *actor, const char *case_id, lf_step step,
                          const lf_step_args *args, char *msg, size_t len)
{
	static const lf_step_args none;
	const lf_step_args *a = args ? args : &none;
	if (a->refused)
		*a->refused = LF_IN_NONE;
	step_ctx c;
	memset(&c, 0, sizeof c);
	c.def = lf_step_get(step);
	if (!c.def)
		return cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", _("no such step"));
	/* An outside agency has no login: once the office recorded its result
	 * (agency.h), the office's supervisors may record the reply too. */
	bool office_reply = step == LF_STEP_REPLY && actor && lf_can(actor->roles, LF_PERM_ROUTE) &&
	                    !lf_can(actor->roles, c.def->perm);
	lf_store_err e = office_reply ? LF_STORE_OK : cf_require(st, actor, c.def->perm, msg, len);
	if (e == LF_STORE_OK)
		e = cf_flow(st, actor, case_id, &c.flow, msg, len);
	if (e == LF_STORE_OK && office_reply) {
		if (lf_store_archive_facts(st, c.flow.case_id, &c.flow.facts) != LF_STORE_OK)
			e = cf_passed(st, LF_STORE_IO, msg, len);
		else if (c.flow.facts.outside && c.flow.facts.agency_results > 0)
			c.in.outside = true;
		else
			e = cf_require(st, actor, c.def->perm, msg, len);
	}
	if (e == LF_STORE_OK)
		e = cf_unlocked(st, &c.flow, msg, len);
	if (e == LF_STORE_OK)
		e = step_inputs(st, step, a, &c, msg, len);
	cf_review rv;
	memset(&rv, 0, sizeof rv);
	if (e == LF_STORE_OK)
		e = cf_review_inputs(st, actor, step, a, &c.flow, &c.in, &rv, msg, len);
	if (e == LF_STORE_OK)
		e = cf_eval_step(st, step, &c.flow, &c.in, msg, len);
	if (e == LF_STORE_OK && step == LF_STEP_ARCHIVE) {
		char missing[1024];
		/* The gate's further facts (issue 11): every instruction answered,
		 * an outside agency's result, 未评价 with a reason. */
		if (lf_store_archive_facts(st, c.flow.case_id, &c.flow.facts) != LF_STORE_OK)
			e = cf_passed(st, LF_STORE_IO, msg, len);
		c.in.file_complete = lf_archive_missing(&c.flow.facts, missing, sizeof missing) == 0;
		if (e == LF_STORE_OK && !c.in.file_complete && lf_state_open(c.flow.state) &&
		    (c.def->from & (1u << c.flow.state)))
			e = cf_refuse(st, LF_STORE_INVALID, msg, len, _("the file is not complete; missing:\n%s"), missing);
	}
	char why[512];
	lf_step_field about = LF_IN_NONE;
	if (e == LF_STORE_OK && !lf_step_allowed_field(step, c.flow.state, actor->roles, &c.in, why, sizeof why, &about))
		e = blame(a, about, cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", why));
	if (e == LF_STORE_OK)
		e = cf_answer_inputs(st, step, a, &c.flow, &c.ans, msg, len);
	/* Issue 13: the regulation's category, chosen at screening, and the
	 * routes it allows. */
	const char *kind = NULL;
	if (e == LF_STORE_OK)
		e = cf_kind(st, step, a->kind, c.flow.case_id, &kind, msg, len);
	if (e == LF_STORE_OK && (step == LF_STEP_TAKE_UP || step == LF_STEP_REPORT || step == LF_STEP_REPLY))
		e = own_unit(st, actor, &c, msg, len);
	/* Routing names the co-agencies (会办单位) with the lead unit. */
	char **co_ids = NULL;
	size_t n_co = 0;
	if (e == LF_STORE_OK && is_routing(step))
		e = blame(a, LF_IN_CO_UNITS, cf_co_units(st, a->co_units, c.unit.id, &co_ids, &n_co, msg, len));
	/* A due date a person sets lands on a working day, or they said it
	 * may not (the desk asks; the command line needs --allow-nonworking).
	 * Last, so that a date refused for anything else is not asked about. */
	char day_off[512];
	if (e == LF_STORE_OK && a->due && a->due[0] && (c.def->needs & LF_NEED_DUE) && !a->allow_nonworking &&
	    !lf_due_workday(st, c.in.due, day_off, sizeof day_off)) {
		e = blame(a, LF_IN_DUE_DAY_OFF, cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", day_off));
		cf_units_free(co_ids, n_co);
	}
	if (e != LF_STORE_OK) {
		step_ctx_free(&c);
		return e;
	}

	step_due(st, step, &c);
	if (c.def->needs & LF_NEED_NOTICE) {
		char due_shown[64]; /* marked when the calendar only estimates it */
		lf_due_label(lf_office_calendar(st), c.due_on, due_shown, sizeof due_shown);
		c.notice = notice_for(st, step, &c.flow, c.reason, c.unit.name, c.due_on[0] ? due_shown : NULL);
		if (!c.notice) {
			step_ctx_free(&c);
			cf_units_free(co_ids, n_co);
			return cf_refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
		}
	}
	char signer[256], eval_due[LF_DATE_LEN] = "";
	cf_signer(actor, signer, sizeof signer);
	if (step == LF_STEP_REPLY)
		cf_eval_reply_due(st, eval_due);
	lf_event_in ev = {
		.case_id = c.flow.case_id,
		.kind = c.def->key,
		.expect_state = lf_state_id(c.flow.state),
		.to_state = lf_state_id(c.def->to),
		.unit_id = c.unit.name ? c.unit.id : NULL,
		/* A forwarding opinion given with a transfer travels as its reason. */
		.reason = c.reason[0] ? c.reason
		          : rv.reason[0] ? rv.reason /* review: the day the answer was received, or the opinion */
		                         : (c.notice && c.text[0] ? c.text : NULL),
		/* A notice is what went to the visitor; the text a person wrote
		 * (report, reply, forwarding opinion) otherwise. */
		.text = c.notice ? c.notice : (c.text[0] ? c.text : NULL),
		.satisfaction = step == LF_STEP_REPLY ? c.in.satisfaction : NULL,
		.due_on = c.set_due ? c.due_on : NULL,
		.due_rule = c.set_due ? c.due_rule : NULL,
		.urgent = -1,
		.major = -1,
		/* A review opinion is signed by its signer, kept by id and name. */
		.user_id = rv.has_signer ? rv.signer_id : NULL,
		.signer_name = rv.has_signer ? rv.signer_name : signer,
		.case_kind = kind,
		/* Issue 13: the reply opens the petitioner's evaluation period. */
		.evaluation_due = eval_due[0] ? eval_due : NULL,
		/* 第三十二条: the written answer's parts, with the reply. */
		.answer_opinion = c.ans.opinion,
		.answer_facts = c.ans.facts,
		.answer_basis = c.ans.basis,
		/* The gate is read again inside the write (another desk's
		 * instruction meanwhile). */
		.archive_gate = step == LF_STEP_ARCHIVE && c.in.file_complete ? &c.flow.facts : NULL,
	};
	/* The step and what it writes beside it (the report's 办理情况 entry,
	 * the co-agencies, the forwarding opinion) are one transaction: a case
	 * reported without its entry would wait in 待审核 for a report no one
	 * can approve. */
	bool own = !lf_store_in_transaction(st);
	e = own ? lf_store_begin(st) : LF_STORE_OK;
	if (e == LF_STORE_OK)
		e = cf_event(st, &ev, msg, len);
	char at[LF_TIMESTAMP_LEN];
	lf_timestamp_now(at, sizeof at);
	/* The sheet's 牵头处室办理情况 shows the signed report (the store counts
	 * the two records of one report once). */
	if (e == LF_STORE_OK && step == LF_STEP_REPORT &&
	    (e = lf_store_case_sign(st, c.flow.case_id, "handling", c.text, actor->id, signer, at)) != LF_STORE_OK)
		cf_refuse(st, e, msg, len, _("The report was not recorded: its handling entry could not be written: %s"),
		          lf_store_errmsg(st));
	if (e == LF_STORE_OK && is_routing(step) &&
	    (e = lf_store_case_units_set(st, c.flow.case_id, c.unit.id, (const char *const *)co_ids, n_co)) != LF_STORE_OK)
		cf_refuse(st, e, msg, len, _("The case was not routed: its co-agencies could not be recorded: %s"),
		          lf_store_errmsg(st));
	/* The forwarding opinion (批转意见) the supervisor wrote is a signed entry
	 * of its own, with its signer and time (issue 11). */
	if (e == LF_STORE_OK && is_routing(step) && c.text[0] &&
	    (e = lf_store_case_sign(st, c.flow.case_id, "routing", c.text, actor->id, signer, at)) != LF_STORE_OK)
		cf_refuse(st, e, msg, len, _("The case was not routed: the forwarding opinion could not be signed: %s"),
		          lf_store_errmsg(st));
	if (e == LF_STORE_OK && own)
		e = cf_passed(st, lf_store_commit(st), msg, len);
	if (e != LF_STORE_OK && own) {
		char keep[1024];
		snprintf(keep, sizeof keep, "%s", msg && len && msg[0] ? msg : lf_store_errmsg(st));
		lf_store_rollback(st);
		lf_store_set_error(st, e, keep);
	}
	cf_units_free(co_ids, n_co);
	if (e == LF_STORE_OK && c.set_due && c.due_on[0]) {
		lf_date due;
		if (lf_date_parse(c.due_on, &due))
			cf_warn_uncovered(st, due, msg, len);
	}
	step_ctx_free(&c);
	return e;
}
