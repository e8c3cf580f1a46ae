/* Recording the delivery of a notice (case_deliver.h): the case read for
 * the person (need to know), the notice found by its 文号 or kind, the
 * permission of the step that produced it, the archive lock, core's rules
 * (delivery.c), then one write: the event "deliver" and its row. */
#include "laifang/case_deliver.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseflow_internal.h"
#include "laifang/date.h"
#include "laifang/i18n.h"

/* The notice a delivery is for. */
typedef struct notice_pick {
	const char *want;
	bool found;
	char kind[16], doc_no[256], issued_on[LF_DATE_LEN];
} notice_pick;

static int pick(const char *kind, const char *doc_no, const char *issued_at, void *ud)
{
	notice_pick *p = ud;
	if (!kind || !doc_no || (strcmp(p->want, doc_no) && strcmp(p->want, kind)))
		return 0;
	p->found = true;
	snprintf(p->kind, sizeof p->kind, "%s", kind);
	snprintf(p->doc_no, sizeof p->doc_no, "%s", doc_no);
	snprintf(p->issued_on, sizeof p->issued_on, "%.10s", issued_at ? issued_at : "");
	return 1;
}

static bool may_any(const lf_user *u)
{
	return u && u->active &&
	       (lf_can(u->roles, LF_PERM_SCREEN) || lf_can(u->roles, LF_PERM_ROUTE) || lf_can(u->roles, LF_PERM_REPLY) ||
	        lf_can(u->roles, LF_PERM_REVIEW_DECIDE));
}

lf_store_err lf_case_deliver(lf_store *st, const lf_user *actor, const char *case_id, const lf_deliver_args *args,
                             char *msg, size_t len)
{
	static const lf_deliver_args none;
	const lf_deliver_args *a = args ? args : &none;
	if (msg && len)
		msg[0] = '\0';
	if (!may_any(actor))
		return cf_refuse(st, LF_STORE_DENIED, msg, len, "%s",
		                 _("not allowed: a delivery is recorded by whoever may take the step that produced the "
		                   "notice"));
	lf_case_flow flow;
	lf_store_err e = cf_flow(st, actor, case_id, &flow, msg, len);
	if (e != LF_STORE_OK)
		return e;
	char *tracking = NULL, *note = NULL;
	notice_pick p = {.want = a->notice ? a->notice : ""};
	if (!p.want[0]) {
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", _("notice: give its document number (文号) or its kind"));
		goto out;
	}
	if ((e = lf_store_case_notices(st, flow.case_id, pick, &p)) != LF_STORE_OK) {
		e = cf_passed(st, e, msg, len);
		goto out;
	}
	if (!p.found) {
		e = cf_refuse(st, LF_STORE_INVALID, msg, len,
		              _("notice: this case has no notice %s on record; a notice gets its number (文号) when it is "
		                "first printed"),
		              p.want);
		goto out;
	}
	lf_perm perm;
	if (!lf_delivery_perm(p.kind, &perm)) {
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, _("notice: %s is not a notice to the visitor"), p.kind);
		goto out;
	}
	if (actor && actor->active && lf_delivery_allowed(p.kind, actor->roles) && !lf_can(actor->roles, perm))
		perm = LF_PERM_ROUTE; /* a supervisor delivering the answer */
	if ((e = cf_require(st, actor, perm, msg, len)) != LF_STORE_OK ||
	    (e = cf_unlocked(st, &flow, msg, len)) != LF_STORE_OK)
		goto out;
	lf_delivery_in in = {.refused = a->refused};
	if (!a->method || !lf_delivery_method_parse(a->method, &in.method)) {
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", _("method: in_person, post, electronic or other"));
		goto out;
	}
	if ((e = cf_text(st, a->tracking, false, false, LF_DELIVERY_TRACKING_MAX, N_("tracking number"), &tracking, msg,
	                 len)) != LF_STORE_OK ||
	    (e = cf_text(st, a->note, false, false, LF_DELIVERY_NOTE_MAX, N_("note"), &note, msg, len)) != LF_STORE_OK)
		goto out;
	in.tracking = tracking;
	in.note = note;
	lf_date today = lf_date_today(), made;
	in.on = today;
	if (a->date && a->date[0] && !lf_date_parse(a->date, &in.on)) {
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, _("date: %s is not a date (YYYY-MM-DD)"), a->date);
		goto out;
	}
	if (!lf_date_parse(p.issued_on, &made))
		made = in.on;
	char why[512];
	if (!lf_delivery_check(&in, today, made, why, sizeof why)) {
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", why);
		goto out;
	}
	char signer[256], line[1024], on[LF_DATE_LEN];
	cf_signer(actor, signer, sizeof signer);
	lf_delivery_line(lf_delivery_notice_title(p.kind), p.doc_no, &in, line, sizeof line);
	lf_date_format(in.on, on);
	/* Issue 13: the petitioner evaluates the answer once delivered; its
	 * period counts from the delivery. */
	char eval_due[LF_DATE_LEN] = "";
	if (!strcmp(p.kind, "answer"))
		cf_eval_delivery_due(st, flow.case_id, in.on, eval_due);
	lf_event_in ev = {.case_id = flow.case_id, .kind = "deliver", .text = line, .urgent = -1, .major = -1,
	                  .signer_name = signer, .evaluation_due = eval_due[0] ? eval_due : NULL};
	lf_delivery_row row = {.notice_kind = p.kind, .doc_no = p.doc_no, .method = lf_delivery_method_key(in.method),
	                       .tracking = tracking, .delivered_on = on, .refused = in.refused, .note = note};
	e = cf_passed(st, lf_store_delivery_add(st, &ev, &row), msg, len);
