/* A case's signed entries as the sheet shows them (issue 11: every signed
 * entry keeps its signer). Core module: no SQL, no curses; the screen and
 * the paper both write a box from here, so they say the same. */
#ifndef LAIFANG_ENTRIES_H
#define LAIFANG_ENTRIES_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/store.h"

/* "YYYY-MM-DD HH:MM" of an ISO 8601 time (out: 17 bytes; the input as it
 * is when shorter). */
void lf_entry_time(const char *iso, char out[17]);

/* A box of the sheet written out from the entries, oldest first, each
 * followed by its own signature line. box "instruction" (领导批示): every
 * instruction, "——签名：张伟（副局长）　日期：2026-11-23 10:05", then every
 * forwarding opinion as "批转意见：…" with its signer. box "handling"
 * (办理情况): every report, "——经办人：…　日期：…", and once approved its
 * unit head's "——处室负责人：…　日期：…" (the approval's words first).
 * malloc'd; NULL when the case has no entry for the box (the box then shows
 * the sheet's own fields). */
char *lf_case_entries_text(const lf_case *c, const char *box);

/* The signers (times false) or times ("YYYY-MM-DD HH:MM", times true) of a
 * kind's entries in order, joined by "；". malloc'd; NULL when none. */
char *lf_case_entries_join(const lf_case *c, const char *kind, bool times);

/* How many entries of a kind the case has. */
size_t lf_case_entries_count(const lf_case *c, const char *kind);

#endif
