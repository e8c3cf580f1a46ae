/* The annual report (annual.h) as one walk over its figures, and that walk
 * as text lines with bars and as CSV. The paper draws from the same walk
 * (src/paper/paper_annual.c), so the three always hold the same numbers.
 *
 * The sections follow 《信访工作条例》第四十一条: (一) the statistics of the
 * matters, the fields they concern and the units most complained about,
 * (二) transfers, assignments and supervision, (三) the suggestions made
 * and whether adopted, (四) other matters. The words are the regulation's,
 * in Chinese whatever the desk's language (the report goes to the Party
 * committee and the government), like the notices. */
#include "laifang/annual.h"

#include <stdio.h>
#include <string.h>

#include "laifang/csv.h"
#include "laifang/stats.h"
#include "laifang/text.h"

void lf_annual_title(const lf_annual *a, char *buf, size_t len)
{
	snprintf(buf, len, "%04d年度信访情况报告", a->year);
}

static long max_in(const long *v, int n)
{
	long m = 0;
	for (int i = 0; i < n; i++)
		m = v[i] > m ? v[i] : m;
	return m;
}

/* "2026-01-01" → "2026年1月1日". */
static void day_cn(const char *iso, char *buf, size_t len)
{
	int y, m, d;
	if (sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) == 3)
		snprintf(buf, len, "%d年%d月%d日", y, m, d);
	else
		snprintf(buf, len, "%s", iso);
}

static void part_one(const lf_annual *a, const lf_annual_sink *k, void *ud)
{
	const lf_store_period *p = &a->p;
	const char *s = "data";
	k->heading(s, "一、信访事项数据统计", 1, ud);

	k->heading(s, "（一）总体情况", 2, ud);
	k->figure(s, "登记信访事项", p->visits, "件", 0, 0, ud);
	k->figure(s, "来访人次", p->person_times, "人次", 0, 0, ud);
	k->figure(s, "涉及信访人", p->people, "人", 0, 0, ud);
	k->figure(s, "重复信访", p->repeats, "件", p->visits, p->visits, ud);
	k->figure(s, "集体访", p->groups, "批", p->visits, p->visits, ud);
	k->figure(s, "集体访人数", p->group_people, "人次", 0, 0, ud);

	k->heading(s, "（二）按信访渠道", 2, ud);
	static const char *const channels[] = {"来访", "来信", "网上信访", "来电", "传真"};
	long cmax = max_in(p->channel, 5);
	for (int i = 0; i < 5; i++)
		k->figure(s, channels[i], p->channel[i], "件", p->visits, cmax, ud);
	k->figure(s, "其中：匿名", p->anonymous, "件", p->visits, cmax, ud);

	k->heading(s, "（三）按信访事项类别", 2, ud);
	static const char *const kinds[] = {"建议意见类", "检举控告类", "申诉求决类", "尚未甄别"};
	long kmax = max_in(p->kind, 4);
	for (int i = 0; i < 4; i++)
		k->figure(s, kinds[i], p->kind[i], "件", p->visits, kmax, ud);

	k->heading(s, "（四）按月份", 2, ud);
	long months[12] = {0};
	for (size_t i = 0; i < p->by_month.n; i++) {
		int y = 0, m = 0;
		if (sscanf(p->by_month.v[i].key, "%4d-%2d", &y, &m) == 2 && y == a->year && m >= 1 && m <= 12)
			months[m - 1] = p->by_month.v[i].n;
	}
	long mmax = max_in(months, 12);
	for (int m = 0; m < 12; m++) {
		char label[16];
		snprintf(label, sizeof label, "%d月", m + 1);
		k->figure(s, label, months[m], "件", p->visits, mmax, ud);
	}

	/* 信访事项涉及领域: the office's own categories (类别). */
	k->heading(s, "（五）信访事项涉及领域", 2, ud);
	long gmax = 0;
	bool any = false;
	for (size_t i = 0; i < p->by_category.n; i++)
		gmax = p->by_category.v[i].n > gmax ? p->by_category.v[i].n : gmax;
	for (size_t i = 0; i < p->by_category.n; i++) {
		const lf_stat_count *c = &p->by_category.v[i];
		if (!c->key[0] && !c->n)
			continue;
		k->figure(s, c->key[0] ? (c->label[0] ? c->label : c->key) : "未分类", c->n, "件", p->visits, gmax, ud);
		any = true;
	}
	if (!any)
		k->note(s, "本机关未设置信访事项分类，本年度无分类数据。", ud);

	/* 被投诉较多的机关、单位: the units the year's cases went to (the lead
	 * unit: a department handling in-house, the agency a case was
	 * transferred or assigned to). laifang records no separate "unit
	 * complained about" on the sheet (docs/annual-report.md). */
	k->heading(s, "（六）被投诉较多的机关、单位（前十位）", 2, ud);
	k->note(s, "按本年度登记事项交由办理（自办、转送、交办）的牵头单位统计。", ud);
	int shown = 0;
	long umax = 0;
	for (size_t i = 0; i < p->by_unit.n; i++)
		if (p->by_unit.v[i].key[0] && p->by_unit.v[i].n > umax)
			umax = p->by_unit.v[i].n;
	/* by_unit comes most first, ties by name (stats_period.c). */
	for (size_t i = 0; i < p->by_unit.n && shown < LF_ANNUAL_TOP_UNITS; i++) {
		const lf_stat_count *c = &p->by_unit.v[i];
		if (!c->key[0] || c->n <= 0)
			continue;
		char label[512];
		snprintf(label, sizeof label, "%d. %s", shown + 1, c->label[0] ? c->label : c->key);
		k->figure(s, label, c->n, "件", p->visits, umax, ud);
		shown++;
	}
	if (!shown)
		k->note(s, "本年度登记的信访事项尚未交由任何单位办理。", ud);
}

