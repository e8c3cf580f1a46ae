/* Storage of what comes back from an outside agency (issue 11: transfers
 * and assignments come back), a case's lead and co-agencies (会办单位),
 * and the archive gate's further facts. Part of the store module; core
 * (agency.h) checks the rules, then calls these. Every write is one
 * transaction with its audit entries. */
#ifndef LAIFANG_STORE_AGENCY_H
#define LAIFANG_STORE_AGENCY_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/store.h"
#include "laifang/store_flow.h"
#include "laifang/store_reception.h"
#include "laifang/workflow.h"

/* Record an agency's answer: the event ev (kind agency_receipt,
 * agency_accept, agency_object or agency_result; its expect_state and
 * to_state as for any step) and, with the same seq, the date the agency
 * gave (YYYY-MM-DD) and the scanned reply (file: NULL for none, already
 * copied into the attachment directory). One transaction; audited as
 * case.<kind> and case.agency_answer. */
lf_store_err lf_store_agency_answer(lf_store *st, const lf_event_in *ev, const char *on_date,
                                    const lf_attachment *file);

/* A case's agency answers, oldest first. Strings valid during the call. */
typedef struct lf_agency_answer {
	long long seq;
	const char *kind, *at, *by_name, *unit_name, *on_date, *reason, *text;
	const char *file_sha256, *file_name; /* NULL without a file */
} lf_agency_answer;
typedef int (*lf_agency_answer_fn)(const lf_agency_answer *a, void *ud);
lf_store_err lf_store_agency_answers(lf_store *st, const char *case_id, lf_agency_answer_fn fn, void *ud);

/* The units a case is routed to: the lead unit and the co-agencies (ids),
 * replacing what was there. Audited as case.units. */
lf_store_err lf_store_case_units_set(lf_store *st, const char *case_id, const char *lead_unit_id,
                                     const char *const *co_unit_ids, size_t n_co);
/* Lead first, then the co-agencies by name. */
typedef int (*lf_case_unit_fn)(const char *unit_id, const char *name, const char *kind, const char *role,
                               void *ud);
lf_store_err lf_store_case_units(lf_store *st, const char *case_id, lf_case_unit_fn fn, void *ud);

/* Fill the archive gate's further facts of k (instructions not answered
 * by a later report, an outside agency's result, satisfaction marked
 * unrated with a reason) and set k->more. */
lf_store_err lf_store_archive_facts(lf_store *st, const char *case_id, lf_case_file_facts *k);

#endif
