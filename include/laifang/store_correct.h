/* Storage of a registration's corrections and its repeat flag (issue 11),
 * and a returning visitor's earlier cases. Part of the store module. No
 * permission or rule is checked here but the two desks' ones: core
 * (correct.h) decides who may, then calls these. Every write is one
 * transaction with its event on the timeline and its audit entry. */
#ifndef LAIFANG_STORE_CORRECT_H
#define LAIFANG_STORE_CORRECT_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/store.h"

/* One correction of the sheet's words. */
typedef struct lf_correction_in {
	const char *case_key;     /* id or case number */
	const char *field;        /* "name", "sex", "phone", "address" (the visitor's words on the
	                           * sheet, case_visitor position 0) or "content" (case_file) */
	const char *label;        /* the field's label for the timeline's text ("来访人姓名") */
	const char *value;        /* the new value, checked and normalised by core; "" clears an
	                           * optional field (name and content cannot be empty) */
	const char *expect_state; /* the state core checked against ("registered"): another desk's
	                           * step in between is LF_STORE_CONFLICT, nothing written */
	bool check_old;           /* expect_old is what the person saw: a value another desk changed
	                           * in the meantime is LF_STORE_CONFLICT, naming both */
	const char *expect_old;
	const char *signer_name;  /* "姓名（职务）" */
} lf_correction_in;

/* Change the field, record a case_event of kind "correct" (field, old,
 * new; text "LABEL：old → new"), bring the search index up to date, and
 * audit ("case.correct": case number, field, old and new, a phone masked).
 * The visitor record is not touched. LF_STORE_INVALID when the value is
 * the one already stored (nothing to correct); the archive gate's
 * LF_STORE_DENIED on an archived case. */
lf_store_err lf_store_case_correct(lf_store *st, const lf_correction_in *in);

/* Set the case's repeat flag (重复访): a case_event "repeat" (field
 * "is_repeat", old and new "0"/"1"), audited ("case.repeat"). LF_STORE_INVALID
 * when the flag already is so. */
lf_store_err lf_store_case_set_repeat(lf_store *st, const char *case_key, bool repeat, const char *signer_name);

/* One case of a visitor's, for the sheet's question and the case screen.
 * Strings valid during the callback only. */
typedef struct lf_earlier_case {
	const char *case_id, *case_no, *received_on, *status, *content;
	bool repeat;
} lf_earlier_case;
typedef int (*lf_earlier_fn)(const lf_earlier_case *c, void *ud);

/* The cases of the person with this ID number, newest first, at most limit
 * (0: 20), leaving out the case exclude (id or number; NULL for none).
 * *total (if not NULL) gets how many there are in all (exclude left out).
 * LF_STORE_OK with none when the person is unknown. */
lf_store_err lf_store_visitor_cases(lf_store *st, const char *id_number, const char *exclude, int limit,
                                    lf_earlier_fn fn, void *ud, int *total);

#endif
