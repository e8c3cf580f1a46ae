/* A mediation (调解) or settlement (和解) agreement, 《信访工作条例》第三十三
 * 条, from the case screen ('m'): the kind from a menu, then the parties,
 * the mediator (a mediation only) and the agreed terms in one box. Core
 * (lf_case_mediate) decides; a refusal is shown in the box with what was
 * typed kept. Esc cancels. The agreement is printed from the print menu. */
#include "case_flow_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/agreement.h"
#include "laifang/caseflow.h"
#include "laifang/i18n.h"
#include "laifang/office.h"

bool lf_case_mediate_run(lf_tui *t, const char *case_id, char *msg, size_t len, lf_msg_kind *kind)
{
	*kind = LF_MSG_ERROR;
	const char *kinds[] = {_("Mediation (调解): a mediator brought the parties to agree"),
	                       _("Settlement (和解): the parties agreed on their own")};
	int k = lf_dialog_menu(_("Agreement (第三十三条): which kind?"), kinds, 2);
	if (k < 0)
		return false;
	bool mediation = k == 0;
	const char *labels[3];
	lf_line_edit fields[3];
	size_t nf = 0, f_parties, f_mediator = 9, f_terms;
	f_parties = nf;
	labels[nf] = _("Parties (separated by 、)");
	lf_line_init(&fields[nf++], 300, false);
	if (mediation) {
		f_mediator = nf;
		labels[nf] = _("Mediator");
		lf_line_init(&fields[nf++], LF_AGREEMENT_NAME_MAX, false);
	}
	f_terms = nf;
	labels[nf] = _("Agreed terms");
	lf_line_init(&fields[nf++], 2000, false);
	const char *id = mediation ? "mediation" : "settlement";
	char title[256];
	snprintf(title, sizeof title, _("The %s of this case"), lf_agreement_title(id));
	lf_prompt p = {.title = title, .labels = labels, .fields = fields, .n = nf, .can_back = true,
	               .help = _("Record the agreement the parties reached while the claim is handled (第三十三条): "
	                         "both parties by name, separated by 、, the mediator of a mediation, and the terms "
	                         "they agreed. It is printed from the print menu (p) for the parties to sign. Tab "
	                         "moves between the boxes, Enter on the last one saves, Esc cancels.")};
	bool done = false;
	for (;;) {
		if (lf_prompt_run(&p) != LF_PROMPT_OK)
			break;
		char *parties = lf_line_text(&fields[f_parties]);
		char *mediator = mediation ? lf_line_text(&fields[f_mediator]) : NULL;
		char *terms = lf_line_text(&fields[f_terms]);
		lf_agreement_args a = {.kind = id, .parties = parties, .terms = terms, .mediator = mediator};
		char why[sizeof p.msg] = "";
		lf_store_err e = lf_case_mediate(t->st, t->me, case_id, &a, why, sizeof why);
		free(parties);
		free(mediator);
		free(terms);
		lf_answer ans = lf_prompt_answer(&p, t->st, e, why, msg, len);
		if (ans == LF_ANSWER_AGAIN)
			continue;
		if (ans == LF_ANSWER_SAVED) {
			snprintf(msg, len, _("The %s is recorded; print it with p."), lf_agreement_title(id));
			*kind = LF_MSG_OK;
			done = true;
		}
		break;
	}
	for (size_t i = 0; i < nf; i++)
		lf_line_free(&fields[i]);
	return done;
}
