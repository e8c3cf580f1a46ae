/* The audit log for the faces (office module): reading it, for
 * administrators and supervisors (LF_PERM_VIEW_AUDIT), checked here before
 * the store is asked; its office key; its head and check; and the entries
 * of what left the desk (a paper printed, a case's file exported). The log
 * itself is written by the store (store_audit.h). */
#ifndef LAIFANG_AUDIT_H
#define LAIFANG_AUDIT_H

#include <stddef.h>

#include "laifang/store_audit.h"
#include "laifang/store_people.h"

lf_store_err lf_audit_read(lf_store *st, const lf_user *actor, const lf_audit_filter *f, lf_audit_fn fn,
                           void *ud, char *msg, size_t len);

/* Write the office key that seals the log to a new file: administrators
 * only (LF_PERM_ADMINISTER); audited by the store as key.export. */
lf_store_err lf_audit_key_export(lf_store *st, const lf_user *actor, const char *file, char *msg, size_t len);

/* ---- the log's integrity, for `laifang check` and the printed head ----
 * No login: the check is run on a database nobody may be able to log in to,
 * and the head is printed on paper (the store's calls, store_audit.h). */
/* lf_store_check_expect: the problems, and entry seq with hash still there. */
int lf_audit_check(lf_store *st, long long seq, const char *hash, lf_problem_fn fn, void *ud);
/* The head of the chain: the last seq and hash. */
lf_store_err lf_audit_head(lf_store *st, long long *seq, char hash[65]);
/* The office key's state and where its file is (or should be). */
lf_seal_state lf_audit_seal_state(lf_store *st, char *key_path, size_t len);
/* True when the key's path came from the setting audit_key_file. */
bool lf_audit_key_by_setting(lf_store *st);
/* Put the key from file in place: only this log's key is taken, so no
 * permission is asked (lf_store_key_import). */
lf_store_err lf_audit_key_import(lf_store *st, const char *file);

/* ---- what left the desk on paper or in a file ----
 * The face that drew the paper or wrote the file calls these once it is
 * written and before it is handed out: a failure means it is not handed
 * out (the entry could not be written). */
/* A case's paper printed (kind: lf_paper_key), "case.print", noting
 * whether the actor sees ID numbers in full (LF_PERM_VIEW_FULL_ID). */
lf_store_err lf_audit_case_printed(lf_store *st, const lf_user *actor, const char *case_id, const char *kind);
/* A day's reception log printed, "reception.print" (log_id NULL when the
 * day has no log yet). */
lf_store_err lf_audit_reception_printed(lf_store *st, const char *log_id, const char *day);
/* One case's whole file exported as JSON, "export": count, case number,
 * personal data in full (LF_PERM_EXPORT_PERSONAL), and the file when not
 * standard output (file NULL). Needs LF_PERM_EXPORT. */
lf_store_err lf_audit_case_exported(lf_store *st, const lf_user *actor, const char *case_id, const char *case_no,
                                    size_t count, const char *file, char *msg, size_t len);
/* The entries of one case (f->record) for its whole file: for one who may
 * export (LF_PERM_EXPORT) and read the case (access.h). */
lf_store_err lf_audit_read_case(lf_store *st, const lf_user *actor, const lf_audit_filter *f, lf_audit_fn fn,
                                void *ud, char *msg, size_t len);

#endif
