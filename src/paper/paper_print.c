/* Printing for a person: the case opened through core (permissions,
 * masking, the view audited), the notice's facts read from the case's
 * events, the PDF written, and the print recorded in the audit log. */
#include "laifang/case_deliver.h"
#include "laifang/case_read.h"
#include "laifang/office.h"
#include "laifang/paper.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "laifang/auth.h"
#include "laifang/caseflow.h"
#include "laifang/caseops.h"
#include "laifang/estimate.h"
#include "laifang/evaluation.h"
#include "laifang/i18n.h"
#include "laifang/store_agency.h"
#include "laifang/settings.h"
#include "laifang/audit.h"
#include "laifang/store_flow.h"
#include "laifang/workflow.h"
#include "laifang/notice_no.h"
#include "laifang/notice_text.h"
#include "paper_internal.h"

#include "laifang/query.h"

void lf_paper_office(lf_store *st, char *buf, size_t len)
{
	lf_setting_text(st, "office_name", buf, len);
}

/* The latest event of one kind, and what came before it. */
typedef struct decision {
	const char *kind;
	bool found;
	char on[11];
	char *reason, *unit, *due_on, *approver, *text;
	char *opinion, *facts, *basis, *by_name; /* the reply's written answer (第三十二条) */
	char *accept_due; /* the latest acceptance's due date (the handling term) */
	/* Issue 13: a case may have several supervision notices or agreements:
	 * pick (1, 2...) takes that one, 0 the newest; n counts them as read. */
	int pick, n;
	char *parties, *mediator;
	char *old_due;    /* extend: the handling due date before the latest extension */
} decision;

static void replace(char **dst, const char *src)
{
	free(*dst);
	*dst = src && src[0] ? strdup(src) : NULL;
}

static int find_decision(const lf_event *e, void *ud)
{
	decision *d = ud;
	if (!e->kind)
		return 0;
	if (!strcmp(d->kind, "extend") && !strcmp(e->kind, "extend")) {
		/* The term it extends: the acceptance's, or the previous extension's. */
		replace(&d->old_due, d->found && d->due_on ? d->due_on : d->accept_due);
	}
	if (!strcmp(e->kind, "accept") && e->due_on && e->due_on[0])
		replace(&d->accept_due, e->due_on);
	if (strcmp(e->kind, d->kind))
		return 0;
	/* A supervision note without a feedback date is no notice. */
	if (!strcmp(d->kind, "supervise") && (!e->due_on || !e->due_on[0]))
		return 0;
	d->n++;
	if (d->pick && d->n != d->pick)
		return 0;
	d->found = true;
	snprintf(d->on, sizeof d->on, "%.10s", e->at ? e->at : "");
	replace(&d->reason, e->reason);
	replace(&d->unit, e->unit_name);
	replace(&d->due_on, e->due_on);
	replace(&d->approver, e->approver);
	replace(&d->text, e->text);
	replace(&d->opinion, e->answer_opinion);
	replace(&d->facts, e->answer_facts);
	replace(&d->basis, e->answer_basis);
	replace(&d->by_name, e->by_name);
	replace(&d->parties, e->agreement_parties);
	replace(&d->mediator, e->agreement_mediator);
	return 0; /* on to the latest */
}

static void decision_free(decision *d)
{
	free(d->reason);
	free(d->unit);
	free(d->due_on);
	free(d->approver);
	free(d->text);
	free(d->opinion);
	free(d->facts);
	free(d->basis);
	free(d->by_name);
	free(d->accept_due);
	free(d->old_due);
	free(d->parties);
	free(d->mediator);
}

static lf_store_err refuse(lf_store *st, lf_store_err kind, char *msg, size_t len, const char *text)
{
	lf_office_set_error(st, kind, text);
	if (msg && len)
		snprintf(msg, len, "%s", text);
	return kind;
}

