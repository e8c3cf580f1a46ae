/* The reply's written answer (信访处理意见书, 《信访工作条例》第三十二条):
 * its opinion, facts and reasons, and legal basis, cleaned here and
 * checked by core (answer.h); lf_case_step stores them with the reply
 * event. */
#include "caseflow_internal.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/answer.h"
#include "laifang/i18n.h"

void cf_answer_free(cf_answer *x)
{
	free(x->facts);
	free(x->basis);
	memset(x, 0, sizeof *x);
}

lf_store_err cf_answer_inputs(lf_store *st, lf_step step, const lf_step_args *a, const lf_case_flow *flow,
                              cf_answer *out, char *msg, size_t len)
{
	memset(out, 0, sizeof *out);
	bool given = (a->answer_opinion && a->answer_opinion[0]) || (a->answer_facts && a->answer_facts[0]) ||
	             (a->answer_basis && a->answer_basis[0]);
	if (step != LF_STEP_REPLY) {
		if (given)
			return cf_refuse(st, LF_STORE_INVALID, msg, len, "%s",
			                 _("only the reply takes a written answer's opinion, facts and basis"));
		return LF_STORE_OK;
	}
	lf_store_err e;
	if ((e = cf_text(st, a->answer_facts, true, false, LF_ANSWER_FACTS_MAX, N_("facts and reasons"), &out->facts,
	                 msg, len)) != LF_STORE_OK ||
	    (e = cf_text(st, a->answer_basis, true, false, LF_ANSWER_BASIS_MAX, N_("legal basis"), &out->basis, msg,
	                 len)) != LF_STORE_OK) {
		cf_answer_free(out);
		return e;
	}
	const char *id = lf_answer_opinion_parse(a->answer_opinion);
	/* An opinion typed wrong stays as typed and is refused by core. */
	out->opinion = id ? id : a->answer_opinion && a->answer_opinion[0] ? a->answer_opinion : NULL;
	/* The office writes the answer of a case it handled itself (its own
	 * department leads); after a transfer or an assignment the agency
	 * answers in its own name and the office records its reply as before. */
	bool own = flow->lead_unit_kind && !strcmp(flow->lead_unit_kind, "department");
	char why[512];
	lf_step_field part = LF_IN_NONE;
	if (!lf_answer_check_field(own, out->opinion, out->facts, out->basis, why, sizeof why, &part)) {
		cf_answer_free(out);
		if (a->refused)
			*a->refused = part;
		return cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", why);
	}
	if (!out->facts[0]) {
		/* None given: a reply as before. */
		cf_answer_free(out);
	}
	return LF_STORE_OK;
}
