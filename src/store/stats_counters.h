/* The statistics' counters (db/022_stats_counters.sql, stats_counters.c):
 * private to the store. */
#ifndef LAIFANG_STORE_STATS_COUNTERS_H
#define LAIFANG_STORE_STATS_COUNTERS_H

#include "laifang/store_stats.h"

/* Bring the counters up to date with the cases of the rows written since
 * the last audit entry (lf_written): called by store_seal_take_rows, in the
 * write's transaction. */
lf_store_err store_stats_touched(lf_store *st);

/* A whole month or a whole calendar year (from..to) from the counters:
 * *counted false (and nothing done) for any other range. As
 * lf_store_stats_all; out is freed on failure. */
lf_store_err store_stats_counted(lf_store *st, const char *from, const char *to, lf_store_period *out,
                                 lf_deadline_count_fn fn, void *ud, bool *counted);

/* The counters recounted from the cases: rows (dim, day, key, n), as the
 * migration filled them; `laifang check` compares. */
extern const char store_stats_recount_sql[];

#endif