static void part_two(const lf_annual *a, const lf_annual_sink *k, void *ud)
{
	const lf_store_period *p = &a->p;
	const char *s = "routing";
	k->heading(s, "二、转送、交办、督办情况", 1, ud);

	k->heading(s, "（一）本年度登记事项的处理", 2, ud);
	long first[] = {a->accepted, a->declined, a->referred, a->mode[0], a->mode[1], a->mode[2], a->law_referred};
	long fmax = max_in(first, 7);
	k->figure(s, "受理", a->accepted, "件", p->visits, fmax, ud);
	k->figure(s, "不予受理", a->declined, "件", p->visits, fmax, ud);
	k->figure(s, "转纪检监察机关", a->referred, "件", p->visits, fmax, ud);
	k->figure(s, "转政法机关", a->law_referred, "件", p->visits, fmax, ud);
	k->figure(s, "自办", a->mode[0], "件", p->visits, fmax, ud);
	k->figure(s, "转送", a->mode[1], "件", p->visits, fmax, ud);
	k->figure(s, "交办", a->mode[2], "件", p->visits, fmax, ud);

	/* The acts by the day they were taken: a case received the year
	 * before and transferred this year counts here. */
	k->heading(s, "（二）本年度转送、交办、督办（按办理日期）", 2, ud);
	static const char *const labels[LF_ANNUAL_ACTS] = {"转送", "交办", "督办", "延长办理期限",
	                                                   "复查申请", "复查意见", "复核申请", "复核意见"};
	static const char *const units[LF_ANNUAL_ACTS] = {"件次", "件次", "次", "次", "件", "件", "件", "件"};
	long amax = max_in(a->acts, LF_ANNUAL_ACTS);
	for (int i = 0; i < LF_ANNUAL_ACTS; i++)
		k->figure(s, labels[i], a->acts[i], units[i], 0, amax, ud);
}

static void part_three(const lf_annual *a, const lf_annual_sink *k, void *ud)
{
	const char *s = "suggestions";
	k->heading(s, "三、提出改进工作、完善政策、追究责任建议及被采纳情况", 1, ud);
	/* Never a figure laifang does not hold. */
	if (!a->suggestions_recorded) {
		k->note(s, "本系统未记录本年度信访部门提出的建议及其被采纳情况，本部分无统计数据，由编制部门据实填写。", ud);
		return;
	}
	long made = a->sugg_kind[0] + a->sugg_kind[1] + a->sugg_kind[2];
	k->heading(s, "（一）建议及采纳情况", 2, ud);
	k->figure(s, "提出建议", made, "件", 0, 0, ud);
	static const char *const kinds[] = {"改进工作建议", "完善政策建议", "追究责任建议"};
	for (int i = 0; i < 3; i++)
		k->figure(s, kinds[i], a->sugg_kind[i], "件", made, made, ud);
	static const char *const outcomes[] = {"已采纳", "部分采纳", "未采纳", "尚无结果"};
	for (int i = 0; i < 4; i++)
		k->figure(s, outcomes[i], a->sugg_outcome[i], "件", made, made, ud);
	k->heading(s, "（二）建议明细", 2, ud);
	for (size_t i = 0; i < a->n_sugg_lines; i++)
		k->note(s, a->sugg_lines[i], ud);
}

