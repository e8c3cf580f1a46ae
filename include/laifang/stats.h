/* The figures of a month or a year (来访统计): visits, people, repeat and
 * group petitions, by category, lead unit, handling mode and channel; the
 * deadlines met for each rule; overdue now; satisfaction; cases per state.
 * And their one rendering as lines of text with bar charts (block
 * characters, any width from 60 columns) and as CSV, shared by the report
 * screen and `laifang stats`. Core module: no SQL, no curses.
 *
 * Who may read them: aggregates carry no personal data, so supervisors,
 * leaders, archivists and administrators (lf_stats_allowed). */
#ifndef LAIFANG_STATS_H
#define LAIFANG_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "laifang/deadline.h"
#include "laifang/store.h"
#include "laifang/store_people.h"
#include "laifang/store_stats.h"
#include "laifang/workflow.h"

/* A deadline rule over the period's cases: met (the step taken on or
 * before the due date), late (taken after it), overdue (not taken, the due
 * date past), pending (not taken, not yet due: left out of the rate). */
typedef struct lf_rule_stat {
	long met, late, overdue, pending;
} lf_rule_stat;

/* Issue 13 (可评价): one handling unit's evaluations (satisfied,
 * basically, dissatisfied); unit_id "" for none recorded. */
typedef struct lf_eval_unit {
	char unit_id[40];
	char name[160];
	long v[3];
} lf_eval_unit;

typedef struct lf_stats {
	int year, month;            /* month 0: the whole year */
	char from[11], to[11];      /* the period, YYYY-MM-DD */
	char today[11];
	lf_store_period p;          /* the store's counts of the period's cases */
	long accepted, declined, referred;
	long mode[3];               /* in_house, transfer, assign */
	long replied;
	long satisfaction[4];       /* satisfied, basically, dissatisfied, unstated (未表态) */
	lf_rule_stat rules[LF_DL_COUNT];
	long overdue_now;           /* open cases past their due date, today */
	long status_now[LF_ST_COUNT]; /* every case by state, now */
	/* Issue 13 (可评价): the petitioner's evaluations of the period's cases
	 * (a case with none counts its reply's satisfaction as the office's),
	 * the 重办 taken, and the answers not evaluated in time, now. */
	long eval_office[3];        /* satisfied, basically, dissatisfied */
	lf_eval_unit *eval_units;   /* by unit, malloc'd (lf_stats_free) */
	size_t n_eval_units;
	long redo;
	long eval_overdue;          /* 超期未评价, today */
	/* Issue 13 (诉访分离): claims transferred to the political-legal organs
	 * (转政法机关), a route of their own beside the referrals. */
	long law_referred;
} lf_stats;

/* Supervisors, leaders, archivists and administrators: until the
 * permission table has its own "view_stats", one of view_audit, export or
 * instruct. False with a translated sentence in msg. */
bool lf_stats_allowed(const lf_user *actor, char *msg, size_t len);

/* The figures of year (and month 1..12, or 0 for the year). LF_STORE_OK,
 * or a failure with msg (LF_STORE_DENIED, LF_STORE_INVALID for a year out
 * of 2000..2100 or a month out of range). Free with lf_stats_free. */
lf_store_err lf_stats_compute(lf_store *st, const lf_user *actor, int year, int month, lf_stats *out, char *msg,
                              size_t len);
void lf_stats_free(lf_stats *s);
/* The petitioner's evaluations of the cases received from..to (eval_office,
 * eval_units, redo) and those not evaluated in time on today
 * (eval_overdue), added into out; no permission checked here (the callers
 * check lf_stats_allowed). */
lf_store_err lf_stats_evaluations(lf_store *st, const char *from, const char *to, const char *today, lf_stats *out);

/* A count of a breakdown by key ("accept", "reply:satisfied"...). */
long lf_stats_count(const lf_stat_counts *c, const char *key);

/* "33.3%" (one decimal), or "-" when den is 0. */
void lf_stats_percent(long num, long den, char *buf, size_t len);

/* A bar for n of max in at most cols columns, in eighths of a column
 * (▏▎▍▌▋▊▉█); a count above 0 shows at least ▏. Returns the columns used. */
int lf_stats_bar(char *buf, size_t len, long n, long max, int cols);

/* The report as lines of at most cols display columns (cols is taken as at
 * least 60): heading lines (heading true) and figure lines. fn is called
 * once per line; the number of lines is returned. */
typedef void (*lf_stats_line_fn)(const char *line, bool heading, void *ud);
int lf_stats_render(const lf_stats *s, int cols, lf_stats_line_fn fn, void *ud);

/* The same figures as CSV (UTF-8 with a BOM, CRLF, RFC 4180): a header
 * "section,key,label,count,percent" and one row a figure. 0, or -1 when
 * the stream failed. */
int lf_stats_write_csv(const lf_stats *s, FILE *out);

/* ---- the office's categories (类别) ---- */
/* Every category in position order, inactive ones too. The list holds no
 * personal data: anyone logged in (actor is not checked further). */
lf_store_err lf_category_list(lf_store *st, const lf_user *actor, lf_category_fn fn, void *ud);
/* Add a category at the end of the list (administrators). */
lf_store_err lf_category_add(lf_store *st, const lf_user *actor, const char *name, char *msg, size_t len);
/* A list of names, one a line (UTF-8, an optional BOM; blank lines and
 * lines starting with # are skipped; a name already there is skipped and
 * counted in *skipped), added in order in one transaction (administrators). */
lf_store_err lf_category_import(lf_store *st, const lf_user *actor, const char *text, size_t text_len, int *added,
                                int *skipped, char *msg, size_t len);
/* Set a case's category by name or id; "" or NULL clears (supervisors,
 * who screen the case). */
lf_store_err lf_category_set_case(lf_store *st, const lf_user *actor, const char *case_id, const char *name,
                                  char *msg, size_t len);

#endif
