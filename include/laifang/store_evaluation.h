/* Storage of the petitioner's evaluation (issue 13, 可评价; db/028): one
 * row per answer evaluated, with the event 'evaluate' of the timeline, in
 * one transaction; the period's end on the case (case_file.evaluation_due,
 * set by the reply: store_flow.h); the counts and rates for the
 * statistics. No rule is checked here: core (evaluation.h, office's
 * lf_case_evaluate) does. */
#ifndef LAIFANG_STORE_EVALUATION_H
#define LAIFANG_STORE_EVALUATION_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/store.h"

/* One evaluation to record. */
typedef struct lf_eval_in {
	const char *case_id;      /* id or number */
	const char *expect_state; /* the state core checked against (another desk: LF_STORE_CONFLICT) */
	long long reply_seq;      /* the reply evaluated: the latest (another desk evaluated it: CONFLICT) */
	const char *office, *unit;/* satisfied / basically / dissatisfied */
	const char *reason;       /* required by core when either is dissatisfied */
	const char *text;         /* the line shown in the timeline (evaluation.h lf_eval_line) */
	const char *signer_name;  /* the actor as signed */
} lf_eval_in;
lf_store_err lf_store_case_evaluate(lf_store *st, const lf_eval_in *in);

/* Where a case stands: its latest reply (seq 0: none) and day, the period's
 * end (evaluation_due, "" when nothing waits), and its latest evaluation
 * (has_eval false: none) with the reply it evaluated. */
typedef struct lf_eval_state {
	long long reply_seq;
	char reply_on[11];
	char due_on[11];
	bool has_eval;
	long long eval_reply_seq;
	char office[16], unit[16];
	char reason[4096];
	char at[40];
	char by_name[256];
	char unit_name[256];
	int evaluations; /* how many, over every answer */
	int redos;       /* 重办 taken */
} lf_eval_state;
lf_store_err lf_store_case_eval_state(lf_store *st, const char *case_key, lf_eval_state *out);

/* Cases whose period ended before today (超期未评价), by the partial index
 * case_file_evaluation_due; from..to (YYYY-MM-DD, either NULL) limits them
 * to the cases received then. */
lf_store_err lf_store_eval_overdue_count(lf_store *st, const char *today, const char *from, const char *to,
                                         long *n);

/* The evaluations of the cases received from..to: who ('o' the petition
 * office, 'u' a unit, 'r' a redo), the unit (id and name, "" for the
 * office, a redo or no unit), the value ("" for a redo) and how many. A
 * range of whole months is read from the counters (db/022's stats_count,
 * dim 'eval'), any other from the cases. A case without an evaluation
 * counts its reply's satisfaction as the office's (docs/evaluation.md). */
typedef int (*lf_eval_count_fn)(char who, const char *unit_id, const char *unit_name, const char *value, long n,
                                void *ud);
lf_store_err lf_store_eval_counts(lf_store *st, const char *from, const char *to, lf_eval_count_fn fn, void *ud);

#endif
