/* Every deadline of a case in one table, with the rule it comes from, and
 * how close a due date is. Counted on the official calendar (calendar.h):
 * a term in days is counted in calendar days and, when its last day is not
 * a working day, ends on the next working day; a term in working days
 * counts working days only. Core module. */
#ifndef LAIFANG_DEADLINE_H
#define LAIFANG_DEADLINE_H

#include <stdbool.h>

#include "laifang/calendar.h"
#include "laifang/date.h"

typedef enum lf_deadline_id {
	LF_DL_ROUTE,     /* route the case and notify the visitor, from registration */
	LF_DL_OBJECT,    /* a receiving unit objects that it is not competent, from the transfer */
	LF_DL_HANDLE,    /* handle the case, from acceptance */
	LF_DL_EXTEND,    /* the one extension of handling, from the handling due date */
	LF_DL_REPORT,    /* report handling to the instructing leader, from the instruction */
	LF_DL_PUBLISH,   /* publish a reception day's record, from the reception day */
	LF_DL_REVIEW,    /* give the review opinion (复查意见), from the request (art. 35) */
	LF_DL_REREVIEW,  /* give the re-review opinion (复核意见), from the request (art. 36) */
	LF_DL_REVIEW_ASK,/* the visitor's own term to ask for a review or re-review, from receiving
	                  * the written answer before it (arts. 35, 36); no clock of the case */
	LF_DL_COUNT
} lf_deadline_id;

typedef struct lf_deadline_rule {
	lf_deadline_id id;
	const char *key;    /* stable id: "route", "handle"... */
	int term;           /* days, or working days */
	bool working_days;
	const char *label;  /* N_() text: what must be done */
	const char *basis;  /* N_() text: the rule it comes from */
} lf_deadline_rule;

/* The rule, or NULL for an id out of range. Translate label and basis with _(). */
const lf_deadline_rule *lf_deadline_rule_get(lf_deadline_id id);

/* The due date of a rule counted from start. */
lf_date lf_deadline_due(const lf_calendar *cal, lf_deadline_id id, lf_date start);

typedef enum lf_due_state {
	LF_DUE_OK,      /* more than LF_DUE_NEAR_DAYS working days left */
	LF_DUE_NEAR,    /* LF_DUE_NEAR_DAYS working days or fewer left, due today included */
	LF_DUE_OVERDUE  /* past the due date */
} lf_due_state;
#define LF_DUE_NEAR_DAYS 2

/* How a due date stands on today: *left (if not NULL) receives the working
 * days left (0 on the due day) or, overdue, minus the working days since. */
lf_due_state lf_deadline_state(const lf_calendar *cal, lf_date due, lf_date today, int *left);

#endif
