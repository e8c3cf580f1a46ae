/* The petitioner's evaluation (evaluation.h): the three values, the rule
 * that 不满意 comes with its reason, the period after the answer. */
#include "laifang/evaluation.h"

#include <stdio.h>
#include <string.h>

#include "laifang/i18n.h"

static const struct {
	const char *id, *word, *label;
} values[] = {
	{"satisfied", "满意", N_("satisfied")},
	{"basically", "基本满意", N_("basically satisfied")},
	{"dissatisfied", "不满意", N_("dissatisfied")},
};
#define N_VALUES (sizeof values / sizeof values[0])

bool lf_eval_valid(const char *id)
{
	return lf_eval_label(id) != NULL;
}

const char *lf_eval_label(const char *id)
{
	for (size_t i = 0; id && i < N_VALUES; i++)
		if (!strcmp(values[i].id, id))
			return _(values[i].label);
	return NULL;
}

const char *lf_eval_parse(const char *s)
{
	for (size_t i = 0; s && i < N_VALUES; i++)
		if (!strcmp(values[i].id, s) || !strcmp(values[i].word, s) || !strcmp(_(values[i].label), s))
			return values[i].id;
	return NULL;
}

static bool blank(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

bool lf_eval_dissatisfied(const char *office, const char *unit)
{
	return (office && !strcmp(office, "dissatisfied")) || (unit && !strcmp(unit, "dissatisfied"));
}

bool lf_eval_check(const char *office, const char *unit, const char *reason, char *why, size_t len)
{
	if (!lf_eval_valid(office)) {
		snprintf(why, len, "%s",
		         _("evaluation: the satisfaction with the petition office is satisfied, basically satisfied or "
		           "dissatisfied (满意 / 基本满意 / 不满意)"));
		return false;
	}
	if (!lf_eval_valid(unit)) {
		snprintf(why, len, "%s",
		         _("evaluation: the satisfaction with the handling unit is satisfied, basically satisfied or "
		           "dissatisfied (满意 / 基本满意 / 不满意)"));
		return false;
	}
	if (lf_eval_dissatisfied(office, unit) && blank(reason)) {
		snprintf(why, len, "%s", _("evaluation: give the petitioner's reason for dissatisfied (不满意)"));
		return false;
	}
	return true;
}

bool lf_eval_answered(lf_case_state s)
{
	return s == LF_ST_REPLIED || s == LF_ST_REVIEW_REQUESTED || s == LF_ST_REVIEWED ||
	       s == LF_ST_REREVIEW_REQUESTED || s == LF_ST_REREVIEWED;
}

lf_date lf_eval_due(lf_date answered, int days)
{
	if (days < LF_EVAL_DAYS_MIN || days > LF_EVAL_DAYS_MAX)
		days = LF_EVAL_DAYS_DEFAULT;
	return lf_date_add(answered, days);
}

bool lf_eval_overdue(const char *due_on, lf_date today)
{
	lf_date d;
	return due_on && due_on[0] && lf_date_parse(due_on, &d) && lf_date_cmp(d, today) < 0;
}

const char *lf_eval_line(const char *office, const char *unit, char *buf, size_t len)
{
	const char *o = lf_eval_label(office), *u = lf_eval_label(unit);
	snprintf(buf, len, _("petition office: %s; handling unit: %s"), o ? o : "—", u ? u : "—");
	return buf;
}