/* Why there is no notice of this kind: the case had no such decision. */
static void missing_sentence(lf_paper_kind k, const char *no, char *buf, size_t len)
{
	switch (k) {
	case LF_PAPER_ACCEPT:
		snprintf(buf, len, _("case %s was not accepted: there is no acceptance notice to print"), no);
		break;
	case LF_PAPER_DECLINE:
		snprintf(buf, len, _("case %s was not declined: there is no non-acceptance notice to print"), no);
		break;
	case LF_PAPER_TRANSFER:
		snprintf(buf, len, _("case %s was not transferred: there is no transfer notice to print"), no);
		break;
	case LF_PAPER_ASSIGN:
		snprintf(buf, len, _("case %s was not assigned: there is no assignment notice to print"), no);
		break;
	case LF_PAPER_REFER:
		snprintf(buf, len, _("case %s was not referred to discipline inspection: there is no referral notice to print"),
		         no);
		break;
	case LF_PAPER_REFER_LAW:
		snprintf(buf, len,
		         _("case %s was not transferred to the political-legal organs: there is no such notice to print"), no);
		break;
	case LF_PAPER_ANSWER:
		snprintf(buf, len, _("case %s has no recorded reply: there is no answer to print"), no);
		break;
	case LF_PAPER_REVIEW:
		snprintf(buf, len, _("case %s has no review opinion (复查意见): there is no review decision to print"), no);
		break;
	case LF_PAPER_REREVIEW:
		snprintf(buf, len, _("case %s has no re-review opinion (复核意见): there is no re-review decision to print"),
		         no);
		break;
	case LF_PAPER_SUPERVISE:
		snprintf(buf, len, _("case %s has no such supervision notice (督办通知) to print"), no);
		break;
	case LF_PAPER_AGREEMENT:
		snprintf(buf, len, _("case %s has no such mediation or settlement agreement to print"), no);
		break;
	default:
		snprintf(buf, len, _("case %s was not extended: there is no extension notice to print"), no);
		break;
	}
}

/* The event a notice of kind rests on: the step's key, but the answer is
 * the reply step's and the review decisions are their opinions' (issue 13). */
static const char *event_kind_of(lf_paper_kind kind)
{
	switch (kind) {
	case LF_PAPER_ANSWER:
		return "reply";
	case LF_PAPER_REVIEW:
		return "review_decide";
	case LF_PAPER_REREVIEW:
		return "rereview_decide";
	case LF_PAPER_AGREEMENT:
		return "mediate";
	case LF_PAPER_EVALUATION:
		return NULL; /* a form, not a decision: offered once answered */
	default:
		return lf_paper_key(kind);
	}
}

/* An outside agency's hand in the case: "transfer" (peer), "assign"
 * (lower), NULL when the office handles it itself. */
static const char *routed_of(const lf_case_flow *flow)
{
	const char *k = flow->lead_unit_kind;
	return !k ? NULL : !strcmp(k, "peer") ? "transfer" : !strcmp(k, "lower") ? "assign" : NULL;
}

/* Issue 12: the notices a case has, for the print menu (one bit per kind,
 * 1u << kind): a kind's decision among its events, the answer only when
 * the office itself answers. */
typedef struct had {
	unsigned kinds;
} had;

static int note_kind(const lf_event *e, void *ud)
{
	had *h = ud;
	for (int k = LF_PAPER_ACCEPT; e->kind && k < LF_PAPER_COUNT; k++)
		if (event_kind_of((lf_paper_kind)k) && !strcmp(e->kind, event_kind_of((lf_paper_kind)k)) &&
		    (k != LF_PAPER_SUPERVISE || (e->due_on && e->due_on[0])))
			h->kinds |= 1u << k;
	return 0;
}

unsigned lf_paper_notices_of(lf_store *st, const char *case_id)
{
	had h = {0};
	if (lf_case_read_events(st, case_id, note_kind, &h) != LF_STORE_OK)
		return 0;
	lf_case_flow flow;
	memset(&flow, 0, sizeof flow);
	if (lf_case_read_flow(st, case_id, &flow) == LF_STORE_OK) {
		if (routed_of(&flow))
			h.kinds &= ~(1u << LF_PAPER_ANSWER);
		/* Issue 13: the petitioner's evaluation form, once the answer is given. */
		if (lf_eval_answered(flow.state))
			h.kinds |= 1u << LF_PAPER_EVALUATION;
	}
	lf_case_flow_free(&flow);
	return h.kinds;
}

/* Issue 13: the first delivery recorded for a notice (its 文号). */
typedef struct delivered {
	const char *doc_no;
	bool found, refused;
	char method[16], on[11], tracking[64], signer[256], note[600];
} delivered;

static int find_delivery(const lf_delivery_row *r, void *ud)
{
	delivered *d = ud;
	if (!r->doc_no || strcmp(r->doc_no, d->doc_no))
		return 0;
	d->found = true;
	d->refused = r->refused;
	snprintf(d->method, sizeof d->method, "%s", r->method ? r->method : "");
	snprintf(d->on, sizeof d->on, "%s", r->delivered_on ? r->delivered_on : "");
	snprintf(d->tracking, sizeof d->tracking, "%s", r->tracking ? r->tracking : "");
	snprintf(d->signer, sizeof d->signer, "%s", r->signer ? r->signer : "");
	snprintf(d->note, sizeof d->note, "%s", r->note ? r->note : "");
	return 1;
}

