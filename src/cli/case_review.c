/* laifang case review-request | review-decide | rereview-request |
 * rereview-decide (issue 13, 《信访工作条例》 arts. 35 and 36): options
 * into core's step arguments; core checks the 30 days and the opinion. */
#include <stdio.h>

#include "case_internal.h"
#include "laifang/caseops.h"
#include "laifang/i18n.h"

static int take(cli_case_ctx *c, lf_step step, const lf_step_args *a)
{
	char msg[2048] = "";
	lf_store_err e = lf_case_step(c->st, c->me, c->case_no, step, a, msg, sizeof msg);
	char done[512];
	snprintf(done, sizeof done, _("Case %s: %s done."), c->case_no, _(lf_step_get(step)->label));
	return cli_case_result(c, e, msg, done);
}

static int request(cli_case_ctx *c, lf_step step)
{
	int rc = cli_case_date_opt(c, "received-on");
	if (rc)
		return rc;
	lf_step_args a = {.received_on = cli_case_opt(c, "received-on"), .text = c->text};
	return take(c, step, &a);
}

static int decide(cli_case_ctx *c, lf_step step)
{
	if (!cli_case_opt(c, "opinion"))
		return cli_case_usage(c, "%s", _("give the opinion: --opinion upheld|changed|revoked"));
	lf_step_args a = {.opinion = cli_case_opt(c, "opinion"), .text = c->text, .signer = cli_case_opt(c, "signer")};
	return take(c, step, &a);
}

int cli_case_review_request(cli_case_ctx *c)
{
	return request(c, LF_STEP_REVIEW_REQUEST);
}

int cli_case_review_decide(cli_case_ctx *c)
{
	return decide(c, LF_STEP_REVIEW_DECIDE);
}

int cli_case_rereview_request(cli_case_ctx *c)
{
	return request(c, LF_STEP_REREVIEW_REQUEST);
}

int cli_case_rereview_decide(cli_case_ctx *c)
{
	return decide(c, LF_STEP_REREVIEW_DECIDE);
}
