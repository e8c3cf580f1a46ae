/* Transfers and assignments come back (issue 11): a case transferred (转送)
 * or assigned (交办) to an outside agency, which has no login, is closed by
 * the office from the agency's answers, recorded by a clerk or supervisor:
 * its receipt (收到日期), its acceptance or its objection with reasons
 * (《信访工作条例》第二十三条: within 5 working days of receipt), and its
 * result with the date and a typed or scanned reply. An objection returns
 * the case to routing (待分办); the result is the case's handling report,
 * so the office replies and archives. Also: the co-agencies (会办单位) of a
 * case, satisfaction marked 未评价, and the archive gate's list of what the
 * file lacks. Core module. Each call returns as caseflow.h's do. */
#ifndef LAIFANG_AGENCY_H
#define LAIFANG_AGENCY_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/auth.h"
#include "laifang/store.h"
#include "laifang/store_flow.h"
#include "laifang/store_people.h"

typedef enum lf_agency_kind {
	LF_AGENCY_RECEIPT, /* agency_receipt: the agency received the case on date */
	LF_AGENCY_ACCEPT,  /* agency_accept: it takes the case up (→ handling) */
	LF_AGENCY_OBJECT,  /* agency_object: not its competence, with reasons (→ accepted, to be routed again) */
	LF_AGENCY_RESULT,  /* agency_result: its result, typed and/or scanned (→ reported) */
	LF_AGENCY_COUNT
} lf_agency_kind;

/* "agency_receipt"... as stored in case_event.kind and the audit log
 * (case.agency_receipt); the translated label; the key parsed back, also
 * from the short forms "receipt", "accept", "object", "result". */
const char *lf_agency_kind_key(lf_agency_kind k);
const char *lf_agency_kind_label(lf_agency_kind k);
bool lf_agency_kind_parse(const char *key, lf_agency_kind *out);

typedef struct lf_agency_args {
	const char *date;   /* YYYY-MM-DD the agency gave; NULL or "": today */
	const char *reason; /* objection: the agency's reasons */
	const char *text;   /* result: the agency's reply as typed */
	const char *file;   /* result: path of the scanned reply, copied into DB.d/attachments */
} lf_agency_args;

/* Record one answer of the agency the case was transferred or assigned to.
 * An objection after the 5 working days succeeds with a warning in msg. */
lf_store_err lf_case_agency(lf_store *st, const lf_user *actor, const char *case_id, lf_agency_kind k,
                            const lf_agency_args *a, char *msg, size_t len);

/* True when actor may record answer k on a case with this flow now (for
 * menus; lf_case_agency checks again): a receipt once per routing. */
bool lf_agency_open(lf_store *st, const lf_user *actor, const lf_case_flow *f, lf_agency_kind k);

/* True when actor, without the reply permission, may record the reply as
 * the office (a supervisor) because the case's outside agency answered
 * with its result (lf_case_step allows it then). For menus. */
bool lf_agency_office_may_reply(lf_store *st, const lf_user *actor, const lf_case_flow *f);

/* The visitor gave no view of the reply and none can be had: satisfaction
 * marked 未评价 with a reason (the archive gate accepts it instead of a
 * recorded satisfaction). Replied or reported cases; LF_PERM_REPLY. */
lf_store_err lf_case_mark_unrated(lf_store *st, const lf_user *actor, const char *case_id, const char *reason,
                                  char *msg, size_t len);

/* The co-agencies (会办单位) of a routed case: unit names separated by
 * commas, 、 or line breaks ("" clears them), each an active unit other
 * than the lead unit. Supervisors (LF_PERM_ROUTE). Routing with
 * lf_step_args.co_units sets them with the step. */
lf_store_err lf_case_set_co_units(lf_store *st, const lf_user *actor, const char *case_id, const char *units,
                                  char *msg, size_t len);
/* Such a list as a form edits it: whether it names name (as one of its
 * names, not inside another), and the list with name added after a 、
 * (none after a separator typed last; malloc'd, NULL out of memory). */
bool lf_co_units_hold(const char *list, const char *name);
char *lf_co_units_add(const char *list, const char *name);

/* The archive gate for one case: what the file lacks, one translated line
 * each, in buf; returns how many (0: it may be archived), or -1 with the
 * refusal in buf (no such case, not readable). */
int lf_case_archive_check(lf_store *st, const lf_user *actor, const char *case_id, char *buf, size_t len);

#endif