out:
	free(tracking);
	free(note);
	lf_case_flow_free(&flow);
	return e;
}

/* ---- reading ---- */

typedef struct notice_list {
	lf_case_notice_info *out;
	size_t max, n;
	const lf_user *actor;
} notice_list;

static int list_notice(const char *kind, const char *doc_no, const char *issued_at, void *ud)
{
	notice_list *l = ud;
	/* Only the notices to the visitor are delivered here: a supervision
	 * notice goes to a unit, an agreement to the parties who signed it. */
	lf_perm perm;
	if (!lf_delivery_perm(kind, &perm))
		return 0;
	if (l->n < l->max) {
		lf_case_notice_info *i = &l->out[l->n];
		memset(i, 0, sizeof *i);
		snprintf(i->kind, sizeof i->kind, "%s", kind ? kind : "");
		snprintf(i->doc_no, sizeof i->doc_no, "%s", doc_no ? doc_no : "");
		snprintf(i->issued_on, sizeof i->issued_on, "%.10s", issued_at ? issued_at : "");
		i->may_deliver = l->actor && l->actor->active && lf_delivery_allowed(i->kind, l->actor->roles);
	}
	l->n++;
	return 0;
}

static int count_delivery(const lf_delivery_row *d, void *ud)
{
	notice_list *l = ud;
	for (size_t i = 0; i < l->n && i < l->max; i++)
		if (d->doc_no && !strcmp(l->out[i].doc_no, d->doc_no))
			l->out[i].deliveries++;
	return 0;
}

int lf_case_notices(lf_store *st, const lf_user *actor, const char *case_id, lf_case_notice_info *out, size_t max)
{
	notice_list l = {.out = out, .max = max, .actor = actor};
	if (lf_store_case_notices(st, case_id, list_notice, &l) != LF_STORE_OK ||
	    lf_store_deliveries(st, case_id, count_delivery, &l) != LF_STORE_OK)
		return -1;
	return (int)(l.n < max ? l.n : max);
}

lf_store_err lf_case_deliveries(lf_store *st, const char *case_id, lf_delivery_fn fn, void *ud)
{
	return lf_store_deliveries(st, case_id, fn, ud);
}