static lf_store_err print_notice(lf_store *st, const lf_user *actor, const lf_case *c, lf_paper_kind kind,
                                 const char *ground, const char *path, char *msg, size_t len)
{
	decision d = {.kind = event_kind_of(kind)};
	char text[512];
	/* A supervision notice or an agreement: "N" picks the Nth of the case
	 * (1 the first), none the newest. */
	bool numbered = kind == LF_PAPER_SUPERVISE || kind == LF_PAPER_AGREEMENT;
	if (numbered && ground && ground[0]) {
		char *end = NULL;
		long pick = strtol(ground, &end, 10);
		if (!end || *end || pick < 1 || pick > 9999) {
			snprintf(text, sizeof text, _("%s: which one is a number, 1 for the first of the case; not \"%s\""),
			         lf_paper_key(kind), ground);
			return refuse(st, LF_STORE_INVALID, msg, len, text);
		}
		d.pick = (int)pick;
		ground = NULL;
	}
	if (ground && ground[0] && (kind != LF_PAPER_DECLINE || !lf_decline_ground_find(ground))) {
		snprintf(text, sizeof text,
		         kind != LF_PAPER_DECLINE ? _("only a non-acceptance notice takes a ground")
		                                  : _("unknown ground %s: litigation, arbitration, party, administrative, "
		                                      "not_competent, pending or final"),
		         ground);
		return refuse(st, LF_STORE_INVALID, msg, len, text);
	}
	lf_store_err e = lf_case_read_events(st, c->case_id, find_decision, &d);
	lf_case_flow flow;
	memset(&flow, 0, sizeof flow);
	if (e == LF_STORE_OK)
		e = lf_case_read_flow(st, c->case_id, &flow);
	if (e != LF_STORE_OK && msg && len)
		snprintf(msg, len, "%s", lf_office_errmsg(st));
	const char *routed = e == LF_STORE_OK ? routed_of(&flow) : NULL;
	/* After a transfer or an assignment the agency answers in its own name:
	 * this office prints no answer that would contradict the notices. */
	if (e == LF_STORE_OK && kind == LF_PAPER_ANSWER && routed) {
		snprintf(text, sizeof text,
		         _("case %s is handled by %s: the agency answers the visitor in its own name; this office "
		           "prints no answer"),
		         c->case_no, flow.lead_unit_name ? flow.lead_unit_name : "");
		e = refuse(st, LF_STORE_INVALID, msg, len, text);
	} else if (e == LF_STORE_OK && !d.found) {
		missing_sentence(kind, c->case_no, text, sizeof text);
		e = refuse(st, LF_STORE_INVALID, msg, len, text);
	}
	/* An extension whose own date gave way to a sooner report deadline:
	 * the case's extended term, when it is the one in force. */
	if (e == LF_STORE_OK && kind == LF_PAPER_EXTEND && !d.due_on && !strcmp(flow.due_rule, "extend"))
		replace(&d.due_on, flow.due_on);
	lf_notice_no no;
	memset(&no, 0, sizeof no);
	/* Each supervision notice and each agreement has its own number: its
	 * place among the case's (supervise.1, supervise.2...). */
	char no_kind[48];
	if (numbered)
		snprintf(no_kind, sizeof no_kind, "%s.%d", lf_paper_key(kind), d.pick ? d.pick : d.n);
	else
		snprintf(no_kind, sizeof no_kind, "%s", lf_paper_key(kind));
	if (e == LF_STORE_OK)
		e = lf_notice_number(st, actor, c->case_id, no_kind, kind == LF_PAPER_DECLINE ? ground : NULL, &no, msg,
		                     len);
	if (e == LF_STORE_OK) {
		char office[256], address[LF_SETTING_VALUE_MAX], phone[LF_SETTING_VALUE_MAX], seal[LF_SETTING_VALUE_MAX],
		        above[LF_SETTING_VALUE_MAX];
		lf_paper_office(st, office, sizeof office);
		/* office_address, office_phone_inquiry and office_seal_name are
		 * another module's settings: "" (nothing printed) until it is merged. */
		lf_setting_text(st, "office_address", address, sizeof address);
		lf_setting_text(st, "office_phone_inquiry", phone, sizeof phone);
		lf_setting_text(st, "office_seal_name", seal, sizeof seal);
		lf_setting_text(st, "office_above", above, sizeof above);
		/* The accept and extend notices name the agency once one handles the case. */
		const char *unit = d.unit ? d.unit : routed ? flow.lead_unit_name : NULL;
		/* The visitor's query code, printed with its QR code: as stored,
		 * never minted here (a case without one prints an empty place). */
		char code[LF_QUERY_CODE_LEN] = "", why[256];
		if (lf_query_code_of(st, actor, c->case_id, false, code, why, sizeof why) != LF_STORE_OK)
			code[0] = '\0';
		lf_notice n = {.kind = kind, .office = office, .case_no = c->case_no, .name = c->name,
		               .received_on = c->received_on, .decided_on = d.on[0] ? d.on : NULL,
		               .reason = d.reason, .unit = unit, .due_on = d.due_on, .approver = d.approver,
		               .due_estimated = lf_due_estimated(lf_office_calendar(st), d.due_on),
		               .doc_no = no.doc_no, .address = c->address, .office_address = address,
		               .office_phone = phone, .office_seal = seal, .office_above = above,
		               .query_code = code[0] ? code : NULL,
		               .routed = kind == LF_PAPER_ACCEPT || kind == LF_PAPER_EXTEND ? routed : NULL,
		               .old_due = d.old_due, .ground = no.ground[0] ? no.ground : NULL,
		               .content = c->content, .text = d.text, .answer_opinion = d.opinion,
		               .answer_facts = d.facts, .answer_basis = d.basis,
		               .signer = kind == LF_PAPER_ANSWER || numbered ? d.by_name : NULL};
		if (kind == LF_PAPER_SUPERVISE) {
			/* To the unit handling the case; the level as recorded. */
			n.unit = flow.lead_unit_name;
			n.level = d.reason;
		} else if (kind == LF_PAPER_AGREEMENT) {
			n.agreement_kind = d.reason;
			n.parties = d.parties;
			n.mediator = d.mediator;
			n.unit = flow.lead_unit_name;
		}
		delivered dv = {.doc_no = no.doc_no};
		if (!no.issued_now && lf_case_deliveries(st, c->case_id, find_delivery, &dv) == LF_STORE_OK && dv.found) {
			n.delivery_method = dv.method;
			n.delivery_on = dv.on;
			n.delivery_tracking = dv.tracking;
			n.delivery_signer = dv.signer;
			n.delivery_note = dv.note;
			n.delivery_refused = dv.refused;
		}
		/* Issue 13: a review decision names its opinion, the request and
		 * the decision it reviews; its signer is the one recorded with it. */
		paper_review rv;
		memset(&rv, 0, sizeof rv);
		char rereview_at[LF_SETTING_VALUE_MAX] = "";
		bool review = kind == LF_PAPER_REVIEW || kind == LF_PAPER_REREVIEW;
		if (review && (e = paper_review_facts(st, c->case_id, kind == LF_PAPER_REREVIEW, &rv)) != LF_STORE_OK &&
		    msg && len)
			snprintf(msg, len, "%s", lf_office_errmsg(st));
		if (review) {
			lf_setting_text(st, "office_rereview", rereview_at, sizeof rereview_at);
			n.signer = d.by_name;
			n.review_opinion = d.reason;
			n.request_on = rv.request_on[0] ? rv.request_on : NULL;
			n.request_text = rv.request_text;
			n.prior_title = rv.prior_title;
			n.prior_doc_no = rv.prior_doc_no[0] ? rv.prior_doc_no : NULL;
			n.prior_on = rv.prior_on[0] ? rv.prior_on : NULL;
			n.prior_text = rv.prior_text;
			n.prior_received = rv.prior_received[0] ? rv.prior_received : NULL;
			n.office_rereview = rereview_at[0] ? rereview_at : NULL;
			n.origin_office = rv.origin_office;
			n.origin_case_no = rv.origin_case_no;
		}
		char err[512];
		if (e == LF_STORE_OK && !lf_paper_notice_pdf(&n, path, err, sizeof err))
			e = refuse(st, LF_STORE_IO, msg, len, err);
		paper_review_free(&rv);
	}
	lf_case_flow_free(&flow);
	decision_free(&d);
	return e;
}

