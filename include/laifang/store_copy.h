/* db copy (issue 14): an office's database copied whole into a new
 * database, SQLite or PostgreSQL either way (src/store/copy.c). */
#ifndef LAIFANG_STORE_COPY_H
#define LAIFANG_STORE_COPY_H

#include "laifang/store.h"

/* Open the destination of a copy: migrated, but not sealed (the seal and
 * its database id come with the rows copied). */
lf_store *lf_store_open_copy_target(const char *path, lf_store_err *err, char *msg, size_t msglen);

/* Copy every table of facts and the audit log of from into to (opened by
 * lf_store_open_copy_target, holding no office yet) in one transaction;
 * the search index rebuilt there. *rows counts the rows copied. Errors are
 * recorded on to. */
lf_store_err lf_store_copy(lf_store *from, lf_store *to, long long *rows);

/* After a failed copy into a SQLite file that did not exist before: the
 * file (migrated, holding nothing) and its journal removed. Nothing for a
 * server database (the copy's transaction left nothing there). */
void lf_store_copy_discard(const char *path);

#endif
