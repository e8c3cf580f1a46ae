/* laifang case mediate: the agreement of a mediation (调解) or a settlement
 * (和解), 《信访工作条例》第三十三条, through the core call the desk makes. */
#include <stdio.h>

#include "case_internal.h"
#include "laifang/agreement.h"
#include "laifang/i18n.h"

int cli_case_mediate(cli_case_ctx *c)
{
	const char *kind = cli_case_opt(c, "kind"), *parties = cli_case_opt(c, "parties");
	const char *terms = cli_case_opt(c, "terms");
	if (!terms)
		terms = c->text; /* --text-file: long terms */
	if (!kind || !parties || !terms)
		return cli_case_usage(c, "%s", _("mediate needs --kind mediation|settlement, --parties and --terms"));
	if (!lf_agreement_kind_parse(kind))
		return cli_case_usage(c, _("--kind is mediation (调解) or settlement (和解); not \"%s\""), kind);
	lf_agreement_args a = {.kind = kind, .parties = parties, .terms = terms, .mediator = cli_case_opt(c, "mediator")};
	char msg[1024] = "", done[256];
	lf_store_err e = lf_case_mediate(c->st, c->me, c->case_no, &a, msg, sizeof msg);
	snprintf(done, sizeof done, _("Case %s: the %s is recorded; print it with laifang print %s --notice agreement."),
	         c->case_no, lf_agreement_title(lf_agreement_kind_parse(kind)), c->case_no);
	return cli_case_result(c, e, msg, done);
}
