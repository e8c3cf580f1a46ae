/* The people on a case (issue 12): the sheet's visitor and a group's
 * representatives as written on that visit, and the visitor's further
 * phone numbers (schema 23). Office reads them after its own access check
 * (lf_case_read_flow). */
#ifndef LAIFANG_STORE_GROUP_H
#define LAIFANG_STORE_GROUP_H

#include <stdbool.h>
#include "laifang/store.h"

typedef struct lf_case_person {
	int position;          /* 0: the visitor on the sheet; 1..: representatives */
	const char *name;
	const char *doc_number;  /* as typed on the visit (STORE_DOC_SHOWN), or NULL */
	const char *phone;       /* the first number, or NULL */
	const char *phone_more;  /* the others joined by "、", or NULL */
} lf_case_person;
typedef int (*lf_case_person_fn)(const lf_case_person *p, void *ud);

/* The case's people (case number or id) in position order; fn returns
 * non-zero to stop. */
lf_store_err lf_store_case_people(lf_store *st, const char *case_key, lf_case_person_fn fn, void *ud);

/* The sheet visitor's further numbers (position 0 of case_id): the case
 * keeps them; the visitor record takes them when it has none yet or when
 * update_visitor (the clerk confirmed the sheet for the record). Search
 * keys follow. Audited "case.phones" (no numbers in the log). */
lf_store_err lf_store_case_set_phones(lf_store *st, const char *case_id, const char *phone_more,
                                      bool update_visitor);

/* The visitor record's further numbers (doc_key as lf_store_find_visitor_doc
 * takes it), malloc'd in *out (NULL when none). */
lf_store_err lf_store_visitor_phones(lf_store *st, const char *doc_type, const char *doc_key, char **out);

#endif
