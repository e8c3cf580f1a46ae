/* Storage of the office's suggestions (第四十一条（三）, db/031): recorded
 * and their outcome recorded, each signed, audited and sealed; never
 * deleted. No permission is checked here: suggestion.h does. */
#ifndef LAIFANG_STORE_SUGGESTION_H
#define LAIFANG_STORE_SUGGESTION_H

#include <stddef.h>

#include "laifang/store.h"

/* One suggestion as stored; outcome and the outcome_* NULL before an
 * outcome is recorded. Valid during the callback only. */
typedef struct lf_suggestion {
	const char *id, *kind, *made_on, *addressee, *text, *by_name, *at;
	const char *outcome, *outcome_on, *outcome_note, *outcome_by_name;
} lf_suggestion;
typedef int (*lf_suggestion_fn)(const lf_suggestion *s, void *ud);

/* Record one (kind improve|policy|accountability, made_on YYYY-MM-DD),
 * signed by_name by the store's actor; its id into id_out. Audited
 * (suggestion.add). */
lf_store_err lf_store_suggestion_add(lf_store *st, const char *kind, const char *made_on, const char *addressee,
                                     const char *text, const char *by_name, char id_out[37]);
/* Record its outcome (adopted|partly|rejected) on a day not before it was
 * made. id: the whole id or its first 8 or more characters.
 * LF_STORE_NOTFOUND, LF_STORE_INVALID (a prefix that names two, a day
 * before it was made), LF_STORE_CONFLICT (an outcome is already recorded:
 * a signed entry is never replaced). Audited (suggestion.adopt). */
lf_store_err lf_store_suggestion_outcome(lf_store *st, const char *id, const char *outcome, const char *on,
                                         const char *note, const char *by_name);
/* Those made from..to (YYYY-MM-DD, inclusive; on the index
 * suggestion_made_on), by the day made then recorded. */
lf_store_err lf_store_suggestion_each(lf_store *st, const char *from, const char *to, lf_suggestion_fn fn,
                                      void *ud);

#endif
