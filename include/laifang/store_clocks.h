/* Storage of a case's clocks (clocks.h): the store derives them with core's
 * rules on the office calendar and keeps them in case_clock, with the
 * earliest running one on case_file (due_on, due_rule, sort_key), in the
 * same transaction as every write to the case's history. Part of the store
 * module; reads check no permission (core's lf_case_clocks does). */
#ifndef LAIFANG_STORE_CLOCKS_H
#define LAIFANG_STORE_CLOCKS_H

#include <stdbool.h>

#include "laifang/store.h"

/* One clock as stored. Strings valid during the callback only. */
typedef struct lf_clock_row {
	const char *rule;        /* "route", "handle", "report", "object" */
	long long ref;           /* report: the instruction's position; object: the routing's seq */
	const char *start;       /* YYYY-MM-DD */
	const char *start_at;    /* the moment of the fact that started it */
	const char *due;         /* YYYY-MM-DD */
	const char *state;       /* "running", "met", "missed", "paused", "stopped" */
	const char *basis;       /* the rule as said to a person */
	const char *stop;        /* YYYY-MM-DD, NULL while it runs */
	const char *stop_at;
	const char *stop_reason; /* the kind of the fact that stopped it */
	bool estimated;          /* due past the published calendar */
} lf_clock_row;
typedef int (*lf_clock_fn)(const lf_clock_row *r, void *ud);

/* A case's clocks (id or case number), in the order they started. */
lf_store_err lf_store_case_clocks(lf_store *st, const char *case_id, lf_clock_fn fn, void *ud);

/* Derive every open case's running clocks again on today's office calendar
 * (after `laifang calendar import`), in one transaction with one audit entry
 * ("calendar.recompute_clocks"): *moved receives how many clocks' due dates
 * changed. Open cases without any clock (written before schema 15) get
 * theirs here too. */
lf_store_err lf_store_clocks_recompute(lf_store *st, int *moved);

#endif