static void part_four(const lf_annual *a, const lf_annual_sink *k, void *ud)
{
	const char *s = "other";
	k->heading(s, "四、其他应当报告的事项", 1, ud);
	/* The petitioners' evaluations (可评价): of the year's cases, for the
	 * petition office and for each handling unit (evaluation.h); a case
	 * with none counts its reply's satisfaction as the office's. */
	const lf_stats *e = &a->eval;
	k->heading(s, "（一）信访人对办理情况的评价", 2, ud);
	long office = e->eval_office[0] + e->eval_office[1] + e->eval_office[2];
	if (!office && !e->n_eval_units) {
		k->note(s, "本年度登记的信访事项尚无信访人评价记录。", ud);
	} else {
		static const char *const words[] = {"满意", "基本满意", "不满意"};
		long omax = max_in(e->eval_office, 3);
		for (int i = 0; i < 3; i++) {
			char label[64];
			snprintf(label, sizeof label, "对信访部门%s", words[i]);
			k->figure(s, label, e->eval_office[i], "件", office, omax, ud);
		}
		if (e->n_eval_units)
			k->note(s, "对承办单位满意及基本满意的件数（占该单位已评价件数）：", ud);
		for (size_t i = 0; i < e->n_eval_units; i++) {
			const lf_eval_unit *u = &e->eval_units[i];
			long all = u->v[0] + u->v[1] + u->v[2];
			k->figure(s, u->name[0] ? u->name : "承办单位", u->v[0] + u->v[1], "件", all, 0, ud);
		}
	}
	k->figure(s, "重办", e->redo, "件", 0, 0, ud);
	k->figure(s, "超期未评价", e->eval_overdue, "件", 0, 0, ud);
	k->heading(s, "（二）其他事项", 2, ud);
	k->note(s, "由编制部门据实填写。", ud);
}

void lf_annual_walk(const lf_annual *a, const lf_annual_sink *k, void *ud)
{
	char from[32], to[32], made[32], scope[256];
	day_cn(a->from, from, sizeof from);
	day_cn(a->to, to, sizeof to);
	day_cn(a->made_on, made, sizeof made);
	snprintf(scope, sizeof scope, "统计范围：%s至%s登记的信访事项；转送、交办、督办按办理日期统计。编制日期：%s。",
	         from, to, made);
	k->note("scope", scope, ud);
	part_one(a, k, ud);
	part_two(a, k, ud);
	part_three(a, k, ud);
	part_four(a, k, ud);
}

/* ---- as lines -------------------------------------------------------------------- */

#define LABEL_COLS 26
#define COUNT_COLS 8
#define UNIT_COLS 5
#define PERCENT_COLS 8

typedef struct text_out {
	int cols, lines;
	lf_annual_line_fn fn;
	void *ud;
} text_out;

static void emit(text_out *t, const char *line, bool heading)
{
	t->fn(line, heading, t->ud);
	t->lines++;
}

/* s cut to cols display columns and padded with blanks to exactly that. */
static int put_fit(char *buf, size_t len, const char *s, int cols)
{
	int used;
	size_t n = lf_text_fit(s, cols, &used);
	return snprintf(buf, len, "%.*s%*s", (int)n, s, cols - used, "");
}

static void text_heading(const char *section, const char *title, int level, void *ud)
{
	text_out *t = ud;
	char line[512];
	(void)section;
	int used;
	size_t n = lf_text_fit(title, t->cols - (level > 1 ? 2 : 0), &used);
	snprintf(line, sizeof line, "%s%.*s", level > 1 ? "  " : "", (int)n, title);
	emit(t, line, level == 1);
}

