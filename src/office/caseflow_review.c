/* Review (复查) and re-review (复核) as steps of the case (issue 13,
 * 《信访工作条例》 arts. 35 and 36): the inputs lf_case_step needs beyond
 * the common ones. The rules (the 30 days, the opinions) are core's
 * (review.h); the state machine decides the rest. */
#include <stdio.h>
#include <string.h>

#include "caseflow_internal.h"
#include "laifang/store_delivery.h"
#include "laifang/deadline.h"
#include "laifang/i18n.h"
#include "laifang/review.h"

static bool is_request(lf_step s)
{
	return s == LF_STEP_REVIEW_REQUEST || s == LF_STEP_REREVIEW_REQUEST;
}

static bool is_decision(lf_step s)
{
	return s == LF_STEP_REVIEW_DECIDE || s == LF_STEP_REREVIEW_DECIDE;
}

typedef struct answer_scan {
	const char *kind; /* the written answer the request is about */
	bool found;
	lf_date on;
} answer_scan;

/* The last event of the answer's kind: its day. */
static int find_answer(const lf_event *e, void *ud)
{
	answer_scan *a = ud;
	char day[LF_DATE_LEN];
	lf_date d;
	if (e->kind && !strcmp(e->kind, a->kind) && e->at && strlen(e->at) >= 10) {
		memcpy(day, e->at, 10);
		day[10] = '\0';
		if (lf_date_parse(day, &d)) {
			a->found = true;
			a->on = d;
		}
	}
	return 0;
}

/* Issue 13: the first delivery of the written answer (notice kind
 * "answer") on or after the reply, or of the review opinion (kind
 * "review", 复查意见书) on or after that opinion: the day the visitor
 * received it. */
typedef struct answer_delivery {
	const char *kind;
	lf_date after;
	bool found;
	lf_date on;
} answer_delivery;

static int find_answer_delivery(const lf_delivery_row *r, void *ud)
{
	answer_delivery *a = ud;
	lf_date d;
	if (r->notice_kind && !strcmp(r->notice_kind, a->kind) && r->delivered_on && lf_date_parse(r->delivered_on, &d) &&
	    lf_date_cmp(d, a->after) >= 0 && (!a->found || lf_date_cmp(d, a->on) < 0)) {
		a->found = true;
		a->on = d;
	}
	return 0;
}

/* Was the case sent up by a lower office for 复查 (its review_origin
 * event, written only by `case from-lower`, review_origin.h)? Not the
 * from_case_no of its intake alone: a case transferred or assigned in
 * from another office records that too. */
static int note_origin(const lf_event *e, void *ud)
{
	if (e->kind && !strcmp(e->kind, "review_origin")) {
		*(bool *)ud = true;
		return 1;
	}
	return 0;
}

static lf_store_err origin_of(lf_store *st, const char *case_id, bool *yes)
{
	*yes = false;
	return lf_store_case_events(st, case_id, note_origin, yes);
}

