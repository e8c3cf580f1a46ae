/* The annual report's figures (annual.h): the year's cases from the
 * statistics' counters, the year's acts from the events' index, the
 * office's name from its settings. The walk over them is in core
 * (annual_render.c). */
#include "laifang/annual.h"

#include <stdio.h>
#include <string.h>

#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/stats.h"
#include "laifang/store_annual.h"

/* The event kinds of the acts, in the order of LF_ANNUAL_*. */
static const char *const act_kinds[LF_ANNUAL_ACTS] = {
	"transfer", "assign", "supervise", "extend", "review_request", "review_decide", "rereview_request",
	"rereview_decide",
};

void lf_annual_free(lf_annual *a)
{
	if (a)
		lf_store_period_free(&a->p);
}

static lf_store_err fail(lf_store *st, lf_store_err e, char *msg, size_t len)
{
	if (msg && len)
		snprintf(msg, len, "%s", lf_store_errmsg(st));
	return e;
}

lf_store_err lf_annual_compute(lf_store *st, const lf_user *actor, int year, lf_annual *out, char *msg,
                               size_t len)
{
	memset(out, 0, sizeof *out);
	if (msg && len)
		msg[0] = '\0';
	if (!lf_stats_allowed(actor, msg, len)) {
		lf_store_set_error(st, LF_STORE_DENIED, msg);
		return LF_STORE_DENIED;
	}
	if (year < 2000 || year > 2100) {
		if (msg && len)
			snprintf(msg, len, "%s", _("The year of the annual report is from 2000 to 2100."));
		lf_store_set_error(st, LF_STORE_INVALID, msg);
		return LF_STORE_INVALID;
	}
	out->year = year;
	snprintf(out->from, sizeof out->from, "%04d-01-01", year);
	snprintf(out->to, sizeof out->to, "%04d-12-31", year);
	lf_date_format(lf_date_today(), out->made_on);
	lf_setting_text(st, "office_name", out->office, sizeof out->office);

	/* A whole calendar year: the store sums the counters (no deadlines
	 * asked: the report does not judge them). */
	lf_store_err e = lf_store_stats_all(st, out->from, out->to, &out->p, NULL, NULL);
	if (e != LF_STORE_OK)
		return fail(st, e, msg, len);
	const lf_stat_counts *ev = &out->p.by_event;
	out->accepted = lf_stats_count(ev, "accept");
	out->declined = lf_stats_count(ev, "decline");
	out->referred = lf_stats_count(ev, "refer");
	out->mode[0] = lf_stats_count(ev, "in_house");
	out->mode[1] = lf_stats_count(ev, "transfer");
	out->mode[2] = lf_stats_count(ev, "assign");
	if ((e = lf_store_event_counts(st, out->from, out->to, act_kinds, LF_ANNUAL_ACTS, out->acts)) != LF_STORE_OK) {
		lf_annual_free(out);
		return fail(st, e, msg, len);
	}
	/* laifang keeps no record of the office's suggestions (第四十一条（三））:
	 * the report says so rather than print a figure. */
	out->suggestions_recorded = false;
	return LF_STORE_OK;
}
