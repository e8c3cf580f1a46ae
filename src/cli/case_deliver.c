/* laifang case deliver (issue 13): the delivery (送达) of a notice the case
 * has on record, by its 文号 or its kind; core checks the rest. */
#include <stdio.h>

#include "case_internal.h"
#include "laifang/case_deliver.h"
#include "laifang/i18n.h"

int cli_case_deliver(cli_case_ctx *c)
{
	const char *notice = cli_case_opt(c, "notice"), *method = cli_case_opt(c, "method");
	if (!notice || !notice[0] || !method || !method[0])
		return cli_case_usage(c, "%s", _("deliver needs --notice 文号|KIND and --method in_person|post|electronic|other"));
	lf_delivery_method m;
	if (!lf_delivery_method_parse(method, &m))
		return cli_case_usage(c, _("--method %s: in_person, post, electronic or other"), method);
	int rc = cli_case_date_opt(c, "date");
	if (rc)
		return rc;
	bool refused = cli_case_flag(c, "refused");
	lf_deliver_args a = {.notice = notice, .method = method, .tracking = cli_case_opt(c, "tracking"),
	                     .date = cli_case_opt(c, "date"), .refused = refused, .note = cli_case_opt(c, "note")};
	char msg[1024] = "", done[512];
	lf_store_err e = lf_case_deliver(c->st, c->me, c->case_no, &a, msg, sizeof msg);
	snprintf(done, sizeof done, _("Case %s: delivery of %s recorded (%s)."), c->case_no, notice,
	         lf_delivery_method_label(m));
	return cli_case_result(c, e, msg, done);
}