/* "牵头单位：X　会办单位：Y、Z" for the sheet's footer ("" when not routed). */
typedef struct units_line {
	char text[512];
	int co;
} units_line;

static int add_unit(const char *id, const char *name, const char *kind, const char *role, void *ud)
{
	(void)id;
	(void)kind;
	units_line *u = ud;
	size_t used = strlen(u->text);
	bool lead = role && !strcmp(role, "lead");
	snprintf(u->text + used, sizeof u->text - used, "%s%s", lead ? (used ? "　牵头单位：" : "牵头单位：")
	                                                              : (u->co++ ? "、" : (used ? "　会办单位：" : "会办单位：")),
	         name ? name : "");
	return 0;
}

lf_store_err lf_paper_print(lf_store *st, const lf_user *actor, const char *case_no, lf_paper_kind kind,
                            const char *path, char *msg, size_t len)
{
	return lf_paper_print_notice(st, actor, case_no, kind, NULL, path, msg, len);
}

lf_store_err lf_paper_print_notice(lf_store *st, const lf_user *actor, const char *case_no, lf_paper_kind kind,
                                   const char *ground, const char *path, char *msg, size_t len)
{
	char err[512];
	if (msg && len)
		msg[0] = '\0';
	if ((unsigned)kind >= LF_PAPER_COUNT)
		return refuse(st, LF_STORE_INVALID, msg, len, _("not a kind of paper"));
	const lf_form_def *form = NULL;
	if (kind == LF_PAPER_SHEET || kind == LF_PAPER_BLANK) {
		form = lf_form_get("registration", err, sizeof err);
		if (!form)
			return refuse(st, LF_STORE_IO, msg, len, err);
	}
	if (kind == LF_PAPER_BLANK) {
		/* Nobody's data: any person logged in may print it. */
		if (!actor || !actor->active) {
			lf_require(actor, LF_PERM_REGISTER, err, sizeof err);
			return refuse(st, LF_STORE_DENIED, msg, len, err);
		}
		lf_office_info office;
		lf_office_info_read(st, &office);
		if (!paper_sheet_pdf(form, NULL, &office, NULL, path, err, sizeof err))
			return refuse(st, LF_STORE_IO, msg, len, err);
		return LF_STORE_OK;
	}

	lf_case c;
	lf_store_err e = lf_case_open(st, actor, case_no, &c);
	if (e != LF_STORE_OK) {
		if (e == LF_STORE_NOTFOUND) {
			snprintf(err, sizeof err, _("there is no case \"%s\""), case_no ? case_no : "");
			refuse(st, e, msg, len, err);
		} else if (msg && len)
			snprintf(msg, len, "%s", lf_office_errmsg(st));
		return e;
	}
	if (kind == LF_PAPER_SHEET) {
		/* Issue 13: a letter's or a call's own sheet (forms/letter.form, call.form). */
		const lf_form_def *own = lf_form_for_channel(c.channel, err, sizeof err);
		if (own)
			form = own;
		/* An archived file's sheet is kept: it carries the log's head. */
		char head[256] = "", foot[1024];
		if (c.status && !strcmp(c.status, lf_state_id(LF_ST_ARCHIVED)))
			paper_head_line(st, head, sizeof head);
		/* Issue 11: the lead unit and the co-agencies (会办单位) it was routed to. */
		units_line units = {0};
		lf_case_read_units(st, c.case_id, add_unit, &units);
		snprintf(foot, sizeof foot, "%s%s%s", units.text, units.text[0] && head[0] ? "　" : "", head);
		lf_office_info office;
		lf_office_info_read(st, &office);
		if (!paper_sheet_pdf(form, &c, &office, foot[0] ? foot : NULL, path, err, sizeof err))
			e = refuse(st, LF_STORE_IO, msg, len, err);
	} else if (kind == LF_PAPER_EVALUATION)
		e = ground && ground[0] ? refuse(st, LF_STORE_INVALID, msg, len, _("only a non-acceptance notice takes a ground"))
		                        : paper_print_evaluation(st, actor, &c, path, msg, len);
	else
		e = print_notice(st, actor, &c, kind, ground, path, msg, len);

	if (e == LF_STORE_OK) {
		e = lf_audit_case_printed(st, actor, c.case_id, lf_paper_key(kind));
		if (e != LF_STORE_OK) {
			/* A print that cannot be logged is not handed out. */
			unlink(path);
			if (msg && len)
				snprintf(msg, len, "%s", lf_office_errmsg(st));
		}
	}
	lf_case_free(&c);
	return e;
}

void paper_head_line(lf_store *st, char *buf, size_t len)
{
	long long seq = 0;
	char hash[65] = "";
	buf[0] = '\0';
	if (lf_audit_head(st, &seq, hash) == LF_STORE_OK && seq > 0 && hash[0])
		snprintf(buf, len, _("Audit log head when printed: %lld:%s (laifang check --expect)"), seq, hash);
}
