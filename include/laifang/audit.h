/* Reading the audit log: for administrators and supervisors
 * (LF_PERM_VIEW_AUDIT), checked here before the store is asked. Core
 * module; the log itself is written by the store (store_audit.h). */
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

#endif
