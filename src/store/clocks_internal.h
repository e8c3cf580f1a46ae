/* Inside a write (store_write's body): derive a case's clocks again from
 * its history on the office calendar, write the rows that changed to
 * case_clock, and put the earliest running one on case_file (due_on,
 * due_rule, sort_key). due_on / due_rule (if not NULL) receive it, ""
 * when none runs; *moved (if not NULL) is increased by the clocks whose due
 * date changed. The case must not be archived (the caller's gate). */
#ifndef LAIFANG_STORE_CLOCKS_INTERNAL_H
#define LAIFANG_STORE_CLOCKS_INTERNAL_H

#include "store_internal.h"

lf_store_err store_clocks_sync(lf_store *st, const char *case_id, char due_on[11], char due_rule[32], int *moved);

/* The statistics' deadlines (store_stats.h) from the clocks of the cases
 * received from..to: rule, start, due, the day a met or missed clock
 * stopped (NULL while it runs), how many. */
#include "laifang/store_stats.h"
lf_store_err store_stats_clocks(lf_store *st, const char *from, const char *to, lf_deadline_count_fn fn, void *ud);

#endif
