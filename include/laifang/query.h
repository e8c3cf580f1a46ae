/* The query code at the office (issues 13, 15): a case's code for the
 * people who may read the case (its receipt, its screen), and the lookup
 * by code for a clerk answering a petitioner's call (`laifang query`).
 * Office module.
 *
 * The lookup needs a login (any active user: the desk is the office's,
 * the code is the petitioner's proof) and shows only what a petitioner
 * may know (store_query.h). Every lookup is audited; a login that typed
 * LF_QUERY_MISS_LIMIT wrong codes in LF_QUERY_WINDOW_MINUTES is refused
 * until the window has passed, so codes cannot be tried by the thousand. */
#ifndef LAIFANG_QUERY_H
#define LAIFANG_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/store.h"
#include "laifang/store_people.h"
#include "laifang/store_query.h"

#define LF_QUERY_MISS_LIMIT 5
#define LF_QUERY_WINDOW_MINUTES 15

/* The code of a case the actor may read (need to know, as opening it),
 * as stored. mint: a case registered before query codes gets one now
 * (the receipt); else LF_STORE_NOTFOUND when it has none. An archived
 * case without a code gets none (LF_STORE_NOTFOUND, msg says so). */
lf_store_err lf_query_code_of(lf_store *st, const lf_user *actor, const char *case_no_or_id, bool mint,
                              char out[LF_QUERY_CODE_LEN], char *msg, size_t len);

/* Look up what a person typed as a code. LF_STORE_OK with *out filled;
 * LF_STORE_NOTFOUND "no case has this query code" for a wrong code (or
 * text that is no code), saying nothing more; LF_STORE_DENIED when the
 * actor is not logged in or has typed too many wrong codes lately. */
lf_store_err lf_query_lookup(lf_store *st, const lf_user *actor, const char *typed, lf_query_view *out, char *msg,
                             size_t len);

#endif
