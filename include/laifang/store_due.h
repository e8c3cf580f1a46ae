/* The cases whose running deadline an office calendar change can move: a
 * read for core's recount after `laifang calendar import` (caseflow.h,
 * lf_calendar_changed). Part of the store module. */
#ifndef LAIFANG_STORE_DUE_H
#define LAIFANG_STORE_DUE_H

#include "laifang/store.h"

typedef struct lf_due_row {
	const char *case_id, *case_no, *received_on, *status, *due_on, *due_rule;
} lf_due_row;
typedef int (*lf_due_row_fn)(const lf_due_row *r, void *ud);

/* Cases not archived whose due date is on or after from (YYYY-MM-DD), by
 * due date then case number; fn returns non-zero to stop. */
lf_store_err lf_store_cases_due_from(lf_store *st, const char *from, lf_due_row_fn fn, void *ud);

#endif
