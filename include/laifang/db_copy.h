/* The office moving to a server (issue 14): its database copied whole into
 * a new PostgreSQL database (src/office/db_copy.c). */
#ifndef LAIFANG_DB_COPY_H
#define LAIFANG_DB_COPY_H

#include "laifang/auth.h"
#include "laifang/store.h"

/* Copy the office of from into the new PostgreSQL database named by to (a
 * connection string). Needs `administer`; the copy is recorded in from's
 * audit log first ("db.copy", naming the destination without its
 * password), so the copy carries its own record. *rows: rows copied. */
lf_store_err lf_office_db_copy(lf_store *from, const lf_user *actor, const char *to, long long *rows, char *msg,
                               size_t len);

#endif
