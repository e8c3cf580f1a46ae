/* The office layer's door for the faces (tui, cli, paper): opening an
 * office's database, and what its handle says of the last call. The faces
 * call this and the other office modules (caseflow.h, case_read.h,
 * reception.h, people.h...), never the store (tests/check-layers.sh). The
 * handle is the store's, opaque above it. */
#ifndef LAIFANG_OFFICE_H
#define LAIFANG_OFFICE_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/store.h"

/* Open (creating and migrating) the office's database at path; NULL with
 * *err and a translated msg when it cannot. */
lf_store *lf_office_open(const char *path, lf_store_err *err, char *msg, size_t msglen);
/* Whether path is known to name no office's database yet (no file there;
 * on a server that answers, a database without laifang's schema): only
 * init and the desk make one. A server that does not answer is not known
 * to be empty: opening it says why. */
bool lf_office_absent(const char *path);
void lf_office_close(lf_store *st);
/* Who is told, once, before an existing office's database is upgraded at
 * open (lf_store_on_upgrading): it can take minutes on a large office. */
void lf_office_on_upgrading(lf_store_upgrading_fn fn, void *ud);

/* Why the last call on st failed (translated), and its kind. */
const char *lf_office_errmsg(lf_store *st);
lf_store_err lf_office_errcode(lf_store *st);
/* A face records its own failure on the handle (for one message path). */
void lf_office_set_error(lf_store *st, lf_store_err kind, const char *msg);

/* The logged-in account changed since the login (disabled, its roles,
 * unit or password changed): the person must log in again. */
bool lf_office_session_ended(lf_store *st);

/* How many users the office has (0: a new database, whose first start
 * creates the administrator); -1 on a store error. */
int lf_office_user_count(lf_store *st);

/* A face's batch as one unit of work (laifang case apply): fn runs inside
 * one transaction the office opens; its office calls join it. When fn
 * returns 0 the work is committed, else rolled back, and nothing of it
 * stays. Returns fn's result (*e LF_STORE_OK), or -1 with *e when the
 * transaction could not begin or commit (lf_office_errmsg says why). */
typedef int (*lf_office_unit_fn)(lf_store *st, void *ud);
int lf_office_all_or_nothing(lf_store *st, lf_office_unit_fn fn, void *ud, lf_store_err *e);

/* Issue 14: another desk (or any other connection) changed the office's
 * cases since the last look: a list on screen reads its page again. One
 * cheap look, no waiting; false when it cannot be told. */
bool lf_office_changed_elsewhere(lf_store *st);

#endif
