/* The statistics' counters (db/022_stats_counters.sql, stats_counters.c):
 * private to the store. */
#ifndef LAIFANG_STORE_STATS_COUNTERS_H
#define LAIFANG_STORE_STATS_COUNTERS_H

#include "laifang/store_stats.h"
#include "sql.h"

/* The kinds of event the statistics count (a reply by its satisfaction), in
 * the order of their bits and columns; stats_counters.c, stats_period.c and
 * stats_scan.c list them from here. refer_law (issue 13, 诉访分离) came
 * later: it is the last bit (4096), so the bits stored before keep their
 * meaning. */
#define STORE_STATS_EVENT_KEYS                                                                      \
	"accept", "assign", "decline", "in_house", "refer", "reply:basically", "reply:dissatisfied",  \
		"reply:none", "reply:satisfied", "reply:unstated", "report", "transfer", "refer_law"

/* Issue 13 (可评价, db/028): the keys of dim 'eval' of the case c, one
 * row each (column k): 'o:VALUE' the office's evaluation, 'u:UNIT_ID:VALUE'
 * the unit's, 'redo' a 重办; a case with no evaluation counts its replies'
 * satisfaction as the office's. stats_counters.c keeps them per case
 * (stats_case.evals), evaluation.c counts a range that is not whole
 * months from them. */
#define STORE_STATS_EVAL_ROWS                                                                                       \
	"SELECT 'o:' || v.office AS k FROM case_evaluation v WHERE v.case_id = c.id "                               \
	"UNION ALL SELECT 'u:' || coalesce(v.unit_id, '') || ':' || v.unit FROM case_evaluation v "                 \
	"WHERE v.case_id = c.id "                                                                                   \
	"UNION ALL SELECT 'o:' || e.satisfaction FROM case_event e WHERE e.case_id = c.id AND " STORE_EVENT_KIND("e") " = 'reply' "    \
	"AND e.satisfaction IS NOT NULL AND NOT EXISTS (SELECT 1 FROM case_evaluation w WHERE w.case_id = c.id) "   \
	"UNION ALL SELECT 'redo' FROM case_event e WHERE e.case_id = c.id AND " STORE_EVENT_KIND("e") " = 'redo'"

/* The same for every case that meets cond (SQL over c, the case_file): rows
 * (day, k), day the month received. */
#define STORE_STATS_EVAL_ALL(cond)                                                                                  \
	"SELECT substr(c.received_on, 1, 7) AS day, 'o:' || v.office AS k FROM case_file c "                       \
	"JOIN case_evaluation v ON v.case_id = c.id WHERE " cond " "                                                \
	"UNION ALL SELECT substr(c.received_on, 1, 7), 'u:' || coalesce(v.unit_id, '') || ':' || v.unit "           \
	"FROM case_file c JOIN case_evaluation v ON v.case_id = c.id WHERE " cond " "                               \
	"UNION ALL SELECT substr(c.received_on, 1, 7), 'o:' || e.satisfaction FROM case_file c "                    \
	"JOIN case_event e ON e.case_id = c.id WHERE " cond " AND e.kind = 'reply' AND e.satisfaction IS NOT NULL " \
	"AND NOT EXISTS (SELECT 1 FROM case_evaluation w WHERE w.case_id = c.id) "                                  \
	"UNION ALL SELECT substr(c.received_on, 1, 7), 'redo' FROM case_file c JOIN case_event e "                  \
	"ON e.case_id = c.id WHERE " cond " AND e.kind = 'redo'"

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
/* One more (key, label, n) at the end of c; false: out of memory. */
bool store_stat_push(lf_stat_counts *c, const char *key, const char *label, long n);
int store_stats_bind(sql_stmt *s, int i, const char *v);

/* One UPSERT of n more under (dim, period, key) in stats_count. */
lf_store_err store_stats_add(lf_store *st, const char *dim, const char *period, const char *key, long long n);

/* stats_pending.c: a batch's changes to the counters (between lf_store_begin
 * and lf_store_commit), summed by counter row and written at the commit.
 * add: n more in the current write's sums (false: out of memory); keep:
 * the write's sums join the batch's (its savepoint was released); drop:
 * the write's sums (its savepoint was rolled back) or, all, the batch's
 * too (a rollback); flush: keep, then write the batch's, one UPSERT per
 * counter row; any: something is waiting; free: at the handle's close. */
bool store_stats_pend_add(lf_store *st, const char *dim, const char *period, const char *key, long long n);
bool store_stats_pend_keep(lf_store *st);
void store_stats_pend_drop(lf_store *st, bool all);
lf_store_err store_stats_pend_flush(lf_store *st);
bool store_stats_pend_any(const lf_store *st);
void store_stats_pend_free(lf_store *st);

/* The counters recounted from the cases: rows (dim, day, key, n), as the
 * migration filled them; `laifang check` compares. */
extern const char store_stats_recount_sql[];

#endif
