/* The statistics' counters (db/022_stats_counters.sql, stats_counters.c):
 * private to the store. */
#ifndef LAIFANG_STORE_STATS_COUNTERS_H
#define LAIFANG_STORE_STATS_COUNTERS_H

#include "laifang/store_stats.h"
#include "sql.h"

/* The kinds of event the statistics count (a reply by its satisfaction), in
 * the order of their bits and columns; stats_counters.c, stats_period.c and
 * stats_scan.c list them from here. */
#define STORE_STATS_EVENT_KEYS                                                                      \
	"accept", "assign", "decline", "in_house", "refer", "reply:basically", "reply:dissatisfied",  \
		"reply:none", "reply:satisfied", "reply:unstated", "report", "transfer"

/* Bring the counters up to date with the cases of the rows written since
 * the last audit entry (lf_written): called by store_seal_take_rows, in the
 * write's transaction. */
lf_store_err store_stats_touched(lf_store *st);

/* A whole month or a whole calendar year (from..to) from the counters:
 * *counted false (and nothing done) for any other range. As
 * lf_store_stats_all; out is freed on failure. */
lf_store_err store_stats_counted(lf_store *st, const char *from, const char *to, lf_store_period *out,
                                 lf_deadline_count_fn fn, void *ud, bool *counted);

/* stats_period.c: a whole month or a whole calendar year (from..to) from
 * the counters, declared above. Shared with it by stats_counters.c: */
lf_store_err store_stats_oom(lf_store *st);
int store_stats_bind(sql_stmt *s, int i, const char *v);

/* The counters recounted from the cases: rows (dim, day, key, n), as the
 * migration filled them; `laifang check` compares. */
extern const char store_stats_recount_sql[];

#endif