static void text_figure(const char *section, const char *label, long n, const char *unit, long den, long max,
                        void *ud)
{
	text_out *t = ud;
	char line[1024], pct[32] = "", bar[512];
	(void)section;
	int pos = snprintf(line, sizeof line, "    ");
	pos += put_fit(line + pos, sizeof line - (size_t)pos, label, LABEL_COLS - 1);
	pos += snprintf(line + pos, sizeof line - (size_t)pos, " %*ld ", COUNT_COLS, n);
	pos += put_fit(line + pos, sizeof line - (size_t)pos, unit, UNIT_COLS);
	if (den > 0)
		lf_stats_percent(n, den, pct, sizeof pct);
	pos += snprintf(line + pos, sizeof line - (size_t)pos, "%*s ", PERCENT_COLS, pct);
	int bar_cols = t->cols - 4 - LABEL_COLS - 2 - COUNT_COLS - UNIT_COLS - PERCENT_COLS - 1;
	if (max > 0 && lf_stats_bar(bar, sizeof bar, n, max, bar_cols) > 0)
		snprintf(line + pos, sizeof line - (size_t)pos, "%s", bar);
	else
		while (pos > 0 && line[pos - 1] == ' ')
			line[--pos] = '\0';
	emit(t, line, false);
}

static void text_note(const char *section, const char *text, void *ud)
{
	text_out *t = ud;
	(void)section;
	/* Wrapped at the width, by display columns, indented like the figures. */
	const char *p = text;
	while (*p) {
		char line[1024];
		int used;
		size_t n = lf_text_fit(p, t->cols - 4, &used);
		if (!n)
			break;
		snprintf(line, sizeof line, "    %.*s", (int)n, p);
		emit(t, line, false);
		p += n;
	}
}

int lf_annual_render(const lf_annual *a, int cols, lf_annual_line_fn fn, void *ud)
{
	text_out t = {.cols = cols < 60 ? 60 : cols, .fn = fn, .ud = ud};
	char title[128], line[sizeof a->office + sizeof title + 8];
	lf_annual_title(a, title, sizeof title);
	snprintf(line, sizeof line, "%s《%s》", a->office, title);
	emit(&t, line, true);
	static const lf_annual_sink k = {text_heading, text_figure, text_note};
	lf_annual_walk(a, &k, &t);
	return t.lines;
}

/* ---- as CSV ------------------------------------------------------------------------ */

typedef struct csv_out {
	FILE *out;
	char part[256], sub[256];
	int failed;
} csv_out;

static void csv_row(csv_out *c, const char *item, const char *count, const char *unit, const char *pct)
{
	const char *row[] = {c->part, c->sub, item, count, unit, pct};
	if (lf_csv_write_record(c->out, row, 6) < 0)
		c->failed = 1;
}

static void csv_heading(const char *section, const char *title, int level, void *ud)
{
	csv_out *c = ud;
	(void)section;
	if (level == 1) {
		snprintf(c->part, sizeof c->part, "%s", title);
		c->sub[0] = '\0';
	} else
		snprintf(c->sub, sizeof c->sub, "%s", title);
}

static void csv_figure(const char *section, const char *label, long n, const char *unit, long den, long max,
                       void *ud)
{
	char count[24], pct[32] = "";
	(void)section;
	(void)max;
	snprintf(count, sizeof count, "%ld", n);
	if (den > 0) {
		lf_stats_percent(n, den, pct, sizeof pct);
		pct[strlen(pct) - 1] = '\0'; /* a number for a spreadsheet: no % sign */
	}
	csv_row(ud, label, count, unit, pct);
}

static void csv_note(const char *section, const char *text, void *ud)
{
	(void)section;
	csv_row(ud, text, "", "", "");
}

int lf_annual_write_csv(const lf_annual *a, FILE *out)
{
	csv_out c = {.out = out};
	const char *head[] = {"部分", "分项", "项目", "数量", "单位", "占比(%)"};
	char title[128];
	fputs("\xEF\xBB\xBF", out);
	if (lf_csv_write_record(out, head, 6) < 0)
		return -1;
	lf_annual_title(a, title, sizeof title);
	snprintf(c.part, sizeof c.part, "%s", title);
	csv_row(&c, a->office, "", "", "");
	static const lf_annual_sink k = {csv_heading, csv_figure, csv_note};
	lf_annual_walk(a, &k, &c);
	return c.failed || fflush(out) != 0 || ferror(out) ? -1 : 0;
}
