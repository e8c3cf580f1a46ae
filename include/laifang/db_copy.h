/* The office moving to a server or back to a file (issue 14): its database
 * copied whole into a new database (src/office/db_copy.c). */
#ifndef LAIFANG_DB_COPY_H
#define LAIFANG_DB_COPY_H

#include "laifang/auth.h"
#include "laifang/store.h"

/* Copy the office of from into the new database named by to: a PostgreSQL
 * connection string or a SQLite file (removed again when the copy fails
 * and it did not exist before). Needs `administer`; the copy is recorded in from's
 * audit log first ("db.copy", naming the destination without its
 * password), so the copy carries its own record. An office with attached
 * files names the server's folder for them (attach_dir, absolute): they
 * are copied there by their hashes and the setting attachments_dir names
 * it; into a file they go to the folder beside it (attach_dir NULL). On arrival the copy is checked as `laifang check` does: each problem
 * to fn, their number in *problems. *rows: rows copied. */
lf_store_err lf_office_db_copy(lf_store *from, const lf_user *actor, const char *to, const char *attach_dir,
                               long long *rows, lf_problem_fn fn, void *ud, int *problems, char *msg, size_t len);

#endif
