/* Storage of the figures: the cases in each state (counters kept current
 * with every change of state), the figures of a period's cases, the
 * deadlines they met or missed, and the office's list of categories. Part
 * of the store module; no permission is checked here: core (stats.h) does.
 * The figures of a period are about the cases received in it (one range of
 * the covering index case_file_stats, then their visitors and events: each
 * case's by the case's index for a short period, the whole of the indexes
 * read in case order for a long one; db/007_stats_index.sql). */
#ifndef LAIFANG_STORE_STATS_H
#define LAIFANG_STORE_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/store.h"
#include "laifang/workflow.h"

/* Cases in each state now, from the counters (no count over the cases). */
lf_store_err lf_store_status_counts(lf_store *st, long out[LF_ST_COUNT]);
/* The same counted from the cases (GROUP BY status): for `laifang check`,
 * the tests and the bench. */
lf_store_err lf_store_status_counts_slow(lf_store *st, long out[LF_ST_COUNT]);

/* One line of a breakdown: a key (a unit's or category's id, an event
 * kind, "YYYY-MM"; "" for none), a label (a name; "" for none) and a count.
 * Strings malloc'd. */
typedef struct lf_stat_count {
	char *key, *label;
	long n;
} lf_stat_count;
typedef struct lf_stat_counts {
	lf_stat_count *v;
	size_t n;
} lf_stat_counts;
void lf_stat_counts_free(lf_stat_counts *c);

/* The cases received from..to (YYYY-MM-DD, inclusive). */
typedef struct lf_store_period {
	long visits;       /* registrations: one sheet each */
	long person_times; /* the people who came: headcounts summed (人次) */
	long people;       /* distinct visitors (a group's representatives each) */
	long repeats;      /* registrations of a visitor with earlier cases */
	long groups;       /* group petitions: headcount > 1 */
	long group_people; /* their headcounts summed */
	long channel[5];   /* visit, letter, online, phone, fax (issue 13) */
	lf_stat_counts by_category; /* by category position; key "" for none */
	lf_stat_counts by_unit;     /* lead unit by name; key "" for none */
	lf_stat_counts by_event;    /* cases with an event of a kind: key "accept", "decline",
	                             * "refer", "in_house", "transfer", "assign", "report",
	                             * "reply:satisfied", "reply:basically", "reply:dissatisfied" */
	lf_stat_counts by_month;    /* key "YYYY-MM", in order, only months with cases */
	long kind[4];      /* the regulation's category (issue 13): suggestion, accusation, claim,
	                    * not yet screened */
	long anonymous;    /* anonymous letters and calls (no visitor) */
} lf_store_period;
lf_store_err lf_store_stats_period(lf_store *st, const char *from, const char *to, lf_store_period *out);
void lf_store_period_free(lf_store_period *p);

/* The deadlines of the cases received from..to, grouped: rule key, the
 * date counted from (route: the date received, as its due date is not
 * stored; NULL for the others), the due date (NULL for route), the day the
 * step that ended the deadline was taken (NULL: still open), how many.
 * A deadline ends at the next event of the case that sets a new one or
 * clears it (core's steps do: accept, decline, refer, report, extend). */
typedef int (*lf_deadline_count_fn)(const char *rule, const char *start_on, const char *due_on,
                                    const char *done_on, long n, void *ud);
lf_store_err lf_store_stats_deadlines(lf_store *st, const char *from, const char *to, lf_deadline_count_fn fn,
                                      void *ud);

/* lf_store_stats_period and lf_store_stats_deadlines together, reading the
 * period's cases and events once (fn may be NULL). out is freed on failure. */
lf_store_err lf_store_stats_all(lf_store *st, const char *from, const char *to, lf_store_period *out,
                                lf_deadline_count_fn fn, void *ud);

/* The figures of a whole month or a whole calendar year are sums of
 * counters kept current with every write (db/022_stats_counters.sql);
 * with recount true they are read from the cases instead, as for any other
 * range (the tests and the bench compare the two). Met and missed clocks
 * from the counters come to fn without their own dates: as a due date and
 * a day it stopped that give the same outcome. */
void lf_store_stats_recount(lf_store *st, bool recount);

/* Open cases whose due date is before today (YYYY-MM-DD): the counters of
 * each due date (db/041); with a recount asked for (lf_store_stats_recount),
 * the queue index's ranges, as the supervision queue counts. */
lf_store_err lf_store_overdue_count(lf_store *st, const char *today, long *n);

/* ---- categories ---- */
typedef struct lf_category {
	const char *id, *name;
	int position;
	bool active;
} lf_category;
typedef int (*lf_category_fn)(const lf_category *c, void *ud);
/* Every category in position order (inactive ones too). */
lf_store_err lf_store_category_each(lf_store *st, lf_category_fn fn, void *ud);
/* Add at the end of the list; LF_STORE_CONFLICT when the name exists.
 * Audited (category.add). */
lf_store_err lf_store_category_add(lf_store *st, const char *name);
/* Set a case's category by the category's name or id ("" or NULL clears).
 * Audited (case.category). LF_STORE_NOTFOUND for an unknown case or
 * category. */
lf_store_err lf_store_case_set_category(lf_store *st, const char *case_id, const char *category);

/* ---- one case's whole file (laifang export --case) ---- */
/* The days of the reception-day logs that list the case (their attached
 * photos and videos belong to its file), oldest first. */
typedef int (*lf_day_fn)(const char *day, void *ud);
lf_store_err lf_store_case_log_days(lf_store *st, const char *case_id, lf_day_fn fn, void *ud);

#endif
