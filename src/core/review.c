/* Review (复查) and re-review (复核): the opinions, the visitor's term to
 * ask, the intake note (review.h). The 30 days are arts. 35 and 36's "30日",
 * counted as deadline.h counts every term in days. */
#include "laifang/review.h"

#include <stdio.h>
#include <string.h>

#include "laifang/deadline.h"
#include "laifang/i18n.h"

static const struct {
	const char *id, *word, *label;
} opinions[] = {
	{"upheld", "维持", N_("upheld (维持)")},
	{"changed", "变更", N_("changed (变更)")},
	{"revoked", "撤销", N_("revoked (撤销)")},
};
#define N_OPINIONS (sizeof opinions / sizeof opinions[0])

bool lf_review_may_request(lf_case_state from, bool from_lower)
{
	return from == LF_ST_REPLIED || (from == LF_ST_REGISTERED && from_lower);
}

bool lf_review_opinion_valid(const char *id)
{
	return lf_review_opinion_label(id) != NULL;
}

const char *lf_review_opinion_label(const char *id)
{
	for (size_t i = 0; id && i < N_OPINIONS; i++)
		if (!strcmp(opinions[i].id, id))
			return _(opinions[i].label);
	return NULL;
}

const char *lf_review_opinion_word(const char *id)
{
	for (size_t i = 0; id && i < N_OPINIONS; i++)
		if (!strcmp(opinions[i].id, id))
			return opinions[i].word;
	return NULL;
}

const char *lf_review_opinion_parse(const char *s)
{
	for (size_t i = 0; s && i < N_OPINIONS; i++)
		if (!strcmp(opinions[i].id, s) || !strcmp(opinions[i].word, s) || !strcmp(_(opinions[i].label), s))
			return opinions[i].id;
	return NULL;
}

bool lf_review_window(const lf_calendar *cal, bool rereview, lf_date received, lf_date asked,
                      const lf_date *answered, lf_date *last, char *why, size_t len)
{
	char r[LF_DATE_LEN], a[LF_DATE_LEN], l[LF_DATE_LEN];
	lf_date end = lf_deadline_due(cal, LF_DL_REVIEW_ASK, received);
	if (last)
		*last = end;
	lf_date_format(received, r);
	lf_date_format(asked, a);
	lf_date_format(end, l);
	if (answered && lf_date_cmp(received, *answered) < 0) {
		char g[LF_DATE_LEN];
		lf_date_format(*answered, g);
		snprintf(why, len, _("the written answer was received on %s, before it was given on %s"), r, g);
		return false;
	}
	if (lf_date_cmp(received, asked) > 0) {
		snprintf(why, len, _("the written answer was received on %s, after the request on %s"), r, a);
		return false;
	}
	if (lf_date_cmp(asked, end) > 0) {
		if (rereview)
			snprintf(why, len,
			         _("out of time: a re-review (复核) is asked within 30 days of receiving the review opinion "
			           "(Regulations on Letters and Visits, art. 36); it was received on %s, the last day was %s, "
			           "the request is of %s"),
			         r, l, a);
		else
			snprintf(why, len,
			         _("out of time: a review (复查) is asked within 30 days of receiving the written answer "
			           "(Regulations on Letters and Visits, art. 35); it was received on %s, the last day was %s, "
			           "the request is of %s"),
			         r, l, a);
		return false;
	}
	return true;
}

const char *lf_review_final_note(void)
{
	return _("This visitor has a matter whose re-review (复核) is concluded: a petition on the same facts and "
	         "reasons is not accepted again (Regulations on Letters and Visits, art. 36). Judge whether this is "
	         "the same matter.");
}

const char *lf_review_reason_line(const char *kind, const char *reason, char *buf, size_t len)
{
	if (!kind || !reason || !len)
		return NULL;
	if (!strcmp(kind, "review_request") || !strcmp(kind, "rereview_request")) {
		snprintf(buf, len, _("The written answer was received on %s"), reason);
		return buf;
	}
	if (!strcmp(kind, "review_decide") || !strcmp(kind, "rereview_decide")) {
		const char *label = lf_review_opinion_label(reason);
		snprintf(buf, len, _("Opinion: %s"), label ? label : reason);
		return buf;
	}
	return NULL;
}
