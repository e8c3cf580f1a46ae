/* Mediation (调解) and settlement (和解) agreements, 《信访工作条例》第三十
 * 三条 (agreement.h decides where one may be recorded). The handling unit
 * records the agreement it mediated or saw the parties reach; a supervisor
 * may record it from the unit's paper, as with the supervision feedback.
 * The agreement is a "mediate" event: the kind as reason, the terms as
 * text, the parties and the mediator in their columns (db/035). */
#include "caseflow_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/agreement.h"
#include "laifang/i18n.h"
#include "laifang/text.h"

#define TERMS_MAX_CHARS 4000
#define PARTIES_MAX_BYTES 2048

lf_store_err lf_case_mediate(lf_store *st, const lf_user *actor, const char *case_id, const lf_agreement_args *a,
                             char *msg, size_t len)
{
	static const lf_agreement_args none;
	if (!a)
		a = &none;
	bool office = actor && lf_can(actor->roles, LF_PERM_ROUTE);
	lf_store_err e = cf_require(st, actor, office ? LF_PERM_ROUTE : LF_PERM_REPORT, msg, len);
	if (e != LF_STORE_OK)
		return e;
	char *terms = NULL, *mediator = NULL, *parties_in = NULL;
	e = cf_text(st, a->terms, true, false, TERMS_MAX_CHARS, N_("agreed terms"), &terms, msg, len);
	if (e == LF_STORE_OK)
		e = cf_text(st, a->mediator, false, false, LF_AGREEMENT_NAME_MAX, N_("mediator"), &mediator, msg, len);
	if (e == LF_STORE_OK)
		e = cf_text(st, a->parties, true, false, PARTIES_MAX_BYTES, N_("parties"), &parties_in, msg, len);
	char parties[PARTIES_MAX_BYTES + 16] = "";
	int n = parties_in ? lf_agreement_parties_norm(parties_in, parties, sizeof parties) : 0;
	/* Each party a name, as on the agreement's signature lines. */
	for (const char *p = parties; e == LF_STORE_OK && *p;) {
		size_t k = strcspn(p, "\n");
		char one[PARTIES_MAX_BYTES + 16];
		snprintf(one, sizeof one, "%.*s", (int)k, p);
		if (lf_text_chars(one) > LF_AGREEMENT_NAME_MAX)
			e = cf_refuse(st, LF_STORE_INVALID, msg, len, _("parties: a name is at most %d characters"),
			              LF_AGREEMENT_NAME_MAX);
		p += k + (p[k] ? 1 : 0);
	}
	lf_case_flow flow;
	memset(&flow, 0, sizeof flow);
	if (e == LF_STORE_OK)
		e = cf_tracked_flow(st, actor, case_id, &flow, msg, len);
	if (e == LF_STORE_OK && !office &&
	    (!actor->unit_id[0] || !flow.lead_unit_id || strcmp(actor->unit_id, flow.lead_unit_id)))
		e = cf_refuse(st, LF_STORE_DENIED, msg, len, "%s",
		              _("not allowed: an agreement is recorded by the unit handling the case, or a supervisor"));
	lf_case c;
	memset(&c, 0, sizeof c);
	bool have_case = false;
	if (e == LF_STORE_OK) {
		e = lf_store_get_case(st, flow.case_id, &c);
		have_case = e == LF_STORE_OK;
		if (e != LF_STORE_OK)
			e = cf_passed(st, e, msg, len);
	}
	const char *kind = lf_agreement_kind_parse(a->kind);
	if (e == LF_STORE_OK) {
		lf_agreement_input in = {.kind = kind, .category = c.kind, .n_parties = n,
		                         .has_terms = terms && terms[0], .has_mediator = mediator && mediator[0]};
		char why[512];
		if (!lf_agreement_allowed(flow.state, &in, why, sizeof why))
			e = cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", why);
	}
	if (e == LF_STORE_OK) {
		lf_event_in ev = {.kind = "mediate", .reason = kind, .text = terms, .urgent = -1, .major = -1,
		                  .agreement_parties = parties, .agreement_mediator = mediator && mediator[0] ? mediator : NULL};
		e = cf_record(st, actor, &flow, &ev, msg, len);
	}
	if (have_case)
		lf_case_free(&c);
	lf_case_flow_free(&flow);
	free(terms);
	free(mediator);
	free(parties_in);
	return e;
}
