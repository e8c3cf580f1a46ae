/* The figures as text lines with bar charts and as CSV. One walk over the
 * figures feeds both, so the screen, `laifang stats` and the CSV always
 * hold the same numbers. */
#include "laifang/stats.h"

#include <stdio.h>
#include <string.h>

#include "laifang/csv.h"
#include "laifang/evaluation.h"
#include "laifang/i18n.h"
#include "laifang/text.h"

void lf_stats_percent(long num, long den, char *buf, size_t len)
{
	if (den <= 0) {
		snprintf(buf, len, "-");
		return;
	}
	long tenths = (num * 1000 + den / 2) / den; /* rounded to 0.1% */
	snprintf(buf, len, "%ld.%ld%%", tenths / 10, tenths % 10);
}

int lf_stats_bar(char *buf, size_t len, long n, long max, int cols)
{
	/* U+258F..U+2589 are 1/8..7/8 of a cell, U+2588 the whole. */
	static const char *const part[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
	size_t used = 0;
	if (len)
		buf[0] = '\0';
	if (n <= 0 || max <= 0 || cols <= 0 || len == 0)
		return 0;
	if (n > max)
		n = max;
	long eighths = (long)((double)n * cols * 8 / (double)max + 0.5);
	if (eighths < 1)
		eighths = 1;
	int full = (int)(eighths / 8), rest = (int)(eighths % 8), w = 0;
	for (int i = 0; i < full && used + 4 <= len; i++, w++)
		used += (size_t)snprintf(buf + used, len - used, "█");
	if (rest && used + 4 <= len) {
		used += (size_t)snprintf(buf + used, len - used, "%s", part[rest]);
		w++;
	}
	return w;
}

/* ---- one walk over the figures ----------------------------------------------- */

typedef struct sink sink;
struct sink {
	void (*heading)(sink *k, const char *section, const char *title);
	/* den: for the percent (0: none); max: the bar's full length (0: none). */
	void (*figure)(sink *k, const char *section, const char *key, const char *label, long n, long den, long max);
	void *ud;
};

static long max_of(const lf_stat_counts *c)
{
	long m = 0;
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].n > m)
			m = c->v[i].n;
	return m;
}

static void walk_counts(sink *k, const char *section, const lf_stat_counts *c, long den, const char *none)
{
	long max = max_of(c);
	for (size_t i = 0; i < c->n; i++)
		k->figure(k, section, c->v[i].key[0] ? c->v[i].key : "none", c->v[i].label[0] ? c->v[i].label : none,
		          c->v[i].n, den, max);
}

/* Short names of the rules for a line (deadline.h's labels are sentences). */
static const char *rule_name(int r)
{
	switch (r) {
	case LF_DL_ROUTE: return _("Route and notify (15 days)");
	case LF_DL_OBJECT: return _("Objection (5 working days)");
	case LF_DL_HANDLE: return _("Handling (60 days)");
	case LF_DL_EXTEND: return _("Within the extension");
	case LF_DL_REPORT: return _("Report to the leader (7 wd)");
	case LF_DL_REVIEW: return _("Review opinion (30 days)");
	case LF_DL_REREVIEW: return _("Re-review opinion (30 days)");
	default: return _("Publication (3 working days)");
	}
}

/* Issue 13 (可评价): the petitioner's evaluations, the office's and each
 * unit's satisfaction rate (满意 and 基本满意 of all evaluations), 重办,
 * 超期未评价. */
