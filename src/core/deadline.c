/* The deadlines of a case: one table, so no screen carries its own number. */
#include "laifang/deadline.h"

#include "laifang/i18n.h"

static const lf_deadline_rule rules[LF_DL_COUNT] = {
	{LF_DL_ROUTE, "route", 15, false, N_("route the case and notify the visitor"),
	 N_("Regulations on Letters and Visits (2022): within 15 days of receipt")},
	{LF_DL_OBJECT, "object", 5, true, N_("object that the matter is not within the unit's competence"),
	 N_("Regulations on Letters and Visits (2022): within 5 working days of receipt")},
	{LF_DL_HANDLE, "handle", 60, false, N_("handle the case"),
	 N_("Regulations on Letters and Visits (2022): within 60 days of acceptance")},
	{LF_DL_EXTEND, "extend", 30, false, N_("handle the case within the extension"),
	 N_("Regulations on Letters and Visits (2022): one extension of at most 30 days, approved")},
	{LF_DL_REPORT, "report", 7, true, N_("report the handling to the instructing leader"),
	 N_("Office rule (reception work arrangement, seed 000): within 7 working days")},
	{LF_DL_PUBLISH, "publish", 3, true, N_("publish the reception day's record"),
	 N_("Office rule (reception work arrangement, seed 000): within 3 working days")},
	/* 30日: calendar days, as art. 34's 60 days are. */
	{LF_DL_REVIEW, "review", 30, false, N_("give the review opinion in writing"),
	 N_("Regulations on Letters and Visits (2022), art. 35: within 30 days of receiving the request")},
	{LF_DL_REREVIEW, "rereview", 30, false, N_("give the re-review opinion"),
	 N_("Regulations on Letters and Visits (2022), art. 36: within 30 days of receiving the request")},
	{LF_DL_REVIEW_ASK, "review_ask", 30, false, N_("ask for a review or re-review"),
	 N_("Regulations on Letters and Visits (2022), arts. 35 and 36: within 30 days of receiving the "
	    "written answer")},
};

const lf_deadline_rule *lf_deadline_rule_get(lf_deadline_id id)
{
	return (unsigned)id < LF_DL_COUNT ? &rules[id] : NULL;
}

lf_date lf_deadline_due(const lf_calendar *cal, lf_deadline_id id, lf_date start)
{
	const lf_deadline_rule *r = lf_deadline_rule_get(id);
	if (!r)
		return start;
	return r->working_days ? lf_calendar_add_workdays(cal, start, r->term)
	                       : lf_calendar_add_days(cal, start, r->term);
}

lf_due_state lf_deadline_state(const lf_calendar *cal, lf_date due, lf_date today, int *left)
{
	int n = lf_calendar_workdays_between(cal, today, due);
	if (left)
		*left = n;
	if (lf_date_cmp(today, due) > 0) {
		/* Overdue by at least one day even when the days since are all off. */
		if (left && n == 0)
			*left = -1;
		return LF_DUE_OVERDUE;
	}
	return n <= LF_DUE_NEAR_DAYS ? LF_DUE_NEAR : LF_DUE_OK;
}
