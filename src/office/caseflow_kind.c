/* The regulation's category at screening (issue 13; 信访工作条例 第二十九
 * 至三十一条: 建议意见类, 检举控告类, 申诉求决类). The supervisor chooses it
 * when accepting or declining; a referral to discipline inspection is an
 * accusation (第三十条). Routing asks core whether the category allows the
 * route (channel.h). */
#include "caseflow_internal.h"

#include <string.h>

#include "laifang/channel.h"
#include "laifang/i18n.h"

lf_store_err cf_kind(lf_store *st, lf_step step, const char *given, const char *case_id, const char **kind,
                     char *msg, size_t len)
{
	*kind = NULL;
	if (given && given[0]) {
		*kind = lf_category_parse(given);
		if (!*kind)
			return cf_refuse(st, LF_STORE_INVALID, msg, len,
			                 _("category: \"%s\" is not one of suggestion (建议意见类), accusation (检举控告类), "
			                   "claim (申诉求决类)"),
			                 given);
		if (step != LF_STEP_ACCEPT && step != LF_STEP_DECLINE && step != LF_STEP_REFER &&
		    step != LF_STEP_REFER_LAW)
			return cf_refuse(st, LF_STORE_INVALID, msg, len, "%s",
			                 _("category: it is chosen at screening (accept, decline or refer)"));
	}
	if (step == LF_STEP_REFER) {
		if (*kind && strcmp(*kind, "accusation"))
			return cf_refuse(st, LF_STORE_INVALID, msg, len, "%s",
			                 _("category: a referral to discipline inspection is an accusation (检举控告类)"));
		*kind = "accusation";
	}
	/* 诉访分离 (art. 22 (2), art. 31 (1)): only a claim (申诉求决类) has a
	 * matter of litigation to send to the 政法 organs. */
	if (step == LF_STEP_REFER_LAW) {
		char why[512];
		if (!lf_category_allows_route(*kind ? *kind : "claim", (int)step, why, sizeof why))
			return cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", why);
		*kind = "claim";
	}
	if (step != LF_STEP_IN_HOUSE && step != LF_STEP_TRANSFER && step != LF_STEP_ASSIGN)
		return LF_STORE_OK;
	lf_case c;
	lf_store_err e = lf_store_get_case(st, case_id, &c);
	if (e != LF_STORE_OK)
		return cf_passed(st, e, msg, len);
	char why[512];
	bool ok = lf_category_allows_route(c.kind, (int)step, why, sizeof why);
	lf_case_free(&c);
	return ok ? LF_STORE_OK : cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", why);
}
