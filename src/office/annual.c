/* The annual report's figures (annual.h): the year's cases from the
 * statistics' counters, the year's acts from the events' index, the
 * office's name from its settings. The walk over them is in core
 * (annual_render.c). */
#include "laifang/annual.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/stats.h"
#include "laifang/store_annual.h"
#include "laifang/suggestion.h"

/* The event kinds of the acts, in the order of LF_ANNUAL_*. */
static const char *const act_kinds[LF_ANNUAL_ACTS] = {
	"transfer", "assign", "supervise", "extend", "review_request", "review_decide", "rereview_request",
	"rereview_decide",
};

void lf_annual_free(lf_annual *a)
{
	if (!a)
		return;
	lf_store_period_free(&a->p);
	lf_stats_free(&a->eval);
	for (size_t i = 0; i < a->n_sugg_lines; i++)
		free(a->sugg_lines[i]);
	free(a->sugg_lines);
	a->sugg_lines = NULL;
	a->n_sugg_lines = 0;
}

/* "2026-03-01" → "2026年3月1日". */
static void day_cn(const char *iso, char *buf, size_t len)
{
	int y, m, d;
	if (iso && sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) == 3)
		snprintf(buf, len, "%d年%d月%d日", y, m, d);
	else
		snprintf(buf, len, "%s", iso ? iso : "");
}

/* One suggestion of the year: counted, and its line. */
static int take_suggestion(const lf_suggestion *g, void *ud)
{
	lf_annual *a = ud;
	static const char *const kinds[] = {"improve", "policy", "accountability"};
	static const char *const outcomes[] = {"adopted", "partly", "rejected"};
	int k = 0, o = 0;
	while (k < 3 && strcmp(g->kind, kinds[k]))
		k++;
	while (o < 3 && (!g->outcome || strcmp(g->outcome, outcomes[o])))
		o++;
	if (k < 3)
		a->sugg_kind[k]++;
	a->sugg_outcome[o]++;
	char made[32], done[32], line[4096];
	day_cn(g->made_on, made, sizeof made);
	day_cn(g->outcome_on, done, sizeof done);
	if (g->outcome)
		snprintf(line, sizeof line, "%s　向%s提出%s建议：%s（%s，%s）", made, g->addressee,
		         lf_suggestion_kind_word(g->kind), g->text, lf_suggestion_outcome_word(g->outcome), done);
	else
		snprintf(line, sizeof line, "%s　向%s提出%s建议：%s（%s）", made, g->addressee,
		         lf_suggestion_kind_word(g->kind), g->text, lf_suggestion_outcome_word(NULL));
	char **v = realloc(a->sugg_lines, (a->n_sugg_lines + 1) * sizeof *v);
	if (!v)
		return 1;
	a->sugg_lines = v;
	if (!(v[a->n_sugg_lines] = strdup(line)))
		return 1;
	a->n_sugg_lines++;
	return 0;
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
	out->law_referred = lf_stats_count(ev, "refer_law");
	out->mode[0] = lf_stats_count(ev, "in_house");
	out->mode[1] = lf_stats_count(ev, "transfer");
	out->mode[2] = lf_stats_count(ev, "assign");
	if ((e = lf_store_event_counts(st, out->from, out->to, act_kinds, LF_ANNUAL_ACTS, out->acts)) != LF_STORE_OK) {
		lf_annual_free(out);
		return fail(st, e, msg, len);
	}
	/* 第四十一条（三）: the suggestions recorded as made in the year. None
	 * recorded: the report says so rather than print a figure. */
	if ((e = lf_store_suggestion_each(st, out->from, out->to, take_suggestion, out)) != LF_STORE_OK) {
		lf_annual_free(out);
		return fail(st, e, msg, len);
	}
	long made = out->sugg_kind[0] + out->sugg_kind[1] + out->sugg_kind[2];
	if ((size_t)made != out->n_sugg_lines) {
		lf_annual_free(out);
		lf_store_set_error(st, LF_STORE_IO, _("Out of memory."));
		return fail(st, LF_STORE_IO, msg, len);
	}
	out->suggestions_recorded = made > 0;
	/* 四（一）: the petitioners' evaluations (可评价, evaluation.h). */
	if ((e = lf_stats_evaluations(st, out->from, out->to, out->made_on, &out->eval)) != LF_STORE_OK) {
		lf_annual_free(out);
		return fail(st, e, msg, len);
	}
	return LF_STORE_OK;
}