static void walk_eval(const lf_stats *s, sink *k)
{
	static const char *const ids[] = {"satisfied", "basically", "dissatisfied"};
	k->heading(k, "evaluation", _("The petitioner's evaluation (可评价)"));
	long all = s->eval_office[0] + s->eval_office[1] + s->eval_office[2];
	k->figure(k, "evaluation", "office.rate", _("Petition office: satisfaction rate"),
	          s->eval_office[0] + s->eval_office[1], all, all);
	for (int i = 0; i < 3; i++) {
		char key[48], label[160];
		snprintf(key, sizeof key, "office.%s", ids[i]);
		snprintf(label, sizeof label, "  %s", lf_eval_label(ids[i]));
		k->figure(k, "evaluation", key, label, s->eval_office[i], all, all);
	}
	for (size_t u = 0; u < s->n_eval_units; u++) {
		const lf_eval_unit *e = &s->eval_units[u];
		long n = e->v[0] + e->v[1] + e->v[2];
		char key[64], label[256];
		snprintf(key, sizeof key, "unit.%s", e->unit_id[0] ? e->unit_id : "none");
		snprintf(label, sizeof label, _("Unit %s: satisfaction rate"), e->name[0] ? e->name : _("(none)"));
		k->figure(k, "evaluation", key, label, e->v[0] + e->v[1], n, n);
		snprintf(key, sizeof key, "unit.%s.dissatisfied", e->unit_id[0] ? e->unit_id : "none");
		snprintf(label, sizeof label, "  %s", lf_eval_label("dissatisfied"));
		k->figure(k, "evaluation", key, label, e->v[2], n, n);
	}
	k->figure(k, "evaluation", "redo", _("Handled again (重办)"), s->redo, 0, 0);
	k->figure(k, "evaluation", "overdue", _("Not evaluated in time (超期未评价)"), s->eval_overdue, 0, 0);
}

