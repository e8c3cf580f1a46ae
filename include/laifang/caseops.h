/* What a person does to a case, with the permission check in front of the
 * store: both faces call these, never the store directly, for anything a
 * role governs. Core module. */
#ifndef LAIFANG_CASEOPS_H
#define LAIFANG_CASEOPS_H

#include <stddef.h>

#include "laifang/store.h"
#include "laifang/store_people.h"

/* Open a case's full file: logged in the audit log (who viewed whose file,
 * when). ID and phone numbers come masked unless the actor's roles grant
 * LF_PERM_VIEW_FULL_ID. */
lf_store_err lf_case_open(lf_store *st, const lf_user *actor, const char *case_no_or_id, lf_case *out);

/* A leader signs an instruction (领导批示) on a case: the text is cleaned
 * and must not be empty; the signature is the actor's name and title and the
 * moment of confirmation, never typed. Earlier instructions stay as they
 * were; this one follows them. LF_STORE_DENIED without LF_PERM_INSTRUCT,
 * LF_STORE_INVALID for an empty text; msg says why in either case. */
lf_store_err lf_case_instruct(lf_store *st, const lf_user *actor, const char *case_id, const char *text,
                              char *msg, size_t len);

/* The head of the case's lead unit (LF_ROLE_UNIT_HEAD, 处室负责人) approves
 * the latest handling report (written and signed by a case worker, 经办人):
 * a signed entry of its own ("approval"), with text (empty: "同意"). The
 * report keeps its worker's signature; both print. LF_STORE_DENIED without
 * LF_PERM_APPROVE_REPORT or for the head of another unit; LF_STORE_INVALID
 * when there is no report to approve or it is approved already. */
lf_store_err lf_case_approve_report(lf_store *st, const lf_user *actor, const char *case_id, const char *text,
                                    char *msg, size_t len);
/* The same for the report the head read, at position report_seen among the
 * case's handling entries (0: the latest, as above): LF_STORE_CONFLICT, and
 * nothing signed, when another report was signed after it. */
lf_store_err lf_case_approve_report_seen(lf_store *st, const lf_user *actor, const char *case_id, int report_seen,
                                         const char *text, char *msg, size_t len);

#endif
