/* The figures of a period's cases that need each case's visitors or events
 * (src/store/stats_scan.c): private to the store's statistics. */
#ifndef LAIFANG_STORE_STATS_SCAN_H
#define LAIFANG_STORE_STATS_SCAN_H

#include "laifang/store_stats.h"

/* One pass over the cases received from..to, then one over their visitors
 * and one over their events in case order. With p: its totals, people,
 * by_event and by_month (the caller frees p on failure). With fn: the
 * deadlines, grouped as lf_store_stats_deadlines gives them. */
lf_store_err store_stats_scan(lf_store *st, const char *from, const char *to, lf_store_period *p,
                              lf_deadline_count_fn fn, void *ud);

#endif