static void walk(const lf_stats *s, sink *k)
{
	const lf_store_period *p = &s->p;
	char title[160];
	if (s->month)
		snprintf(title, sizeof title, _("Figures of %04d-%02d (cases received %s to %s)"), s->year, s->month,
		         s->from, s->to);
	else
		snprintf(title, sizeof title, _("Figures of %04d (cases received %s to %s)"), s->year, s->from, s->to);
	k->heading(k, "period", title);

	k->heading(k, "visits", _("Visits"));
	k->figure(k, "visits", "registrations", _("Registrations"), p->visits, 0, 0);
	k->figure(k, "visits", "person_times", _("People who came (times)"), p->person_times, 0, 0);
	k->figure(k, "visits", "people", _("Distinct people"), p->people, 0, 0);
	k->figure(k, "visits", "repeat", _("Repeat petitions"), p->repeats, p->visits, p->visits);
	k->figure(k, "visits", "group", _("Group petitions"), p->groups, p->visits, p->visits);
	k->figure(k, "visits", "group_people", _("People in group petitions"), p->group_people, 0, 0);

	if (!s->month) {
		long n[12] = {0}, max = 0;
		for (size_t i = 0; i < p->by_month.n; i++) {
			int m = 0;
			if (sscanf(p->by_month.v[i].key, "%*4d-%2d", &m) == 1 && m >= 1 && m <= 12)
				n[m - 1] = p->by_month.v[i].n;
		}
		for (int m = 0; m < 12; m++)
			max = n[m] > max ? n[m] : max;
		k->heading(k, "month", _("By month"));
		for (int m = 0; m < 12; m++) {
			char key[32];
			snprintf(key, sizeof key, "%04d-%02d", s->year % 10000, m + 1);
			k->figure(k, "month", key, key, n[m], p->visits, max);
		}
	}

	k->heading(k, "channel", _("By channel"));
	static const char *const channels[] = {"visit", "letter", "online", "phone", "fax"};
	const char *channel_names[] = {_("Visit"), _("Letter"), _("Online"), _("Phone call"), _("Fax")};
	for (int i = 0; i < 5; i++)
		k->figure(k, "channel", channels[i], channel_names[i], p->channel[i], p->visits, p->visits);
	k->figure(k, "channel", "anonymous", _("of which anonymous"), p->anonymous, p->visits, p->visits);

	/* Issue 13: the regulation's categories (第二十九至三十一条), chosen at screening. */
	k->heading(k, "kind", _("By category of the regulation"));
	static const char *const kinds[] = {"suggestion", "accusation", "claim", "none"};
	const char *kind_names[] = {_("Suggestions (建议意见类)"), _("Accusations (检举控告类)"), _("Claims (申诉求决类)"),
	                            _("Not screened yet")};
	for (int i = 0; i < 4; i++)
		k->figure(k, "kind", kinds[i], kind_names[i], p->kind[i], p->visits, p->visits);

	k->heading(k, "screening", _("Screening"));
	k->figure(k, "screening", "accept", _("Accepted"), s->accepted, p->visits, p->visits);
	k->figure(k, "screening", "decline", _("Declined"), s->declined, p->visits, p->visits);
	k->figure(k, "screening", "refer", _("Referred to discipline"), s->referred, p->visits, p->visits);

	long routed = s->mode[0] + s->mode[1] + s->mode[2];
	k->heading(k, "mode", _("By handling mode"));
	k->figure(k, "mode", "in_house", _("In-house"), s->mode[0], routed, routed);
	k->figure(k, "mode", "transfer", _("Transferred"), s->mode[1], routed, routed);
	k->figure(k, "mode", "assign", _("Assigned"), s->mode[2], routed, routed);

	/* Issue 13: where each case went, one route each: the office's three
	 * handling modes and the two routes out of the petition system
	 * (第二十二条: 纪检监察 for accusations, 政法 organs for litigation). */
	long out_of = routed + s->referred + s->law_referred + s->declined;
	k->heading(k, "route", _("By route"));
	k->figure(k, "route", "in_house", _("In-house (自办)"), s->mode[0], out_of, out_of);
	k->figure(k, "route", "transfer", _("Transferred (转送)"), s->mode[1], out_of, out_of);
	k->figure(k, "route", "assign", _("Assigned (交办)"), s->mode[2], out_of, out_of);
	k->figure(k, "route", "refer", _("To discipline (转纪检监察)"), s->referred, out_of, out_of);
	k->figure(k, "route", "refer_law", _("To political-legal (转政法)"), s->law_referred, out_of,
	          out_of);
	k->figure(k, "route", "decline", _("Not accepted (不予受理)"), s->declined, out_of, out_of);

	k->heading(k, "category", _("By category"));
	walk_counts(k, "category", &p->by_category, p->visits, _("(no category)"));
	k->heading(k, "unit", _("By lead unit"));
	walk_counts(k, "unit", &p->by_unit, p->visits, _("(not routed)"));

	k->heading(k, "deadline", _("Deadlines met (on-time rate)"));
	for (int r = 0; r < LF_DL_COUNT; r++) {
		const lf_rule_stat *d = &s->rules[r];
		long due = d->met + d->late + d->overdue;
		if (!due && !d->pending && r != LF_DL_ROUTE && r != LF_DL_HANDLE)
			continue;
		const char *key = lf_deadline_rule_get((lf_deadline_id)r)->key;
		char k2[32], label[128];
		k->figure(k, "deadline", key, rule_name(r), d->met, due, due);
		snprintf(k2, sizeof k2, "%s.late", key);
		snprintf(label, sizeof label, "  %s", _("done late"));
		k->figure(k, "deadline", k2, label, d->late, due, due);
		snprintf(k2, sizeof k2, "%s.overdue", key);
		snprintf(label, sizeof label, "  %s", _("not done, overdue"));
		k->figure(k, "deadline", k2, label, d->overdue, due, due);
		snprintf(k2, sizeof k2, "%s.pending", key);
		snprintf(label, sizeof label, "  %s", _("not yet due"));
		k->figure(k, "deadline", k2, label, d->pending, 0, 0);
	}

	k->heading(k, "satisfaction", _("Satisfaction with the reply"));
	const char *sat[] = {"satisfied", "basically", "dissatisfied", "unstated"};
	for (int i = 0; i < 4; i++)
		k->figure(k, "satisfaction", sat[i], lf_satisfaction_label(sat[i]), s->satisfaction[i], s->replied,
		          s->replied);

	walk_eval(s, k);

	long total = 0, max = 0;
	for (int i = 0; i < LF_ST_COUNT; i++) {
		total += s->status_now[i];
		max = s->status_now[i] > max ? s->status_now[i] : max;
	}
	char now_title[128];
	snprintf(now_title, sizeof now_title, _("Now (%s): every case by state"), s->today);
	k->heading(k, "now", now_title);
	k->figure(k, "now", "overdue", _("Overdue now"), s->overdue_now, 0, 0);
	for (int i = 0; i < LF_ST_COUNT; i++)
		k->figure(k, "now", lf_state_id((lf_case_state)i), lf_state_label((lf_case_state)i), s->status_now[i],
		          total, max);
}

