/* Storage of the annual report's acts (《信访工作条例》第四十一条（二）): how
 * many events of a kind the office recorded between two days, by the day
 * they were taken (the index case_event_kind_at, db/031_annual.sql: one
 * range per kind, never a read of the cases). No permission is checked
 * here: the office module (annual.h) does. */
#ifndef LAIFANG_STORE_ANNUAL_H
#define LAIFANG_STORE_ANNUAL_H

#include <stddef.h>

#include "laifang/store.h"

/* out[i]: the events of kind kinds[i] taken on a day from..to (YYYY-MM-DD,
 * both included). LF_STORE_OK, or a failure with the store's message. */
lf_store_err lf_store_event_counts(lf_store *st, const char *from, const char *to, const char *const *kinds,
                                   size_t n, long *out);

#endif