static lf_store_err request_inputs(lf_store *st, lf_step step, const lf_step_args *a, const lf_case_flow *flow,
                                   lf_step_input *in, cf_review *r, char *msg, size_t len)
{
	const lf_step_def *d = lf_step_get(step);
	bool re = step == LF_STEP_REREVIEW_REQUEST;
	if (!re && flow->state == LF_ST_REGISTERED) {
		lf_store_err e = origin_of(st, flow->case_id, &in->from_lower);
		if (e != LF_STORE_OK)
			return cf_passed(st, e, msg, len);
	}
	/* From another state the state machine refuses, with its sentence. */
	if (!(d->from & (1u << flow->state)) && !(!re && lf_review_may_request(flow->state, in->from_lower))) {
		in->in_time = true;
		return LF_STORE_OK;
	}
	if (!re && flow->state == LF_ST_REGISTERED) {
		/* 复查 of a lower office's answer: this office has no answer of its
		 * own to count from, so the request says when the visitor received
		 * the lower office's (第三十五条). */
		lf_date received;
		if (!a->received_on || !a->received_on[0])
			return cf_refuse(st, LF_STORE_INVALID, msg, len, "%s",
			                 _("received on: give the day the visitor received the lower office's answer "
			                   "(--received-on YYYY-MM-DD); the 30 days count from it"));
		if (!lf_date_parse(a->received_on, &received) || !lf_date_valid(received.y, received.m, received.d))
			return cf_refuse(st, LF_STORE_INVALID, msg, len, _("received on: %s is not a date (YYYY-MM-DD)"),
			                 a->received_on);
		in->in_time = lf_review_window(lf_office_calendar(st), false, received, in->today, NULL, NULL,
		                               r->late_why, sizeof r->late_why);
		in->late_why = r->late_why;
		lf_date_format(received, r->reason);
		return LF_STORE_OK;
	}
	answer_scan s = {.kind = re ? "review_decide" : "reply"};
	if (lf_store_case_events(st, flow->case_id, find_answer, &s) != LF_STORE_OK)
		return cf_passed(st, LF_STORE_IO, msg, len);
	lf_date received;
	if (a->received_on && a->received_on[0]) {
		if (!lf_date_parse(a->received_on, &received) || !lf_date_valid(received.y, received.m, received.d))
			return cf_refuse(st, LF_STORE_INVALID, msg, len, _("received on: %s is not a date (YYYY-MM-DD)"),
			                 a->received_on);
	} else if (s.found) {
		received = s.on;
		/* 第三十五条 counts from receiving the written answer, 第三十六条
		 * from receiving the review opinion (复查意见书): its recorded
		 * delivery when there is one, else the day it was given. */
		answer_delivery ad = {.kind = re ? "review" : "answer", .after = s.on};
		if (lf_store_deliveries(st, flow->case_id, find_answer_delivery, &ad) == LF_STORE_OK && ad.found)
			received = ad.on;
	} else {
		received = in->today;
	}
	in->in_time = lf_review_window(lf_office_calendar(st), re, received, in->today, s.found ? &s.on : NULL, NULL,
	                               r->late_why, sizeof r->late_why);
	in->late_why = r->late_why;
	lf_date_format(received, r->reason);
	return LF_STORE_OK;
}

static lf_store_err decision_inputs(lf_store *st, const lf_user *actor, const lf_step_args *a, lf_step_input *in,
                                    cf_review *r, char *msg, size_t len)
{
	const char *id = lf_review_opinion_parse(a->opinion);
	/* Anything else goes on as typed: the state machine names the choices. */
	in->opinion = id ? id : a->opinion;
	if (id)
		snprintf(r->reason, sizeof r->reason, "%s", id);
	if (a->signer && a->signer[0]) {
		lf_user u;
		lf_store_err e = cf_user_with(st, a->signer, LF_ROLE_SUPERVISOR | LF_ROLE_LEADER, N_("signer"), &u, msg,
		                              len);
		if (e != LF_STORE_OK) {
			lf_user_free(&u);
			return e;
		}
		snprintf(r->signer_id, sizeof r->signer_id, "%s", u.id);
		cf_signer(&u, r->signer_name, sizeof r->signer_name);
		lf_user_free(&u);
	} else {
		snprintf(r->signer_id, sizeof r->signer_id, "%s", actor->id);
		cf_signer(actor, r->signer_name, sizeof r->signer_name);
	}
	r->has_signer = true;
	return LF_STORE_OK;
}

lf_store_err cf_review_inputs(lf_store *st, const lf_user *actor, lf_step step, const lf_step_args *a,
                              const lf_case_flow *flow, lf_step_input *in, cf_review *r, char *msg, size_t len)
{
	memset(r, 0, sizeof *r);
	if (is_request(step))
		return request_inputs(st, step, a, flow, in, r, msg, len);
	if (is_decision(step))
		return decision_inputs(st, actor, a, in, r, msg, len);
	return LF_STORE_OK;
}

bool cf_review_due(lf_store *st, lf_step step, lf_date today, char due_on[LF_DATE_LEN], const char **rule)
{
	if (is_request(step)) {
		lf_deadline_id id = step == LF_STEP_REVIEW_REQUEST ? LF_DL_REVIEW : LF_DL_REREVIEW;
		lf_date_format(lf_deadline_due(lf_office_calendar(st), id, today), due_on);
		*rule = lf_deadline_rule_get(id)->key;
		return true;
	}
	if (is_decision(step)) {
		due_on[0] = '\0';
		*rule = "";
		return true;
	}
	return false;
}