/* ---- as lines ------------------------------------------------------------------ */

#define LABEL_COLS 28
#define COUNT_COLS 8
#define PERCENT_COLS 8

typedef struct text_sink {
	sink k;
	int cols, lines;
	lf_stats_line_fn fn;
	void *ud;
} text_sink;

static void text_heading(sink *k, const char *section, const char *title)
{
	text_sink *t = (text_sink *)k;
	char line[512];
	int used;
	(void)section;
	size_t n = lf_text_fit(title, t->cols, &used);
	snprintf(line, sizeof line, "%.*s", (int)n, title);
	t->fn(line, true, t->ud);
	t->lines++;
}

static void text_figure(sink *k, const char *section, const char *key, const char *label, long n, long den,
                        long max)
{
	text_sink *t = (text_sink *)k;
	char line[1024], pct[32] = "", bar[512];
	int used;
	(void)section;
	(void)key;
	/* The label cut to its column and padded by display width, so Chinese
	 * names line up with the rest. */
	size_t fit = lf_text_fit(label, LABEL_COLS - 1, &used);
	int pos = snprintf(line, sizeof line, "  %.*s%*s", (int)fit, label, LABEL_COLS - used, "");
	if (den > 0)
		lf_stats_percent(n, den, pct, sizeof pct);
	pos += snprintf(line + pos, sizeof line - (size_t)pos, "%*ld%*s ", COUNT_COLS, n, PERCENT_COLS, pct);
	int bar_cols = t->cols - 2 - LABEL_COLS - COUNT_COLS - PERCENT_COLS - 1;
	if (max > 0 && lf_stats_bar(bar, sizeof bar, n, max, bar_cols) > 0)
		snprintf(line + pos, sizeof line - (size_t)pos, "%s", bar);
	else {
		/* No trailing blanks. */
		while (pos > 0 && line[pos - 1] == ' ')
			line[--pos] = '\0';
	}
	t->fn(line, false, t->ud);
	t->lines++;
}

int lf_stats_render(const lf_stats *s, int cols, lf_stats_line_fn fn, void *ud)
{
	text_sink t = {.k = {text_heading, text_figure, NULL}, .cols = cols < 60 ? 60 : cols, .fn = fn, .ud = ud};
	walk(s, &t.k);
	return t.lines;
}

/* ---- as CSV ------------------------------------------------------------------------ */

typedef struct csv_sink {
	sink k;
	FILE *out;
	int failed;
} csv_sink;

static void csv_heading(sink *k, const char *section, const char *title)
{
	(void)k;
	(void)section;
	(void)title;
}

static void csv_figure(sink *k, const char *section, const char *key, const char *label, long n, long den,
                       long max)
{
	csv_sink *c = (csv_sink *)k;
	char count[24], pct[32] = "";
	(void)max;
	while (*label == ' ')
		label++;
	snprintf(count, sizeof count, "%ld", n);
	if (den > 0) {
		lf_stats_percent(n, den, pct, sizeof pct);
		pct[strlen(pct) - 1] = '\0'; /* a number for a spreadsheet: no % sign */
	}
	const char *row[] = {section, key, label, count, pct};
	if (lf_csv_write_record(c->out, row, 5) < 0)
		c->failed = 1;
}

int lf_stats_write_csv(const lf_stats *s, FILE *out)
{
	csv_sink c = {.k = {csv_heading, csv_figure, NULL}, .out = out};
	const char *head[] = {"section", "key", "label", "count", "percent"};
	fputs("\xEF\xBB\xBF", out);
	if (lf_csv_write_record(out, head, 5) < 0)
		return -1;
	walk(s, &c.k);
	return c.failed || fflush(out) != 0 || ferror(out) ? -1 : 0;
}
