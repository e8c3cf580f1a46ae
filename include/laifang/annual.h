/* The annual report (信访情况年度报告, 《信访工作条例》第四十一条, issue 13):
 * the petition matters of a year (totals, by channel, by the regulation's
 * category, by month, by the office's categories: the fields they concern,
 * and the units most petitioned about), the office's transfers,
 * assignments and supervision (转送、交办、督办), and what the report
 * must say of the suggestions the office made (第四十一条（三）). See
 * docs/annual-report.md.
 *
 * Figures of the cases received in the year are sums of the statistics'
 * counters (db/022); the acts of the year are counted by the day they were
 * taken on an index (db/031). The report is a Chinese document, like the
 * notices: its words are the regulation's and are not translated.
 *
 * Who may read it: whoever may read the statistics (lf_stats_allowed). */
#ifndef LAIFANG_ANNUAL_H
#define LAIFANG_ANNUAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "laifang/settings.h"
#include "laifang/stats.h"
#include "laifang/store.h"
#include "laifang/store_people.h"
#include "laifang/store_stats.h"

/* The acts of the year (第四十一条（二）), by the event kinds they are. */
enum {
	LF_ANNUAL_TRANSFER,        /* 转送 */
	LF_ANNUAL_ASSIGN,          /* 交办 */
	LF_ANNUAL_SUPERVISE,       /* 督办 */
	LF_ANNUAL_EXTEND,          /* 延长办理期限 */
	LF_ANNUAL_REVIEW_REQUEST,  /* 复查申请 */
	LF_ANNUAL_REVIEW_DECIDE,   /* 复查意见 */
	LF_ANNUAL_REREVIEW_REQUEST,/* 复核申请 */
	LF_ANNUAL_REREVIEW_DECIDE, /* 复核意见 */
	LF_ANNUAL_ACTS
};

/* The units shown as most petitioned about. */
#define LF_ANNUAL_TOP_UNITS 10

typedef struct lf_annual {
	int year;
	char from[11], to[11]; /* YYYY-01-01, YYYY-12-31 */
	char made_on[11];      /* the day the report was made */
	char office[LF_SETTING_VALUE_MAX];
	lf_store_period p;     /* the cases received in the year, from the counters */
	long accepted, declined, referred;
	long mode[3];          /* of those cases: in-house, transferred, assigned */
	long acts[LF_ANNUAL_ACTS];
	/* 第四十一条（三）: the suggestions made in the year (suggestion.h). */
	bool suggestions_recorded; /* false: none recorded for the year (the report says so, no figure) */
	long sugg_kind[3];         /* improve, policy, accountability */
	long sugg_outcome[4];      /* adopted, partly, rejected, no outcome yet */
	char **sugg_lines;         /* one line each: day, to whom, kind, what, outcome */
	size_t n_sugg_lines;
	/* 四: the petitioners' evaluations of the year's cases (eval_office,
	 * eval_units, redo, eval_overdue of lf_stats_evaluations; the rest unused). */
	lf_stats eval;
	long law_referred;     /* issue 13 (诉访分离): transferred to the political-legal organs */
} lf_annual;

/* The report of year (2000..2100) for actor. LF_STORE_OK, or LF_STORE_DENIED
 * / LF_STORE_INVALID / a store failure with msg. Free with lf_annual_free. */
lf_store_err lf_annual_compute(lf_store *st, const lf_user *actor, int year, lf_annual *out, char *msg,
                               size_t len);
void lf_annual_free(lf_annual *a);

/* ---- one walk over the report: the text, the CSV and the paper draw from it ---- */

typedef struct lf_annual_sink {
	/* A section's heading (level 1: 一、..., level 2: （一）...). */
	void (*heading)(const char *section, const char *title, int level, void *ud);
	/* A figure: its label, count and unit (件, 人次...); den > 0: the share
	 * of den as a percent; max > 0: a bar of n of max. */
	void (*figure)(const char *section, const char *label, long n, const char *unit, long den, long max,
	               void *ud);
	/* A sentence where there is no figure to give (never a number made up). */
	void (*note)(const char *section, const char *text, void *ud);
} lf_annual_sink;

/* The title: "2026年度信访情况报告". */
void lf_annual_title(const lf_annual *a, char *buf, size_t len);
void lf_annual_walk(const lf_annual *a, const lf_annual_sink *k, void *ud);

/* The report as lines of at most cols display columns (at least 60), with
 * bars; fn as lf_stats_render's. Returns the number of lines. */
typedef void (*lf_annual_line_fn)(const char *line, bool heading, void *ud);
int lf_annual_render(const lf_annual *a, int cols, lf_annual_line_fn fn, void *ud);

/* As CSV (UTF-8 with a BOM, CRLF): a header 部分,项目,数量,单位,占比(%) and a
 * row a figure or a note; every cell through lf_csv_write_record (formula
 * injection neutralised). 0, or -1 when the stream failed. */
int lf_annual_write_csv(const lf_annual *a, FILE *out);

/* As a printable A4 PDF (src/paper/paper_annual.c): the title
 * 《YEAR年度信访情况报告》 under the office's name, each section's table with
 * its bars drawn as rectangles. False with a translated sentence in err. */
bool lf_paper_annual_pdf(const lf_annual *a, const char *path, char *err, size_t len);

#endif
